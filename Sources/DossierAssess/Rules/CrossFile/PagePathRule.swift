import DossierIntake
import DossierModel

/// Two evidence files must not be published at the same page (`notes.md` and a file named `notes`
/// would both become `evidence/notes.html`); the second is reported and left out of the pack.
/// Likewise two processing activities whose IDs differ only in punctuation (`hr payroll`, `hr-payroll`)
/// share one activity page: the pack keeps the last by ID, and each other one is reported.
package struct PagePathRule: AssessmentRule {
    package init() {}

    package static let identifiers: [DiagnosticID] = [.renderPageClash]

    /// Documents whose page is already taken by an earlier one (in path order).
    package static func clashing(_ documents: [EvidenceDocument]) -> [(document: EvidenceDocument, owner: EvidenceDocument)] {
        // Positions, not documents, are sorted and remembered: copying 10 000 documents was most of the rule's time.
        var owners: [String: Int] = [:]
        var clashes: [(EvidenceDocument, EvidenceDocument)] = []
        for index in documents.pathOrder {
            let page = PackPaths.page(forEvidence: documents[index].file)
            if let owner = owners[page] {
                clashes.append((documents[index], documents[owner]))
            } else {
                owners[page] = index
            }
        }
        return clashes
    }

    /// The documents that get a page: each page's first owner by path (the renderer's own rule).
    package static func published(_ documents: [EvidenceDocument]) -> [EvidenceDocument] {
        // Without clashes the array itself is returned: a filtered copy held 10 MB at 10 000 files.
        documents.excluding(Set(clashing(documents).map(\.document.path)))
    }

    /// Files sharing a page; then activities sharing a page, among the documents that are published
    /// (after the secret scan has withheld some): a withheld activity has no page to take another's.
    package func check(_ context: RuleContext) -> [RuleFinding] {
        let files = Self.clashing(context.documents).map { document, owner in
            Diagnostic(
                .error, DiagnosticID.renderPageClash,
                "File would be published at the same page as '\(owner.path)' and is left out of the pack; rename one of them",
                file: document.path)
        }
        let activities = Self.clashingActivities(Self.published(context.documents.excluding(context.withheld))).map { activity, document, kept in
            Diagnostic(
                .error, DiagnosticID.renderPageClash,
                "Processing activity '\(activity)' has the same page (\(PackPaths.activity(activity))) as '\(kept)', whose page the pack shows instead; change one of the IDs",
                file: document.path, at: SourceLocation(line: 1, column: 1))
        }
        return (files + activities).map { RuleFinding(diagnostic: $0, standing: nil) }
    }

    /// Activities whose page another activity, later by ID, takes (the pack keeps the last page of each path).
    package static func clashingActivities(_ documents: [EvidenceDocument]) -> [(id: String, document: EvidenceDocument, kept: String)] {
        var byPage: [String: [(id: String, document: EvidenceDocument)]] = [:]
        for (activity, document) in documents.records(\.processingActivity) {
            byPage[PackPaths.activity(activity.id), default: []].append((activity.id, document))
        }
        return byPage.values.flatMap { sharing -> [(id: String, document: EvidenceDocument, kept: String)] in
            let ordered = sharing.sorted { ($0.id, $0.document.path) < ($1.id, $1.document.path) }
            guard let kept = ordered.last?.id else { return [] }
            // The same ID twice is RecordIDRule's to report.
            return ordered.dropLast().filter { $0.id != kept }.map { ($0.id, $0.document, kept) }
        }
    }
}
