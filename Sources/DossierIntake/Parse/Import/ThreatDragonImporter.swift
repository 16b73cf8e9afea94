import DossierModel
import Foundation

/// Reads an OWASP Threat Dragon v2 model, as saved by the tool, into a `DataFlowGraph`.
///
/// Threat Dragon draws for threat modelling, not for data protection: it records no owner,
/// location, key holder, third-party status, data categories, personal data, purpose or TLS
/// version. Those stay `.unknown`; nothing is filled in from the drawing's look or labels. What it
/// does record is taken as stated: its check boxes (`isEncrypted`, `storesCredentials`, …) are saved
/// as `true`/`false`, and an absent one is unknown.
///
/// Diagnostics are `dossier.threat-dragon.*`; all are warnings, because the file is someone
/// else's export and the rest of it is still worth reading.
package struct ThreatDragonImporter {
    package init() {}

    /// A Threat Dragon v2 model: `version` "2.x" and `detail.diagrams`, and no `kind` of ours.
    /// (v1 models have no `version` and keep each diagram under `diagramJson`.)
    package static func recognises(_ tree: JSONNode) -> Bool {
        tree["kind"] == nil && tree["version"]?.string?.hasPrefix("2.") == true && tree["detail"]?["diagrams"]?.elements != nil
    }

    package func read(_ tree: JSONNode, file: String) -> (DataFlowGraph?, [Diagnostic]) {
        let reader = FieldReader(file: file, area: "threat-dragon")
        var systems: [DataFlowGraph.System] = []
        var flowCells: [JSONNode] = []
        var boundaries = 0
        var threats: [DataFlowGraph.Threat] = []
        for diagram in tree["detail"]?["diagrams"]?.elements ?? [] {
            for cell in diagram["cells"]?.elements ?? [] {
                let shape = cell["shape"]?.string ?? ""
                threats += Self.threats(of: cell)
                switch shape {
                case "actor", "process", "store":
                    guard let system = system(cell, shape: shape, reader: reader) else { continue }
                    if systems.contains(where: { $0.id == system.id }) {
                        reader.report(.warning, .duplicateID, "Cell '\(system.id)' appears more than once; only the first is read", at: cell.location)
                    } else {
                        systems.append(system)
                    }
                case "flow":
                    flowCells.append(cell)
                case "td-text-block":
                    break  // a caption: no system, no flow
                case _ where shape.hasPrefix("trust-"):
                    // `trust-boundary-box`, `trust-boundary-curve`, and the misspelt
                    // `trust-broundary-curve` that some Threat Dragon 2.x releases save.
                    boundaries += 1
                default:
                    reader.report(.warning, .unknownShape, "Cell of shape '\(shape)' is not a Threat Dragon v2 element Dossier knows; it is left out",
                                  at: cell.location)
                }
            }
        }
        let ids = Set(systems.map(\.id))
        let flows = flowCells.compactMap { flow($0, systems: ids, reader: reader) }
        let summary = tree["summary"]
        let author = summary?["owner"]?.string.flatMap(Self.clean).map { PersonName(name: $0, role: "Threat Dragon model owner") }
        let graph = DataFlowGraph(
            id: Self.identifier(for: file), title: summary?["title"]?.string.flatMap(Self.clean) ?? file, author: author,
            systems: systems, flows: flows, origin: .threatDragon, trustBoundaries: boundaries, threats: threats)
        return (graph, reader.diagnostics)
    }

    /// The name a cell is drawn with: a shape's text, else its data's name, else a flow's label.
    package static func drawnName(of cell: JSONNode) -> String? {
        cell["attrs"]?["text"]?["text"]?.string.flatMap(clean) ?? cell["data"]?["name"]?.string.flatMap(clean)
            ?? cell["labels"]?.elements?.first?["attrs"]?["labelText"]?["text"]?.string.flatMap(clean)
    }

    /// The threats recorded on one cell (`data.threats`), named after the cell's label.
    package static func threats(of cell: JSONNode) -> [DataFlowGraph.Threat] {
        let element = drawnName(of: cell) ?? cell["shape"]?.string ?? "element"
        return (cell["data"]?["threats"]?.elements ?? []).compactMap { threat in
            // A threat with no title is still a threat: named by its description or type.
            guard threat.members != nil else { return nil }
            let title = threat["title"]?.string.flatMap(clean) ?? threat["description"]?.string.flatMap(clean)
                ?? threat["type"]?.string.flatMap(clean) ?? "Untitled threat"
            return DataFlowGraph.Threat(
                title: title, status: threat["status"]?.string ?? "Open", severity: threat["severity"]?.string ?? "unknown",
                type: threat["type"]?.string, element: element, mitigation: threat["mitigation"]?.string.flatMap(clean), location: threat.location)
        }
    }

    private func system(_ cell: JSONNode, shape: String, reader: FieldReader) -> DataFlowGraph.System? {
        guard let id = cell["id"]?.string, !id.isEmpty else {
            reader.report(.warning, .unreadableCell, "A '\(shape)' cell has no 'id', so flows cannot reach it; it is left out", at: cell.location)
            return nil
        }
        let data = cell["data"]
        let name = Self.drawnName(of: cell) ?? "Unnamed \(shape)"
        let kind: DataFlowGraph.System.Kind = switch shape {
        case "actor": .actor
        case "store": .store
        default: .service
        }
        // Only a store has the encryption box; on a process or actor it would not mean "at rest".
        let encryption: Known<Bool> = shape == "store" ? Self.flag(data, "isEncrypted") : .unknown
        var notes = Self.scopeNotes(data)
        for (key, note) in [("isALog", "Holds logs"), ("storesCredentials", "Stores credentials"), ("isSigned", "Signed"),
                            ("providesAuthentication", "Provides authentication")] where data?[key]?.bool == true {
            notes.append(note)
        }
        if let level = data?["privilegeLevel"]?.string.flatMap(Self.clean) { notes.append("Privilege level: \(level)") }
        return DataFlowGraph.System(id: id, name: name, kind: kind, encryptionAtRest: encryption, notes: notes, sourceLocation: cell.location)
    }

    /// A flow both of whose ends are systems; a flow left hanging in the drawing is reported and
    /// left out, because joining it to the nearest shape would be a guess.
    private func flow(_ cell: JSONNode, systems: Set<String>, reader: FieldReader) -> DataFlowGraph.Flow? {
        let data = cell["data"]
        let id = cell["id"]?.string ?? ""
        let name = data?["name"]?.string.flatMap(Self.clean)
            ?? cell["labels"]?.elements?.first?["attrs"]?["labelText"]?["text"]?.string.flatMap(Self.clean)
        let described = "Flow " + (name.map { "'\($0)'" } ?? "'\(id)'")
        var ends: [String] = []
        for end in ["source", "target"] {
            guard let target = cell[end]?["cell"]?.string else {
                reader.report(.warning, .danglingFlow, "\(described) has no \(end) in the drawing; connect it in Threat Dragon. It is left out",
                              at: cell.location)
                return nil
            }
            guard systems.contains(target) else {
                reader.report(.warning, .danglingFlow, "\(described) has a \(end) that is not an actor, process or store; it is left out",
                              at: cell.location)
                return nil
            }
            ends.append(target)
        }
        var notes = Self.scopeNotes(data)
        if data?["isPublicNetwork"]?.bool == true { notes.append("Crosses a public network") }
        let proto = data?["protocol"]?.string.flatMap(Self.clean).map(Known.known) ?? .unknown
        return DataFlowGraph.Flow(
            id: id.isEmpty ? "\(ends[0])->\(ends[1])" : id, name: name, source: ends[0], target: ends[1],
            bidirectional: data?["isBidirectional"]?.bool ?? false, protocol: proto, encrypted: Self.flag(data, "isEncrypted"),
            notes: notes, sourceLocation: cell.location)
    }

    private static func flag(_ data: JSONNode?, _ key: String) -> Known<Bool> {
        data?[key]?.bool.map(Known.known) ?? .unknown
    }

    private static func scopeNotes(_ data: JSONNode?) -> [String] {
        var notes: [String] = []
        if let description = data?["description"]?.string.flatMap(clean) { notes.append(description) }
        if data?["outOfScope"]?.bool == true {
            notes.append("Out of scope in the threat model" + (data?["reasonOutOfScope"]?.string.flatMap(clean).map { ": \($0)" } ?? ""))
        }
        return notes
    }

    /// Labels are broken over lines to fit the shape they are drawn in; the breaks carry no meaning.
    package static func clean(_ text: String) -> String? {
        let joined = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
        let trimmed = joined.trimmingCharacters(in: .whitespaces)
        return trimmed.isEmpty ? nil : trimmed
    }

    /// The model has no ID of its own (`summary.id` is 0 in every demo), so its path names it.
    package static func identifier(for file: String) -> String {
        guard let dot = file.lastIndex(of: "."), !file[dot...].contains("/") else { return file }
        return String(file[..<dot])
    }
}
