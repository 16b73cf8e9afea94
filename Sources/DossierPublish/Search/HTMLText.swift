import Foundation

/// The text of a rendered page's `<main>`, block by block, as a reader sees it: tags dropped,
/// `<script>` and `<style>` skipped, entities decoded, whitespace collapsed. Only Dossier's own
/// templates are read here (evidence markup is escaped or sanitised before it reaches a page), so a
/// byte scanner is enough; no parser is needed.
enum HTMLText {
    /// Elements whose start or end begins a new block of text. The rest (`a`, `code`, `span`, `strong`…) run on.
    private static let blockElements: Set<[UInt8]> = Set([
        "p", "li", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "dt", "dd", "pre", "caption", "figcaption", "tr", "table",
        "ul", "ol", "dl", "div", "section", "article", "aside", "header", "footer", "blockquote", "text", "title", "br", "hr",
        "summary", "details", "nav", "figure", "thead", "tbody", "label", "option", "button", "main", "svg", "g",
    ].map { Array($0.utf8) })
    private static let skippedElements: Set<[UInt8]> = [Array("script".utf8), Array("style".utf8)]
    private static let entities: [String: String] = ["amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": " "]

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
                if tag.name == Array("h1".utf8) { inHeading = !tag.closing }
                index = tag.isSkipped && !tag.closing ? skip(past: tag.name, in: bytes, from: tag.end, end: end) : tag.end
            } else if byte == UInt8(ascii: "&") {
                let (text, next) = entity(bytes, at: index, end: end)
                text.forEach(append)
                index = next
            } else {
                append(byte)
                index += 1
            }
        }
        flush()
    }

    private struct Tag {
        var name: [UInt8] = []
        var closing = false
        /// Just past the tag's `>`.
        var end: Int
        var isBlock: Bool { HTMLText.blockElements.contains(name) }
        var isSkipped: Bool { HTMLText.skippedElements.contains(name) }

        init(_ bytes: [UInt8], at start: Int, end limit: Int) {
            var index = start + 1
            if index < limit, bytes[index] == UInt8(ascii: "/") { closing = true; index += 1 }
            if bytes[index..<min(index + 3, limit)].elementsEqual("!--".utf8) {
                end = (HTMLText.find(Array("-->".utf8), in: bytes, from: index) ?? limit - 3) + 3
                return
            }
            while index < limit, case let byte = bytes[index], byte.isASCIIAlphanumeric {
                name.append(byte | (byte.isASCIIUppercase ? 0x20 : 0))
                index += 1
            }
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
    private static func skip(past name: [UInt8], in bytes: [UInt8], from start: Int, end: Int) -> Int {
        guard let close = find(Array("</".utf8) + name, in: bytes, from: start) else { return end }
        return Tag(bytes, at: close, end: end).end
    }

    /// A character reference's text and the index after it; an unknown one is kept as written.
    private static func entity(_ bytes: [UInt8], at start: Int, end: Int) -> ([UInt8], Int) {
        guard let semicolon = bytes[start..<min(start + 12, end)].firstIndex(of: UInt8(ascii: ";")) else { return ([bytes[start]], start + 1) }
        let name = String(decoding: bytes[(start + 1)..<semicolon], as: UTF8.self)
        var text: String?
        if name.hasPrefix("#x") || name.hasPrefix("#X") {
            text = UInt32(name.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init).map { String(Character($0)) }
        } else if name.hasPrefix("#") {
            text = UInt32(name.dropFirst()).flatMap(Unicode.Scalar.init).map { String(Character($0)) }
        } else {
            text = entities[name]
        }
        guard let text else { return ([bytes[start]], start + 1) }
        return (Array(text.utf8), semicolon + 1)
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
