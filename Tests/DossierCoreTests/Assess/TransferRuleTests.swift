@testable import DossierAssess
@testable import DossierIntake
@testable import DossierModel
@testable import DossierPack
@testable import DossierPublish
@testable import DossierResources
import DossierTestSupport
import Foundation
import Testing

/// GDPR Art. 30(1)(e) recipient by recipient, on the fixture folders under `Tests/Fixtures/transfers/`
/// (built on 2026-11-23): each third party outside the EEA needs its own transfer, and each transfer a
/// safeguard that holds on the build date.
@Suite struct TransferRuleTests {
    private func check(_ fixture: String, edit: (String) -> String = { $0 }) throws -> Assessment {
        var files = try AssessmentFixture.files(ofFixture: "transfers/" + fixture)
        files["activity.yml"] = edit(try #require(files["activity.yml"]))
        return try AssessmentFixture.check(files)
    }

    private func transfers(_ result: Assessment) throws -> ControlVerdict {
        try #require(result.compliance.verdict("gdpr", "30(1)(e)"))
    }

    @Test func aSecondUSRecipientIsNotCoveredByTheFirstOnesTransfer() throws {
        let result = try check("two-us-recipients")
        #expect(result.findings == ["dossier.ropa.transfer-missing"])
        let finding = try #require(result.diagnostics.first { $0.identifier == "dossier.ropa.transfer-missing" })
        #expect(finding.file == "activity.yml" && finding.location?.line == 13, "at the Analytics Inc recipient")
        #expect(finding.summary.contains("'Analytics Inc'") && finding.summary.contains("(the transfer to 'Mailer Inc' covers that recipient only)"))
        let verdict = try transfers(result)
        #expect(verdict.status == .missing, "the record fails the point; not satisfied, not out of scope")
        #expect(verdict.chain.map(\.text) == [
            "dossier.ropa.transfer-missing at activity.yml:13: " + finding.summary,
            "activity.yml does not state a transfer with its safeguard for each recipient outside the EEA: none for 'Analytics Inc' (US)",
        ])
    }

    @Test func adequacyForACountryWithoutADecisionHasNoSafeguard() throws {
        let result = try check("adequacy-without-decision")
        #expect(result.findings == ["dossier.ropa.transfer-no-safeguard"])
        let finding = try #require(result.diagnostics.first { $0.identifier == "dossier.ropa.transfer-no-safeguard" })
        #expect(finding.location?.line == 12, "at the transfer")
        #expect(finding.summary.hasPrefix("Transfer to 'Support Desk Pvt Ltd' (India) relies on adequacy, but the European Commission has no adequacy decision for India"))
        #expect(try transfers(result).status == .missing, "the transfer is stated, but an error on (e) leaves the record proving nothing for it")
    }

    @Test func usAdequacyHoldsOnlyForADataPrivacyFrameworkCertifiedRecipient() throws {
        let certified = try check("us-adequacy")
        #expect(certified.findings == [])
        #expect(try transfers(certified).status == .satisfied)
        #expect(try transfers(certified).chain.map(\.text) == [
            "activity.yml states a transfer with its safeguard for each recipient outside the EEA: 'Cloud Inc' (US)",
        ])

        let uncertified = try check("us-adequacy") { $0.replacingOccurrences(of: ", dpf_certified: true", with: "") }
        #expect(uncertified.findings == ["dossier.ropa.transfer-no-safeguard"])
        let finding = try #require(uncertified.diagnostics.first { $0.identifier == "dossier.ropa.transfer-no-safeguard" })
        #expect(finding.summary.contains("covers only organisations certified under the EU-US Data Privacy Framework, and recipient 'cloud inc' is not marked dpf_certified: true"))
        #expect(try transfers(uncertified).status == .missing)
        let stated = try check("us-adequacy") { $0.replacingOccurrences(of: "dpf_certified: true", with: "dpf_certified: false") }
        #expect(stated.findings == ["dossier.ropa.transfer-no-safeguard"], "false is not certified either")
    }

    @Test func standardContractualClausesNeedAReference() throws {
        let result = try check("scc-without-reference")
        #expect(result.findings == ["dossier.ropa.transfer-no-safeguard"])
        #expect(result.diagnostics.first { $0.identifier == "dossier.ropa.transfer-no-safeguard" }?.summary
            == "Transfer to 'Hosting Inc' (US) relies on scc but names no document; set 'reference' to the signed clauses (an agreement's ID or a file)")
        let referenced = try check("scc-without-reference") { $0.replacingOccurrences(of: "safeguard: scc}", with: "safeguard: scc, reference: DPA-1}") }
        #expect(referenced.findings == [])
        #expect(try transfers(referenced).status == .satisfied)
    }

    @Test func aRecordWhoseRecipientsAreAllInTheEEAStatesThePoint() throws {
        let result = try check("all-eea")
        #expect(result.findings == [])
        let verdict = try transfers(result)
        #expect(verdict.status == .satisfied)
        #expect(verdict.chain.map(\.text) == ["activity.yml states no transfer is needed: every third-party recipient is in the EEA"])
        #expect(verdict.evidence == ["activity.yml"])
    }

    @Test func aThirdPartyWithoutAKnownCountryLeavesThePointUnstated() throws {
        let result = try check("all-eea") { $0.replacingOccurrences(of: "country: DE, ", with: "") }
        #expect(result.findings == [], "nothing is known to be wrong, so nothing is reported")
        let verdict = try transfers(result)
        #expect(verdict.status == .missing, "but the record cannot show that no transfer is needed")
        #expect(verdict.headline.contains("does not place third-party recipient 'CRM GmbH'"))
    }

    @Test func theAdequacyListIsDatedAndEachDecisionHoldsFromItsDayToItsSunset() throws {
        let text = try #require(BuiltInCatalogFiles.files[AdequacyDecisions.path])
        let reader = FieldReader(file: "catalogs/" + AdequacyDecisions.path, area: "catalog")
        let list = AdequacyDecisions.read(try YAMLReader().read(text), reader: reader)
        #expect(reader.diagnostics.isEmpty, "\(reader.diagnostics.map(\.summary))")
        #expect(list.asOf.map(ISODate.day) == "2026-12-06")
        #expect(Set(list.decisions.map(\.code)).isSuperset(of: [
            "AD", "AR", "CA", "FO", "GG", "IL", "IM", "JP", "JE", "NZ", "KR", "CH", "GB", "UY", "EPO", "US",
        ]))
        let us = try #require(list.decision(for: "United States"))
        #expect(ISODate.day(us.decided) == "2023-07-10" && us.certification == "dpf")
        func day(_ text: String) -> Date { ISODate.parse(text)! }
        let uk = try #require(list.decision(for: "UK (London)"))
        #expect(uk.inForce(on: day("2031-12-27")) && !uk.inForce(on: day("2031-12-28")), "through the whole of its last day")
        let brazil = try #require(list.decision(for: "BR"))
        #expect(!brazil.inForce(on: day("2025-06-01")) && brazil.inForce(on: day("2026-01-26")))
        #expect(list.decision(for: "European Patent Organisation")?.code == "EPO")
        #expect(Jurisdiction("Jersey") == .thirdCountry("JE") && Jurisdiction("New Jersey") == .thirdCountry("US"))
        #expect(Jurisdiction("Seoul, Republic of Korea") == .thirdCountry("KR"))
    }

    @Test func aDecisionNotYetInForceIsNoSafeguard() throws {
        let activity = try #require(try parseEvidence(try AssessmentFixture.files(ofFixture: "transfers/us-adequacy")).documents
            .compactMap { $0.record?.processingActivity }.first)
        var brazil = activity
        brazil.transfers[0].country = "Brazil"
        let before = try #require(ISODate.parse("2025-12-01")), after = try #require(ISODate.parse("2026-02-01"))
        #expect(TransferCheck.safeguardProblem(brazil.transfers[0], of: brazil, on: after) == nil)
        #expect(TransferCheck.safeguardProblem(brazil.transfers[0], of: brazil, on: before)?.contains(
            "the adequacy decision for Brazil (Commission Implementing Decision (EU) 2026/179, adopted 2026-01-26) is not in force on 2025-12-01") == true)
    }
}
