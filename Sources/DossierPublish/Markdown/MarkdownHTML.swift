import DossierIntake
import DossierModel

/// Renders a Markdown tree to HTML as cmark-gfm renders it in safe mode (raw HTML omitted, unsafe
/// URL schemes dropped), byte for byte (`MarkdownHTMLTests` compares the two), with two differences:
/// a task-list item carries `class="task-list-item"`, so the stylesheet can drop its bullet; and a
/// control character in text is written as U+FFFD, as in the template values
/// (`FastHTMLEscaping.appendReplacingControl`).
package struct MarkdownHTML {
    private var out: [UInt8] = []
    private var inTableHeader = false
    private var tableBodyOpen = false

    package static func render(_ document: MarkdownNode) -> String {
        var renderer = MarkdownHTML()
        renderer.out.reserveCapacity(4096)
        renderer.node(document, tightItem: false, alignments: [])
        return String(decoding: renderer.out, as: UTF8.self)
    }

    private mutating func put(_ text: StaticString) {
        out.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    private mutating func put(_ text: String) { out.append(contentsOf: text.utf8) }

    /// A line break unless the output is empty or already ends with one (cmark's `cr`).
    private mutating func cr() {
        if let last = out.last, last != 0x0A { out.append(0x0A) }
    }

    private mutating func children(_ node: MarkdownNode, tightItem: Bool = false, alignments: [MarkdownNode.Alignment] = []) {
        for child in node.children { self.node(child, tightItem: tightItem, alignments: alignments) }
    }

    /// `tightItem`: the node is a child of an item of a tight list (its paragraphs lose their `<p>`).
    private mutating func node(_ node: MarkdownNode, tightItem: Bool, alignments: [MarkdownNode.Alignment]) {
        switch node.kind {
        case .document, .other:
            children(node)
        case .blockQuote:
            cr(); put("<blockquote>\n")
            children(node)
            cr(); put("</blockquote>\n")
        case .list(let ordered, let start, let tight):
            cr()
            if !ordered { put("<ul>\n") } else if start == 1 { put("<ol>\n") } else { put("<ol start=\"\(start)\">\n") }
            for item in node.children { self.node(item, tightItem: tight, alignments: []) }
            put(ordered ? "</ol>\n" : "</ul>\n")
        case .item(let task):
            cr()
            switch task {
            case nil: put("<li>")
            case true?: put("<li class=\"task-list-item\"><input type=\"checkbox\" checked=\"\" disabled=\"\" /> ")
            case false?: put("<li class=\"task-list-item\"><input type=\"checkbox\" disabled=\"\" /> ")
            }
            children(node, tightItem: tightItem)
            put("</li>\n")
        case .heading(let level):
            cr(); put("<h\(level)>")
            children(node)
            put("</h\(level)>\n")
        case .codeBlock(let info, let literal):
            cr()
            if info.isEmpty {
                put("<pre><code>")
            } else {
                put("<pre><code class=\"language-")
                escapeHTML(info.utf8.prefix { !Self.isSpace($0) })
                put("\">")
            }
            escapeHTML(literal.utf8)
            put("</code></pre>\n")
        case .htmlBlock:
            cr(); put("<!-- raw HTML omitted -->"); cr()
        case .thematicBreak:
            cr(); put("<hr />\n")
        case .paragraph:
            if tightItem {
                children(node)
            } else {
                cr(); put("<p>")
                children(node)
                put("</p>\n")
            }
        case .text(let text): escapeHTML(text.utf8)
        case .lineBreak: put("<br />\n")
        case .softBreak: out.append(0x0A)
        case .code(let text):
            put("<code>"); escapeHTML(text.utf8); put("</code>")
        case .htmlInline: put("<!-- raw HTML omitted -->")
        case .strong: put("<strong>"); children(node); put("</strong>")
        case .emphasis: put("<em>"); children(node); put("</em>")
        case .strikethrough: put("<del>"); children(node); put("</del>")
        case .link(let destination, let title):
            put("<a href=\"")
            if !Self.isDangerous(destination) { escapeHref(destination.utf8) }
            if !title.isEmpty { put("\" title=\""); escapeHTML(title.utf8) }
            put("\">")
            children(node)
            put("</a>")
        case .image(let destination, let title):
            put("<img src=\"")
            if !Self.isDangerous(destination) { escapeHref(destination.utf8) }
            put("\" alt=\"")
            plain(node)
            if !title.isEmpty { put("\" title=\""); escapeHTML(title.utf8) }
            put("\" />")
        case .table(let columns):
            cr(); put("<table>")
            tableBodyOpen = false
            children(node, alignments: columns)
            if tableBodyOpen { cr(); put("</tbody>"); cr() }
            tableBodyOpen = false
            cr(); put("</table>"); cr()
        case .tableRow(let header):
            cr()
            if header {
                inTableHeader = true
                put("<thead>"); cr()
            } else if !tableBodyOpen {
                put("<tbody>"); cr()
                tableBodyOpen = true
            }
            put("<tr>")
            for (index, cell) in node.children.enumerated() {
                cr()
                put(inTableHeader ? "<th" : "<td")
                switch index < alignments.count ? alignments[index] : .none {
                case .left: put(" align=\"left\"")
                case .center: put(" align=\"center\"")
                case .right: put(" align=\"right\"")
                case .none: break
                }
                put(">")
                children(cell)
                put(inTableHeader ? "</th>" : "</td>")
            }
            cr(); put("</tr>")
            if header {
                cr(); put("</thead>")
                inTableHeader = false
            }
        case .tableCell:
            // Cells are rendered by their row, which knows their column.
            children(node)
        }
    }

    /// An image's description: the text below it, escaped, without markup; breaks become spaces.
    private mutating func plain(_ node: MarkdownNode) {
        for child in node.children {
            switch child.kind {
            case .text(let text), .code(let text), .htmlInline(let text): escapeHTML(text.utf8)
            case .softBreak, .lineBreak: out.append(0x20)
            default: plain(child)
            }
        }
    }

    /// `&`, `<`, `>` and `"` as entities (cmark's `escape_html`: `'` and `/` are left as they are), and
    /// control characters as U+FFFD.
    private mutating func escapeHTML<S: Sequence>(_ bytes: S) where S.Element == UInt8 {
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "&"): put("&amp;")
            case UInt8(ascii: "<"): put("&lt;")
            case UInt8(ascii: ">"): put("&gt;")
            case UInt8(ascii: "\""): put("&quot;")
            default: FastHTMLEscaping.appendReplacingControl(byte, to: &out)
            }
        }
    }

    /// What cmark-gfm's HTML for a document becomes with this renderer's two differences: what the
    /// tests and fuzz targets that compare the two expect of `render`. In safe mode raw HTML is
    /// omitted, so a checkbox right after `<li>` can only be a task item's; and cmark-gfm writes a
    /// control character raw only where it escapes text.
    package static func expected(fromCmarkGFM html: String) -> String {
        let classed = html.replacingOccurrences(of: "<li><input type=\"checkbox\"", with: "<li class=\"task-list-item\"><input type=\"checkbox\"")
        return String(String.UnicodeScalarView(classed.unicodeScalars.map { scalar in
            scalar.properties.generalCategory == .control && !["\t", "\n", "\r"].contains(scalar) ? "\u{FFFD}" : scalar
        }))
    }

    /// A URL in an attribute (cmark's `houdini_escape_href`): safe characters as they are, `&` and `'`
    /// as entities, every other byte percent-encoded.
    private mutating func escapeHref(_ bytes: String.UTF8View) {
        let hex = Array("0123456789ABCDEF".utf8)
        for byte in bytes {
            if Self.hrefSafe[Int(byte)] {
                out.append(byte)
            } else if byte == UInt8(ascii: "&") {
                put("&amp;")
            } else if byte == UInt8(ascii: "'") {
                put("&#x27;")
            } else {
                out.append(contentsOf: [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 0xF)]])
            }
        }
    }

    private static let hrefSafe: [Bool] = {
        var safe = [Bool](repeating: false, count: 256)
        for byte in "!#$%()*+,-./0123456789:;=?@ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz~".utf8 { safe[Int(byte)] = true }
        return safe
    }()

    /// `javascript:`, `vbscript:`, `file:` and `data:` (but for PNG, GIF, JPEG and WebP images), in
    /// any case: dropped from the link, as cmark-gfm's safe mode does.
    /// Compared on bytes, as cmark-gfm's scanner does: a combining mark after the colon must not
    /// hide the scheme from a comparison of characters.
    static func isDangerous(_ url: String) -> Bool {
        let lowered = url.utf8.prefix(16).map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
        func starts(_ prefix: String) -> Bool { lowered.starts(with: prefix.utf8) }
        if ["data:image/png", "data:image/gif", "data:image/jpeg", "data:image/webp"].contains(where: starts) { return false }
        return ["javascript:", "vbscript:", "file:", "data:"].contains(where: starts)
    }

    /// cmark-gfm's `cmark_isspace`: a vertical tab or a form feed does not end the info string's first
    /// word (found by the `tables` and `nesting` fuzz targets).
    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }
}
