@testable import DossierIntake
@testable import DossierModel
@testable import DossierPublish
import Foundation
import Testing

/// A remediation's ticket is a link only when it is http or https; anything else is shown as text,
/// so evidence cannot put a script or a local file behind a link in the pack.
@Suite struct RemediationViewTests {
    @Test(arguments: [
        ("https://tickets.example.com/browse/LEGAL-7", true), ("HTTP://intranet.example.com/t/7", true),
        ("javascript:alert(1)", false), ("file:///etc/passwd", false), ("data:text/html,<b>x</b>", false),
        ("LEGAL-214", false), ("https://tickets.example.com/a b", false), ("https://x.example.com/\u{7}", false),
    ])
    func onlyWebTicketsAreLinks(_ ticket: String, _ linked: Bool) {
        #expect((TicketLink.href(ticket) != nil) == linked)
    }

    @Test func theRecordPageLinksTheTicketAndTheFilesItNames() {
        let remediation = Remediation(
            id: "REM-1", title: "Renew", findings: [
                .init(target: .finding(rule: "dossier.agreement.expired", file: "vendor.yml", line: nil), location: .init(line: 5, column: 5)),
                .init(target: .control(framework: "iso27001-2022", control: "5.20"), location: .init(line: 6, column: 5)),
            ],
            owner: PersonName(name: "Ann Owner", role: "Legal Counsel"), due: ISODate.parse("2026-11-01")!, status: .open,
            ticket: "javascript:alert(1)", notes: nil, openedAt: nil, dueLocation: .init(line: 8, column: 6), statusLocation: .init(line: 9, column: 9))
        let rows = RecordView(.remediation(remediation)) { "page/" + $0 }.rows
        let byLabel = Dictionary(rows.map { ($0.label, $0) }, uniquingKeysWith: { first, _ in first })
        #expect(byLabel["Ticket"]?.value == "javascript:alert(1)")
        #expect(byLabel["Ticket"]?.hasHref == false)
        #expect(byLabel["Clears finding"]?.href == "page/vendor.yml")
        #expect(byLabel["Clears the gap of"]?.value == "ISO/IEC 27001:2022 Annex A 5.20")
        #expect(byLabel["Due"]?.value == "2026-11-01")
        #expect(byLabel["Effect on verdicts"]?.value.contains("changes no verdict") == true)
    }
}
