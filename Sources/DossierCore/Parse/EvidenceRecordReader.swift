/// Interprets a parsed file as a typed record when it declares a `kind` Dossier knows.
///
/// Markdown declares it in front matter (`kind: checklist`); JSON and YAML in their top-level
/// object (`"kind": "approval"`). Files without a `kind` are published as they are.
struct EvidenceRecordReader {
    static let checklistFrontMatterKeys = ["kind", "title", "checklist", "integration", "owner", "answered_at"]

    func read(markdown: MarkdownEvidence, file: String) -> (EvidenceRecord?, [Diagnostic]) {
        guard let frontMatter = markdown.frontMatter, let kind = declaredKind(frontMatter, file: file) else { return (nil, []) }
        let reader = FieldReader(file: file, area: kind.area)
        switch kind {
        case .known("checklist"):
            let fields = reader.fields(of: frontMatter, allowed: Self.checklistFrontMatterKeys, describing: "the front matter")
            return (.checklist(ChecklistAnswersReader().read(markdown, frontMatter: fields, reader: reader)), reader.diagnostics)
        case .known(let other):
            reader.report(.error, "wrong-format", "Evidence of kind '\(other)' must be a JSON or YAML file, not Markdown", at: frontMatter["kind"]?.location)
            return (nil, reader.diagnostics)
        case .unknown(let diagnostic):
            return (nil, [diagnostic])
        }
    }

    func read(structured tree: JSONNode, file: String) -> (EvidenceRecord?, [Diagnostic]) {
        guard let kind = declaredKind(tree, file: file) else { return (nil, []) }
        let reader = FieldReader(file: file, area: kind.area)
        switch kind {
        case .known("approval"):
            guard let fields = reader.fields(of: tree, allowed: ApprovalRecordReader.keys, describing: "the approval") else {
                return (nil, reader.diagnostics)
            }
            return (ApprovalRecordReader().read(fields, reader: reader).map(EvidenceRecord.approval), reader.diagnostics)
        case .known(let other):
            reader.report(.error, "wrong-format", "Evidence of kind '\(other)' must be Markdown with front matter", at: tree["kind"]?.location)
            return (nil, reader.diagnostics)
        case .unknown(let diagnostic):
            return (nil, [diagnostic])
        }
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
            let hint = Spelling.closest(to: written, among: EvidenceRecord.kinds).map { "; did you mean '\($0)'?" } ?? ""
            return .unknown(Diagnostic(
                .error, "dossier.evidence.unknown-kind",
                "Unknown evidence kind '\(written)'; known kinds are \(EvidenceRecord.kinds.joined(separator: ", "))\(hint)",
                file: file, at: node.location))
        }
        return .known(name)
    }
}
