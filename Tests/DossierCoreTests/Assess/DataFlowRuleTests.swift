@testable import DossierAssess
@testable import DossierIntake
@testable import DossierModel
@testable import DossierPack
@testable import DossierPublish
@testable import DossierResources
import DossierTestSupport
import Foundation
import Testing

/// The data-flow rules on a clean map and on maps with one planted violation each: every violation
/// is found by its own rule and by no other.
@Suite struct DataFlowRuleTests {
    static let activity = AssessmentFixture.activity(recipients: """
          - {name: Helpdesk, third_party: true, agreement: DPA-HD}
          - {name: LLM provider, third_party: true, agreement: DPA-LLM}
        """)

    static func agreement(_ id: String, kind: String, optOut: Bool) -> String {
        "kind: agreement\nid: \(id)\ntype: dpa\ncounterparty: \(id) Ltd\nprovider_kind: \(kind)\nscope: s\ndata_categories: [Name]\n"
            + (optOut ? "training_opt_out: true\n" : "") + "transfer_mechanism: none\nsigned_at: 2026-01-01\nexpires_at: 2028-01-01\n"
    }

    static let graph = """
        kind: data-flow
        id: flows
        title: Flows
        activity: act
        author: {name: Tom Author}
        systems:
          - {id: helpdesk, name: Helpdesk, kind: saas, location: EU (Ireland), third_party: true}
          - {id: runner, name: Runner, kind: service, location: EU (Germany), third_party: false}
          - {id: store, name: Store, kind: store, location: EU (Germany), third_party: false, encryption_at_rest: true, key_holder: customer}
          - {id: llm, name: LLM provider, kind: llm-provider, location: EU (Netherlands), third_party: true}
        flows:
          - {id: F1, source: helpdesk, target: runner, data_categories: [Ticket], personal_data: true, tls_version: "1.3", purpose: p}
          - {id: F2, source: runner, target: llm, data_categories: [Ticket], personal_data: true, tls_version: "1.3", purpose: p}
          - {id: F3, source: runner, target: store, data_categories: [Ticket], personal_data: true, tls_version: "1.2", purpose: p}
          - {id: F4, source: runner, target: helpdesk, data_categories: [Summary], personal_data: true, tls_version: "1.3", purpose: p}
        """

    static func approval(of graph: String, by approver: String = "Ann Reviewer") -> String {
        #"{"kind": "approval", "id": "DFD-1", "subject": {"path": "flows.yml", "sha256": "\#(ContentHash.sha256(graph))"}, "requester": {"name": "Pat Lead"}, "approver": {"name": "\#(approver)", "role": "Engineer"}, "decision": "approved", "decided_at": "2026-06-01"}"#
    }

    /// The clean fixture with `change` applied to the graph (and the approval re-bound to it) and `extra` files.
    static func check(graph change: (String) -> String = { $0 }, llmAgreement: String = agreement("DPA-LLM", kind: "llm", optOut: true),
                      activity: String = activity, approver: String = "Ann Reviewer") throws -> Assessment {
        let graph = change(Self.graph)
        return try AssessmentFixture.check([
            "act.yml": activity, "hd.yml": agreement("DPA-HD", kind: "saas", optOut: false), "llm.yml": llmAgreement,
            "flows.yml": graph, "approval.json": approval(of: graph, by: approver),
        ])
    }

    /// Every finding at warning or above from any rule: a planted violation must be the only one.
    private func findings(_ result: Assessment) -> [String] {
        result.ruleDiagnostics.filter { $0.severity >= .warning && $0.identifier != "dossier.item.unanswered" }.map(\.identifier).sorted()
    }

    /// An approval of the graph that cannot be read (a date written another way) is named, not
    /// mistaken for no approval at all.
    @Test func anApprovalThatCannotBeReadIsNamed() throws {
        let graph = Self.graph
        let unreadable = Self.approval(of: graph).replacingOccurrences(of: "\"2026-06-01\"", with: "\"01/06/2026\"")
        let result = try AssessmentFixture.check([
            "act.yml": Self.activity, "hd.yml": Self.agreement("DPA-HD", kind: "saas", optOut: false),
            "llm.yml": Self.agreement("DPA-LLM", kind: "llm", optOut: true), "flows.yml": graph, "approval.json": unreadable,
        ])
        let said = try #require(result.diagnostics.first { $0.identifier == "dossier.dataflow.unreviewed" }?.summary)
        #expect(said.contains("approval.json names it but could not be read"), "\(said)")
    }

    /// A system whose name is not its recipient's: the fix said is `recipient:`, not a transfer for
    /// a name no recipient has (which would silence the finding and cover nothing).
    @Test func aSystemNamedOtherwiseThanItsRecipientIsToldToNameIt() throws {
        let result = try Self.check(graph: {
            $0.replacingOccurrences(of: "name: LLM provider, kind: llm-provider, location: EU (Netherlands)", with: "name: LLM API, kind: llm-provider, location: US")
        })
        let said = try #require(result.diagnostics.first { $0.identifier == "dossier.dataflow.transfer-undocumented" }?.summary)
        #expect(said.contains("say which with 'recipient:' on the system") && !said.contains("add {destination: LLM API"), "\(said)")
        let missing = try #require(result.diagnostics.first { $0.identifier == "dossier.dataflow.missing-from-graph" }?.summary)
        #expect(missing.contains("set 'recipient: LLM provider' on that system"), "\(missing)")
    }

    @Test func aCleanMapPasses() throws {
        #expect(findings(try Self.check()) == [])
    }

    @Test func eachViolationIsFoundByItsOwnRuleOnly() throws {
        let cases: [(String, String, () throws -> Assessment)] = [
            ("unrecorded recipient", "dossier.dataflow.unrecorded-recipient", {
                try Self.check(graph: { $0.replacingOccurrences(of: "  - {id: llm,", with: "  - {id: bi, name: Analytics, kind: saas, location: EU (France), third_party: true}\n  - {id: llm,")
                    .replacingOccurrences(of: "flows:\n", with: "flows:\n  - {id: F9, source: runner, target: bi, data_categories: [Ticket], personal_data: true, tls_version: \"1.3\", purpose: p}\n") })
            }),
            ("LLM without opt-out", "dossier.dataflow.llm-no-opt-out", {
                try Self.check(llmAgreement: Self.agreement("DPA-LLM", kind: "saas", optOut: false))
            }),
            ("undocumented transfer", "dossier.dataflow.transfer-undocumented", {
                try Self.check(graph: { $0.replacingOccurrences(of: "location: EU (Netherlands)", with: "location: US") })
            }),
            ("weak TLS", "dossier.dataflow.weak-tls", {
                try Self.check(graph: { $0.replacingOccurrences(of: #"tls_version: "1.2""#, with: #"tls_version: "1.1""#) })
            }),
            ("unencrypted store", "dossier.dataflow.unencrypted-store", {
                try Self.check(graph: { $0.replacingOccurrences(of: "encryption_at_rest: true, key_holder: customer", with: "encryption_at_rest: false, key_holder: customer") })
            }),
            ("review by the author", "dossier.dataflow.unreviewed", { try Self.check(approver: "Tom Author") }),
            ("recipient missing from the map", "dossier.dataflow.missing-from-graph", {
                try Self.check(activity: Self.activity.replacingOccurrences(of: "  - {name: LLM provider", with: "  - {name: Mailer, third_party: true, agreement: DPA-HD}\n  - {name: LLM provider"))
            }),
            ("unknown personal data", "dossier.dataflow.unknown-facts", {
                try Self.check(graph: { $0.replacingOccurrences(of: "target: store, data_categories: [Ticket], personal_data: true,", with: "target: store, data_categories: [Ticket],") })
            }),
        ]
        for (name, rule, run) in cases {
            let found = findings(try run())
            #expect(found == [rule], "\(name): \(found)")
        }
    }

    /// A transfer documented for one recipient does not cover another system in the same country.
    @Test func aTransferCoversOnlyTheRecipientItNames() throws {
        let inTheUS: (String) -> String = { $0.replacingOccurrences(of: "location: EU (Netherlands)", with: "location: US") }
        func record(destination: String) -> String {
            Self.activity.replacingOccurrences(
                of: "transfers: []", with: "transfers:\n  - {destination: \(destination), country: USA, safeguard: scc, reference: DPA-LLM}")
        }
        let others = try Self.check(graph: inTheUS, activity: record(destination: "Helpdesk"))
        #expect(findings(others) == ["dossier.dataflow.transfer-undocumented"])
        #expect(others.diagnostics.first { $0.identifier == "dossier.dataflow.transfer-undocumented" }?.summary
            .contains("documents no transfer to US for recipient 'LLM provider'") == true)
        #expect(findings(try Self.check(graph: inTheUS, activity: record(destination: "llm provider"))) == [])
    }

    @Test func findingsPointAtTheFlowOrSystemAndWeighOnTheirControls() throws {
        let result = try Self.check(graph: { $0.replacingOccurrences(of: #"tls_version: "1.2""#, with: #"tls_version: "1.1""#) })
        let finding = try #require(result.diagnostics.first { $0.identifier == "dossier.dataflow.weak-tls" })
        #expect(finding.file == "flows.yml" && finding.location?.line == 14, "the line of flow F3")
        let cc67 = try #require(result.compliance.verdict("soc2", "CC6.7"))
        #expect(cc67.status == .missing, "nothing else evidences CC6.7 here, and a violation bears on it")
        #expect(cc67.chain.contains { $0.text.hasPrefix("dossier.dataflow.weak-tls at flows.yml:14") })
    }

    @Test func jurisdictionsArePlacedLiterallyOrLeftUnknown() {
        #expect(Jurisdiction("EU (Germany)") == .eea)
        #expect(Jurisdiction("UK (London)") == .thirdCountry("GB"))
        #expect(Jurisdiction("US") == .thirdCountry("US"))
        #expect(Jurisdiction("eu-west-2") == .thirdCountry("GB"))
        #expect(Jurisdiction("eu-west-1") == .eea)
        #expect(Jurisdiction("NL") == .eea)
        #expect(Jurisdiction("somewhere in the cloud") == .unknown)
    }
}

/// OWASP pytm models import like Threat Dragon ones, unknowns kept unknown, and run through the rules.
@Suite(.enabled(if: Repository.shared != nil, "../shared/realworld is absent: the pytm samples cannot be read"))
struct PytmImportTests {
    /// Counts from Python over the same files: elements (+ assets, actors) by name, and flows.
    @Test(arguments: [("pytm-output.json", 5, 6), ("pytm-input.json", 3, 4)])
    func modelImports(_ name: String, systems: Int, flows: Int) throws {
        let url = try #require(Repository.shared).appendingPathComponent("realworld/dataflow/" + name)
        let (documents, diagnostics) = try parseEvidence([name: try String(contentsOf: url, encoding: .utf8)])
        guard case .dataFlow(let graph)? = documents.first?.record else {
            Issue.record("\(name) is not read as a data-flow graph: \(diagnostics.map(\.summary))")
            return
        }
        #expect(graph.origin == .pytm)
        #expect(graph.systems.count == systems && graph.flows.count == flows)
        #expect(graph.systems.allSatisfy { $0.location == .unknown && $0.thirdParty == .unknown })
        #expect(graph.flows.allSatisfy { $0.tlsVersion == .unknown }, "TLSVersion.NONE is pytm's default, not a statement")
        #expect(graph.system("SQL Database")?.kind == .store)
    }

    @Test func personalDataIsKnownOnlyWhenEveryDatumIsDeclared() throws {
        let url = try #require(Repository.shared).appendingPathComponent("realworld/dataflow/pytm-output.json")
        let (documents, _) = try parseEvidence(["m.json": try String(contentsOf: url, encoding: .utf8)])
        guard case .dataFlow(let graph)? = documents.first?.record else {
            Issue.record("pytm-output.json was not read as a data-flow graph")
            return
        }
        #expect(graph.flows.first?.personalData == .known(false), "P1 carries only 'auth cookie', declared isPII false")
        #expect(graph.flows.dropFirst().allSatisfy { $0.personalData == .unknown })
    }

    @Test func everyRealModelIsCheckedWithItsUnknownsReported() throws {
        let folder = try #require(Repository.shared).appendingPathComponent("realworld/dataflow")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".json") && ($0.hasPrefix("threatdragon-v2") || $0.hasPrefix("pytm")) }
        #expect(names.count == 6)
        var files: [String: String] = [:]
        for name in names { files[name] = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8) }
        let result = try AssessmentFixture.check(files)
        for name in names {
            let own = Set(result.diagnostics.filter { $0.file == name }.map(\.identifier))
            #expect(own.contains("dossier.dataflow.unknown-facts"), "\(name): unknowns are reported")
            #expect(own.contains("dossier.dataflow.no-activity"), "\(name): no record to check against is said")
            let advice = result.diagnostics.filter { $0.file == name && $0.identifier == "dossier.dataflow.unknown-facts" }.map(\.summary)
            let fitting = name.hasPrefix("pytm") ? "in the pytm model" : "a Threat Dragon model cannot state"
            #expect(advice.contains { $0.contains(fitting) } && !advice.contains { $0.hasSuffix("; state personal_data") }, "\(name): the fix fits the file: \(advice)")
        }
    }

    /// An imported model names no activity; the activity's record can list it, and the model is then
    /// checked against that record and drawn on its page. Wrong entries are errors at their line.
    @Test func anActivityBindsImportedModelsItLists() throws {
        let folder = try #require(Repository.shared).appendingPathComponent("realworld/dataflow")
        let model = try String(contentsOf: folder.appendingPathComponent("pytm-output.json"), encoding: .utf8)
        let activity = AssessmentFixture.activity() + "\ndata_flows: [./models/app.json, notes.md, gone.json, flows.yml, ../models/other.json]\n"
        let named = DataFlowRuleTests.graph.replacingOccurrences(of: "activity: act", with: "activity: other")
        let second = AssessmentFixture.activity().replacingOccurrences(of: "id: act", with: "id: zed") + "\ndata_flows: [models/app.json]\n"
        let result = try AssessmentFixture.check([
            "records/act.yml": activity, "records/zed.yml": second, "models/app.json": model, "models/other.json": model,
            "notes.md": "# Notes\n", "flows.yml": named,
        ])
        let document = try #require(result.documents.first { $0.path == "models/app.json" })
        guard case .dataFlow(let graph)? = document.record else { Issue.record("not a graph"); return }
        #expect(graph.activity == "act")
        #expect(!result.diagnostics.contains { $0.file == "models/app.json" && $0.identifier == "dossier.dataflow.no-activity" })
        let errors = result.diagnostics.filter { $0.file == "records/act.yml" && $0.identifier.hasPrefix("dossier.processing-activity.") }
        #expect(errors.map(\.identifier) == [
            "dossier.processing-activity.unknown-data-flow", "dossier.processing-activity.unknown-data-flow", "dossier.processing-activity.data-flow-claimed",
            "dossier.processing-activity.unknown-data-flow",
        ])
        #expect(errors.allSatisfy { $0.location?.line == errors.first?.location?.line }, "each at the data_flows line")
        #expect(errors.first?.summary.contains("'notes.md' is not a data-flow graph") == true)
        #expect(errors.last?.summary.contains("paths are inside the evidence folder: write 'models/other.json'") == true, "\(errors.last?.summary ?? "")")
        let claimed = result.diagnostics.first { $0.file == "records/zed.yml" && $0.identifier == "dossier.processing-activity.data-flow-claimed" }
        #expect(claimed?.summary.contains("also listed by records/act.yml (activity 'act'), which keeps it") == true, "\(claimed?.summary ?? "none")")
        // pytm's default `isEncryptedAtRest: false` is no statement: the untouched store is unknown, not unencrypted.
        #expect(graph.system("SQL Database")?.encryptionAtRest == .unknown)
        #expect(!result.diagnostics.contains { $0.file == "models/app.json" && $0.identifier == "dossier.dataflow.unencrypted-store" })
    }

    /// Counts from Python over the demo model: 14 threats, 10 of them open, 4 open and high.
    @Test func threatDragonThreatsAreCountedAndOpenHighOnesWarned() throws {
        let url = try #require(Repository.shared).appendingPathComponent("realworld/dataflow/threatdragon-v2-demo-threat-model.json")
        let result = try AssessmentFixture.check(["model.json": try String(contentsOf: url, encoding: .utf8)])
        guard case .dataFlow(let graph)? = result.documents.first(where: { $0.path == "model.json" })?.record else { Issue.record("not a graph"); return }
        #expect(graph.threats.count == 14 && graph.threats.count(where: \.isOpen) == 10)
        let warning = try #require(result.diagnostics.first { $0.identifier == "dossier.dataflow.open-threats" })
        #expect(warning.summary.hasPrefix("4 high-severity threats are still open") && warning.location != nil)
        let rows = RecordView(.dataFlow(graph)) { _ in nil }.rows
        #expect(rows.first { $0.label == "Threats in the model" }?.value == "14 recorded, 10 open (4 high, 4 medium, 2 low)")
        #expect(rows.count { $0.label.hasPrefix("Open threat (") } == 10)
        let mitigated = try #require(Repository.shared).appendingPathComponent("realworld/dataflow/threatdragon-v2-three-tier-web-app.json")
        let quiet = try AssessmentFixture.check(["tier.json": try String(contentsOf: mitigated, encoding: .utf8)])
        #expect(quiet.ids("dossier.dataflow.open-threats") == [], "mitigated threats are no warning")
    }
}
