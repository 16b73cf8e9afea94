import DossierModel

/// One evidence file after parsing: what it says, where it came from, and its content hash.
package struct EvidenceDocument: Sendable {
    package enum Content: Sendable {
        case markdown(MarkdownEvidence)
        /// Files Dossier does not interpret yet are shown as text.
        case text(String)
        /// A log extract, summarised while it was read (JSON Lines are never held whole).
        case log(LogExtract)
    }

    package var file: EvidenceFile {
        get { box.fields.file }
        set { unique().fields.file = newValue }
    }
    package var title: String {
        get { box.fields.title }
        set { unique().fields.title = newValue }
    }
    package var sha256: String {
        get { box.fields.sha256 }
        set { unique().fields.sha256 = newValue }
    }
    package var content: Content {
        get { box.fields.content }
        set { unique().fields.content = newValue }
    }
    /// The typed reading of the file, when it declares a `kind` Dossier knows and is valid enough to read.
    package var record: EvidenceRecord? {
        get { box.fields.record }
        set { unique().fields.record = newValue }
    }
    /// The parsed tree of a JSON or YAML file, kept for later stages (log formats, tables).
    package var tree: JSONNode? {
        get { box.fields.tree }
        set { unique().fields.tree = newValue }
    }
    /// Who prepared and who reviewed the file, when it is a workpaper (a checklist or a record) stating it.
    package var signOff: SignOff? {
        get { box.fields.signOff }
        set { unique().fields.signOff = newValue }
    }

    package init(
        file: EvidenceFile, title: String, sha256: String, content: Content,
        record: EvidenceRecord? = nil, tree: JSONNode? = nil, signOff: SignOff? = nil
    ) {
        box = Box(Fields(file: file, title: title, sha256: sha256, content: content, record: record, tree: tree, signOff: signOff))
    }

    /// The fields live in one shared box, copied only when a copy is changed: documents are passed
    /// through every stage and indexed by several tables, and copying seven fields (each with its
    /// own reference counts) at each step was a fifth of a `serve` rebuild's time at 10 000 files.
    private var box: Box

    private struct Fields {
        var file: EvidenceFile
        var title: String
        var sha256: String
        var content: Content
        var record: EvidenceRecord?
        var tree: JSONNode?
        var signOff: SignOff?
    }

    private final class Box: @unchecked Sendable {
        // Changed only through `unique()`, on a box no other document shares.
        var fields: Fields
        init(_ fields: Fields) { self.fields = fields }
    }

    private mutating func unique() -> Box {
        if !isKnownUniquelyReferenced(&box) { box = Box(box.fields) }
        return box
    }

    package var path: String { file.path }
}

/// A Markdown evidence file: front matter, its body, and what the body says that the checks need
/// (title, task items, links), read once from the cmark-gfm tree.
///
/// The tree itself is not kept: for 10 000 files the trees held about 250 MB until the pages were
/// rendered. The page re-parses the body (`parsedBody()`), which costs far less than holding it.
package struct MarkdownEvidence: Sendable {
    /// Front matter as a position-carrying tree (lines are the file's lines).
    package var frontMatter: JSONNode?
    /// The Markdown below the front matter.
    package var body: String
    /// Lines above the body (front matter and fences); added to body positions to get file positions.
    package var bodyLineOffset: Int
    /// The first heading's text.
    package var title: String?
    /// Task-list items with positions in the file, not in the body.
    package var taskItems: [CommonMarkDocument.TaskItem]
    /// Every link and image, with positions in the file.
    package var links: [CommonMarkDocument.Link]
    /// The texts the page shows, as decoded by the parser, that hold a credential prefix (positions in
    /// the file): the secret scan checks them, since the raw bytes can hide what the page shows. Only
    /// candidates are kept, so this costs nothing for most files.
    package var shownCandidates: [(text: String, location: SourceLocation)] = []
    /// How deep the body's tree nests (`CommonMarkDocument.depth`); past `MarkdownNesting.limit` the
    /// parser publishes the file as text instead.
    package var depth = 0
    /// Whether GFM tables are parsed as tables; false when they would expand past `MarkdownTables.limit` cells.
    package var tables = true

    package init(frontMatter: JSONNode?, body: String, bodyLineOffset: Int) {
        self.init(frontMatter: frontMatter, body: body, document: CommonMarkDocument(markdown: body), bodyLineOffset: bodyLineOffset)
    }

    package init(
        frontMatter: JSONNode?, body: String, document: CommonMarkDocument, bodyLineOffset: Int,
        keepingShown keeps: (String) -> Bool = { _ in true }
    ) {
        self.frontMatter = frontMatter
        self.body = body
        self.bodyLineOffset = bodyLineOffset
        func shift(_ link: CommonMarkDocument.Link) -> CommonMarkDocument.Link {
            var shifted = link
            shifted.location.line += bodyLineOffset
            return shifted
        }
        title = document.title
        taskItems = document.taskItems.map { item in
            var shifted = item
            shifted.location.line += bodyLineOffset
            shifted.links = item.links.map(shift)
            return shifted
        }
        links = document.links.map(shift)
        depth = document.depth
        tables = document.tables
        shownCandidates = document.shownTexts.filter { keeps($0.text) }.map { text, location in
            (text, SourceLocation(line: location.line + bodyLineOffset, column: location.column))
        }
    }

    /// A parse as the last build kept it (`MarkdownPart`).
    init(
        frontMatter: JSONNode?, body: String, bodyLineOffset: Int, title: String?, taskItems: [CommonMarkDocument.TaskItem],
        links: [CommonMarkDocument.Link], shownCandidates: [(text: String, location: SourceLocation)], depth: Int, tables: Bool
    ) {
        self.frontMatter = frontMatter
        self.body = body
        self.bodyLineOffset = bodyLineOffset
        self.title = title
        self.taskItems = taskItems
        self.links = links
        self.shownCandidates = shownCandidates
        self.depth = depth
        self.tables = tables
    }

    /// The body's cmark-gfm tree, parsed again (positions are the body's, not the file's).
    package func parsedBody() -> CommonMarkDocument {
        CommonMarkDocument(markdown: body, tables: tables)
    }
}
