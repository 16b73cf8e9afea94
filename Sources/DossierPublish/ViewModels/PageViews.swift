/// View models, one per template. Templates see only these typed values: a key a template
/// names that is not here would silently render empty, which `TemplateKeyTests` guards against.
package struct EvidenceIndexPageView: Sendable, Encodable, Hashable {
    package var site: SiteView
    package var title: String
    package var groups: [EvidenceGroupView]
}

package struct EvidencePageView: Sendable, Encodable, Hashable {
    package var site: SiteView
    package var title: String
    package var path: String
    package var sha256: String
    /// Sanitised HTML from cmark-gfm (raw HTML omitted, unsafe URLs removed); the only unescaped value.
    package var html: String?
    /// Shown escaped, inside `<pre>`.
    package var text: String?
    /// Who prepared and reviewed the file, when it is a workpaper stating it.
    package var signOff: SignOffView?
    /// When a Markdown file was last reviewed and until when that holds, fresh or not.
    package var review: ReviewView? = nil
    /// The typed reading of the file, shown above its content.
    package var record: RecordView?
    /// Summaries and first events of a log extract.
    package var log: LogView?
    /// An evidence image, shown instead of its bytes as text.
    package var image: String?
    /// Structured data without a known kind, as nested tables.
    package var tree: TreeView?
    /// The data-flow diagram of a data-flow graph.
    package var diagram: DiagramView?
    /// Controls and checklist items that cite this file.
    package var hasBacklinks: Bool = false
    package var backlinks: [BacklinkView] = []
    package var hasDiagnostics: Bool
    package var diagnostics: [DiagnosticView]
}

/// A file's review as its front matter states it (`owner`, `reviewed_at`, `freshness`), with the date
/// its window runs out and where it stands at the build date. Every key is always present: an absent
/// one would let Mustache take an enclosing value.
package struct ReviewView: Sendable, Encodable, Hashable {
    package var owner: String
    package var hasOwner: Bool
    package var reviewedAt: String
    /// `access-review window, 92 days`.
    package var window: String
    package var validUntil: String
    /// `fresh`, `stale` or `future` (a review dated after the build), and its words.
    package var state: String
    package var stateLabel: String
}

package struct FindingsPageView: Sendable, Encodable, Hashable {
    package var site: SiteView
    package var title: String
    package var errorCount: Int
    package var warningCount: Int
    package var noteCount: Int
    /// `1 error · 2 warnings · 0 notes`.
    package var countsSummary: String
    package var hasDiagnostics: Bool
    package var diagnostics: [DiagnosticView]
    /// Every remediation of the evidence.
    package var hasRemediations: Bool = false
    package var remediation: RemediationListView = .init()
}
