@testable import DossierAssess
@testable import DossierIntake
@testable import DossierModel
@testable import DossierPack
@testable import DossierPublish
@testable import DossierResources
import DossierTestSupport
import Foundation
import Testing

/// `kind: data-flow`: what is written is read, what is not written stays unknown, and every
/// problem is reported at the line it is on.
@Suite struct DataFlowGraphTests {
    // Line numbers below are this text's: systems on lines 7–8, flows on lines 10–11.
    static let valid = """
        kind: data-flow
        id: DF-1
        title: Chat assistant
        activity: chat
        author: {name: Ana Ruiz, role: Architect}
        systems:
          - {id: web, name: Web chat, kind: service, owner: Web team, location: eu-west-1, encryption_at_rest: true, key_holder: customer, third_party: false}
          - {id: llm, name: Hosted model, kind: llm-provider, third_party: true, encryption_at_rest: unknown}
        flows:
          - {id: F1, source: web, target: llm, data_categories: [Chat text], personal_data: true, protocol: HTTPS, tls_version: "1.3", purpose: Answer}
          - {id: F2, source: llm, target: web, data_categories: [Answer text], purpose: Show the answer}
        """

    private func read(_ text: String, name: String = "flows.yml") throws -> (DataFlowGraph?, [Diagnostic]) {
        let (documents, diagnostics) = try parseEvidence([name: text])
        guard case .dataFlow(let graph)? = documents.first?.record else { return (nil, diagnostics) }
        return (graph, diagnostics)
    }

    private func replacing(_ old: String, with new: String) -> String {
        precondition(Self.valid.contains(old), "the test edits text that is not there: \(old)")
        return Self.valid.replacingOccurrences(of: old, with: new)
    }

    @Test func validGraphIsReadAsWritten() throws {
        let (graph, diagnostics) = try read(Self.valid)
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        let found = try #require(graph)
        #expect(found.id == "DF-1" && found.title == "Chat assistant" && found.activity == "chat" && found.origin == .native)
        #expect(found.author == PersonName(name: "Ana Ruiz", role: "Architect"))
        let web = try #require(found.system("web"))
        #expect(web.kind == .service && web.owner == .known("Web team") && web.location == .known("eu-west-1"))
        #expect(web.encryptionAtRest == .known(true) && web.keyHolder == .known(.customer) && web.thirdParty == .known(false))
        #expect(web.sourceLocation.line == 7)
        let flow = try #require(found.flows.first)
        #expect(flow.source == "web" && flow.target == "llm" && !flow.bidirectional)
        #expect(flow.dataCategories == .known(["Chat text"]) && flow.personalData == .known(true) && flow.protocol == .known("HTTPS"))
        #expect(flow.tlsVersion == .known(.v1_3) && flow.encrypted == .known(true) && flow.purpose == .known("Answer"))
    }

    @Test func whatIsNotWrittenStaysUnknown() throws {
        let (graph, _) = try read(Self.valid)
        let found = try #require(graph)
        // Written as `unknown` and left out read the same: neither becomes a safe default.
        let llm = try #require(found.system("llm"))
        #expect(llm.encryptionAtRest == .unknown && llm.keyHolder == .unknown && llm.owner == .unknown && llm.location == .unknown)
        let answer = try #require(found.flows.last)
        #expect(answer.personalData == .unknown && answer.tlsVersion == .unknown && answer.encrypted == .unknown && answer.protocol == .unknown)
        let view = RecordView(.dataFlow(found), link: { _ in nil })
        let row = try #require(view.rows.first { $0.label == "Flow F2: Hosted model → Web chat" })
        #expect(row.value.contains("personal data unknown") && row.value.contains("TLS unknown"), "\(row.value)")
    }

    @Test func tlsNoneStatesAnUnencryptedFlow() throws {
        let (graph, diagnostics) = try read(replacing("purpose: Show the answer}", with: "purpose: Show the answer, tls_version: none}"))
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        #expect(graph?.flows.last?.tlsVersion == .known(DataFlowGraph.Flow.TLSVersion.none))
        #expect(graph?.flows.last?.encrypted == .known(false))
    }

    @Test func missingSystemNameIsReportedOnceAtTheSystem() throws {
        let (graph, diagnostics) = try read(replacing("name: Hosted model, ", with: ""))
        // The flows into the unreadable system are left out without a second error about them.
        #expect(diagnostics.map(\.identifier) == ["dossier.data-flow.missing-field"], "\(diagnostics)")
        #expect(diagnostics.first?.location?.line == 8)
        #expect(diagnostics.first?.summary.contains("'name'") == true)
        #expect(graph?.systems.map(\.id) == ["web"])
        #expect(graph?.flows.isEmpty == true)
    }

    @Test func missingGraphFieldsLeaveNoRecord() throws {
        let (graph, diagnostics) = try read(replacing("title: Chat assistant\n", with: ""))
        #expect(graph == nil)
        #expect(diagnostics.map(\.identifier) == ["dossier.data-flow.missing-field"])
        #expect(diagnostics.first?.location == SourceLocation(line: 1, column: 1))
    }

    @Test func wrongTypesAreReportedWhereTheyAre() throws {
        let (_, listProblem) = try read(replacing("data_categories: [Answer text]", with: "data_categories: Answer text"))
        #expect(listProblem.map(\.identifier) == ["dossier.data-flow.wrong-type"])
        #expect(listProblem.first?.location?.line == 11)
        let (_, flagProblem) = try read(replacing("third_party: true", with: "third_party: 3"))
        #expect(flagProblem.map(\.identifier) == ["dossier.data-flow.wrong-type"])
        #expect(flagProblem.first?.summary.contains("true, false or unknown") == true)
        #expect(flagProblem.first?.location?.line == 8)
        // YAML reads an unquoted 1.2 as a number; the message says how to keep it as written.
        let (_, tlsProblem) = try read(replacing(#"tls_version: "1.3""#, with: "tls_version: 1.2"))
        #expect(tlsProblem.map(\.identifier) == ["dossier.data-flow.wrong-type"])
        #expect(tlsProblem.first?.summary.contains("quotes") == true)
        #expect(tlsProblem.first?.location?.line == 10)
    }

    @Test(arguments: [
        ("kind: service", "kind: servce", "'service'", 7),
        ("key_holder: customer", "key_holder: custmer", "'customer'", 7),
        ("third_party: true", "third_party: unknwn", "'unknown'", 8),
        (#"tls_version: "1.3""#, #"tls_version: "v1.3""#, "'1.3'", 10),
    ])
    func badValuesSuggestTheNearestOne(old: String, new: String, suggestion: String, line: Int) throws {
        let (_, diagnostics) = try read(replacing(old, with: new))
        #expect(diagnostics.map(\.identifier) == ["dossier.data-flow.bad-value"], "\(diagnostics)")
        #expect(diagnostics.first?.summary.contains("did you mean \(suggestion)?") == true, "\(diagnostics)")
        #expect(diagnostics.first?.location?.line == line)
    }

    @Test func duplicateSystemIsReportedAndTheFirstKept() throws {
        let text = replacing("\nflows:", with: "\n  - {id: web, name: Web again, kind: store}\nflows:")
        let (graph, diagnostics) = try read(text)
        #expect(diagnostics.map(\.identifier) == ["dossier.data-flow.duplicate-id"], "\(diagnostics)")
        #expect(diagnostics.first?.location?.line == 9)
        #expect(diagnostics.first?.summary.contains("line 7") == true)
        #expect(graph?.systems.map(\.name) == ["Web chat", "Hosted model"])
    }

    @Test func duplicateFlowIsReported() throws {
        let (graph, diagnostics) = try read(replacing("{id: F2,", with: "{id: F1,"))
        #expect(diagnostics.map(\.identifier) == ["dossier.data-flow.duplicate-id"])
        #expect(diagnostics.first?.location?.line == 11)
        #expect(graph?.flows.count == 1)
    }

    @Test func flowToAnUndeclaredSystemIsReportedAtTheName() throws {
        let (graph, diagnostics) = try read(replacing("target: llm,", with: "target: lm,"))
        #expect(diagnostics.map(\.identifier) == ["dossier.data-flow.unknown-system"], "\(diagnostics)")
        // `  - {id: F1, source: web, target: ` is 34 characters, so the value starts in column 35.
        #expect(diagnostics.first?.location == SourceLocation(line: 10, column: 35))
        #expect(diagnostics.first?.summary.contains("did you mean 'llm'?") == true)
        #expect(graph?.flows.map(\.id) == ["F2"])
    }

    @Test func dataFlowInMarkdownFrontMatterIsRefused() throws {
        let (documents, diagnostics) = try parseEvidence(["flows.md": "---\nkind: data-flow\nid: DF-1\n---\n# Flows\n"])
        #expect(documents.first?.record == nil)
        #expect(diagnostics.map(\.identifier) == ["dossier.data-flow.wrong-format"])
    }

    @Test func graphIDsAreUniqueAcrossFiles() throws {
        let folder = try TemporaryFolder(["evidence/a.yml": Self.valid, "evidence/b.yml": Self.valid])
        defer { folder.remove() }
        let result = try BuildPipeline(options: BuildOptions(
            evidence: folder.subfolder("evidence"), output: folder.subfolder("out"), environment: ["SOURCE_DATE_EPOCH": "0"])).check()
        let duplicates = result.diagnostics.filter { $0.identifier == "dossier.data-flow.duplicate-id" }
        #expect(duplicates.map(\.file) == ["b.yml"])
    }

    @Test func sampleGraphMatchesTheSampleActivity() throws {
        let evidence = Repository.root.appendingPathComponent("evidence")
        let text = try String(contentsOf: evidence.appendingPathComponent("data-flows/ticket-summariser.yml"), encoding: .utf8)
        let activityText = try String(contentsOf: evidence.appendingPathComponent("activities/ticket-summariser.yml"), encoding: .utf8)
        let (documents, diagnostics) = try parseEvidence(["flows.yml": text, "activity.yml": activityText])
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        var graphs: [DataFlowGraph] = [], activities: [ProcessingActivity] = []
        for document in documents {
            if case .dataFlow(let graph)? = document.record { graphs.append(graph) }
            if case .processingActivity(let activity)? = document.record { activities.append(activity) }
        }
        let graph = try #require(graphs.first)
        let activity = try #require(activities.first)
        #expect(graph.activity == activity.id)
        // Every system the Art. 30 record names appears in the graph.
        #expect(Set(activity.systems).isSubset(of: Set(graph.systems.map(\.id))), "\(activity.systems)")
        #expect(graph.systems.count == 7 && graph.flows.count == 8)
        #expect(graph.flows.first { $0.id == "F5" }?.tlsVersion == .known(.v1_2))
        // The register does not say how the LLM provider stores data (it keeps none), so neither does the graph.
        #expect(graph.system("llm-provider")?.encryptionAtRest == .unknown)
    }
}
