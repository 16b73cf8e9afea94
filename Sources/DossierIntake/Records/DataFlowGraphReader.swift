import DossierModel

/// Decodes `kind: data-flow`. Security facts (encryption, key holder, third party, personal data,
/// TLS) may be written as `unknown` or left out, and both read as `.unknown`: the graph records
/// what its author knows, and a gap stays visible instead of becoming a safe-looking default.
package struct DataFlowGraphReader {
    package static let keys = ["kind", "id", "title", "activity", "author", "systems", "flows"]
    package static let systemKeys = [
        "id", "name", "kind", "owner", "location", "encryption_at_rest", "key_holder", "third_party", "notes", "recipient",
        "encryption_justification",
    ]
    package static let flowKeys = [
        "id", "name", "source", "target", "bidirectional", "data_categories", "personal_data", "protocol", "tls_version", "purpose",
        "internal_justification", "notes",
    ]
    package static let unknown = "unknown"

    package func read(_ fields: FieldReader.Fields, reader: FieldReader) -> DataFlowGraph? {
        let id = fields.string("id", required: true)
        let title = fields.string("title", required: true)
        let activity = fields.string("activity")
        let author = fields.person("author")
        var systemLines: [String: Int] = [:]
        let systems = fields.objects("systems", allowed: Self.systemKeys, required: true) { item in
            readSystem(item, reader: reader).flatMap { unique($0, id: $0.id, what: "System", item: item, seen: &systemLines, reader: reader) }
        }
        // A flow to a system that is declared but could not be read is left out quietly: the
        // system's own problem is already reported where it is written.
        let ends = Ends(readable: Set(systems?.map(\.id) ?? []),
                        declared: Set(fields.node["systems"]?.elements?.compactMap { $0["id"]?.string } ?? []))
        var flowLines: [String: Int] = [:]
        let flows = fields.objects("flows", allowed: Self.flowKeys, required: true) { item in
            readFlow(item, ends: ends, reader: reader).flatMap { unique($0, id: $0.id, what: "Flow", item: item, seen: &flowLines, reader: reader) }
        }
        guard let id, let title, let systems, let flows else { return nil }
        return DataFlowGraph(id: id, title: title, activity: activity, author: author, systems: systems, flows: flows, origin: .native)
    }

    /// `value`, unless an earlier item already used its ID: then the clash is reported and it is left out.
    private func unique<T>(_ value: T, id: String, what: String, item: FieldReader.Fields, seen: inout [String: Int], reader: FieldReader) -> T? {
        if let line = seen[id] {
            reader.report(.error, .duplicateID, "\(what) '\(id)' is already declared on line \(line); give each \(what.lowercased()) its own ID",
                          at: item.node["id"]?.location)
            return nil
        }
        seen[id] = item.location.line
        return value
    }

    private func readSystem(_ item: FieldReader.Fields, reader: FieldReader) -> DataFlowGraph.System? {
        let id = item.string("id", required: true)
        let name = item.string("name", required: true)
        let kind = item.choice("kind", DataFlowGraph.System.Kind.allCases.map(\.rawValue), required: true)
            .flatMap(DataFlowGraph.System.Kind.init(rawValue:))
        let owner = knownText(item, "owner")
        let location = knownText(item, "location")
        let encryption = knownBool(item, "encryption_at_rest", reader: reader)
        let keyHolder = knownChoice(item, "key_holder", DataFlowGraph.System.KeyHolder.self)
        let thirdParty = knownBool(item, "third_party", reader: reader)
        let notes = item.strings("notes") ?? []
        guard let id, let name, let kind else { return nil }
        var system = DataFlowGraph.System(id: id, name: name, kind: kind, owner: owner, location: location, encryptionAtRest: encryption,
                                          keyHolder: keyHolder, thirdParty: thirdParty, notes: notes, sourceLocation: item.location)
        system.recipient = item.string("recipient")
        system.encryptionJustification = item.string("encryption_justification")
        return system
    }

    private struct Ends {
        var readable: Set<String>
        var declared: Set<String>
    }

    private func readFlow(_ item: FieldReader.Fields, ends: Ends, reader: FieldReader) -> DataFlowGraph.Flow? {
        let id = item.string("id", required: true)
        let source = endpoint(item, "source", ends: ends, reader: reader)
        let target = endpoint(item, "target", ends: ends, reader: reader)
        let categories = item.strings("data_categories", required: true)
        let purpose = item.string("purpose", required: true)
        let personal = knownBool(item, "personal_data", reader: reader)
        let tls = knownChoice(item, "tls_version", DataFlowGraph.Flow.TLSVersion.self)
        let flow = DataFlowGraph.Flow(
            id: id ?? "", name: item.string("name"), source: source ?? "", target: target ?? "", bidirectional: item.bool("bidirectional") ?? false,
            dataCategories: categories.map(Known.known) ?? .unknown, personalData: personal, protocol: knownText(item, "protocol"),
            tlsVersion: tls, purpose: purpose.map(Known.known) ?? .unknown,
            internalJustification: item.string("internal_justification"), notes: item.strings("notes") ?? [], sourceLocation: item.location)
        guard id != nil, source != nil, target != nil, categories != nil, purpose != nil else { return nil }
        return flow
    }

    /// A flow's end must be a declared system: a flow into nowhere is an error, never a guess.
    private func endpoint(_ item: FieldReader.Fields, _ key: String, ends: Ends, reader: FieldReader) -> String? {
        guard let id = item.string(key, required: true), !ends.declared.contains(id) || ends.readable.contains(id) else { return nil }
        guard ends.readable.contains(id) else {
            let suggestion = Spelling.suggestion(for: id, among: ends.declared.sorted())
            let hint = suggestion?.hint ?? ""
            reader.report(.error, .unknownSystem, "Flow \(key) '\(id)' is not a system of this graph; declare it under 'systems'\(hint)",
                          at: item.node[key]?.location, suggestion: suggestion)
            return nil
        }
        return id
    }

    private func knownText(_ item: FieldReader.Fields, _ key: String) -> Known<String> {
        guard let text = item.string(key), text != Self.unknown else { return .unknown }
        return .known(text)
    }

    /// One of the type's values, or `unknown`; a near miss gets a "did you mean".
    private func knownChoice<T>(_ item: FieldReader.Fields, _ key: String, _: T.Type) -> Known<T>
        where T: RawRepresentable & CaseIterable & Sendable & Hashable, T.RawValue == String
    {
        guard let text = item.choice(key, T.allCases.map(\.rawValue) + [Self.unknown]), let value = T(rawValue: text) else { return .unknown }
        return .known(value)
    }

    /// `true`, `false`, or `unknown` (or left out).
    private func knownBool(_ item: FieldReader.Fields, _ key: String, reader: FieldReader) -> Known<Bool> {
        guard let node = item.value(key, required: false) else { return .unknown }
        if let flag = node.bool { return .known(flag) }
        if let text = node.string {
            if text == Self.unknown { return .unknown }
            let suggestion = Spelling.suggestion(for: text, among: ["true", "false", Self.unknown])
            let hint = suggestion?.hint ?? ""
            reader.report(.error, .badValue, "'\(key)' must be true, false or unknown, found '\(text)'\(hint)", at: node.location, suggestion: suggestion)
        } else {
            reader.report(.error, .wrongType, "'\(key)' must be true, false or unknown, found \(node.typeName)", at: node.location)
        }
        return .unknown
    }
}
