@testable import DossierAssess
@testable import DossierIntake
@testable import DossierModel
import Testing

/// A third auditor's walk: names under a title or with a look-alike letter, reasons that say nothing
/// or that the work is still to do, a role held no longer.
extension AuditorWalkTests {
    /// The graph's author approving it as `Dr Tomasz Wilk`, or with a Cyrillic Т, kept FLW-1 proven;
    /// a waiver's owner approving it as `Mrs Hannah Okafor` kept the waiver in force.
    @Test func aTitleOrALookAlikeLetterDoesNotMakeTheAuthorASecondPerson() throws {
        for written in ["Dr Tomasz Wilk", "\u{0422}omasz Wilk", "Prof. T. Wilk"] {
            let result = try assess { files in
                try Self.replacing(#""name": "Aisha Mensah""#, with: "\"name\": \"\(written)\"", in: "approvals/dfd-review-2026-09-22.json", &files)
            }
            #expect(try item("FLW-1", result).status != .proven, "\(written)")
        }
        let waived = try assess { files in
            try Self.replacing("approver: {name: Fiona Marsh", with: "approver: {name: Mrs H\u{0430}nnah Okafor", in: "waivers/crm-token-expiry.yml", &files)
        }
        #expect(found(.waiverSelfApproved, waived).count == 1)
        #expect(PersonName.same("Dr Ann Lee", "Ann Lee") && !PersonName.same("Dr Ann Lee", "Dr Bo Lee"))
    }

    /// `N/A — approval pending renewal` on a ticked ACC-3 made it not applicable and hid its stale approval.
    @Test func anItemNotDoneYetIsNotNotApplicable() throws {
        let result = try assess { files in
            try Self.replacing("- [x] ACC-3 Aisha Mensah", with: "- [x] ACC-3 N/A — approval pending renewal. Aisha Mensah", in: "checklists/pre-launch.md", &files)
        }
        let judged = try item("ACC-3", result)
        #expect(judged.status == .open, "\(judged.status)")
        #expect(found(.field("checklist", .naNotDone), result).count == 1)
        #expect(FillerText.defersWork("not done yet, schema still in draft") && !FillerText.defersWork("No personal data is processed"))
    }

    /// `justification: "Not applicable to us."` decided ISO 5.3 out of scope with a warning only.
    @Test func aJustificationThatOnlySaysItDoesNotApplyDecidesNothing() throws {
        let result = try assess { files in
            try Self.replacing(#"control: "5.3", applicable: true, justification: "Builders cannot promote"#,
                               with: #"control: "5.3", applicable: false, justification: "Not applicable to us.", note: "Builders cannot promote"#,
                               in: "applicability/iso27001-soa-decisions.yml", &files)
        }
        #expect(found(.applicabilityNoJustification, result).count == 1)
        #expect(FillerText.givesNoReason("Out of scope for this integration.") && !FillerText.givesNoReason("No premises of our own in scope."))
    }

    /// `justification: "OK"` on a waiver accepted ACC-5's gap.
    @Test func aWaiverThatGivesNoReasonAcceptsNothing() throws {
        let result = try assess { files in
            try Self.replacingLine(startingWith: "justification: The CRM platform", with: "justification: OK", in: "waivers/crm-token-expiry.yml", &files)
        }
        #expect(found(.waiverNoJustification, result).count == 1)
        #expect(try item("ACC-5", result).status != .proven)
    }

    /// `"role": "Engineer (former)"` held the engineer role an approval asks for.
    @Test func aRoleHeldNoLongerIsNotHeld() {
        #expect(!PersonName.role("Engineer (former)", holdsOneOf: ["engineer"]))
        #expect(!PersonName.role("Security engineer, retired", holdsOneOf: ["engineer"]))
        #expect(PersonName.role("Platform Security Engineer", holdsOneOf: ["engineer"]))
    }
}

/// What a log extract's fields hold, not only that they are there: a prompt where its hash should be,
/// a blank model version, a sign-in denied in words the format does not test for.
extension AuditorWalkTests {
    private static let log = "logs/2026-10-13-go-live.jsonl"

    private static func editingEveryLine(_ edit: @escaping (String) -> String) -> (inout [String: String]) throws -> Void {
        { files in
            let text = try #require(files[Self.log])
            files[Self.log] = text.split(separator: "\n", omittingEmptySubsequences: false).map { edit(String($0)) }.joined(separator: "\n")
        }
    }

    @Test func aPromptWhereItsHashShouldBeIsARawPrompt() throws {
        let result = try assess(Self.editingEveryLine { line in
            line.replacingOccurrences(of: #""prompt_sha256": "[0-9a-f]+""#, with: #""prompt_sha256": "Summarise: customer Jane Doe says her account was double charged""#,
                                      options: .regularExpression)
        })
        #expect(found(.logRawPrompt, result).count == 1)
        for id in ["LOG-8", "DAT-6"] { #expect(try item(id, result).status != .proven, "\(id)") }
    }

    @Test func aFieldHoldingNothingIsNotCarried() throws {
        let result = try assess(Self.editingEveryLine { line in
            line.replacingOccurrences(of: #""model_version": "[^"]*""#, with: #""model_version": """#, options: .regularExpression)
        })
        #expect(found(.logIncompleteEvents, result).count == 1)
        #expect(try item("LOG-8", result).status != .proven)
    }

    @Test func aSignInDeniedInOtherWordsIsNoSuccess() throws {
        let result = try assess(Self.editingEveryLine { $0.replacingOccurrences(of: #""result": "success""#, with: #""result": "denied""#) })
        #expect(try item("ACC-5", result).status != .proven)
        #expect(LogFormat.saysFailed("Denied") && !LogFormat.saysFailed("success"))
        #expect(LogFormat.isHash("sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08") && !LogFormat.isHash("summarise-v4"))
    }
}

extension AuditorWalkTests {
    /// `protocol: HTTP (plaintext)` beside `tls_version: "1.3"` left FLW-4 proven.
    @Test func aPlaintextProtocolContradictsTheTLSVersionBesideIt() throws {
        let result = try assess { files in
            try Self.replacing("protocol: HTTPS (webhook)", with: "protocol: HTTP (plaintext)", in: "data-flows/ticket-summariser.yml", &files)
        }
        #expect(found(.dataflowWeakTls, result).count == 1)
        #expect(try item("FLW-4", result).status != .proven)
        #expect(DataFlowRule.isPlaintext("ftp") && !DataFlowRule.isPlaintext("HTTPS (webhook)") && !DataFlowRule.isPlaintext("gRPC over TLS"))
    }
}

/// What a review of the fixes above found they got wrong: two people made one, a current role denied,
/// TLS protocols called plaintext, real values and reasons dropped.
@Suite struct AuditorWalkReviewTests {
    @Test func titlesThatTellPeopleApartKeepThemApart() {
        #expect(!PersonName.same("Mr A Lee", "Mrs A Lee"))
        #expect(!PersonName.same("John Smith Sr", "John Smith Jr"))
        #expect(!PersonName.same("Ing-Marie Berg", "Marie Berg"))
        #expect(PersonName.same("Mrs Hannah Okafor", "Hannah Okafor") && PersonName.same("Dr. Ann Lee", "Ann Lee"))
        #expect(PersonName.same("\u{041D}\u{0418}\u{041D}\u{0410} \u{041F}\u{0415}\u{0422}\u{0420}\u{041E}\u{0412}\u{0410}", "\u{041D}\u{0438}\u{043D}\u{0430} \u{041F}\u{0435}\u{0442}\u{0440}\u{043E}\u{0432}\u{0430}"),
                "a Cyrillic name in capitals and in lower case")
    }

    @Test func aCareerNoteAfterARoleDoesNotDenyIt() {
        #expect(PersonName.role("CISO (formerly Head of IT)", holdsOneOf: ["ciso"]))
        #expect(PersonName.role("Security Engineer, previously SRE", holdsOneOf: ["engineer"]))
    }

    @Test func protocolsThatMayCarryTLSAreNotPlaintext() {
        for written in ["HTTP/2", "HTTP/3", "LDAP (StartTLS)", "FTP over TLS", "HTTPS"] { #expect(!DataFlowRule.isPlaintext(written), "\(written)") }
        for written in ["HTTP", "telnet", "HTTP (plaintext)", "cleartext TCP"] { #expect(DataFlowRule.isPlaintext(written), "\(written)") }
    }

    @Test func reasonsThatSayWhyAreReasons() {
        #expect(!FillerText.givesNoReason("Not applicable: this is a business-to-business integration"))
        #expect(!FillerText.defersWork("Key ceremonies are not done in-house; the HSM is vendor-managed"))
        #expect(!FillerText.defersWork("No procedure to follow: we hold no cardholder data"))
        #expect(!WaiverRule.givesNoReason("\u{65E7}\u{7CFB}\u{7EDF}\u{65E0}\u{6CD5}\u{5347}\u{7EA7}\u{FF0C}\u{5DF2}\u{901A}\u{8FC7}\u{7F51}\u{7EDC}\u{9694}\u{79BB}\u{8865}\u{507F}"))
        #expect(WaiverRule.givesNoReason("Accepted") && WaiverRule.givesNoReason("OK"))
    }

    @Test func aLogValueThatIsAValueIsKept() {
        for value in ["none", "*", "NA", "null"] { #expect(!LogFormat.holdsNothing(value), "\(value)") }
        for value in ["", " ", "-", "TBD", "unknown", "n/a"] { #expect(LogFormat.holdsNothing(value), "'\(value)'") }
    }
}
