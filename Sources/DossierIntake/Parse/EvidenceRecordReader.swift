import DossierModel
import Foundation

/// Interprets a parsed file as a typed record when it declares a `kind` Dossier knows.
///
/// Markdown declares it in front matter (`kind: checklist`); JSON and YAML in their top-level
/// object (`"kind": "approval"`). Files without a `kind` are published as they are.
package struct EvidenceRecordReader {
    /// The zone a date-time written without one is read in (the configuration's `timezone:`).
    package var timeZone = ISODate.utc

    package init(timeZone: TimeZone = ISODate.utc) {
        self.timeZone = timeZone
    }

    package static let checklistFrontMatterKeys = ["kind", "title", "checklist", "integration", "owner", "answered_at", "reviewed_at", "freshness"]
        + SignOffReader.keys

    package func read(markdown: MarkdownEvidence, file: String) -> (EvidenceRecord?, [Diagnostic]) {
        guard let frontMatter = markdown.frontMatter, let kind = declaredKind(frontMatter, file: file) else { return (nil, []) }
        let reader = FieldReader(file: file, area: kind.area, timeZone: timeZone)
        switch kind {
        case .known("checklist"):
            let fields = reader.fields(of: frontMatter, allowed: Self.checklistFrontMatterKeys, describing: "the front matter")
            return (.checklist(ChecklistAnswersReader().read(markdown, frontMatter: fields, reader: reader)), reader.diagnostics)
        case .known(let other):
            reader.report(.error, .wrongFormat, "Evidence of kind '\(other)' must be a JSON or YAML file, not Markdown", at: frontMatter["kind"]?.location)
            return (nil, reader.diagnostics)
        case .unknown(let diagnostic):
            return (nil, [diagnostic])
        }
    }

    package func read(structured tree: JSONNode, file: String) -> (EvidenceRecord?, [Diagnostic]) {
        guard let kind = declaredKind(tree, file: file) else {
            // Other tools' exports carry no `kind` of ours: they are recognised by their shape.
            if ThreatDragonImporter.recognises(tree) {
                let (graph, diagnostics) = ThreatDragonImporter().read(tree, file: file)
                return (graph.map(EvidenceRecord.dataFlow), diagnostics)
            }
            if PytmImporter.recognises(tree) {
                let (graph, diagnostics) = PytmImporter().read(tree, file: file)
                return (graph.map(EvidenceRecord.dataFlow), diagnostics)
            }
            return (nil, [])
        }
        let reader = FieldReader(file: file, area: kind.area, timeZone: timeZone)
        // Every record is a workpaper that may say who prepared and reviewed it (`SignOffReader` reads that).
        func fields(_ keys: [String], _ what: String) -> FieldReader.Fields? {
            reader.fields(of: tree, allowed: keys + SignOffReader.keys, describing: what)
        }
        switch kind {
        case .known("approval"):
            let record = fields(ApprovalRecordReader.keys, "the approval").flatMap { ApprovalRecordReader().read($0, reader: reader) }
            return (record.map(EvidenceRecord.approval), reader.diagnostics)
        case .known("processing-activity"):
            let record = fields(ProcessingActivityReader.keys, "the processing activity").flatMap { ProcessingActivityReader().read($0) }
            return (record.map(EvidenceRecord.processingActivity), reader.diagnostics)
        case .known("applicability"):
            let record = fields(ApplicabilityDecisionsReader.keys, "the applicability decisions")
                .flatMap { ApplicabilityDecisionsReader().read($0, reader: reader) }
            return (record.map(EvidenceRecord.applicability), reader.diagnostics)
        case .known("waiver"):
            let record = fields(WaiverReader.keys, "the waiver").flatMap { WaiverReader().read($0, reader: reader) }
            return (record.map(EvidenceRecord.waiver), reader.diagnostics)
        case .known("remediation"):
            let record = fields(RemediationReader.keys, "the remediation").flatMap { RemediationReader().read($0, reader: reader) }
            return (record.map(EvidenceRecord.remediation), reader.diagnostics)
        case .known("agreement"):
            let record = fields(AgreementReader.keys, "the agreement").flatMap { AgreementReader().read($0, reader: reader) }
            return (record.map(EvidenceRecord.agreement), reader.diagnostics)
        case .known("data-flow"):
            let record = fields(DataFlowGraphReader.keys, "the data-flow graph").flatMap { DataFlowGraphReader().read($0, reader: reader) }
            return (record.map(EvidenceRecord.dataFlow), reader.diagnostics)
        case .known("framework"):
            return (CatalogReader().read(tree, reader: reader, origin: file).map(EvidenceRecord.framework), reader.diagnostics)
        case .known("checklist-definition"):
            return (unresolved(tree, idKey: "checklist", reader: reader).map(EvidenceRecord.checklistDefinition), reader.diagnostics)
        case .known("mapping"):
            return (unresolved(tree, idKey: "id", reader: reader).map(EvidenceRecord.mapping), reader.diagnostics)
        case .known("log-format"):
            return (unresolved(tree, idKey: "id", reader: reader).map(EvidenceRecord.logFormat), reader.diagnostics)
        case .known(let other):
            reader.report(.error, .wrongFormat, "Evidence of kind '\(other)' must be Markdown with front matter", at: tree["kind"]?.location)
            return (nil, reader.diagnostics)
        case .unknown(let diagnostic):
            return (nil, [diagnostic])
        }
    }

    /// Keeps content that has an ID for `ComplianceContent` to read in full; without one it cannot be cited.
    private func unresolved(_ tree: JSONNode, idKey: String, reader: FieldReader) -> UnresolvedContent? {
        guard tree.members != nil else {
            reader.report(.error, .wrongType, "The file must hold an object, found \(tree.typeName)", at: tree.location)
            return nil
        }
        guard let node = tree[idKey], node.value != .null else {
            reader.report(.error, .missingField, "The file has no '\(idKey)'; add it", at: tree.location)
            return nil
        }
        guard let id = node.string, !id.trimmingBlanks.isEmpty else {
            reader.report(.error, .wrongType, "'\(idKey)' must be non-empty text, found \(node.typeName)", at: node.location)
            return nil
        }
        return UnresolvedContent(id: id, tree: tree)
    }

    private enum Kind {
        case known(String)
        case unknown(Diagnostic)

        var area: String {
            if case .known(let name) = self { return name }
            return "evidence"
        }
    }

    private func declaredKind(_ tree: JSONNode, file: String) -> Kind? {
        guard let node = tree["kind"] else { return nil }
        guard let name = node.string, EvidenceRecord.kinds.contains(name) else {
            let written = node.string ?? node.typeName
            let suggestion = Spelling.suggestion(for: written, among: EvidenceRecord.kinds)
            let hint = suggestion?.hint ?? ""
            return .unknown(Diagnostic(
                .error, DiagnosticID.evidenceUnknownKind,
                "Unknown evidence kind '\(written)'; known kinds are \(EvidenceRecord.kinds.joined(separator: ", "))\(hint)",
                file: file, at: node.location, suggestion: suggestion))
        }
        return .known(name)
    }
}
