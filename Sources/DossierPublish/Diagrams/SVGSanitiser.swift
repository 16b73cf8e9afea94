/// Turns Graphviz's SVG into a fragment that is safe to inline into a page and does not depend on
/// the Graphviz version: an allow-list rewrite, not a search for known-bad strings.
///
/// - The XML declaration, the DOCTYPE (which names an external DTD) and every comment are dropped:
///   one comment names the Graphviz version, the others repeat DOT node names.
/// - Only the drawing elements Graphviz's SVG renderer writes are kept. `<title>` elements are
///   dropped (they hold generated DOT names, meaningless as tooltips); `<a>` wrappers are unwrapped;
///   anything else (`script`, `style`, `foreignObject`, `image`, …) is dropped with its content.
/// - Only presentation and geometry attributes are kept, so no `on*` handler, `href`, `xlink:href`
///   or `style` survives; colours must be a name or `#hex`, so no `url(…)` reference either.
/// - Text and attribute values are re-checked: any `&` that does not start a character or entity
///   reference, and any `<` or `"`, is escaped again.
/// - The root gets `role="img"` and an `aria-label`, for pages that put the text alternative beside.
/// - Whitespace between elements becomes a single line break.
///
/// Graphviz writes `-` as `&#45;`; it is written back as `-` so ids match CSS selectors and links
/// read plainly.
package enum SVGSanitiser {
    /// The sanitised `<svg>` element; `label` becomes its `aria-label` (escaped here).
    package static func sanitise(_ svg: String, label: String) -> String {
        var scanner = Scanner(bytes: Array(svg.utf8))
        var output: [UInt8] = []
        output.reserveCapacity(svg.utf8.count)
        // Open elements, each with whether its tags were written (false for an unwrapped `<a>`).
        var open: [(name: String, written: Bool)] = []
        // Depth inside a dropped element; everything below it is dropped too.
        var dropping = 0
        var sawRoot = false

        while let token = scanner.next() {
            switch token {
            case .text(let bytes):
                guard dropping == 0, sawRoot, let parent = open.last else { continue }
                // Whitespace between elements (left behind by dropped comments and titles) shrinks
                // to one line break; inside `<text>` it is content and kept as it is.
                if parent.name != "text" && bytes.allSatisfy({ [0x20, 0x0A, 0x09, 0x0D].contains($0) }) {
                    if output.last != 0x0A { output.append(0x0A) }
                    continue
                }
                output += escaped(bytes, quote: false)
            case .start(let name, let attributes, let selfClosing):
                if dropping > 0 || !sawRoot && name != "svg" {
                    if !selfClosing && (dropping > 0 || sawRoot) { dropping += 1 }
                    continue
                }
                switch policy(for: name) {
                case .drop:
                    if !selfClosing { dropping = 1 }
                case .unwrap:
                    if !selfClosing { open.append((name, false)) }
                case .keep:
                    output += Array("<\(name)".utf8)
                    for (key, value) in attributes where allowed(key, value, on: name) {
                        output += Array(" \(key)=\"".utf8) + escaped(value, quote: true) + [UInt8(ascii: "\"")]
                    }
                    if name == "svg" && !sawRoot {
                        sawRoot = true
                        output += Array(" role=\"img\" aria-label=\"".utf8) + escaped(Array(label.utf8), quote: true, plain: true)
                            + [UInt8(ascii: "\"")]
                    }
                    output += Array((selfClosing ? "/>" : ">").utf8)
                    if !selfClosing { open.append((name, true)) }
                }
            case .end(let name):
                if dropping > 0 {
                    dropping -= 1
                    continue
                }
                // Graphviz's output is well formed; a stray end tag is ignored rather than trusted.
                guard let last = open.last, last.name == name else { continue }
                open.removeLast()
                if last.written { output += Array("</\(name)>".utf8) }
                if open.isEmpty { return String(decoding: output, as: UTF8.self) + "\n" }
            }
        }
        // Unterminated input: close what is open so the page's markup stays balanced.
        for element in open.reversed() where element.written { output += Array("</\(element.name)>".utf8) }
        return String(decoding: output, as: UTF8.self) + (output.isEmpty ? "" : "\n")
    }

    // MARK: - Policy

    private enum Policy { case keep, unwrap, drop }

    private static let keptElements: Set<String> = ["svg", "g", "path", "polygon", "polyline", "ellipse", "circle", "line", "rect", "text"]

    private static func policy(for element: String) -> Policy {
        if keptElements.contains(element) { return .keep }
        return element == "a" ? .unwrap : .drop
    }

    private static let geometry: Set<String> = [
        "id", "class", "transform", "d", "points", "cx", "cy", "rx", "ry", "r", "x", "y", "x1", "y1", "x2", "y2",
        "width", "height", "text-anchor", "font-family", "font-size", "font-weight", "font-style",
        "stroke-width", "stroke-dasharray", "stroke-opacity", "fill-opacity", "stroke-linecap", "stroke-linejoin",
    ]

    private static func allowed(_ key: String, _ value: [UInt8], on element: String) -> Bool {
        if geometry.contains(key) { return true }
        switch key {
        case "fill", "stroke":
            return isPlainColour(value)
        case "viewBox":
            return element == "svg"
        case "xmlns":
            return element == "svg" && value == Array("http://www.w3.org/2000/svg".utf8)
        default:
            return false
        }
    }

    /// `none`, a colour keyword or `#hex`: never `url(…)`, which could point outside the drawing.
    private static func isPlainColour(_ value: [UInt8]) -> Bool {
        guard !value.isEmpty, value.count <= 32 else { return false }
        let body = value.first == UInt8(ascii: "#") ? value.dropFirst() : value[...]
        return !body.isEmpty && body.allSatisfy { isASCIIAlphanumeric($0) }
    }

    // MARK: - Escaping

    /// Re-escapes text or an attribute value. Graphviz's own escapes are kept (`&#45;` becomes
    /// `-`); `plain` text (the label) has every `&` escaped, since it is not XML yet.
    private static func escaped(_ bytes: [UInt8], quote: Bool, plain: Bool = false) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "&"):
                if !plain, let length = referenceLength(bytes, at: index) {
                    let reference = bytes[index..<index + length]
                    output += reference.elementsEqual("&#45;".utf8) ? [UInt8(ascii: "-")] : Array(reference)
                    index += length
                    continue
                }
                output += Array("&amp;".utf8)
            case UInt8(ascii: "<"): output += Array("&lt;".utf8)
            case UInt8(ascii: ">"): output += Array("&gt;".utf8)
            case UInt8(ascii: "\"") where quote: output += Array("&quot;".utf8)
            default: output.append(byte)
            }
            index += 1
        }
        return output
    }

    /// The length of `&name;`, `&#123;` or `&#x1F;` starting at `index`, or nil.
    private static func referenceLength(_ bytes: [UInt8], at index: Int) -> Int? {
        var end = index + 1
        let numeric = end < bytes.count && bytes[end] == UInt8(ascii: "#")
        if numeric { end += 1 }
        let hex = numeric && end < bytes.count && (bytes[end] == UInt8(ascii: "x") || bytes[end] == UInt8(ascii: "X"))
        if hex { end += 1 }
        let start = end
        while end < bytes.count, end - start < 32 {
            let byte = bytes[end]
            let fits = hex ? isHexDigit(byte) : numeric ? (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) : isASCIIAlphanumeric(byte)
            guard fits else { break }
            end += 1
        }
        guard end > start, end < bytes.count, bytes[end] == UInt8(ascii: ";") else { return nil }
        return end - index + 1
    }

    private static func isASCIIAlphanumeric(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
            || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }

    private static func isHexDigit(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte)
            || (UInt8(ascii: "A")...UInt8(ascii: "F")).contains(byte)
    }

    // MARK: - Tokens

    private enum Token {
        case text([UInt8])
        case start(name: String, attributes: [(String, [UInt8])], selfClosing: Bool)
        case end(String)
    }

    /// A tokenizer for the XML subset Graphviz writes. Declarations, processing instructions,
    /// comments and CDATA are skipped whole. Element names are lower-cased; attribute names keep
    /// their case, since SVG spells some in mixed case (`viewBox`).
    private struct Scanner {
        let bytes: [UInt8]
        var index = 0

        init(bytes: [UInt8]) { self.bytes = bytes }

        mutating func next() -> Token? {
            while index < bytes.count {
                guard bytes[index] == UInt8(ascii: "<") else {
                    let start = index
                    while index < bytes.count, bytes[index] != UInt8(ascii: "<") { index += 1 }
                    return .text(Array(bytes[start..<index]))
                }
                if skip(after: "<!--", to: "-->") || skip(after: "<![CDATA[", to: "]]>") || skip(after: "<?", to: "?>")
                    || skip(after: "<!", to: ">") {
                    continue
                }
                return tag()
            }
            return nil
        }

        /// Skips a construct that starts with `opening` up to and including `closing` (or to the end).
        private mutating func skip(after opening: String, to closing: String) -> Bool {
            guard has(opening, at: index) else { return false }
            var cursor = index + opening.utf8.count
            while cursor < bytes.count, !has(closing, at: cursor) { cursor += 1 }
            index = min(bytes.count, cursor + closing.utf8.count)
            return true
        }

        private func has(_ literal: String, at position: Int) -> Bool {
            let pattern = Array(literal.utf8)
            return position + pattern.count <= bytes.count && bytes[position..<position + pattern.count].elementsEqual(pattern)
        }

        private mutating func tag() -> Token {
            index += 1
            let closing = index < bytes.count && bytes[index] == UInt8(ascii: "/")
            if closing { index += 1 }
            let name = word().lowercased()
            var attributes: [(String, [UInt8])] = []
            var selfClosing = false
            while index < bytes.count {
                skipSpace()
                guard index < bytes.count else { break }
                let byte = bytes[index]
                if byte == UInt8(ascii: ">") { index += 1; break }
                if byte == UInt8(ascii: "/") { selfClosing = true; index += 1; continue }
                let key = word()
                guard !key.isEmpty else { index += 1; continue }
                skipSpace()
                var value: [UInt8] = []
                if index < bytes.count, bytes[index] == UInt8(ascii: "=") {
                    index += 1
                    skipSpace()
                    value = quotedValue()
                }
                attributes.append((key, value))
            }
            return closing ? .end(name) : .start(name: name, attributes: attributes, selfClosing: selfClosing)
        }

        private mutating func word() -> String {
            let start = index
            while index < bytes.count, isASCIIAlphanumeric(bytes[index]) || [UInt8(ascii: "-"), UInt8(ascii: ":"), UInt8(ascii: "_")].contains(bytes[index]) {
                index += 1
            }
            return String(decoding: bytes[start..<index], as: UTF8.self)
        }

        private mutating func quotedValue() -> [UInt8] {
            guard index < bytes.count else { return [] }
            let quote = bytes[index]
            guard quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") else {
                let start = index
                while index < bytes.count, bytes[index] != UInt8(ascii: ">"), bytes[index] != UInt8(ascii: " ") { index += 1 }
                return Array(bytes[start..<index])
            }
            index += 1
            let start = index
            while index < bytes.count, bytes[index] != quote { index += 1 }
            let value = Array(bytes[start..<index])
            index = min(bytes.count, index + 1)
            return value
        }

        private mutating func skipSpace() {
            while index < bytes.count, [UInt8(ascii: " "), UInt8(ascii: "\n"), UInt8(ascii: "\t"), UInt8(ascii: "\r")].contains(bytes[index]) {
                index += 1
            }
        }
    }
}
