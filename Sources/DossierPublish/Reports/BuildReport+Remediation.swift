import DossierAssess
import DossierIntake
import DossierModel

extension BuildReport {
    /// A remediation as `report.json` lists it: the record, whether it is overdue at the build date,
    /// and what it names that still stands. Its findings carry its ID under `remediations`.
    package struct Remediation: Encodable {
        package struct Person: Encodable {
            var name: String
            var role: String?
        }

        /// One entry of the record's `findings`: a finding (`rule`, `file`, `line`) or a control.
        package struct Target: Encodable {
            var rule: String?
            var file: String?
            var line: Int?
            var framework: String?
            var control: String?
        }

        var id: String
        var title: String
        var file: String
        var status: String
        var owner: Person
        var due: String
        var openedAt: String?
        var ticket: String
        var notes: String?
        var overdue: Bool
        var findings: [Target]
        /// What it names that still stands at the build date, in words.
        var outstanding: [String]

        enum CodingKeys: String, CodingKey {
            case id, title, file, status, owner, due, openedAt = "opened_at", ticket, notes, overdue, findings, outstanding
        }

        init(_ entry: RemediationPlan.Entry, context: ReportContext) {
            let record = entry.remediation
            id = record.id
            title = record.title
            file = context.uri(entry.file)
            status = record.status.rawValue
            owner = Person(name: record.owner.name, role: record.owner.role)
            due = ISODate.day(record.due)
            openedAt = record.openedAt.map(ISODate.day)
            ticket = record.ticket
            notes = record.notes
            overdue = entry.overdue
            findings = record.findings.map { reference in
                switch reference.target {
                case .finding(let rule, let file, let line): Target(rule: rule, file: context.uri(file), line: line)
                case .control(let framework, let control): Target(framework: framework, control: control)
                }
            }
            outstanding = entry.outstanding.map(\.description)
        }
    }
}
