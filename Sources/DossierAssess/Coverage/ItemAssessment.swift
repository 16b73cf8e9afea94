import DossierIntake
import DossierModel

/// One checklist item of an answered checklist, weighed: its answer, the evidence linked to it,
/// and the status that follows.
package struct ItemAssessment: Sendable, Hashable {
    package var checklist: String
    package var item: ChecklistDefinition.Item
    package var status: ItemStatus
    /// The answers file, and where the item is in it (nil when unanswered).
    package var answersFile: String
    package var location: SourceLocation?
    /// Evidence paths linked from the answer whose kind one of its expectations takes: what it relies on.
    package var acceptedEvidence: [String]
    /// Evidence paths linked from the answer whose kind no expectation takes: refused, proving nothing.
    package var otherEvidence: [String]
    /// Each expectation of a ticked item, met or not, with the evidence that met it.
    package var outcomes: [ExpectationOutcome] = []
    /// Error findings on the evidence it relies on: those that contradict it, or else those that
    /// leave it unproven.
    package var findings: [Diagnostic] = []
    /// Why: one sentence an auditor can check.
    package var reason: String

    /// `pre-launch ACC-2`.
    package var reference: String { "\(checklist) \(item.id)" }

    /// Whether its answer settles it: proven, stale or not applicable.
    package var settled: Bool { [.proven, .stale, .notApplicable].contains(status) }

    /// An answer that settles nothing after all: a ticked item is claimed, an N/A one left open.
    mutating func unsettle(because reason: String) {
        status = status == .notApplicable ? .open : .claimed
        self.reason = reason
    }

    /// The controls (`framework control`) a waiver that proves it covers; nil when no waiver does.
    /// Such an item closes no control's gap (see `ControlVerdictAssessor.limitedToItsWaiver`).
    package var provenOnlyFor: Set<String>? {
        let waived = outcomes.compactMap(\.waives)
        return waived.isEmpty ? nil : Set(waived)
    }
}

/// One step of the reasoning behind a control's verdict, naming what it rests on.
package struct DerivationStep: Sendable, Hashable {
    package var text: String
    /// Evidence files the step cites, for links.
    package var evidence: [String]
    /// Whether this step is why the control falls short: an item not proven, a finding, or the
    /// verdict carried from another control. A one-line summary shows such a step, not one that holds.
    package var decides = false
}

/// A control's verdict with the chain that decided it, so an auditor can follow every step.
package struct ControlVerdict: Sendable, Hashable {
    package var framework: String
    package var control: String
    package var title: String
    package var status: ControlStatus
    package var chain: [DerivationStep]
    /// The items that evidence it, as `checklist item` references.
    package var items: [String]
    /// Every evidence file cited anywhere in the chain, sorted.
    package var evidence: [String]
    /// The waiver that covers its gap, while it is in force.
    package var waiver: String?
    /// The organisation's applicability decision on it; nil when none was made.
    package var decision: ControlDecision?
    /// Controls of other frameworks related by a mapping.
    package var mapped: [MappedControl]

    /// The step a one-line summary shows: for a control that falls short, the first reason it does
    /// (a framework page saying "partial: ACC-1 proven" explained nothing); otherwise the first step.
    package var headline: String {
        let shortfall = [.partial, .stale, .missing].contains(status) ? chain.first(where: \.decides) : nil
        return (shortfall ?? chain.first)?.text ?? ""
    }

    /// `CC6.1 partial: pre-launch ACC-2 proven by approvals/cab-12.json; pre-launch ACC-4 open`.
    package var summary: String {
        "\(control) \(status.rawValue): " + chain.map(\.text).joined(separator: "; ")
    }
}

/// An applicability decision with the file it came from.
package struct ControlDecision: Sendable, Hashable {
    package var decision: ApplicabilityDecisions.Decision
    package var file: String

    package init(decision: ApplicabilityDecisions.Decision, file: String) {
        self.decision = decision
        self.file = file
    }

    /// `yes`, `no` or `undecided`, as the Statement of Applicability says it.
    package static func applicable(_ decision: ControlDecision?) -> String {
        switch decision?.decision.applicable {
        case true?: "yes"
        case false?: "no"
        case nil: "undecided"
        }
    }
}
