import DossierAssess
import DossierIntake

/// A remediation as a page shows it, beside a finding it covers or in a table of plans: what, who, by
/// when, where tracked, and whether it is overdue.
package struct RemediationView: Sendable, Encodable, Hashable {
    var id: String
    var title: String
    /// The remediation's evidence page ("" when it has none: a withheld file). `hasHref` is what a
    /// template tests: a missing key would be looked up in the enclosing view (Mustache's context stack).
    var href: String
    var hasHref: Bool
    var status: String
    var statusClass: String
    var owner: String
    var due: String
    var overdue: Bool
    var ticket: String
    var ticketHref: String
    var hasTicketHref: Bool
    /// What it names, and what of it still stands at the build date.
    var names: String
    var outstanding: String
    var hasOutstanding: Bool

    /// What every page listing remediations says of them.
    static let effect = "Remediation records work in progress and changes no verdict: unlike a waiver it accepts no gap, "
        + "so the findings it names keep their severity and each control keeps the status its evidence gives it."
}

extension RemediationView {
    init(_ entry: RemediationPlan.Entry, from page: String, links: PageLinks) {
        let remediation = entry.remediation
        let page = links.evidence(entry.file, from: page)
        id = remediation.id
        title = remediation.title
        href = page?.href ?? ""
        hasHref = page != nil
        status = remediation.status.label
        statusClass = remediation.status.rawValue
        owner = remediation.owner.description
        due = RecordView.day(remediation.due)
        overdue = entry.overdue
        ticket = remediation.ticket
        ticketHref = TicketLink.href(remediation.ticket) ?? ""
        hasTicketHref = !ticketHref.isEmpty
        names = remediation.findings.map(\.target.description).joined(separator: "; ")
        outstanding = entry.outstanding.map(\.description).joined(separator: "; ")
        hasOutstanding = !outstanding.isEmpty
    }
}

/// The plans a page lists (the findings page: all of them; a control page: those naming the control).
package struct RemediationListView: Sendable, Encodable, Hashable {
    var effect: String = RemediationView.effect
    var remediations: [RemediationView] = []
}

extension RemediationListView {
    init(_ entries: [RemediationPlan.Entry], from page: String, links: PageLinks) {
        self.init(remediations: entries.map { RemediationView($0, from: page, links: links) })
    }
}
