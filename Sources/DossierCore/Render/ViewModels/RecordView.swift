import Foundation

/// A typed record shown as tables on its evidence page, so structured data reads as a document.
struct RecordView: Sendable {
    struct Row: Sendable {
        var label: String
        var value: String
        var href: String?
    }

    struct AnswerRow: Sendable {
        var id: String
        var state: String
        var stateClass: String
        var text: String
        var evidenceCount: Int
    }

    var heading: String
    var rows: [Row]
    var hasAnswers: Bool
    var answers: [AnswerRow]

    /// `link` turns an evidence path into an href from the page being rendered (nil when it is not evidence).
    init(_ record: EvidenceRecord, link: (String) -> String?) {
        switch record {
        case .approval(let approval):
            heading = "Approval record"
            rows = Self.rows(for: approval, link: link)
            answers = []
        case .checklist(let checklist):
            heading = "Checklist answers"
            rows = [
                checklist.checklist.map { Row(label: "Checklist", value: $0) },
                checklist.integration.map { Row(label: "Integration", value: $0) },
                Row(label: "Answers", value: Self.tally(checklist)),
            ].compactMap { $0 }
            answers = checklist.answers.map { answer in
                let (state, css): (String, String) = switch answer.state {
                case .done: ("Done", "done")
                case .open: ("Open", "open")
                case .notApplicable: ("N/A", "na")
                }
                return AnswerRow(id: answer.id, state: state, stateClass: css, text: answer.text, evidenceCount: answer.evidence.count)
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

    private static func person(_ person: ApprovalRecord.Person) -> String {
        person.role.map { "\(person.name) (\($0))" } ?? person.name
    }
}
