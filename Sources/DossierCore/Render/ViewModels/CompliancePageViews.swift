/// View models of the compliance pages: frameworks, controls, the Statement of Applicability.
struct LinkView: Sendable, Encodable {
    var title: String
    var href: String
}

/// A framework's coverage as a bar: the satisfied share of in-scope controls.
struct CoverageView: Sendable, Encodable {
    var name: String
    var href: String
    var percent: Int
    var satisfied: Int
    var inScope: Int
    /// One segment per status with a count, in status order, for the stacked bar and its legend.
    var segments: [Segment]

    struct Segment: Sendable, Encodable {
        var status: String
        var label: String
        var count: Int
        /// Width of the segment in percent of the bar (all controls, out of scope included).
        var width: Int
    }
}

struct ControlRowView: Sendable, Encodable {
    var id: String
    var title: String
    var status: String
    var statusLabel: String
    var href: String
    var waiver: String?
    var summary: String
}

struct FrameworkPageView: Sendable, Encodable {
    var site: SiteView
    var title: String
    var name: String
    var source: String
    var coverage: CoverageView
    var controls: [ControlRowView]
}

struct ChainStepView: Sendable, Encodable {
    var text: String
    var evidence: [LinkView]
    /// Whether the step names evidence, for the label before the links.
    var hasEvidence: Bool

    init(text: String, evidence: [LinkView]) {
        self.text = text
        self.evidence = evidence
        hasEvidence = !evidence.isEmpty
    }
}

struct ItemRowView: Sendable, Encodable {
    var reference: String
    var text: String
    var status: String
    var statusLabel: String
    var reason: String
    /// The answers file, at the item's line when it is answered.
    var answers: LinkView
    /// Each expectation of a ticked item: what it asks, whether it holds, and the evidence that met it.
    var hasExpectations: Bool
    var expectations: [ExpectationRowView]
}

struct ExpectationRowView: Sendable, Encodable {
    var summary: String
    var state: String
    var stateLabel: String
    var reason: String
    var evidence: [LinkView]
    var hasEvidence: Bool

    init(_ outcome: ExpectationOutcome, evidence: [LinkView]) {
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

struct MappedRowView: Sendable, Encodable {
    var framework: String
    var control: String
    var relationship: String
    var mapping: String
    var href: String?
}

struct ControlPageView: Sendable, Encodable {
    var site: SiteView
    var title: String
    var framework: LinkView
    var control: String
    var controlTitle: String
    var status: String
    var statusLabel: String
    var waiver: String?
    var chain: [ChainStepView]
    var hasItems: Bool
    var items: [ItemRowView]
    var hasEvidence: Bool
    var evidence: [LinkView]
    var hasMapped: Bool
    var mapped: [MappedRowView]
    var hasDiagnostics: Bool
    var diagnostics: [DiagnosticView]
}

struct ApplicabilityRowView: Sendable, Encodable {
    var control: String
    var title: String
    var href: String
    var applicable: String
    var justification: String
    var status: String
    var statusLabel: String
    var evidence: [LinkView]
}

struct ApplicabilityPageView: Sendable, Encodable {
    var site: SiteView
    var title: String
    var hasRows: Bool
    var rows: [ApplicabilityRowView]
    var csvHref: String
    var jsonHref: String
}
