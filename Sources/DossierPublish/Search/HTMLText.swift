import Foundation

/// The text of a rendered page's `<main>`, block by block, as a reader sees it: tags dropped,
/// `<script>` and `<style>` skipped, entities decoded, whitespace collapsed. Only Dossier's own
/// templates are read here (evidence markup is escaped or sanitised before it reaches a page), so a
/// byte scanner is enough; no parser is needed.
enum HTMLText {
    /// Elements whose start or end begins a new block of text. The rest (`a`, `code`, `span`, `strong`…) run on.
    /// Names are compared packed into a UInt64 (`packed`): a set of arrays cost an allocation and a hash per tag.
    private static let blockElements: [UInt64] = [
        "p", "li", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "dt", "dd", "pre", "caption", "figcaption", "tr", "table",
        "ul", "ol", "dl", "div", "section", "article", "aside", "header", "footer", "blockquote", "text", "title", "br", "hr",
        "summary", "details", "nav", "figure", "thead", "tbody", "label", "option", "button", "main", "svg", "g",
    ].map { packed(Array($0.utf8)[...]) }
    private static let skippedElements: [UInt64] = [packed(Array("script".utf8)[...]), packed(Array("style".utf8)[...])]
    private static let heading = packed(Array("h1".utf8)[...])
    private static let entities: [UInt64: UInt8] = [
        packed(Array("amp".utf8)[...]): UInt8(ascii: "&"), packed(Array("lt".utf8)[...]): UInt8(ascii: "<"),
        packed(Array("gt".utf8)[...]): UInt8(ascii: ">"), packed(Array("quot".utf8)[...]): UInt8(ascii: "\""),
        packed(Array("apos".utf8)[...]): UInt8(ascii: "'"), packed(Array("nbsp".utf8)[...]): 0x20,
    ]

    /// A tag name lowercased in one number: up to eight bytes side by side, a longer name folded with
    /// the top bit set (so that it never equals a short one).
    static func packed(_ name: ArraySlice<UInt8>) -> UInt64 {
        let lowered = name.lazy.map { UInt64((0x41...0x5A).contains($0) ? $0 | 0x20 : $0) }
        guard name.count > 8 else { return lowered.reduce(0) { $0 << 8 | $1 } }
        return lowered.reduce(0) { $0 &* 0x100_0000_01b3 ^ $1 } | 1 << 63
    }

    /// Calls `body` with each non-empty block's text (UTF-8, single spaces, trimmed) and whether it is an `<h1>`.
    static func forEachBlock(in html: Data, _ body: ([UInt8], Bool) -> Void) {
        let bytes = [UInt8](html)
        let open = Array(#"<main id="content">"#.utf8), close = Array("</main>".utf8)
        let start = find(open, in: bytes, from: 0).map { $0 + open.count } ?? 0
        let end = find(close, in: bytes, from: start) ?? bytes.count
        var block: [UInt8] = []
        var inHeading = false
        func flush() {
            if block.last == 0x20 { block.removeLast() }
            if !block.isEmpty { body(block, inHeading) }
            block.removeAll(keepingCapacity: true)
        }
        func append(_ byte: UInt8) {
            let space = byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D || byte == 0x0C
            if space {
                if !block.isEmpty, block.last != 0x20 { block.append(0x20) }
            } else {
                block.append(byte)
            }
        }
        var index = start
        while index < end {
            let byte = bytes[index]
            if byte == UInt8(ascii: "<") {
                let tag = Tag(bytes, at: index, end: end)
                if tag.isBlock || tag.isSkipped { flush() }
                if tag.name == heading { inHeading = !tag.closing }
                index = tag.isSkipped && !tag.closing ? skip(past: tag, in: bytes, end: end) : tag.end
            } else if byte == UInt8(ascii: "&") {
                index = entity(bytes, at: index, end: end, into: &block)
            } else {
                append(byte)
                index += 1
            }
        }
        flush()
    }

    private struct Tag {
        /// `packed`.
        var name: UInt64 = 0
        var nameBytes: Range<Int>
        var closing = false
        /// Just past the tag's `>`.
        var end: Int
        var isBlock: Bool { HTMLText.blockElements.contains(name) }
        var isSkipped: Bool { HTMLText.skippedElements.contains(name) }

        init(_ bytes: [UInt8], at start: Int, end limit: Int) {
            var index = start + 1
            if index < limit, bytes[index] == UInt8(ascii: "/") { closing = true; index += 1 }
            nameBytes = index..<index
            if bytes[index..<min(index + 3, limit)].elementsEqual("!--".utf8) {
                end = (HTMLText.find(Array("-->".utf8), in: bytes, from: index) ?? limit - 3) + 3
                return
            }
            let first = index
            while index < limit, bytes[index].isASCIIAlphanumeric { index += 1 }
            nameBytes = first..<index
            name = HTMLText.packed(bytes[nameBytes])
            // To the `>`, past any quoted attribute value (which may hold one).
            var quote: UInt8?
            while index < limit {
                let byte = bytes[index]
                index += 1
                if let open = quote {
                    if byte == open { quote = nil }
                } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                    quote = byte
                } else if byte == UInt8(ascii: ">") {
                    break
                }
            }
            end = index
        }
    }

    /// Past the `</name…>` that ends a skipped element.
    private static func skip(past tag: Tag, in bytes: [UInt8], end: Int) -> Int {
        guard let close = find(Array("</".utf8) + bytes[tag.nameBytes], in: bytes, from: tag.end) else { return end }
        return Tag(bytes, at: close, end: end).end
    }

    /// Appends a character reference's text (an unknown one as written) and returns the index after it.
    private static func entity(_ bytes: [UInt8], at start: Int, end: Int, into block: inout [UInt8]) -> Int {
        guard let semicolon = bytes[start..<min(start + 12, end)].firstIndex(of: UInt8(ascii: ";")) else {
            block.append(bytes[start])
            return start + 1
        }
        let name = bytes[(start + 1)..<semicolon]
        var scalar: Unicode.Scalar?
        if name.first == UInt8(ascii: "#") {
            let hex = name.dropFirst().first.map { $0 | 0x20 == UInt8(ascii: "x") } ?? false
            let digits = name.dropFirst(hex ? 2 : 1)
            scalar = UInt32(String(decoding: digits, as: UTF8.self), radix: hex ? 16 : 10).flatMap(Unicode.Scalar.init)
        } else if let byte = entities[packed(name)] {
            scalar = Unicode.Scalar(byte)
        }
        guard let scalar else {
            block.append(bytes[start])
            return start + 1
        }
        if scalar.isASCII, scalar.properties.isWhitespace {
            if !block.isEmpty, block.last != 0x20 { block.append(0x20) }
        } else {
            block.append(contentsOf: String(scalar).utf8)
        }
        return semicolon + 1
    }

    static func find(_ needle: [UInt8], in bytes: [UInt8], from start: Int) -> Int? {
        guard let first = needle.first, needle.count <= bytes.count else { return nil }
        var index = start
        while index + needle.count <= bytes.count {
            guard let candidate = bytes[index...(bytes.count - needle.count)].firstIndex(of: first) else { return nil }
            if bytes[candidate..<(candidate + needle.count)].elementsEqual(needle) { return candidate }
            index = candidate + 1
        }
        return nil
    }
}

private extension UInt8 {
    var isASCIIUppercase: Bool { (0x41...0x5A).contains(self) }
    var isASCIIAlphanumeric: Bool { isASCIIUppercase || (0x61...0x7A).contains(self) || (0x30...0x39).contains(self) }
}
