@testable import DossierAssess
@testable import DossierIntake
@testable import DossierModel
import DossierTestSupport
import Foundation
import Testing

/// A log extract speaks for the pipeline whose service accounts act in it: another pipeline's log
/// proves nothing about this one, and a person signing in beside the pipeline's accounts contradicts
/// "no personal login in production" (the sample evidence, its go-live extract edited).
@Suite struct LogIdentityTests {
    static let log = "logs/2026-10-13-go-live.jsonl"

    private func assess(editingTheLog edit: (String) -> String) throws -> Assessment {
        var files = try AssessmentFixture.sampleEvidence()
        files[Self.log] = edit(try #require(files[Self.log]))
        return try AssessmentFixture.check(files)
    }

    private func item(_ id: String, in result: Assessment) throws -> ItemAssessment {
        try #require(result.compliance.items.first { $0.item.id == id })
    }

    @Test func theSampleExtractIsTheSummarisersOwn() throws {
        let result = try assess { $0 }
        #expect(try item("LOG-7", in: result).status == .proven)
        #expect(try item("ACC-1", in: result).status == .proven)
        #expect(result.diagnostics.filter { $0.identifier == DiagnosticID.accessUndeclaredSignIn.rawValue }.isEmpty)
    }

    /// The billing bot's extract, linked from the summariser's answers, proved LOG-7 for it.
    @Test func anotherPipelinesExtractProvesNothingForThisOne() throws {
        let result = try assess { $0.replacingOccurrences(of: "svc-summariser-", with: "svc-billing-") }
        let log7 = try item("LOG-7", in: result)
        #expect(log7.status == .claimed)
        #expect(log7.reason.contains("\(Self.log) logs another pipeline: its events are by 'svc-billing-crm', 'svc-billing-helpdesk', 'svc-billing-llm', none of them a service account of ticket-summariser"), "\(log7.reason)")
        // Its sign-ins are of accounts no record lists, but none of the summariser's: not its pipeline.
        #expect(result.diagnostics.filter { $0.identifier == DiagnosticID.accessUndeclaredSignIn.rawValue }.isEmpty)
    }

    /// A developer's login in the go-live extract left ACC-1 ("no personal login in production") proven.
    @Test func aPersonSigningInBesideThePipelineContradictsACC1() throws {
        let login = #"{"ts": "2026-10-13T18:30:00.000Z", "event": "auth.token_exchange", "service_account": "jane.doe@example.com", "result": "success", "source_ip": "10.20.9.9", "correlation_id": "c-9001"}"#
        let failed = #"{"ts": "2026-10-13T18:31:00.000Z", "event": "auth.token_exchange", "service_account": "mallory", "result": "failure", "source_ip": "10.20.9.9", "correlation_id": "c-9002"}"#
        var line = 0
        let result = try assess { text in
            line = text.split(separator: "\n").count + 1
            return text + login + "\n" + failed + "\n"
        }
        let found = result.diagnostics.filter { $0.identifier == DiagnosticID.accessUndeclaredSignIn.rawValue }
        #expect(found.count == 1, "a failed attempt is no login: \(found.map(\.summary))")
        let finding = try #require(found.first)
        #expect(finding.severity == .error && finding.file == "activities/ticket-summariser.yml" && finding.field == "credentials.service_account")
        #expect(finding.summary.hasPrefix("\(Self.log):\(line) shows 'jane.doe@example.com' signing in beside the service accounts of ticket-summariser"), "\(finding.summary)")
        let acc1 = try item("ACC-1", in: result)
        #expect(acc1.status == .contradicted && acc1.reason.contains("dossier.access.undeclared-sign-in"), "\(acc1.reason)")
        // Items that read other fields of the record stand.
        #expect(try item("ACC-2", in: result).status == .proven)
    }

    /// A successful sign-in under `user` (no field the format reads an identity from) left ACC-1
    /// proven, while the same event with an empty `service_account` contradicted it.
    @Test func aSignInThatNamesNoIdentityContradictsACC1() throws {
        let login = #"{"ts": "2026-10-13T18:01:20.000Z", "event": "auth.token_exchange", "user": "tomasz.wilk@example.com", "result": "success", "source_ip": "10.20.9.50", "correlation_id": "c-9003"}"#
        let result = try assess { $0 + login + "\n" }
        let found = result.diagnostics.filter { $0.identifier == DiagnosticID.accessUndeclaredSignIn.rawValue }
        #expect(found.count == 1 && found.first?.summary.contains("shows a sign-in that names no identity signing in beside") == true, "\(found.map(\.summary))")
        #expect(try item("ACC-1", in: result).status == .contradicted)
    }

    /// Past the 10 000 identities an extract counts, a key signing in was quoted by the sign-in
    /// finding without ever being scanned.
    @Test func anIdentityPastTheCountedOnesIsScannedBeforeAMessageQuotesIt() throws {
        let many = (0...10_000).map { #"{"ts": "2026-10-13T19:00:00.000Z", "event": "ticket.read", "service_account": "u\#($0)", "correlation_id": "c"}"# }
        let login = #"{"ts": "2026-10-13T19:30:00.000Z", "event": "auth.token_exchange", "service_account": "\u0041KIAQ3EGRIZUJ7W4TNXB", "result": "success", "source_ip": "10.20.9.9", "correlation_id": "c-9004"}"#
        let result = try assess { $0 + many.joined(separator: "\n") + "\n" + login + "\n" }
        #expect(result.withheld.contains(Self.log))
        #expect(!result.diagnostics.contains { $0.summary.contains("AKIAQ3EGRIZUJ7W4TNXB") })
    }

    @Test func anAccountIsNamedByItsARNPathOrAddress() {
        #expect(AccessRule.names("SVC-X", account: "svc-x"))
        #expect(AccessRule.names("arn:aws:iam::123456789012:role/svc-x", account: "svc-x"))
        #expect(AccessRule.names("projects/p/serviceAccounts/svc-x@p.iam.gserviceaccount.com", account: "svc-x"))
        #expect(AccessRule.names("arn:aws:sts::123456789012:assumed-role/svc-x/session-1700000000", account: "svc-x"))
        #expect(AccessRule.names("svc-x[bot]", account: "svc-x"))
        #expect(!AccessRule.names("svc-x-admin", account: "svc-x"))
        #expect(!AccessRule.names("anything", account: ""))
    }
}
