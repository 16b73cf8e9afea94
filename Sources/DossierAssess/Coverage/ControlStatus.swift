/// A control's verdict, from the best to the worst for an audit (the order coverage bars use).
package enum ControlStatus: String, Sendable, Hashable, CaseIterable, Comparable {
    /// Every checklist item that evidences it is answered with evidence that proves it.
    case satisfied
    /// Some of its items are proven or stale, and others are open, claimed or unanswered.
    case partial
    /// It would be satisfied, but some of the proof is older than its freshness window.
    case stale
    /// None of its items is proven.
    case missing
    /// Its framework asks for an applicability decision on every control (ISO/IEC 27001's Statement of
    /// Applicability), none was made, and nothing evidences it. It counts as in scope until decided.
    case undecided
    /// An applicability decision, or every item that evidences it, says it does not apply, with a reason.
    case notApplicable = "not-applicable"
    /// Nothing in force evidences it: no item of an answered checklist maps to it.
    case outOfScope = "out-of-scope"

    package var label: String {
        switch self {
        case .satisfied: "Satisfied"
        case .partial: "Partial"
        case .stale: "Stale"
        case .missing: "Missing"
        case .undecided: "Undecided"
        case .notApplicable: "Not applicable"
        case .outOfScope: "Out of scope"
        }
    }

    package static func < (lhs: ControlStatus, rhs: ControlStatus) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// Where a checklist item stands once its answer and its evidence are weighed. This vocabulary is
/// fixed: later work may add a status (`period-gaps` is reserved for observation periods), never
/// change what one of these means.
package enum ItemStatus: String, Sendable, Hashable, CaseIterable {
    /// Ticked, and every expectation is met by sound, fresh evidence with no error on it.
    case proven
    /// Ticked, but a rule that checks what the item asserts found an error on its evidence.
    case contradicted
    /// Ticked, but some expectation is not met, or its evidence has errors: claimed, unproven.
    case claimed
    /// Ticked and evidenced, but the evidence is past its freshness window.
    case stale
    /// Left open in the answers.
    case open
    /// Answered N/A, with the reason given.
    case notApplicable = "not-applicable"
    /// Not in the answers at all.
    case unanswered

    /// Whether the answer says the item's practice is in place (ticked), whatever its evidence shows.
    package var isAnsweredDone: Bool {
        [.proven, .claimed, .contradicted, .stale].contains(self)
    }

    package var label: String {
        switch self {
        case .proven: "Proven"
        case .contradicted: "Contradicted"
        case .claimed: "Claimed, unproven"
        case .stale: "Stale"
        case .open: "Open"
        case .notApplicable: "Not applicable"
        case .unanswered: "Unanswered"
        }
    }
}
