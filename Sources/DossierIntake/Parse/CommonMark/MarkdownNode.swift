import DossierModel

/// A Markdown document as Swift values: cmark-gfm's tree converted once (`CommonMarkDocument.tree()`),
/// after which nothing touches the C API. Pages rewrite links and demote headings on these values
/// and render them to HTML (`MarkdownHTML` in DossierPublish), so every decision about the page's
/// markup — the task-list class among them — is made on the tree.
package struct MarkdownNode: Sendable, Hashable {
    package enum Alignment: Sendable, Hashable {
        case none, left, center, right
    }

    package enum Kind: Sendable, Hashable {
        case document
        case blockQuote
        case list(ordered: Bool, start: Int, tight: Bool)
        /// `task` is nil for an ordinary item, else whether its box is ticked.
        case item(task: Bool?)
        case codeBlock(info: String, literal: String)
        case htmlBlock(String)
        case paragraph
        case heading(level: Int)
        case thematicBreak
        case text(String)
        case softBreak
        case lineBreak
        case code(String)
        case htmlInline(String)
        case emphasis
        case strong
        case strikethrough
        case link(destination: String, title: String)
        case image(destination: String, title: String)
        case table(alignments: [Alignment])
        case tableRow(header: Bool)
        case tableCell
        /// A node of a kind Dossier does not render itself; its children are rendered in its place.
        case other
    }

    package var kind: Kind
    package var children: [MarkdownNode]
    /// Where the node starts in the Markdown it was parsed from.
    package var location: SourceLocation

    package init(_ kind: Kind, children: [MarkdownNode] = [], location: SourceLocation = SourceLocation(line: 1, column: 1)) {
        self.kind = kind
        self.children = children
        self.location = location
    }

    /// Changes link and image destinations (e.g. `logs/a.jsonl` → the page rendered for it), or drops
    /// a link while keeping its words. In place: a page's tree is rewritten, not copied.
    package mutating func rewriteLinks(_ decide: (CommonMarkDocument.Link) -> CommonMarkDocument.LinkRewrite) {
        var index = 0
        while index < children.count {
            children[index].rewriteLinks(decide)
            let child = children[index]
            switch child.kind {
            case .link(let destination, let title), .image(let destination, let title):
                let isImage = if case .image = child.kind { true } else { false }
                switch decide(CommonMarkDocument.Link(destination: destination, location: child.location, isImage: isImage)) {
                case .keep:
                    break
                case .replace(let target):
                    children[index].kind = isImage ? .image(destination: target, title: title) : .link(destination: target, title: title)
                case .unlink:
                    children.replaceSubrange(index...index, with: child.children)
                    index += child.children.count
                    continue
                }
            default:
                break
            }
            index += 1
        }
    }

    /// Every heading one level down (`#` → `<h2>`), so the page's own title stays its only `<h1>`.
    package mutating func demoteHeadings() {
        if case .heading(let level) = kind { kind = .heading(level: min(level + 1, 6)) }
        for index in children.indices { children[index].demoteHeadings() }
    }
}
