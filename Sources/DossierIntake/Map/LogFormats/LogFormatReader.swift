import DossierModel
import DossierResources

/// Reads a log format (built in under `catalogs/log-formats/`, or a user's own with `kind: log-format`).
package struct LogFormatReader: Sendable {
    package static let keys = [
        "kind", "id", "name", "source", "recognise", "paths", "records", "timestamp", "identity", "failure", "kinds", "fields",
    ]
    package static let tests = ["present", "equals", "in", "prefix", "contains", "at_least"]
    /// The longest text a `contains` test may look for.
    static let longestPattern = 256

    package init() {}

    /// The built-in formats, sorted by ID. Tests keep them free of diagnostics.
    package static let builtIn: [LogFormat] = {
        BuiltInCatalogFiles.files.keys.filter { $0.hasPrefix("log-formats/") && $0.hasSuffix(".yml") }.sorted().compactMap { path in
            guard let tree = try? YAMLReader().read(BuiltInCatalogFiles.files[path]!) else { return nil }
            return LogFormatReader().read(tree, reader: FieldReader(file: "catalogs/" + path, area: "log-format"), origin: "catalogs/" + path)
        }
    }()

    package func read(_ tree: JSONNode, reader: FieldReader, origin: String) -> LogFormat? {
        guard let fields = reader.fields(of: tree, allowed: Self.keys, describing: "the log format"),
              let id = fields.string("id", required: true) else { return nil }
        let recognise = conditions(fields, "recognise", reader: reader)
        let patterns = fields.strings("paths") ?? []
        if recognise.isEmpty && patterns.isEmpty {
            reader.report(.error, .missingField, "The log format has neither 'recognise' nor 'paths', so no file would be read with it; add one", at: tree.location)
        }
        var timestamp: [LogFormat.FieldPath] = []
        var unit: LogTimestamp.Unit?
        if let time = fields.object("timestamp", allowed: ["field", "unit"], required: true) {
            timestamp = self.paths(time, "field", required: true)
            unit = time.choice("unit", LogTimestamp.Unit.allCases.map(\.rawValue)).flatMap(LogTimestamp.Unit.init(rawValue:))
        }
        let kinds = fields.objects("kinds", allowed: ["kind", "when"], required: true) { rule -> LogFormat.KindRule? in
            guard let kind = rule.choice("kind", LogEventKind.allCases.map(\.rawValue), required: true).flatMap(LogEventKind.init(rawValue:)) else { return nil }
            return LogFormat.KindRule(kind: kind, when: conditions(rule, "when", reader: reader))
        } ?? []
        var details: [LogEventField: [LogFormat.FieldPath]] = [:]
        if let mapped = fields.object("fields", allowed: LogEventField.allCases.map(\.rawValue)) {
            for field in LogEventField.allCases {
                let found = self.paths(mapped, field.rawValue, required: false)
                if !found.isEmpty { details[field] = found }
            }
        }
        return LogFormat(
            id: id, name: fields.string("name", required: true) ?? id, recognise: recognise, paths: patterns,
            recordsKeys: fields.strings("records") ?? [], timestamp: timestamp, timestampUnit: unit,
            identity: self.paths(fields, "identity", required: false), failure: conditions(fields, "failure", reader: reader),
            kinds: kinds, fields: details, origin: origin)
    }

    /// A path or a list of paths tried in order.
    private func paths(_ fields: FieldReader.Fields, _ key: String, required: Bool) -> [LogFormat.FieldPath] {
        if fields.node[key]?.string != nil {
            return fields.string(key, required: required).map { [LogFormat.FieldPath($0)] } ?? []
        }
        return (fields.strings(key, required: required) ?? []).map(LogFormat.FieldPath.init)
    }

    private func conditions(_ fields: FieldReader.Fields, _ key: String, reader: FieldReader) -> [LogFormat.Condition] {
        fields.objects(key, allowed: ["field"] + Self.tests) { condition -> LogFormat.Condition? in
            guard let field = condition.string("field", required: true) else { return nil }
            let given = Self.tests.filter { condition.node[$0] != nil }
            guard given.count == 1, let test = given.first, let node = condition.node[test] else {
                reader.report(.error, .badValue, "A condition on '\(field)' needs exactly one of \(Self.tests.joined(separator: ", "))", at: condition.location)
                return nil
            }
            let path = LogFormat.FieldPath(field)
            switch test {
            case "present":
                return condition.bool("present").map { .init(field: path, test: .present($0)) }
            case "in":
                return (node.elements?.compactMap(Self.scalarText)).map { .init(field: path, test: .oneOf($0)) } ?? wrong(test, node, reader)
            case "at_least":
                return node.number.map { .init(field: path, test: .atLeast($0)) } ?? wrong(test, node, reader)
            default:
                guard let text = Self.scalarText(node) else { return wrong(test, node, reader) }
                // A log's values are names and codes: a longer pattern is no test of one, and each
                // event's text is searched for it (a 10 000-character `contains` took a minute).
                guard test != "contains" || text.count <= Self.longestPattern else {
                    reader.report(.error, .badValue, "'contains' on '\(field)' is \(text.count) characters long, more than \(Self.longestPattern); test for a shorter part of the value", at: node.location)
                    return nil
                }
                let made: LogFormat.Condition.Test = test == "equals" ? .equals(text) : test == "prefix" ? .prefix(text) : .contains(text)
                return .init(field: path, test: made)
            }
        } ?? []
    }

    private func wrong(_ test: String, _ node: JSONNode, _ reader: FieldReader) -> LogFormat.Condition? {
        let expected = test == "in" ? "a list of values" : test == "at_least" ? "a number" : "a single value"
        reader.report(.error, .wrongType, "'\(test)' must be \(expected), found \(node.typeName)", at: node.location)
        return nil
    }

    /// Conditions compare text, so `equals: false` in YAML matches the JSON boolean false.
    package static func scalarText(_ node: JSONNode) -> String? {
        switch node.value {
        case .string(let text), .number(let text): text
        case .bool(let flag): flag ? "true" : "false"
        default: nil
        }
    }
}
