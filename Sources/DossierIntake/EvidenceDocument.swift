import DossierModel

/// One evidence file after parsing: what it says, where it came from, and its content hash.
public struct EvidenceDocument: Sendable {
    public enum Content: Sendable {
        case markdown(MarkdownEvidence)
        /// Files Dossier does not interpret yet are shown as text.
        case text(String)
        /// A log extract, summarised while it was read (JSON Lines are never held whole).
        case log(LogExtract)
    }

    public var file: EvidenceFile
    public var title: String
    public var sha256: String
    public var content: Content
    /// The typed reading of the file, when it declares a `kind` Dossier knows and is valid enough to read.
    public var record: EvidenceRecord?
    /// The parsed tree of a JSON or YAML file, kept for later stages (log formats, tables).
    public var tree: JSONNode?

    public var path: String { file.path }
}

/// A Markdown evidence file: front matter, its body, and what the body says that the checks need
/// (title, task items, links), read once from the cmark-gfm tree.
///
/// The tree itself is not kept: for 10 000 files the trees held about 250 MB until the pages were
/// rendered. The page re-parses the body (`parsedBody()`), which costs far less than holding it.
public struct MarkdownEvidence: Sendable {
    /// Front matter as a position-carrying tree (lines are the file's lines).
    public var frontMatter: JSONNode?
    /// The Markdown below the front matter.
    public var body: String
    /// Lines above the body (front matter and fences); added to body positions to get file positions.
    public var bodyLineOffset: Int
    /// The first heading's text.
    public var title: String?
    /// Task-list items with positions in the file, not in the body.
    public var taskItems: [CommonMarkDocument.TaskItem]
    /// Every link and image, with positions in the file.
    public var links: [CommonMarkDocument.Link]
    /// The texts the page shows, as decoded by the parser, that hold a credential prefix (positions in
    /// the file): the secret scan checks them, since the raw bytes can hide what the page shows. Only
    /// candidates are kept, so this costs nothing for most files.
    public var shownCandidates: [(text: String, location: SourceLocation)] = []

    public init(frontMatter: JSONNode?, body: String, bodyLineOffset: Int) {
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
        shownCandidates = document.shownTexts.filter { keeps($0.text) }.map { text, location in
            (text, SourceLocation(line: location.line + bodyLineOffset, column: location.column))
        }
    }

    /// The body's cmark-gfm tree, parsed again (positions are the body's, not the file's).
    public func parsedBody() -> CommonMarkDocument {
        CommonMarkDocument(markdown: body)
    }
}
