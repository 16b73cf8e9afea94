import DossierModel
import DossierResources

/// Reads checklist definitions (built in under `catalogs/checklists/`), checking every control
/// they cite against the catalogs.
package struct ChecklistDefinitionReader: Sendable {
    package static let keys = ["kind", "checklist", "name", "source", "frameworks", "items"]

    package init() {}

    /// The built-in checklists, sorted by ID. Tests keep them free of diagnostics.
    package static let builtIn: [ChecklistDefinition] = {
        BuiltInCatalogFiles.files.keys.filter { $0.hasPrefix("checklists/") && $0.hasSuffix(".yml") }.sorted().compactMap { path in
            guard let tree = try? YAMLReader().read(BuiltInCatalogFiles.files[path]!) else { return nil }
            return ChecklistDefinitionReader().read(
                tree, reader: FieldReader(file: "catalogs/" + path, area: "checklist-definition"),
                catalogs: CatalogReader.builtIn, origin: "catalogs/" + path)
        }
    }()

    package func read(_ tree: JSONNode, reader: FieldReader, catalogs: [Catalog], origin: String) -> ChecklistDefinition? {
        guard let fields = reader.fields(of: tree, allowed: Self.keys, describing: "the checklist definition"),
              let id = fields.string("checklist", required: true) else { return nil }
        let covered = coveredFrameworks(fields, catalogs: catalogs, reader: reader)
        var seen: Set<String> = []
        let itemKeys = ["id", "section", "text", "controls", "no_control_reason", "expects", "wants", "evidence"]
        let items = fields.objects("items", allowed: itemKeys, required: true) { item -> ChecklistDefinition.Item? in
            guard let itemID = item.string("id", required: true), let text = item.string("text", required: true) else { return nil }
            guard seen.insert(itemID).inserted else {
                reader.report(.error, .duplicateID, "Item '\(itemID)' is defined twice", at: item.location)
                return nil
            }
            let controls = readControls(item, catalogs: catalogs, reader: reader)
            let reasons = item.object("no_control_reason", allowed: catalogs.map(\.framework))
            var noControlReason: [String: String] = [:]
            for catalog in catalogs where covered.contains(catalog.framework) && (controls[catalog.framework] ?? []).isEmpty {
                if let reason = reasons?.string(catalog.framework) {
                    noControlReason[catalog.framework] = reason
                } else {
                    reader.report(.error, .missingReason, "Item '\(itemID)' maps to no \(catalog.framework) control and gives no reason in 'no_control_reason'", at: item.location)
                }
            }
            if let legacy = item.node["evidence"] {
                // Version 1 listed kinds that could prove an item; a kind alone proved nothing an auditor could sign.
                reader.report(.error, .obsoleteKey,
                              "Item '\(itemID)' uses 'evidence', which no longer proves anything: replace it with 'expects' saying what the evidence must show (see docs/checklists.md)",
                              at: legacy.location)
            }
            let expects = ExpectationReader(reader: reader).read(item, itemID: itemID) ?? []
            return ChecklistDefinition.Item(
                id: itemID, section: item.string("section", required: true) ?? "", text: text, controls: controls,
                noControlReason: noControlReason, expects: expects, wants: item.string("wants", required: true) ?? "")
        } ?? []
        return ChecklistDefinition(
            id: id, name: fields.string("name", required: true) ?? id, source: fields.string("source", required: true) ?? "",
            frameworks: covered, items: items, origin: origin)
    }

    /// The frameworks every item must map to or explain: those listed in `frameworks`, else the built-in three.
    private func coveredFrameworks(_ fields: FieldReader.Fields, catalogs: [Catalog], reader: FieldReader) -> [String] {
        let known = catalogs.map(\.framework)
        guard let listed = fields.strings("frameworks") else {
            return CatalogReader.builtIn.map(\.framework).filter(known.contains)
        }
        for unknown in listed where !known.contains(unknown) {
            let suggestion = Spelling.suggestion(for: unknown, among: known)
            let hint = suggestion?.hint ?? ""
            reader.report(.error, .unknownFramework, "Framework '\(unknown)' is not a built-in framework or one of the evidence folder's own\(hint)", at: fields.node["frameworks"]?.location, suggestion: suggestion)
        }
        return listed.filter(known.contains)
    }

    private func readControls(_ item: FieldReader.Fields, catalogs: [Catalog], reader: FieldReader) -> [String: [String]] {
        guard let mapping = item.object("controls", allowed: catalogs.map(\.framework), required: true) else { return [:] }
        var controls: [String: [String]] = [:]
        for catalog in catalogs {
            let ids = mapping.strings(catalog.framework) ?? []
            for unknown in ids where catalog.control(unknown) == nil {
                reader.report(.error, .unknownControl, "Control '\(unknown)' is not in \(catalog.name)", at: mapping.node[catalog.framework]?.location)
            }
            controls[catalog.framework] = ids.filter { catalog.control($0) != nil }
        }
        return controls
    }
}
