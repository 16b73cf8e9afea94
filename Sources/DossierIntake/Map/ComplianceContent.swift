import DossierModel

/// Everything Dossier judges evidence against: the framework catalogs, the checklists and the
/// cross-framework mappings — built in, plus the evidence folder's own.
package struct ComplianceContent: Sendable {
    package var catalogs: [Catalog]
    package var checklists: [ChecklistDefinition]
    package var mappings: [Mapping]
    /// The evidence folder's own log formats first (so they win), then the built-in ones.
    package var logFormats: [LogFormat]

    /// Only what ships with Dossier.
    package static let builtIn = ComplianceContent(
        catalogs: CatalogReader.builtIn, checklists: ChecklistDefinitionReader.builtIn, mappings: MappingReader.builtIn,
        logFormats: LogFormatReader.builtIn)

    /// Adds the evidence folder's frameworks, checklist definitions and mappings to the built-in ones.
    ///
    /// Frameworks come first because checklists and mappings cite their controls; problems in the
    /// user's content are reported against its file like any evidence. Clashing IDs are reported by
    /// `RecordIDRule`, so a clashing record is simply left out here.
    package static func assemble(from documents: [EvidenceDocument], diagnostics: DiagnosticEngine) -> ComplianceContent {
        var content = builtIn
        let sorted = documents.sorted { $0.path < $1.path }
        for document in sorted {
            guard case .framework(let catalog)? = document.record,
                  !content.catalogs.contains(where: { $0.framework == catalog.framework }) else { continue }
            content.catalogs.append(catalog)
        }
        content.catalogs = content.catalogs.prefix(builtIn.catalogs.count)
            + content.catalogs.dropFirst(builtIn.catalogs.count).sorted { $0.framework < $1.framework }
        var ownFormats: [LogFormat] = []
        for document in sorted {
            switch document.record {
            case .checklistDefinition(let pending) where !content.checklists.contains(where: { $0.id == pending.id }):
                let reader = FieldReader(file: document.path, area: "checklist-definition")
                if let checklist = ChecklistDefinitionReader().read(pending.tree, reader: reader, catalogs: content.catalogs, origin: document.path) {
                    content.checklists.append(checklist)
                }
                diagnostics.report(contentsOf: reader.diagnostics)
            case .mapping(let pending) where !content.mappings.contains(where: { $0.id == pending.id }):
                let reader = FieldReader(file: document.path, area: "mapping")
                if let mapping = MappingReader().read(pending.tree, reader: reader, catalogs: content.catalogs, origin: document.path) {
                    content.mappings.append(mapping)
                }
                diagnostics.report(contentsOf: reader.diagnostics)
            case .logFormat(let pending) where !content.logFormats.contains(where: { $0.id == pending.id }):
                let reader = FieldReader(file: document.path, area: "log-format")
                if let format = LogFormatReader().read(pending.tree, reader: reader, origin: document.path) {
                    ownFormats.append(format)
                }
                diagnostics.report(contentsOf: reader.diagnostics)
            default:
                continue
            }
        }
        content.logFormats = ownFormats + content.logFormats
        content.checklists.sort { $0.id < $1.id }
        content.mappings.sort { $0.id < $1.id }
        return content
    }

    package func catalog(_ framework: String) -> Catalog? { catalogs.first { $0.framework == framework } }
    package func checklist(_ id: String) -> ChecklistDefinition? { checklists.first { $0.id == id } }

    /// Every control mapped to `control` of `framework` by any mapping, in either direction.
    package func mapped(to control: String, in framework: String) -> [MappedControl] {
        mappings.mapped(to: control, in: framework)
    }
}
