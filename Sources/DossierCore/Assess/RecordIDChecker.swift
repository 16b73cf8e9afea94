/// Record IDs are how controls, findings and other records cite a record, so two records of the
/// same kind may not share one, even in different files.
struct RecordIDChecker {
    func check(_ documents: [EvidenceDocument], diagnostics: DiagnosticCollector) {
        // A user's framework may not reuse a built-in framework's ID.
        var firstFile = Dictionary(uniqueKeysWithValues: CatalogReader.builtIn.map { ("framework\u{0}" + $0.framework, "a built-in framework") })
        for document in documents.sorted(by: { $0.path < $1.path }) {
            guard let (kind, id) = identity(of: document.record) else { continue }
            let key = kind + "\u{0}" + id
            if let earlier = firstFile[key] {
                diagnostics.report(Diagnostic(
                    .error, "dossier.\(kind).duplicate-id", "ID '\(id)' is already used by \(earlier); give each \(kind) its own ID",
                    file: document.path))
            } else {
                firstFile[key] = document.path
            }
        }
    }

    private func identity(of record: EvidenceRecord?) -> (String, String)? {
        switch record {
        case .approval(let approval): ("approval", approval.id)
        case .processingActivity(let activity): ("processing-activity", activity.id)
        case .waiver(let waiver): ("waiver", waiver.id)
        case .agreement(let agreement): ("agreement", agreement.id)
        case .framework(let catalog): ("framework", catalog.framework)
        case .checklist, .applicability, nil: nil
        }
    }
}
