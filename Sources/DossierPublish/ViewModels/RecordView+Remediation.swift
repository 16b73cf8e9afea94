import DossierIntake

extension RecordView {
    /// A remediation's evidence page: what it clears, who owns it, when it is due, where it is tracked.
    /// Whether it is overdue is the page's own finding (`dossier.remediation.overdue`), listed below it.
    static func rows(for remediation: Remediation, link: (String) -> String?) -> [Row] {
        var rows = [
            Row(label: "Remediation", value: remediation.id),
            Row(label: "Title", value: remediation.title),
            Row(label: "Status", value: remediation.status.label),
            Row(label: "Owner", value: remediation.owner.description),
            Row(label: "Due", value: day(remediation.due)),
        ]
        if let opened = remediation.openedAt { rows.append(Row(label: "Opened", value: day(opened))) }
        rows.append(Row(label: "Ticket", value: remediation.ticket, href: TicketLink.href(remediation.ticket)))
        for reference in remediation.findings {
            switch reference.target {
            case .finding(_, let file, _):
                rows.append(Row(label: "Clears finding", value: reference.target.description, href: link(file)))
            case .control:
                rows.append(Row(label: "Clears the gap of", value: reference.target.description))
            }
        }
        if let notes = remediation.notes { rows.append(Row(label: "Notes", value: notes)) }
        rows.append(Row(label: "Effect on verdicts", value: RemediationView.effect))
        return rows
    }
}
