/// Two evidence files must not be published at the same page (`notes.md` and a file named `notes`
/// would both become `evidence/notes.html`); the second is reported and left out of the pack.
struct PagePathChecker {
    /// Documents whose page is already taken by an earlier one (in path order).
    static func clashing(_ documents: [EvidenceDocument]) -> [(document: EvidenceDocument, owner: EvidenceDocument)] {
        var owners: [String: EvidenceDocument] = [:]
        var clashes: [(EvidenceDocument, EvidenceDocument)] = []
        for document in documents.sorted(by: { $0.path < $1.path }) {
            let page = PackPaths.page(forEvidence: document.file)
            if let owner = owners[page] {
                clashes.append((document, owner))
            } else {
                owners[page] = document
            }
        }
        return clashes
    }

    func check(_ documents: [EvidenceDocument], diagnostics: DiagnosticCollector) {
        for (document, owner) in Self.clashing(documents) {
            diagnostics.report(Diagnostic(
                .error, "dossier.render.page-clash",
                "File would be published at the same page as '\(owner.path)' and is left out of the pack; rename one of them",
                file: document.path))
        }
    }
}
