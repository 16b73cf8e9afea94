import DossierIntake
import DossierModel

/// One checklist item of an answered checklist, weighed: its answer, the evidence linked to it,
/// and the status that follows.
public struct ItemAssessment: Sendable, Hashable {
    public var checklist: String
    public var item: ChecklistDefinition.Item
    public var status: ItemStatus
    /// The answers file, and where the item is in it (nil when unanswered).
    public var answersFile: String
    public var location: SourceLocation?
    /// Evidence paths linked from the answer whose kind one of its expectations takes: what it relies on.
    public var acceptedEvidence: [String]
    /// Evidence paths linked from the answer whose kind no expectation takes: refused, proving nothing.
    public var otherEvidence: [String]
    /// Each expectation of a ticked item, met or not, with the evidence that met it.
    public var outcomes: [ExpectationOutcome] = []
    /// Error findings on the evidence it relies on: those that contradict it, or else those that
    /// leave it unproven.
    public var findings: [Diagnostic] = []
    /// Why: one sentence an auditor can check.
    public var reason: String

    /// `pre-launch ACC-2`.
    public var reference: String { "\(checklist) \(item.id)" }

    /// The controls (`framework control`) a waiver that proves it covers; nil when no waiver does.
    /// Such an item closes no control's gap (see `ControlVerdictAssessor.limitedToItsWaiver`).
    public var provenOnlyFor: Set<String>? {
        let waived = outcomes.compactMap(\.waives)
        return waived.isEmpty ? nil : Set(waived)
    }
}

/// One step of the reasoning behind a control's verdict, naming what it rests on.
public struct DerivationStep: Sendable, Hashable {
    public var text: String
    /// Evidence files the step cites, for links.
    public var evidence: [String]
    /// Whether this step is why the control falls short: an item not proven, a finding, or the
    /// verdict carried from another control. A one-line summary shows such a step, not one that holds.
    public var decides = false
}

/// A control's verdict with the chain that decided it, so an auditor can follow every step.
public struct ControlVerdict: Sendable, Hashable {
    public var framework: String
    public var control: String
    public var title: String
    public var status: ControlStatus
    public var chain: [DerivationStep]
    /// The items that evidence it, as `checklist item` references.
    public var items: [String]
    /// Every evidence file cited anywhere in the chain, sorted.
    public var evidence: [String]
    /// The waiver that covers its gap, while it is in force.
    public var waiver: String?
    /// Controls of other frameworks related by a mapping.
    public var mapped: [MappedControl]

    /// The step a one-line summary shows: for a control that falls short, the first reason it does
    /// (a framework page saying "partial: ACC-1 proven" explained nothing); otherwise the first step.
    public var headline: String {
        let shortfall = [.partial, .stale, .missing].contains(status) ? chain.first(where: \.decides) : nil
        return (shortfall ?? chain.first)?.text ?? ""
    }

    /// `CC6.1 partial: pre-launch ACC-2 proven by approvals/cab-12.json; pre-launch ACC-4 open`.
    public var summary: String {
        "\(control) \(status.rawValue): " + chain.map(\.text).joined(separator: "; ")
    }
}
