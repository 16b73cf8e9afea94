import CCmarkGFM
import DossierModel
import Foundation

/// A Markdown document parsed by cmark-gfm. The only file in Dossier that touches the C API.
///
/// Parsing holds a process-wide lock: cmark-gfm's inline parser mutates a global table of
/// special characters while it runs, and two parses at once silently drop strikethrough and
/// autolinks. Rendering an already-parsed tree is safe in parallel and takes no lock.
public final class CommonMarkDocument: @unchecked Sendable {
    /// A GFM task-list item: `- [x] ACC-1 Secrets live in the vault ([log](logs/x.jsonl))`.
    public struct TaskItem: Sendable, Hashable {
        public var checked: Bool
        public var location: SourceLocation
        /// The plain text of the item's first paragraph, without the `[x]` marker.
        public var text: String
        /// Link destinations anywhere inside the item, in document order.
        public var links: [Link]
    }

    public struct Link: Sendable, Hashable {
        public var destination: String
        public var location: SourceLocation
        public var isImage: Bool

        public init(destination: String, location: SourceLocation, isImage: Bool) {
            self.destination = destination
            self.location = location
            self.isImage = isImage
        }
    }

    /// How the renderer should treat one link destination.
    public enum LinkRewrite: Sendable {
        case keep
        case replace(String)
        /// Keep the link's text but drop the link (its target is missing or refused).
        case unlink
    }

    private static let parseLock = NSLock()
    private static let extensionNames = ["table", "strikethrough", "autolink", "tagfilter", "tasklist"]

    private let parser: OpaquePointer
    private let root: OpaquePointer

    public init(markdown: String) {
        Self.parseLock.lock()
        defer { Self.parseLock.unlock() }
        cmark_gfm_core_extensions_ensure_registered()
        // SOURCEPOS while parsing gives positions for diagnostics; rendering does not use it.
        let parser = cmark_parser_new(CMARK_OPT_DEFAULT | CMARK_OPT_SOURCEPOS)!
        for name in Self.extensionNames {
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
    public var shownTexts: [(text: String, location: SourceLocation)] {
        var texts: [(String, SourceLocation)] = []
        for node in nodes() {
            let type = cmark_node_get_type(node)
            switch type {
            case CMARK_NODE_PARAGRAPH, CMARK_NODE_HEADING:
                texts.append((plainText(of: node, breaks: "\n", html: true), location(of: node)))
            case CMARK_NODE_CODE_BLOCK, CMARK_NODE_HTML_BLOCK:
                if let literal = cmark_node_get_literal(node) { texts.append((String(cString: literal), location(of: node))) }
            case CMARK_NODE_LINK, CMARK_NODE_IMAGE:
                for text in [cmark_node_get_url(node), cmark_node_get_title(node)].compactMap({ $0 }).map({ String(cString: $0) }) where !text.isEmpty {
                    texts.append((text, location(of: node)))
                }
            default:
                if let name = cmark_node_get_type_string(node), String(cString: name) == "table_cell" {
                    texts.append((plainText(of: node, breaks: "\n", html: true), location(of: node)))
                }
            }
        }
        return texts
    }

    /// The text of the first level-1 heading, if any: the page's natural title.
    public var title: String? {
        nodes().first { cmark_node_get_type($0) == CMARK_NODE_HEADING && cmark_node_get_heading_level($0) == 1 }
            .map { plainText(of: $0) }
    }

    public var taskItems: [TaskItem] {
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
    public var links: [Link] { links(under: root) }

    /// Changes link destinations before rendering (e.g. `logs/a.jsonl` → the page rendered for it).
    public func rewriteLinks(_ decide: (Link) -> LinkRewrite) {
        let linkNodes = nodes(under: root).filter { [CMARK_NODE_LINK, CMARK_NODE_IMAGE].contains(cmark_node_get_type($0)) }
        for node in linkNodes {
            guard let link = link(for: node) else { continue }
            switch decide(link) {
            case .keep: break
            case .replace(let destination): cmark_node_set_url(node, destination)
            case .unlink: unlink(node)
            }
        }
    }

    /// HTML for the document body. Raw HTML in the source is omitted and unsafe URL schemes
    /// dropped (cmark-gfm's safe default); tagfilter only works when the parser's extension
    /// list is passed to the renderer, hence `cmark_parser_get_syntax_extensions`.
    public func html() -> String {
        guard let rendered = cmark_render_html(root, CMARK_OPT_DEFAULT, cmark_parser_get_syntax_extensions(parser)) else {
            return ""
        }
        defer { free(rendered) }
        // cmark-gfm marks task items only by their checkbox; the class lets the stylesheet drop the bullet.
        let html = String(cString: rendered)
        return ByteSearch.replacingAll(in: html, "<li><input type=\"checkbox\"", with: "<li class=\"task-list-item\"><input type=\"checkbox\"") ?? html
    }

    /// Moves every heading one level down (`#` → `<h2>`), so the page's own title stays its only `<h1>`.
    public func demoteHeadings() {
        for node in nodes() where cmark_node_get_type(node) == CMARK_NODE_HEADING {
            cmark_node_set_heading_level(node, min(cmark_node_get_heading_level(node) + 1, 6))
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

    /// Concatenated literal text below a node (with inline HTML when `html`); soft and hard breaks become `breaks`.
    private func plainText(of node: OpaquePointer, breaks: String = " ", html: Bool = false) -> String {
        var text = ""
        for child in nodes(under: node) {
            switch cmark_node_get_type(child) {
            case CMARK_NODE_TEXT, CMARK_NODE_CODE:
                if let literal = cmark_node_get_literal(child) { text += String(cString: literal) }
            case CMARK_NODE_HTML_INLINE where html:
                if let literal = cmark_node_get_literal(child) { text += String(cString: literal) }
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK:
                text += breaks
            default:
                break
            }
        }
        return text
    }

    /// Replaces a link node by its children, keeping the words and dropping the destination.
    private func unlink(_ node: OpaquePointer) {
        for child in children(of: node) {
            cmark_node_insert_before(node, child)
        }
        cmark_node_unlink(node)
        cmark_node_free(node)
    }
}
