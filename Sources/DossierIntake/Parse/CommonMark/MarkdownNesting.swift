import DossierModel

/// How deep Markdown may nest before it is shown as text instead. A page is rendered from a Swift
/// tree, by recursion, on threads with small stacks: 20 000 nested list items or 100 000 nested
/// images overflowed the stack, and brackets nested that deep took seconds. Real evidence nests a
/// few levels; a file past the limit is published as its text, with a diagnostic.
package enum MarkdownNesting {
    package static let limit = 100

    /// The deepest nesting of `[` in the text, counted before cmark-gfm sees it (a backslash escapes
    /// the next character): a cheap bound on nested links and images, whatever cmark makes of them.
    package static func bracketDepth(_ text: String) -> Int {
        var depth = 0, deepest = 0, escaped = false
        for byte in text.utf8 {
            if escaped { escaped = false; continue }
            switch byte {
            case UInt8(ascii: "\\"): escaped = true
            case UInt8(ascii: "["): depth += 1; deepest = max(deepest, depth)
            case UInt8(ascii: "]"): depth = max(0, depth - 1)
            default: break
            }
        }
        return deepest
    }
}

/// How many cells a file's GFM tables would expand to. cmark-gfm pads every row to the header's
/// width, so a table of C header columns and R one-character rows is C×R cells however short the
/// file: 18 KB became 9 million cells, 22 s and 2.7 GB. Past `limit`, tables are not parsed as
/// tables: their lines are shown as text.
package enum MarkdownTables {
    package static let limit = 100_000

    /// An upper bound on the cells of every table in `text`: each delimiter row (`|---|:-:|`) that
    /// follows a non-blank line starts a table of that many columns, running to the next blank line.
    package static func cells(_ text: String) -> Int {
        var copy = text
        // One pass over the bytes, a line at a time, with no allocation: it runs on every Markdown file.
        return copy.withUTF8 { bytes -> Int in
            var total = 0, columns = 0, previousBlank = true, start = 0
            while start <= bytes.count {
                var end = start
                while end < bytes.count && bytes[end] != 0x0A { end += 1 }
                let line = UnsafeBufferPointer(rebasing: bytes[start..<end])
                let blank = line.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }
                if blank {
                    columns = 0
                } else if columns > 0 {
                    total += columns
                } else if !previousBlank, let width = delimiterColumns(line) {
                    columns = width
                    total += 2 * width  // the header and the delimiter row
                }
                previousBlank = blank
                if total > limit { return total }
                start = end + 1
            }
            return total
        }
    }

    /// The number of columns of a delimiter row, or nil when the line is not one.
    private static func delimiterColumns(_ line: UnsafeBufferPointer<UInt8>) -> Int? {
        var cells = 0, dashes = false, inCell = false, anyDash = false
        for byte in line {
            switch byte {
            case UInt8(ascii: "|"):
                if inCell { guard dashes else { return nil }; cells += 1 }
                inCell = false
                dashes = false
            case UInt8(ascii: "-"):
                inCell = true
                dashes = true
                anyDash = true
            case UInt8(ascii: ":"):
                inCell = true
            case 0x20, 0x09, 0x0D:
                break
            default:
                return nil
            }
        }
        if inCell { guard dashes else { return nil }; cells += 1 }
        return cells > 0 && anyDash ? cells : nil
    }
}
