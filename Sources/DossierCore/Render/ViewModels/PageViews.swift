/// View models, one per template. Templates see only these typed values: a key a template
/// names that is not here would silently render empty, which `TemplateKeyTests` guards against.
struct EvidenceIndexPageView: Sendable, Encodable {
    var site: SiteView
    var title: String
    var groups: [EvidenceGroupView]
}

struct EvidencePageView: Sendable, Encodable {
    var site: SiteView
    var title: String
    var path: String
    var sha256: String
    /// Sanitised HTML from cmark-gfm (raw HTML omitted, unsafe URLs removed); the only unescaped value.
    var html: String?
    /// Shown escaped, inside `<pre>`.
    var text: String?
    /// The typed reading of the file, shown above its content.
    var record: RecordView?
    /// Summaries and first events of a log extract.
    var log: LogView?
    /// An evidence image, shown instead of its bytes as text.
    var image: String?
    /// Structured data without a known kind, as nested tables.
    var tree: TreeView?
    /// The data-flow diagram of a data-flow graph.
    var diagram: DiagramView?
    /// Controls and checklist items that cite this file.
    var hasBacklinks: Bool = false
    var backlinks: [BacklinkView] = []
    var hasDiagnostics: Bool
    var diagnostics: [DiagnosticView]
}

struct FindingsPageView: Sendable, Encodable {
    var site: SiteView
    var title: String
    var errorCount: Int
    var warningCount: Int
    var noteCount: Int
    /// `1 error · 2 warnings · 0 notes`.
    var countsSummary: String
    var hasDiagnostics: Bool
    var diagnostics: [DiagnosticView]
}
