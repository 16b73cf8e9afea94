import DossierAssess
import DossierIntake
import DossierModel
import Foundation

/// A typed record shown as tables on its evidence page, so structured data reads as a document.
package struct RecordView: Sendable, Encodable, Hashable {
    package struct Row: Sendable, Encodable, Hashable {
        var label: String
        var value: String
        var href: String?
        /// What a template tests: a missing `href` would be looked up in the enclosing view instead
        /// (Mustache's context stack), and a diagram's row would link to the diagram.
        var hasHref: Bool

        init(label: String, value: String, href: String? = nil) {
            self.label = label
            self.value = value
            self.href = href
            self.hasHref = href != nil
        }
    }

    package struct AnswerRow: Sendable, Encodable, Hashable {
        var id: String
        var state: String
        var stateClass: String
        var text: String
        var evidenceCount: Int
        /// What Dossier concluded (proven, contradicted, claimed …): a ticked box is only the claim.
        var verdict: String = ""
        var verdictClass: String = ""
    }

    package var heading: String
    package var rows: [Row]
    package var hasAnswers: Bool
    package var answers: [AnswerRow]

    /// `link` turns an evidence path into an href from the page being rendered (nil when it is not evidence).
    /// `verdicts`: for checklist answers, each item's status by ID, shown beside the answer.
    package init(_ record: EvidenceRecord, verdicts: [String: ItemStatus] = [:], link: (String) -> String?) {
        switch record {
        case .approval(let approval):
            heading = "Approval record"
            rows = Self.rows(for: approval, link: link)
            answers = []
        case .processingActivity(let activity):
            heading = "Record of processing (GDPR Art. 30)"
            rows = Self.rows(for: activity)
            answers = []
        case .applicability(let decisions):
            heading = "Applicability decisions"
            rows = decisions.decisions.map { decision in
                Row(label: "\(FrameworkName.of(decision.framework)) \(decision.control)",
                    value: Self.describe(decision))
            }
            answers = []
        case .waiver(let waiver):
            heading = "Waiver"
            rows = [
                Row(label: "Waiver", value: waiver.id),
                Row(label: "Control", value: "\(FrameworkName.of(waiver.framework)) \(waiver.control)"),
                Row(label: "Justification", value: waiver.justification),
                Row(label: "Owner", value: waiver.owner.description),
                Row(label: "Approver", value: waiver.approver.description),
                Row(label: "Granted", value: Self.day(waiver.grantedAt)),
                Row(label: "Expires", value: Self.day(waiver.expiresAt)),
            ] + waiver.compensatingControls.map { Row(label: "Compensating control", value: $0) }
            answers = []
        case .remediation(let remediation):
            heading = "Remediation"
            rows = Self.rows(for: remediation, link: link)
            answers = []
        case .agreement(let agreement):
            heading = "Agreement"
            rows = [
                Row(label: "Agreement", value: "\(agreement.id) (\(agreement.type.rawValue.uppercased()))"),
                Row(label: "Counterparty", value: agreement.counterparty + (agreement.providerKind.map { " — \($0.rawValue) provider" } ?? "")),
                Row(label: "Scope", value: agreement.scope),
                Row(label: "Data categories", value: agreement.dataCategories.joined(separator: ", ")),
                Row(label: "Training opt-out", value: agreement.trainingOptOut.map { $0 ? "yes" : "no" } ?? "not stated"),
                Row(label: "Transfer mechanism", value: agreement.transferMechanism.rawValue),
                Row(label: "Signed", value: Self.day(agreement.signedAt)),
                Row(label: "Expires", value: agreement.expiresAt.map(Self.day) ?? "no expiry stated"),
            ] + (agreement.document.map { [Row(label: "Signed document", value: $0, href: link($0))] } ?? [])
            answers = []
        case .framework(let catalog):
            heading = "Framework catalog: \(catalog.name)"
            rows = [Row(label: "Framework", value: catalog.framework), Row(label: "Source", value: catalog.source)]
                + catalog.controls.map { Row(label: $0.id, value: $0.title) }
            answers = []
        case .checklistDefinition(let pending):
            heading = "Checklist definition"
            rows = [
                Row(label: "Checklist", value: pending.id),
                Row(label: "Items", value: String(pending.tree["items"]?.elements?.count ?? 0)),
            ]
            answers = []
        case .mapping(let pending):
            heading = "Cross-framework mapping"
            rows = [
                Row(label: "Mapping", value: pending.id),
                Row(label: "From", value: pending.tree["source_framework"]?.string.map(FrameworkName.of) ?? "not stated"),
                Row(label: "To", value: pending.tree["target_framework"]?.string.map(FrameworkName.of) ?? "not stated"),
                Row(label: "Source", value: pending.tree["source"]?.string ?? "not stated"),
                Row(label: "Rows", value: String(pending.tree["relations"]?.elements?.count ?? 0)),
            ]
            answers = []
        case .logFormat(let pending):
            heading = "Log format"
            rows = [
                Row(label: "Format", value: pending.id),
                Row(label: "Name", value: pending.tree["name"]?.string ?? "not stated"),
            ]
            answers = []
        case .dataFlow(let graph):
            heading = switch graph.origin {
            case .native: "Data-flow graph"
            case .threatDragon: "Data-flow graph (imported from Threat Dragon)"
            case .pytm: "Data-flow graph (imported from OWASP pytm)"
            }
            rows = Self.rows(for: graph)
            answers = []
        case .checklist(let checklist):
            heading = "Checklist answers"
            rows = [
                checklist.checklist.map { Row(label: "Checklist", value: $0) },
                checklist.integration.map { Row(label: "Integration", value: $0) },
                checklist.owner.map { Row(label: "Answered by", value: $0) },
                checklist.answeredAt.map { Row(label: "Answered on", value: Self.day($0)) },
                Row(label: "Answers", value: Self.tally(checklist)),
            ].compactMap { $0 }
            answers = checklist.answers.map { answer in
                let (state, css): (String, String) = switch answer.state {
                case .done: ("Done", "done")
                case .open: ("Open", "open")
                case .notApplicable: ("N/A", "na")
                }
                let verdict = verdicts[answer.id]
                return AnswerRow(id: answer.id, state: state, stateClass: css, text: answer.text, evidenceCount: answer.evidence.count,
                                 verdict: verdict?.label ?? "", verdictClass: verdict?.rawValue ?? "")
            }
        }
        hasAnswers = !answers.isEmpty
    }

    private static func tally(_ checklist: ChecklistAnswers) -> String {
        let done = checklist.answers.count { $0.state == .done }
        let open = checklist.answers.count { $0.state == .open }
        let notApplicable = checklist.answers.count - done - open
        return "\(checklist.answers.count) items: \(done) done · \(open) open · \(notApplicable) not applicable"
    }

    private static func rows(for approval: ApprovalRecord, link: (String) -> String?) -> [Row] {
        var rows = [Row(label: "Record", value: approval.id)]
        switch approval.subject {
        case .file(let path, let sha256, _):
            rows.append(Row(label: "Approved content", value: path, href: link(path)))
            rows.append(Row(label: "SHA-256 when approved", value: sha256))
        case .release(let release):
            rows.append(Row(label: "Approved release", value: release))
        }
        rows.append(Row(label: "Decision", value: approval.decision.rawValue.replacingOccurrences(of: "-", with: " ")))
        rows.append(Row(label: "Decided", value: BuildDate(date: approval.decidedAt, source: .clock).isoTimestamp))
        rows.append(Row(label: "Requester", value: person(approval.requester)))
        rows.append(Row(label: "Approver", value: person(approval.approver)))
        if let ticket = approval.changeTicket { rows.append(Row(label: "Change ticket", value: ticket)) }
        if let risk = approval.riskNote { rows.append(Row(label: "Risk note", value: risk)) }
        for condition in approval.conditions { rows.append(Row(label: "Condition", value: condition)) }
        return rows
    }

    private static func person(_ person: PersonName) -> String { person.description }

    static func day(_ date: Date) -> String { BuildDate(date: date, source: .clock).isoDay }

    private static func list(_ items: [String]) -> String { items.isEmpty ? "—" : items.joined(separator: "; ") }

    /// One row per system and per flow, every unstated fact shown as "unknown"; the diagram comes later.
    private static func rows(for graph: DataFlowGraph) -> [Row] {
        var rows = [Row(label: "Graph", value: "\(graph.title) (\(graph.id))")]
        if let activity = graph.activity { rows.append(Row(label: "Processing activity", value: activity)) }
        if let author = graph.author { rows.append(Row(label: "Author", value: author.description)) }
        if graph.trustBoundaries > 0 { rows.append(Row(label: "Trust boundaries drawn", value: String(graph.trustBoundaries))) }
        if !graph.threats.isEmpty {
            let open = graph.threats.filter(\.isOpen)
            let ranks = ["critical", "high", "medium", "low"]
            let bySeverity = Dictionary(grouping: open) { $0.severity.lowercased() }
                .sorted { (ranks.firstIndex(of: $0.key) ?? ranks.count, $0.key) < (ranks.firstIndex(of: $1.key) ?? ranks.count, $1.key) }
                .map { "\($0.value.count) \($0.key)" }
            rows.append(Row(label: "Threats in the model", value: "\(graph.threats.count) recorded, \(open.count) open" + (bySeverity.isEmpty ? "" : " (\(bySeverity.joined(separator: ", ")))")))
            for threat in open.sorted(by: { ($0.isHigh ? 0 : 1, $0.title) < ($1.isHigh ? 0 : 1, $1.title) }) {
                rows.append(Row(label: "Open threat (\(threat.severity))", value: "\(threat.title), on \(threat.element)" + (threat.type.map { "; \($0)" } ?? "")
                    + (threat.mitigation.map { "; planned mitigation: \($0)" } ?? "")))
            }
        }
        for system in graph.systems {
            var value = "\(system.kind.rawValue); owner \(system.owner.text { $0 }); location \(system.location.text { $0 })"
            value += "; encrypted at rest \(system.encryptionAtRest.yesNo)"
            if system.encryptionAtRest != .known(false) { value += ", key held by \(system.keyHolder.text(\.rawValue))" }
            value += "; third party \(system.thirdParty.yesNo)" + system.notes.map { "; \($0)" }.joined()
            rows.append(Row(label: "System: \(system.name)", value: value))
        }
        let names = Dictionary(graph.systems.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        for flow in graph.flows {
            let arrow = flow.bidirectional ? " ↔ " : " → "
            var value = (flow.name.map { "\($0): " } ?? "") + "data \(flow.dataCategories.text { list($0) }); personal data \(flow.personalData.yesNo)"
            value += "; protocol \(flow.protocol.text { $0 }); encrypted \(flow.encrypted.yesNo); TLS \(flow.tlsVersion.text(\.rawValue))"
            value += "; purpose \(flow.purpose.text { $0 })" + (flow.internalJustification.map { "; internal: \($0)" } ?? "")
            value += flow.notes.map { "; \($0)" }.joined()
            rows.append(Row(label: "Flow \(flow.id): \(names[flow.source] ?? flow.source)\(arrow)\(names[flow.target] ?? flow.target)", value: value))
        }
        return rows
    }

    private static func rows(for activity: ProcessingActivity) -> [Row] {
        var rows = [Row(label: "Activity", value: "\(activity.name) (\(activity.id))")]
        if let description = activity.description { rows.append(Row(label: "Description", value: description)) }
        if let controller = activity.controller {
            var value = "\(controller.name), \(controller.contact)"
            if let dpo = controller.dpo { value += "; DPO \(dpo.name), \(dpo.contact)" }
            if let representative = controller.representative { value += "; representative \(representative)" }
            rows.append(Row(label: "30(1)(a) Controller", value: value))
        }
        rows.append(Row(label: "30(1)(b) Purposes", value: list(activity.purposes)))
        rows.append(Row(label: "30(1)(c) Data subjects", value: list(activity.dataSubjects)))
        rows.append(Row(label: "30(1)(c) Personal data", value: list(activity.personalData)))
        rows.append(Row(label: "30(1)(d) Recipients", value: list(activity.recipients.map { recipient in
            recipient.name + (recipient.thirdParty ? " (third party" + (recipient.country.map { ", \($0)" } ?? "")
                + (recipient.dpfCertified ? ", EU-US Data Privacy Framework certified" : "") + ")" : " (internal)")
        })))
        rows.append(Row(label: "30(1)(e) Transfers", value: activity.transfers.isEmpty ? "none declared" : list(activity.transfers.map {
            "\($0.destination), \($0.country): \($0.safeguard.rawValue)" + ($0.reference.map { " (\($0))" } ?? "")
        })))
        rows.append(Row(label: "30(1)(f) Erasure time limits", value: activity.erasure ?? "—"))
        rows.append(Row(label: "30(1)(g) Security measures", value: list(activity.securityMeasures)))
        for (label, person) in [("Owner", activity.owner), ("Deputy", activity.deputy), ("Business sponsor", activity.sponsor)] {
            if let person { rows.append(Row(label: label, value: person.description)) }
        }
        if !activity.systems.isEmpty { rows.append(Row(label: "Systems", value: list(activity.systems))) }
        if !activity.dataClasses.isEmpty { rows.append(Row(label: "Data classes", value: list(activity.dataClasses))) }
        for credential in activity.credentials {
            var value = "\(credential.serviceAccount) — scopes \(credential.scopes.joined(separator: ", ")); rotated \(day(credential.rotatedAt))"
            value += credential.expiresAt.map { "; expires \(day($0))" } ?? "; no expiry set"
            if credential.shared { value += "; shared" }
            if credential.personal { value += "; a person's credential" }
            rows.append(Row(label: "Credential: \(credential.system)", value: value))
        }
        return rows
    }
}

extension RecordView {
    /// One decision in a line: `Applicable (in place): <justification>. Documents: a, b`.
    static func describe(_ decision: ApplicabilityDecisions.Decision) -> String {
        let verb = switch decision.applicable {
        case true?: "Applicable"
        case false?: "Not applicable"
        case nil: "Undecided"
        }
        let implementation = decision.implementation.map { " (implementation: \($0.label.lowercased()))" } ?? ""
        let reason = decision.justification.map { ": " + $0 } ?? ""
        let documents = decision.documents.isEmpty ? "" : ". Documents: " + decision.documents.joined(separator: ", ")
        return verb + implementation + reason + documents
    }
}
