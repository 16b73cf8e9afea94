import DossierAssess

/// View models of the compliance pages: frameworks, controls, the Statement of Applicability.
package struct LinkView: Sendable, Encodable, Hashable {
    package var title: String
    package var href: String
}

/// A framework's coverage as a bar: the satisfied share of in-scope controls.
package struct CoverageView: Sendable, Encodable, Hashable {
    package var name: String
    package var href: String
    package var percent: Int
    package var satisfied: Int
    package var inScope: Int
    /// One segment per status with a count, in status order, for the stacked bar and its legend.
    package var segments: [Segment]

    package struct Segment: Sendable, Encodable, Hashable {
        var status: String
        var label: String
        var count: Int
        /// Width of the segment in percent of the bar (all controls, out of scope included).
        var width: Int
    }
}

package struct ControlRowView: Sendable, Encodable, Hashable {
    package var id: String
    package var title: String
    package var status: String
    package var statusLabel: String
    package var href: String
    package var waiver: String?
    package var summary: String
}

package struct FrameworkPageView: Sendable, Encodable, Hashable {
    package var site: SiteView
    package var title: String
    package var name: String
    package var source: String
    package var coverage: CoverageView
    package var controls: [ControlRowView]
}

package struct ChainStepView: Sendable, Encodable, Hashable {
    package var text: String
    package var evidence: [LinkView]
    /// Whether the step names evidence, for the label before the links.
    package var hasEvidence: Bool

    package init(text: String, evidence: [LinkView]) {
        self.text = text
        self.evidence = evidence
        hasEvidence = !evidence.isEmpty
    }

    /// A step of a verdict's chain, its evidence linked by `link` (a page's relative link, or an
    /// anchor within the print page); evidence `link` cannot reach is left out.
    package init(_ step: DerivationStep, link: (String) -> LinkView?) {
        self.init(text: step.text, evidence: step.evidence.compactMap(link))
    }
}

package struct ItemRowView: Sendable, Encodable, Hashable {
    package var reference: String
    package var text: String
    package var status: String
    package var statusLabel: String
    package var reason: String
    /// The answers file, at the item's line when it is answered.
    package var answers: LinkView
    /// Each expectation of a ticked item: what it asks, whether it holds, and the evidence that met it.
    package var hasExpectations: Bool
    package var expectations: [ExpectationRowView]
}

package struct ExpectationRowView: Sendable, Encodable, Hashable {
    package var summary: String
    package var state: String
    package var stateLabel: String
    package var reason: String
    package var evidence: [LinkView]
    package var hasEvidence: Bool

    package init(_ outcome: ExpectationOutcome, evidence: [LinkView]) {
        summary = outcome.expectation.summary
        state = outcome.state.rawValue
        stateLabel = switch outcome.state {
        case .met: "met"
        case .stale: "met by stale evidence"
        case .unmet: "not met"
        }
        reason = outcome.reason
        self.evidence = evidence
        hasEvidence = !evidence.isEmpty
    }
}

package struct MappedRowView: Sendable, Encodable, Hashable {
    package var framework: String
    package var control: String
    package var relationship: String
    package var mapping: String
    package var href: String?
}

package struct ControlPageView: Sendable, Encodable, Hashable {
    package var site: SiteView
    package var title: String
    package var framework: LinkView
    package var control: String
    package var controlTitle: String
    package var status: String
    package var statusLabel: String
    package var waiver: String?
    /// The organisation's applicability decision, for a framework that asks for one or when one was made.
    package var decision: DecisionView?
    package var chain: [ChainStepView]
    package var hasItems: Bool
    package var items: [ItemRowView]
    package var hasEvidence: Bool
    package var evidence: [LinkView]
    package var hasMapped: Bool
    package var mapped: [MappedRowView]
    package var hasDiagnostics: Bool
    package var diagnostics: [DiagnosticView]
    /// The remediations that name this control.
    package var hasRemediations: Bool = false
    package var remediation: RemediationListView = .init()
}

/// The organisation's decision on a control, as the SoA row and the control page show it.
package struct DecisionView: Sendable, Encodable, Hashable {
    /// `yes`, `no` or `undecided` (a class name), and its words.
    package var applicable: String
    package var applicableLabel: String
    package var justification: String?
    package var implementation: String?
    package var implementationLabel: String?
    package var hasDocuments: Bool
    /// A document that is an evidence file links to its page; any other reference is shown as written.
    package var documents: [ReferenceView]
    package var decidedIn: LinkView?
}

/// A reference shown as a link when it leads somewhere in the pack, as text otherwise. (`linked` and
/// `target` are never absent: an absent key would make Mustache take the enclosing row's `href`.)
package struct ReferenceView: Sendable, Encodable, Hashable {
    package var title: String
    package var linked: Bool
    package var target: String

    package init(title: String, href: String?) {
        self.title = title
        linked = href != nil
        target = href ?? ""
    }
}

package struct ApplicabilityRowView: Sendable, Encodable, Hashable {
    package var control: String
    package var title: String
    package var href: String
    package var decision: DecisionView
    package var status: String
    package var statusLabel: String
    package var reason: String
    package var evidence: [LinkView]
}

package struct ApplicabilityPageView: Sendable, Encodable, Hashable {
    package var site: SiteView
    package var title: String
    package var applicable: Int
    package var notApplicable: Int
    package var undecided: Int
    package var hasRows: Bool
    package var rows: [ApplicabilityRowView]
    package var csvHref: String
    package var jsonHref: String
}
