import DossierModel
import DossierResources

/// Reads a cross-framework mapping (built in under `catalogs/mappings/`, or a user's own with
/// `kind: mapping`), checking every row against the catalogs it names.
package struct MappingReader: Sendable {
    package static let keys = ["kind", "id", "name", "source_framework", "target_framework", "source", "relations"]

    package init() {}

    /// The built-in mappings, sorted by ID. Tests keep them free of diagnostics.
    package static let builtIn: [Mapping] = {
        BuiltInCatalogFiles.files.keys.filter { $0.hasPrefix("mappings/") && $0.hasSuffix(".yml") }.sorted().compactMap { path in
            guard let tree = try? YAMLReader().read(BuiltInCatalogFiles.files[path]!) else { return nil }
            return MappingReader().read(
                tree, reader: FieldReader(file: "catalogs/" + path, area: "mapping"), catalogs: CatalogReader.builtIn, origin: "catalogs/" + path)
        }
    }()

    package func read(_ tree: JSONNode, reader: FieldReader, catalogs: [Catalog], origin: String) -> Mapping? {
        guard let fields = reader.fields(of: tree, allowed: Self.keys, describing: "the mapping"),
              let id = fields.string("id", required: true) else { return nil }
        let frameworks = catalogs.map(\.framework)
        let sourceCatalog = fields.choice("source_framework", frameworks, required: true).flatMap { name in catalogs.first { $0.framework == name } }
        let targetCatalog = fields.choice("target_framework", frameworks, required: true).flatMap { name in catalogs.first { $0.framework == name } }
        if let sourceCatalog, sourceCatalog == targetCatalog {
            reader.report(.error, .badValue, "A mapping relates two different frameworks; both sides are '\(sourceCatalog.framework)'", at: tree["target_framework"]?.location)
        }
        var seen: Set<String> = []
        let relations = fields.objects("relations", allowed: ["source", "target", "relationship", "note"], required: true) { row -> Mapping.Relation? in
            guard let source = row.string("source", required: true), let target = row.string("target", required: true),
                  let relationship = row.choice("relationship", Mapping.Relationship.allCases.map(\.rawValue), required: true)
                    .flatMap(Mapping.Relationship.init(rawValue:)) else { return nil }
            var known = true
            for (side, id, catalog) in [("source", source, sourceCatalog), ("target", target, targetCatalog)] {
                if let catalog, catalog.control(id) == nil {
                    let suggestion = Spelling.suggestion(for: id, among: catalog.controls.map(\.id))
                    let hint = suggestion?.hint ?? ""
                    reader.report(.error, .unknownControl, "Control '\(id)' is not in \(catalog.name)\(hint)", at: row.node[side]?.location, suggestion: suggestion)
                    known = false
                }
            }
            guard known else { return nil }
            guard seen.insert(source + "\u{0}" + target).inserted else {
                reader.report(.error, .duplicateRow, "The row \(source) → \(target) appears twice; keep one", at: row.location)
                return nil
            }
            return Mapping.Relation(source: source, target: target, relationship: relationship, note: row.string("note"))
        } ?? []
        guard let sourceCatalog, let targetCatalog else { return nil }
        return Mapping(
            id: id, name: fields.string("name", required: true) ?? id, sourceFramework: sourceCatalog.framework,
            targetFramework: targetCatalog.framework, source: fields.string("source", required: true) ?? "",
            relations: relations, origin: origin)
    }
}
