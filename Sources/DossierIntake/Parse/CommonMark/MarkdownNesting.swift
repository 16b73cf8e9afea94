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

    /// The deepest nesting of block quotes in the text, counted before cmark-gfm sees it: the `>`
    /// markers opening any line, spaces between them allowed. cmark-gfm takes time that grows with
    /// the square of the depth times the text inside (CVE-2023-24824): 70 000 quotes around a line
    /// of emphasis took 49 s.
    /// List markers (`-`, `*`, `+`, `1.`, `1)`) among them are containers too: `- >>>…` nests its
    /// quotes in a list item.
    package static func quoteDepth(_ text: String) -> Int {
        var deepest = 0, depth = 0, lineStart = true, digits = 0
        for byte in text.utf8 {
            switch byte {
            case 0x0A:
                lineStart = true
                depth = 0
                digits = 0
            case UInt8(ascii: ">") where lineStart:
                depth += 1
                deepest = max(deepest, depth)
                digits = 0
            case 0x20, 0x09:
                digits = 0
            case UInt8(ascii: "-"), UInt8(ascii: "*"), UInt8(ascii: "+") where lineStart:
                break
            case UInt8(ascii: "0")...UInt8(ascii: "9") where lineStart && digits < 9:
                digits += 1
            case UInt8(ascii: "."), UInt8(ascii: ")") where lineStart && digits > 0:
                digits = 0
            default:
                lineStart = false
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
    /// The most cells (`|`) one row of a table may have.
    package static let rowLimit = 1_000

    /// An upper bound on the cells of every table in `text`: each delimiter row (`|---|:-:|`) that
    /// follows a non-blank line starts a table of that many columns, running to the next blank line.
    /// A delimiter row is looked for on every line, after any container markers (`>`, `-`, `1.`): a
    /// table in a quote or a list item is padded too, and it may start inside a table that runs on.
    /// (The `tables` fuzz target found the quote: 8 KB of quoted table still built a million cells.
    /// A vertical tab or form feed among the dashes, which cmark-gfm takes for a space, did the same.)
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
                } else {
                    total += columns  // a row of the table above, padded to its width
                    if !previousBlank, let width = delimiterColumns(afterContainers: line) {
                        columns = max(columns, width)
                        total += 2 * width  // the header and the delimiter row
                    }
                    // cmark-gfm splits a row into all its cells before it cuts them to the header's
                    // width, in time that grows with their square: one row of 70 000 took 9 s.
                    if columns > 0, columns > rowLimit || line.count { $0 == UInt8(ascii: "|") } > rowLimit { return limit + 1 }
                }
                previousBlank = blank
                if total > limit { return total }
                start = end + 1
            }
            return total
        }
    }

    /// The most columns `line` can give as a delimiter row, whichever of its leading container markers
    /// cmark-gfm takes as containers: the row is what follows them all, or (a delimiter row starts
    /// with `|`, `-` or `:`) that with some `- ` bullets before it, each at most one more column.
    private static func delimiterColumns(afterContainers line: UnsafeBufferPointer<UInt8>) -> Int? {
        var index = 0, bullets = 0
        while let (next, bullet) = afterContainerMarker(line, from: index) {
            if bullet { bullets += 1 }
            index = next
        }
        let rest = UnsafeBufferPointer(rebasing: line[index...])
        if let columns = delimiterColumns(rest) { return columns + bullets }
        return bullets > 0 && rest.allSatisfy(isSpace) ? bullets : nil
    }

    private static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0B || byte == 0x0C || byte == 0x0D }

    /// Where the line goes on after one container marker at `start` (indentation, then `>`, a bullet
    /// or an ordered-list number followed by a space or the end), and whether it was a `-` bullet;
    /// nil when no marker starts there.
    private static func afterContainerMarker(_ line: UnsafeBufferPointer<UInt8>, from start: Int) -> (Int, Bool)? {
        var index = start
        while index < line.count, line[index] == 0x20 || line[index] == 0x09 { index += 1 }
        guard index < line.count else { return nil }
        if line[index] == UInt8(ascii: ">") { return (index + 1, false) }
        let marker = line[index]
        if marker == UInt8(ascii: "-") || marker == UInt8(ascii: "+") || marker == UInt8(ascii: "*") {
            index += 1
        } else {
            let digits = index
            while index < line.count, index - digits < 9, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(line[index]) { index += 1 }
            guard index > digits, index < line.count, line[index] == UInt8(ascii: ".") || line[index] == UInt8(ascii: ")") else { return nil }
            index += 1
        }
        guard index == line.count || line[index] == 0x20 || line[index] == 0x09 else { return nil }
        return (index, marker == UInt8(ascii: "-"))
    }

    /// The number of columns of a delimiter row, or nil when the line is not one. Spaces are cmark-gfm's
    /// (space, tab, vertical tab, form feed): a `-` and a vertical tab still make a column.
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
            case _ where isSpace(byte):
                break
            default:
                return nil
            }
        }
        if inCell { guard dashes else { return nil }; cells += 1 }
        return cells > 0 && anyDash ? cells : nil
    }
}
