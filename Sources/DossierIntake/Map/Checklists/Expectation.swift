import DossierModel

/// What a checklist item needs shown before Dossier calls it proven. An item lists several under
/// `expects:`, and all of them must hold: a linked file of the right kind is not enough, it has to
/// show what the item asks (a log with the events and fields, a graph with the property, a sound
/// approval of the right subject, a record stating the fields, an owned and reviewed document).
package indirect enum Expectation: Sendable, Hashable {
    /// Events of some kinds, each carrying some fields, spanning a share of the audit period.
    package struct Log: Sendable, Hashable {
        /// At least one event of any of these kinds; empty means any event.
        package var kinds: [LogEventKind]
        /// Every event of those kinds carries each of these fields.
        package var fields: [LogEventField]
        /// The share of the audit period (0 < share ≤ 1) that events of those kinds span, when asked.
        package var coverage: Double?
        /// At least one event of those kinds succeeded (`succeeded: true`): a log of token exchanges
        /// that all failed shows no renewal working.
        package var succeeded = false
    }

    /// A sound approval: of a file of some kind (or of a release), by someone in one of some roles.
    package struct Approval: Sendable, Hashable {
        /// The evidence kind of the approved file, or `release`; nil accepts any subject.
        package var subject: String?
        /// Words one of which the approver's role must contain; empty accepts any role.
        package var roles: [String]
    }

    /// A structured record of one kind that states some fields.
    package struct Record: Sendable, Hashable {
        package var kind: String
        /// Dotted paths; through a list, every element must state the rest of the path.
        package var fields: [String]
    }

    case log(Log)
    case dataFlow(DataFlowProperty)
    case approval(Approval)
    case record(Record)
    /// A written document with an owner and a review date; `why` says why only a document shows it.
    /// `window`: the policy's freshness window the item holds the document to (`access-review`),
    /// whatever longer one the document gives itself.
    case document(why: String, window: String? = nil)
    /// A waiver in force for one of the item's controls.
    case waiver
    /// Alternatives: at least one holds.
    case oneOf([Expectation])

    /// The policy's freshness windows a document expectation may name (`FreshnessRule.window`).
    package static let documentWindows = ["secret-rotation", "access-review", "staging-retention"]

    /// The `expects:` keys, one per case.
    package static let types = ["log", "data-flow", "approval", "record", "document", "waiver", "one-of"]
    /// The subjects an approval expectation may name besides evidence kinds.
    package static let releaseSubject = "release"
    /// The record kinds a `record` expectation may name.
    package static let recordKinds = ["processing-activity", "agreement", "waiver", "applicability"]

    /// The evidence kinds (`EvidenceDocument.evidenceKind`) that can meet it.
    package var evidenceKinds: Set<String> {
        switch self {
        case .log: ["log-extract"]
        case .dataFlow: ["data-flow"]
        case .approval: ["approval"]
        case .record(let record): [record.kind]
        case .document: ["document"]
        case .waiver: ["waiver"]
        case .oneOf(let alternatives): alternatives.reduce(into: Set<String>()) { $0.formUnion($1.evidenceKinds) }
        }
    }

    /// The evidence kinds it reads: those that can meet it, and the kind of file an approval must
    /// approve (which the answer links too, so that the approval is of this item's evidence).
    package var reliedKinds: Set<String> {
        switch self {
        case .approval(let approval): evidenceKinds.union([approval.subject].compactMap { $0 }.filter { $0 != Self.releaseSubject })
        case .oneOf(let alternatives): alternatives.reduce(into: Set<String>()) { $0.formUnion($1.reliedKinds) }
        default: evidenceKinds
        }
    }

    /// This expectation, or each of its alternatives when it is `oneOf` (nested ones too).
    package var leaves: [Expectation] {
        if case .oneOf(let alternatives) = self { alternatives.flatMap(\.leaves) } else { [self] }
    }

    /// The diagnostic ID prefixes of the rules that check what this expectation asserts: an error of
    /// such a rule on the evidence contradicts the item rather than only leaving it unproven.
    package var checkedBy: [String] {
        switch self {
        case .log: ["dossier.log."]
        case .dataFlow(let property): property.identifiers.map(\.rawValue)
        case .approval: ["dossier.approval."]
        // A record states many things: a finding on one of them contradicts only the items mapped to
        // the controls it bears on (`Diagnostic.weighsOn`), never every item that cites the record.
        case .record(let record) where record.kind == "agreement": ["dossier.agreement."]
        case .record: []
        case .document: []
        case .waiver: ["dossier.waiver."]
        case .oneOf(let alternatives): alternatives.flatMap(\.checkedBy)
        }
    }

    /// One line an auditor reads: `a log of llm-inference events carrying model_version, prompt_hash`.
    package var summary: String {
        switch self {
        case .log(let log):
            let kinds = log.kinds.isEmpty ? "events" : log.kinds.map(\.rawValue).joined(separator: " or ") + " events"
            let fields = log.fields.isEmpty ? "" : " carrying " + log.fields.map(\.rawValue).joined(separator: ", ")
            let coverage = log.coverage.map { " over at least \(Int(($0 * 100).rounded())) % of the audit period" } ?? ""
            return "a log of \(kinds)\(fields)\(coverage)" + (log.succeeded ? ", at least one of them successful" : "")
        case .dataFlow(let property):
            return "a data-flow graph showing that \(property.statement)"
        case .approval(let approval):
            let subject = approval.subject.map { $0 == Self.releaseSubject ? " of the release" : " of the \($0)" } ?? ""
            let roles = approval.roles.isEmpty ? "" : " by " + approval.roles.joined(separator: " or ")
            return "a sound approval\(subject)\(roles)"
        case .record(let record):
            let fields = record.fields.isEmpty ? "" : " stating " + record.fields.joined(separator: ", ")
            return "\(record.kind.first.map { "aeio".contains($0) } == true ? "an" : "a") \(record.kind) record\(fields)"
        case .document(let why, let window):
            return "a document with an owner and a review date" + (window.map { " within the \($0) window" } ?? "") + " (\(why))"
        case .waiver:
            return "a waiver in force for one of its controls"
        case .oneOf(let alternatives):
            return "one of: " + alternatives.map(\.summary).joined(separator: "; or ")
        }
    }
}

/// What a data-flow graph can be shown to hold. Each property is judged by the data-flow rule, whose
/// findings name the property they break; a property holds when no such finding sits on the graph.
package enum DataFlowProperty: String, Sendable, Hashable, CaseIterable {
    case tlsAtLeast12 = "tls-at-least-1.2"
    case everyRecipientRecorded = "every-recipient-recorded"
    case reviewedUnderCurrentHash = "reviewed-under-current-hash"
    case storesEncrypted = "stores-encrypted"
    case transfersDocumented = "transfers-documented"
    case llmTrainingOptOut = "llm-training-opt-out"
    case personalDataMarked = "personal-data-marked"
    case threatsMitigated = "threats-mitigated"

    /// What holds, as a clause: "every flow uses TLS 1.2 or higher".
    package var statement: String {
        switch self {
        case .tlsAtLeast12: "every flow uses TLS 1.2 or higher, or is internal with a justification"
        case .everyRecipientRecorded: "every third-party recipient of personal data is in the record of processing, and drawn"
        case .reviewedUnderCurrentHash: "someone other than its author approved its current content"
        case .storesEncrypted: "every store of personal data is encrypted at rest under a key the organisation holds"
        case .transfersDocumented: "every transfer of personal data outside the EEA is documented"
        case .llmTrainingOptOut: "every LLM provider receiving personal data has opted out of training on it"
        case .personalDataMarked: "every flow says whether it carries personal data"
        case .threatsMitigated: "no high-severity threat is left open"
        }
    }

    /// The data-flow rule's diagnostics that break it (the unknown-facts warning breaks a property
    /// only through the property its line names, see `RuleFinding.property`).
    package var identifiers: [DiagnosticID] {
        switch self {
        case .tlsAtLeast12: [DiagnosticID.dataflowWeakTls]
        case .everyRecipientRecorded: [DiagnosticID.dataflowNoActivity, DiagnosticID.dataflowUnrecordedRecipient, DiagnosticID.dataflowMissingFromGraph]
        case .reviewedUnderCurrentHash: [DiagnosticID.dataflowUnreviewed]
        case .storesEncrypted: [DiagnosticID.dataflowUnencryptedStore]
        case .transfersDocumented: [DiagnosticID.dataflowTransferUndocumented]
        case .llmTrainingOptOut: [DiagnosticID.dataflowLlmNoOptOut]
        case .personalDataMarked: []
        case .threatsMitigated: [DiagnosticID.dataflowOpenThreats]
        }
    }
}

extension Expectation {
    /// A record field as written in `record.fields`: `a.b=value` as the path and the wanted value,
    /// `a.b` as the path alone.
    package static func splitField(_ field: String) -> (path: String, value: String?) {
        guard let equals = field.firstIndex(of: "=") else { return (field, nil) }
        return (String(field[..<equals]), String(field[field.index(after: equals)...]))
    }
}
