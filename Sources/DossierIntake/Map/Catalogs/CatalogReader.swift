import DossierResources

/// Reads a framework catalog (built in, or the user's own in the evidence folder) from YAML or JSON,
/// with the same diagnostics as any evidence.
package struct CatalogReader: Sendable {
    package init() {}

    /// The catalogs shipped with Dossier, in a fixed order. They are checked by tests, so any
    /// diagnostic here is a bug in Dossier, not in the user's evidence.
    package static let builtIn: [Catalog] = {
        let order = ["iso27001-2022.yml", "soc2.yml", "gdpr.yml"]
        return order.compactMap { name in
            guard let text = BuiltInCatalogFiles.files[name], let tree = try? YAMLReader().read(text) else { return nil }
            let reader = FieldReader(file: "catalogs/" + name, area: "catalog")
            return CatalogReader().read(tree, reader: reader, origin: "catalogs/" + name)
        }
    }()

    package func read(_ tree: JSONNode, reader: FieldReader, origin: String) -> Catalog? {
        guard let fields = reader.fields(of: tree, allowed: ["kind", "framework", "name", "source", "applicability", "controls"], describing: "the catalog"),
              let framework = fields.string("framework", required: true) else { return nil }
        var seen: Set<String> = []
        let controls = fields.objects("controls", allowed: ["id", "title", "group"], required: true) { control -> Catalog.Control? in
            guard let id = control.string("id", required: true), let title = control.string("title", required: true) else { return nil }
            guard seen.insert(id).inserted else {
                reader.report(.error, .duplicateID, "Control '\(id)' appears twice in this catalog", at: control.location)
                return nil
            }
            return Catalog.Control(id: id, title: title, group: control.string("group"))
        } ?? []
        var catalog = Catalog(
            framework: framework, name: fields.string("name", required: true) ?? framework,
            source: fields.string("source", required: true) ?? "", controls: controls, origin: origin)
        catalog.requiresDecisions = fields.choice("applicability", ["required", "optional"]) == "required"
        return catalog
    }
}
