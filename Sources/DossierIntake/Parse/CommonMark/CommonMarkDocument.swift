import CCmarkGFM
import DossierModel
import Foundation

/// A Markdown document parsed by cmark-gfm. The only file in Dossier that touches the C API.
///
/// Parsing holds a process-wide lock: cmark-gfm's inline parser mutates a global table of
/// special characters while it runs, and two parses at once silently drop strikethrough and
/// autolinks. Rendering an already-parsed tree is safe in parallel and takes no lock.
package final class CommonMarkDocument: @unchecked Sendable {
    /// A GFM task-list item: `- [x] ACC-1 Secrets live in the vault ([log](logs/x.jsonl))`.
    package struct TaskItem: Sendable, Hashable {
        package var checked: Bool
        package var location: SourceLocation
        /// The plain text of the item's first paragraph, without the `[x]` marker.
        package var text: String
        /// Link destinations anywhere inside the item, in document order.
        package var links: [Link]
    }

    package struct Link: Sendable, Hashable {
        package var destination: String
        package var location: SourceLocation
        package var isImage: Bool

        package init(destination: String, location: SourceLocation, isImage: Bool) {
            self.destination = destination
            self.location = location
            self.isImage = isImage
        }
    }

    /// How the renderer should treat one link destination.
    package enum LinkRewrite: Sendable {
        case keep
        case replace(String)
        /// Keep the link's text but drop the link (its target is missing or refused).
        case unlink
    }

    private static let parseLock = NSLock()
    private static let extensionNames = ["table", "strikethrough", "autolink", "tagfilter", "tasklist"]

    /// Whether GFM tables were parsed as tables (a re-parse must make the same choice).
    package let tables: Bool
    private let parser: OpaquePointer
    private let root: OpaquePointer

    /// `tables: false` parses GFM tables as the text they are (`MarkdownTables`).
    package init(markdown: String, tables: Bool = true) {
        self.tables = tables
        Self.parseLock.lock()
        defer { Self.parseLock.unlock() }
        cmark_gfm_core_extensions_ensure_registered()
        // SOURCEPOS while parsing gives positions for diagnostics; rendering does not use it.
        let parser = cmark_parser_new(CMARK_OPT_DEFAULT | CMARK_OPT_SOURCEPOS)!
        for name in Self.extensionNames where tables || name != "table" {
            if let syntax = cmark_find_syntax_extension(name) {
                cmark_parser_attach_syntax_extension(parser, syntax)
            }
        }
        var text = markdown
        text.withUTF8 { bytes in
            bytes.withMemoryRebound(to: CChar.self) { cmark_parser_feed(parser, $0.baseAddress, $0.count) }
        }
        self.parser = parser
        root = cmark_parser_finish(parser)
    }

    deinit {
        cmark_node_free(root)
        cmark_parser_free(parser)
    }

    /// What the page will show, as the parser decoded it (entities resolved, emphasis and code spans
    /// joined into their block's text): each paragraph, heading and table cell, each code and HTML
    /// block, and each link's destination and title. The secret scan reads these: `&#65;KIA…` or a
    /// key split by `**` is invisible in the raw bytes but plain on the page.
    package var shownTexts: [(text: String, location: SourceLocation)] {
        var texts: [(String, SourceLocation)] = []
        for node in nodes() {
            let type = cmark_node_get_type(node)
            switch type {
            case CMARK_NODE_PARAGRAPH, CMARK_NODE_HEADING:
                texts += shown(node)
            case CMARK_NODE_CODE_BLOCK, CMARK_NODE_HTML_BLOCK:
                if let literal = cmark_node_get_literal(node) { texts.append((String(cString: literal), location(of: node))) }
                // A fence's info string, entities decoded, is published as the block's class.
                if type == CMARK_NODE_CODE_BLOCK, let info = cmark_node_get_fence_info(node), info.pointee != 0 {
                    texts.append((String(cString: info), location(of: node)))
                }
            case CMARK_NODE_LINK, CMARK_NODE_IMAGE:
                for text in [cmark_node_get_url(node), cmark_node_get_title(node)].compactMap({ $0 }).map({ String(cString: $0) }) where !text.isEmpty {
                    texts.append((text, location(of: node)))
                }
            default:
                if let name = cmark_node_get_type_string(node), String(cString: name) == "table_cell" { texts += shown(node) }
            }
        }
        return texts
    }

    /// A block's text with its inline HTML, and, when it has some, without it: pages omit raw HTML
    /// (it is written as a comment a browser does not show), so `ghp_…<!-- x -->…` reads as one token.
    /// A paragraph's soft line breaks are spaces on the page too: `-----BEGIN RSA PRIVATE` and
    /// `KEY-----` on two lines read as one header, so the text with its breaks as spaces is shown too.
    /// (Only here: a code block, a record's value or a text file shows its lines as lines.)
    private func shown(_ node: OpaquePointer) -> [(String, SourceLocation)] {
        let (withMarkup, withoutMarkup) = texts(of: node, breaks: "\n")
        let place = location(of: node)
        let spaced = withMarkup.utf8.contains(0x0A) ? texts(of: node, breaks: " ").0 : nil
        return [(withMarkup, place)] + ([withoutMarkup, spaced].compactMap { $0 }.map { ($0, place) })
    }

    /// The text of the first level-1 heading, if any: the page's natural title.
    package var title: String? {
        nodes().first { cmark_node_get_type($0) == CMARK_NODE_HEADING && cmark_node_get_heading_level($0) == 1 }
            .map { plainText(of: $0) }
    }

    package var taskItems: [TaskItem] {
        nodes().filter(isTaskItem).map { item in
            let paragraph = children(of: item).first { cmark_node_get_type($0) == CMARK_NODE_PARAGRAPH }
            return TaskItem(
                checked: cmark_gfm_extensions_get_tasklist_item_checked(item),
                location: location(of: item),
                text: paragraph.map { plainText(of: $0) }?.trimmingCharacters(in: .whitespaces) ?? "",
                links: links(under: item))
        }
    }

    /// Every link and image destination in the document.
    package var links: [Link] { links(under: root) }

    /// cmark-gfm's own HTML for the document (safe mode: raw HTML omitted, unsafe URL schemes
    /// dropped). Pages are rendered from `tree()` by `MarkdownHTML`; this is what that renderer is
    /// tested against, byte for byte.
    package func html() -> String {
        guard let rendered = cmark_render_html(root, CMARK_OPT_DEFAULT, cmark_parser_get_syntax_extensions(parser)) else {
            return ""
        }
        defer { free(rendered) }
        return String(cString: rendered)
    }

    /// How deep the tree nests (the document is 1), walked without recursion: the Swift tree and its
    /// renderer recurse, so a document nested deeper than `MarkdownNesting.limit` is not converted.
    public var depth: Int {
        let iterator = cmark_iter_new(root)
        defer { cmark_iter_free(iterator) }
        var depth = 0, deepest = 0
        while case let event = cmark_iter_next(iterator), event != CMARK_EVENT_DONE {
            if event == CMARK_EVENT_ENTER {
                depth += 1
                deepest = max(deepest, depth)
                // A leaf has no exit event.
                if let node = cmark_iter_get_node(iterator), cmark_node_first_child(node) == nil, Self.isLeaf(node) { depth -= 1 }
            } else if event == CMARK_EVENT_EXIT {
                depth -= 1
            }
        }
        return deepest
    }

    /// How many table cells cmark-gfm built, counted on the C tree without converting it: the `tables`
    /// fuzz target checks that `MarkdownTables.cells` never counts fewer.
    package var tableCells: Int {
        let iterator = cmark_iter_new(root)
        defer { cmark_iter_free(iterator) }
        var cells = 0
        while case let event = cmark_iter_next(iterator), event != CMARK_EVENT_DONE {
            if event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator), let type = cmark_node_get_type_string(node),
               strcmp(type, "table_cell") == 0 {
                cells += 1
            }
        }
        return cells
    }

    private static func isLeaf(_ node: OpaquePointer) -> Bool {
        switch cmark_node_get_type(node) {
        case CMARK_NODE_HTML_BLOCK, CMARK_NODE_THEMATIC_BREAK, CMARK_NODE_CODE_BLOCK, CMARK_NODE_TEXT, CMARK_NODE_SOFTBREAK,
             CMARK_NODE_LINEBREAK, CMARK_NODE_CODE, CMARK_NODE_HTML_INLINE: true
        default: false
        }
    }

    /// The document as Swift values, converted once; nothing after this needs the C tree.
    package func tree() -> MarkdownNode {
        convert(root)
    }

    private func convert(_ node: OpaquePointer) -> MarkdownNode {
        MarkdownNode(kind(of: node), children: children(of: node).map(convert), location: location(of: node))
    }

    private func kind(of node: OpaquePointer) -> MarkdownNode.Kind {
        func literal() -> String { cmark_node_get_literal(node).map { String(cString: $0) } ?? "" }
        func url() -> String { cmark_node_get_url(node).map { String(cString: $0) } ?? "" }
        func title() -> String { cmark_node_get_title(node).map { String(cString: $0) } ?? "" }
        switch cmark_node_get_type(node) {
        case CMARK_NODE_DOCUMENT: return .document
        case CMARK_NODE_BLOCK_QUOTE: return .blockQuote
        case CMARK_NODE_LIST:
            return .list(
                ordered: cmark_node_get_list_type(node) == CMARK_ORDERED_LIST, start: Int(cmark_node_get_list_start(node)),
                tight: cmark_node_get_list_tight(node) != 0)
        case CMARK_NODE_ITEM: return .item(task: isTaskItem(node) ? cmark_gfm_extensions_get_tasklist_item_checked(node) : nil)
        case CMARK_NODE_CODE_BLOCK:
            return .codeBlock(info: cmark_node_get_fence_info(node).map { String(cString: $0) } ?? "", literal: literal())
        case CMARK_NODE_HTML_BLOCK: return .htmlBlock(literal())
        case CMARK_NODE_PARAGRAPH: return .paragraph
        case CMARK_NODE_HEADING: return .heading(level: Int(cmark_node_get_heading_level(node)))
        case CMARK_NODE_THEMATIC_BREAK: return .thematicBreak
        case CMARK_NODE_TEXT: return .text(literal())
        case CMARK_NODE_SOFTBREAK: return .softBreak
        case CMARK_NODE_LINEBREAK: return .lineBreak
        case CMARK_NODE_CODE: return .code(literal())
        case CMARK_NODE_HTML_INLINE: return .htmlInline(literal())
        case CMARK_NODE_EMPH: return .emphasis
        case CMARK_NODE_STRONG: return .strong
        case CMARK_NODE_LINK: return .link(destination: url(), title: title())
        case CMARK_NODE_IMAGE: return .image(destination: url(), title: title())
        default: break
        }
        switch cmark_node_get_type_string(node).map({ String(cString: $0) }) {
        case "strikethrough": return .strikethrough
        case "table":
            let count = Int(cmark_gfm_extensions_get_table_columns(node))
            let codes = cmark_gfm_extensions_get_table_alignments(node)
            return .table(alignments: (0..<count).map { index in
                switch codes.map({ $0[index] }) {
                case UInt8(ascii: "l"): .left
                case UInt8(ascii: "c"): .center
                case UInt8(ascii: "r"): .right
                default: .none
                }
            })
        case "table_header", "table_row": return .tableRow(header: cmark_gfm_extensions_get_table_row_is_header(node) != 0)
        case "table_cell": return .tableCell
        default: return .other
        }
    }

    // MARK: - Tree walking

    private func nodes(under start: OpaquePointer? = nil) -> [OpaquePointer] {
        var result: [OpaquePointer] = []
        let iterator = cmark_iter_new(start ?? root)
        defer { cmark_iter_free(iterator) }
        while case let event = cmark_iter_next(iterator), event != CMARK_EVENT_DONE {
            if event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) { result.append(node) }
        }
        return result
    }

    private func children(of node: OpaquePointer) -> [OpaquePointer] {
        var result: [OpaquePointer] = []
        var child = cmark_node_first_child(node)
        while let current = child {
            result.append(current)
            child = cmark_node_next(current)
        }
        return result
    }

    private func isTaskItem(_ node: OpaquePointer) -> Bool {
        guard cmark_node_get_type(node) == CMARK_NODE_ITEM, let name = cmark_node_get_type_string(node) else { return false }
        return String(cString: name) == "tasklist"
    }

    private func location(of node: OpaquePointer) -> SourceLocation {
        SourceLocation(line: Int(cmark_node_get_start_line(node)), column: Int(cmark_node_get_start_column(node)))
    }

    private func links(under start: OpaquePointer) -> [Link] {
        nodes(under: start).compactMap { link(for: $0) }
    }

    private func link(for node: OpaquePointer) -> Link? {
        let type = cmark_node_get_type(node)
        guard type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE, let url = cmark_node_get_url(node) else { return nil }
        return Link(destination: String(cString: url), location: location(of: node), isImage: type == CMARK_NODE_IMAGE)
    }

    /// Concatenated literal text below a node; soft and hard breaks become `breaks`.
    private func plainText(of node: OpaquePointer, breaks: String = " ") -> String {
        let (withMarkup, withoutMarkup) = texts(of: node, breaks: breaks)
        return withoutMarkup ?? withMarkup
    }

    /// The text below a node with its inline HTML, and without it (nil when it has none), in one
    /// walk; the text with markup is made only once markup is met.
    private func texts(of node: OpaquePointer, breaks: String) -> (withMarkup: String, withoutMarkup: String?) {
        var text = ""
        var markup: String?
        for child in nodes(under: node) {
            switch cmark_node_get_type(child) {
            case CMARK_NODE_TEXT, CMARK_NODE_CODE:
                guard let literal = cmark_node_get_literal(child) else { continue }
                let piece = String(cString: literal)
                text += piece
                markup? += piece
            case CMARK_NODE_HTML_INLINE:
                if markup == nil { markup = text }
                if let literal = cmark_node_get_literal(child) { markup! += String(cString: literal) }
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK:
                text += breaks
                markup? += breaks
            default:
                break
            }
        }
        return markup.map { ($0, text) } ?? (text, nil)
    }
}
