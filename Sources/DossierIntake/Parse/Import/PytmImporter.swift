import DossierModel

/// Reads an OWASP pytm model (the `--json` dump of a `TM`, or the JSON input format) into a
/// `DataFlowGraph`, as `ThreatDragonImporter` does for Threat Dragon.
///
/// pytm describes elements (actors, servers, processes, data stores, …) and flows between them by
/// name. It records no owner, location, third-party status or purpose: those stay `.unknown`. Its
/// `data` objects say whether they are personal (`isPII`), so a flow's personal data is known when
/// every piece of data it carries is declared; its TLS version is taken when one is stated
/// (`TLSVersion.NONE` is pytm's default, so it is read as unknown, not as "no TLS"). Likewise
/// `isEncryptedAtRest: false` is pytm's default for every element: only `true` on a data store is
/// read as a fact, so an untouched model is not reported as storing personal data unencrypted.
///
/// Diagnostics are `dossier.pytm.*` warnings: the file is another tool's export.
package struct PytmImporter {
    package init() {}

    /// A pytm model: `elements` whose entries carry a `__class__`, and `flows` with `source` and `sink`.
    package static func recognises(_ tree: JSONNode) -> Bool {
        guard tree["kind"] == nil, let elements = tree["elements"]?.elements, let flows = tree["flows"]?.elements else { return false }
        return elements.contains { $0["__class__"]?.string != nil } && flows.allSatisfy { $0["sink"] != nil }
    }

    package static let kinds: [String: DataFlowGraph.System.Kind] = [
        "Actor": .actor, "Datastore": .store, "Server": .service, "Process": .service, "Lambda": .service,
        "SetOfProcesses": .service, "ExternalEntity": .other, "Element": .other, "Asset": .other,
    ]

    package func read(_ tree: JSONNode, file: String) -> (DataFlowGraph?, [Diagnostic]) {
        let reader = FieldReader(file: file, area: "pytm")
        var systems: [DataFlowGraph.System] = []
        for element in (tree["elements"]?.elements ?? []) + (tree["assets"]?.elements ?? []) + (tree["actors"]?.elements ?? []) {
            guard let name = element["name"]?.string else {
                reader.report(.warning, .unnamedElement, "An element has no name, so no flow can reach it; it is left out", at: element.location)
                continue
            }
            guard !systems.contains(where: { $0.id == name }) else { continue }
            let type = element["__class__"]?.string ?? "Element"
            var notes: [String] = []
            if Self.kinds[type] == nil { notes.append("pytm class \(type)") }
            if element["inScope"]?.bool == false { notes.append("out of scope in the model") }
            if let boundary = element["inBoundary"]?.string { notes.append("inside boundary \(boundary)") }
            let kind = Self.kinds[type] ?? .other
            let encrypted = kind == .store && element["controls"]?["isEncryptedAtRest"]?.bool == true
            systems.append(DataFlowGraph.System(
                id: name, name: name, kind: kind,
                encryptionAtRest: encrypted ? .known(true) : .unknown, notes: notes, sourceLocation: element.location))
        }
        let personal = Dictionary((tree["data"]?.elements ?? []).compactMap { data -> (String, Bool?)? in
            data["name"]?.string.map { ($0, data["isPII"]?.bool) }
        }, uniquingKeysWith: { first, _ in first })
        var flows: [DataFlowGraph.Flow] = []
        for (index, node) in (tree["flows"]?.elements ?? []).enumerated() {
            guard let source = node["source"]?.string, let sink = node["sink"]?.string else {
                reader.report(.warning, .danglingFlow, "A flow has no source or sink; it is left out", at: node.location)
                continue
            }
            for end in [source, sink] where !systems.contains(where: { $0.id == end }) {
                reader.report(.warning, .unknownElement, "Flow '\(node["name"]?.string ?? "")' names '\(end)', which is not an element of the model", at: node.location)
            }
            let carried = node["data"]?.elements?.compactMap(\.string) ?? []
            let facts = carried.map { personal[$0] ?? nil }
            let personalData: Known<Bool> = carried.isEmpty || facts.contains(where: { $0 == nil })
                ? (facts.contains(true) ? .known(true) : .unknown)
                : .known(facts.contains(true))
            flows.append(DataFlowGraph.Flow(
                id: "P\(index + 1)", name: node["name"]?.string, source: source, target: sink,
                dataCategories: carried.isEmpty ? .unknown : .known(carried), personalData: personalData,
                protocol: node["protocol"]?.string.flatMap { $0.isEmpty ? nil : Known.known($0) } ?? .unknown,
                tlsVersion: Self.tls(node["tlsVersion"]?.string),
                encrypted: node["controls"]?["isEncrypted"]?.bool == true ? .known(true) : nil,
                notes: node["note"]?.string.map { [$0] } ?? [], sourceLocation: node.location))
        }
        let name = tree["name"]?.string ?? file
        return (DataFlowGraph(id: file, title: name, systems: systems, flows: flows, origin: .pytm, trustBoundaries: tree["boundaries"]?.elements?.count ?? 0),
                reader.diagnostics)
    }

    /// `TLSVersion.TLSv12` → 1.2; `TLSVersion.NONE` and anything unreadable → unknown.
    package static func tls(_ text: String?) -> Known<DataFlowGraph.Flow.TLSVersion> {
        switch text?.replacingOccurrences(of: "TLSVersion.", with: "") {
        case "SSLv3", "TLSv1": .known(.v1_0)
        case "TLSv11": .known(.v1_1)
        case "TLSv12": .known(.v1_2)
        case "TLSv13": .known(.v1_3)
        default: .unknown
        }
    }
}
