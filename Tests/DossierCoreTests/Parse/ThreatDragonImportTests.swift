import DossierAssess
import DossierIntake
import DossierModel
import DossierPack
import DossierPublish
import DossierResources
import DossierTestSupport
import Foundation
import Testing

/// OWASP Threat Dragon v2 models are recognised by their shape and imported as data-flow graphs,
/// with everything the format does not record left unknown.
@Suite struct ThreatDragonImportTests {
    struct Pinned: Sendable, CustomTestStringConvertible {
        var file: String
        var systems: Int
        var flows: Int
        var boundaries: Int
        var dangling: Int
        var testDescription: String { file }
    }

    /// Counted independently of Dossier with Python over `detail.diagrams[].cells[]`: systems are cells of
    /// shape actor/process/store; flows are `flow` cells whose `source.cell` and `target.cell` are both
    /// such systems; the rest of the flow cells are dangling; boundaries are shapes starting `trust-`.
    static let pinned = [
        Pinned(file: "threatdragon-v2-demo-threat-model.json", systems: 7, flows: 9, boundaries: 3, dangling: 1),
        Pinned(file: "threatdragon-v2-generic-cms.json", systems: 5, flows: 5, boundaries: 1, dangling: 0),
        Pinned(file: "threatdragon-v2-payment-online.json", systems: 5, flows: 10, boundaries: 3, dangling: 0),
        Pinned(file: "threatdragon-v2-three-tier-web-app.json", systems: 3, flows: 3, boundaries: 2, dangling: 0),
    ]

    static let samples = Repository.shared?.appendingPathComponent("realworld/dataflow")

    private func importModel(_ text: String, name: String = "model.json") throws -> (DataFlowGraph?, [Diagnostic]) {
        let (documents, diagnostics) = try parseEvidence([name: text])
        guard case .dataFlow(let graph)? = documents.first?.record else { return (nil, diagnostics) }
        return (graph, diagnostics)
    }

    private func importSample(_ file: String) throws -> (DataFlowGraph, [Diagnostic]) {
        let url = try #require(Self.samples).appendingPathComponent(file)
        let (graph, diagnostics) = try importModel(try String(contentsOf: url, encoding: .utf8), name: "dataflow/\(file)")
        return (try #require(graph, "\(file) was not recognised as a Threat Dragon model"), diagnostics)
    }

    @Test(.enabled(if: samples != nil, "../shared/realworld/dataflow is absent: the real Threat Dragon models cannot be imported"))
    func everySampleModelIsPinned() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: try #require(Self.samples).path)
            .filter { $0.hasPrefix("threatdragon-v2-") && $0.hasSuffix(".json") }.sorted()
        #expect(names == Self.pinned.map(\.file), "a new model needs its counts pinned here")
    }

    @Test(.enabled(if: samples != nil, "../shared/realworld/dataflow is absent: the real Threat Dragon models cannot be imported"),
          arguments: pinned)
    func realModelImportsWithPinnedCounts(_ model: Pinned) throws {
        let (graph, diagnostics) = try importSample(model.file)
        #expect(graph.origin == .threatDragon)
        #expect(graph.systems.count == model.systems)
        #expect(graph.flows.count == model.flows)
        #expect(graph.trustBoundaries == model.boundaries)
        #expect(diagnostics.filter { $0.identifier == "dossier.threat-dragon.dangling-flow" }.count == model.dangling)
        #expect(diagnostics.allSatisfy { $0.severity == .warning }, "\(diagnostics)")
        #expect(diagnostics.count == model.dangling, "\(diagnostics)")
        // The format has no field for these: they must arrive unknown, not defaulted.
        for system in graph.systems {
            #expect(system.owner == .unknown && system.location == .unknown && system.keyHolder == .unknown && system.thirdParty == .unknown)
        }
        for flow in graph.flows {
            #expect(flow.dataCategories == .unknown && flow.personalData == .unknown && flow.tlsVersion == .unknown && flow.purpose == .unknown)
            #expect(graph.system(flow.source) != nil && graph.system(flow.target) != nil)
        }
    }

    @Test(.enabled(if: samples != nil, "../shared/realworld/dataflow is absent: the real Threat Dragon models cannot be imported"))
    func demoModelMapsWhatThreatDragonRecords() throws {
        let (graph, diagnostics) = try importSample("threatdragon-v2-demo-threat-model.json")
        #expect(graph.id == "dataflow/threatdragon-v2-demo-threat-model")
        #expect(graph.title == "Demo Threat Model")
        #expect(graph.author?.name == "Mike Goodwin")
        // "Web Request" starts at (180, 70) in the drawing, attached to nothing; its cell opens on line 1901.
        let dangling = try #require(diagnostics.first)
        #expect(dangling.identifier == "dossier.threat-dragon.dangling-flow")
        #expect(dangling.location == SourceLocation(line: 1901, column: 11))
        #expect(dangling.summary.contains("'Web Request'") && dangling.summary.contains("no source"), "\(dangling.summary)")
        // Names lose the line breaks that fit them into their shapes.
        let web = try #require(graph.systems.first { $0.name == "Web Application" })
        #expect(web.kind == .service && web.encryptionAtRest == .unknown)
        let config = try #require(graph.systems.first { $0.name == "Worker Config" })
        #expect(config.kind == .store && config.encryptionAtRest == .known(false) && config.notes.contains("Stores credentials"))
        #expect(graph.systems.first { $0.name == "Browser" }?.kind == .actor)
        let response = try #require(graph.flows.first { $0.name == "Web Response" })
        #expect(response.protocol == .known("HTTP/S") && response.encrypted == .known(true) && response.notes.contains("Crosses a public network"))
        #expect(response.source == web.id)
        let readConfig = try #require(graph.flows.first { $0.name == "Read web app config" })
        #expect(readConfig.notes.contains("Out of scope in the threat model: This data flow represents a read from the file system"))
        #expect(graph.flows.first { $0.name == "Put Message" }?.protocol == .unknown)
    }

    @Test(.enabled(if: samples != nil, "../shared/realworld/dataflow is absent: the real Threat Dragon models cannot be imported"))
    func encryptionIsTakenAsDrawnNotInferredFromTheProtocol() throws {
        let (graph, _) = try importSample("threatdragon-v2-generic-cms.json")
        // The model labels a flow HTTPS but leaves "encrypted" unticked: both are recorded as they are.
        let https = try #require(graph.flows.first { $0.name == "HTTPS" })
        #expect(https.protocol == .known("HTTPS") && https.encrypted == .known(false) && https.tlsVersion == .unknown)
        #expect(graph.flows.first { $0.name == "Unsecured mySQL connection" }?.bidirectional == true)
    }

    // Small models written here, so the rules hold even without ../shared.

    static func model(cells: String, version: String = "2.3.0") -> String {
        #"{"version": "\#(version)", "summary": {"title": "T", "owner": "Team"}, "detail": {"diagrams": [{"cells": [\#(cells)]}]}}"#
    }

    static let store = #"{"id": "s", "shape": "store", "attrs": {"text": {"text": "Orders\nDB"}}, "data": {"name": "x", "isALog": true}}"#
    static let actor = #"{"id": "a", "shape": "actor", "data": {"name": "Clerk"}}"#

    @Test func onlyVersionTwoShapesAreRecognised() throws {
        let flow = #"{"id": "f", "shape": "flow", "source": {"cell": "a"}, "target": {"cell": "s"}, "data": {"name": "Save"}}"#
        let (graph, diagnostics) = try importModel(Self.model(cells: [Self.store, Self.actor, flow].joined(separator: ",")))
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        #expect(graph?.systems.map(\.name) == ["Orders DB", "Clerk"])
        // A store without the encryption box says nothing about encryption.
        #expect(graph?.systems.first?.encryptionAtRest == .unknown)
        #expect(graph?.systems.first?.notes == ["Holds logs"])
        #expect(graph?.flows.map(\.id) == ["f"])
        #expect(graph?.flows.first?.encrypted == .unknown)
        let (v1, _) = try importModel(Self.model(cells: Self.store, version: "1.6.1"))
        #expect(v1 == nil)
        let (noVersion, _) = try importModel(#"{"summary": {"title": "T"}, "detail": {"diagrams": []}}"#)
        #expect(noVersion == nil)
    }

    @Test func flowToACaptionIsDanglingAndOtherShapesAreWarnedAbout() throws {
        let caption = #"{"id": "t", "shape": "td-text-block", "data": {"name": "Note"}}"#
        let boundary = #"{"id": "b", "shape": "trust-broundary-curve"}"#
        let odd = #"{"id": "o", "shape": "cloud"}"#
        let flow = #"{"id": "f", "shape": "flow", "source": {"cell": "a"}, "target": {"cell": "t"}}"#
        let cells = [Self.actor, caption, boundary, odd, flow].joined(separator: ",\n")
        let (graph, diagnostics) = try importModel(Self.model(cells: cells))
        #expect(diagnostics.map(\.identifier) == ["dossier.threat-dragon.unknown-shape", "dossier.threat-dragon.dangling-flow"])
        #expect(diagnostics.map { $0.location?.line } == [4, 5])
        #expect(graph?.systems.count == 1 && graph?.flows.isEmpty == true && graph?.trustBoundaries == 1)
    }
}
