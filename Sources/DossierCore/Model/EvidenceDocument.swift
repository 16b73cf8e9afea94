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

/// A Markdown evidence file: front matter plus the cmark-gfm tree of its body.
public struct MarkdownEvidence: Sendable {
    /// Front matter as a position-carrying tree (lines are the file's lines).
    public var frontMatter: JSONNode?
    public var document: CommonMarkDocument
    /// Lines above the body (front matter and fences); added to body positions to get file positions.
    public var bodyLineOffset: Int

    /// Task-list items with positions in the file, not in the body.
    public var taskItems: [CommonMarkDocument.TaskItem] {
        document.taskItems.map { item in
            var shifted = item
            shifted.location.line += bodyLineOffset
            shifted.links = item.links.map(shift)
            return shifted
        }
    }

    public var links: [CommonMarkDocument.Link] { document.links.map(shift) }

    private func shift(_ link: CommonMarkDocument.Link) -> CommonMarkDocument.Link {
        var shifted = link
        shifted.location.line += bodyLineOffset
        return shifted
    }
}
