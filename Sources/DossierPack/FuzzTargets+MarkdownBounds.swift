import DossierIntake
import DossierModel
import DossierPublish
import Foundation

/// The bytes of a structured fuzz input: numbers first, then text. libFuzzer seldom grows an input to
/// 100 000 table cells or 1 000 levels by itself, so the bound targets read their first bytes as the
/// size of what to generate and the rest as its content; an input too short reads as zeros.
package struct FuzzInput {
    private var bytes: ArraySlice<UInt8>

    package init(_ bytes: [UInt8]) { self.bytes = bytes[...] }

    package mutating func byte() -> Int { bytes.popFirst().map(Int.init) ?? 0 }
    /// Two bytes, big-endian: 0...65 535.
    package mutating func number() -> Int { byte() << 8 | byte() }
    /// Three bytes, big-endian: 0...16 777 215.
    package mutating func largeNumber() -> Int { byte() << 16 | number() }

    /// What is left, cut at NUL bytes into `count` fields (the last takes the remainder, NULs and all).
    package mutating func fields(_ count: Int) -> [[UInt8]] {
        var fields = bytes.split(separator: 0, maxSplits: count - 1, omittingEmptySubsequences: false).map(Array.init)
        bytes = []
        while fields.count < count { fields.append([]) }
        return fields
    }

    /// What is left, whole.
    package mutating func rest() -> [UInt8] {
        defer { bytes = [] }
        return Array(bytes)
    }

    /// At most `limit` bytes as one line of text (line breaks dropped); `fallback` when that leaves nothing.
    package static func line(_ bytes: [UInt8], limit: Int, fallback: String = "") -> String {
        let text = String(decoding: bytes.prefix(limit), as: UTF8.self).filter { $0 != "\n" && $0 != "\r" && $0 != "\r\n" }
        return text.isEmpty ? fallback : text
    }
}

/// A GFM table generated from a fuzz input. The first byte picks its scale: under 16, around
/// `MarkdownTables.limit` (such a table takes tens of milliseconds); otherwise at most 32×64, so that
/// most of the search is quick. The next five bytes give the columns and rows, then come (cut at NULs)
/// what precedes every line of the table, each delimiter cell, each row's text, and Markdown right
/// after the last row (more rows, a new table inside it, a blank line and anything).
package struct TablePlan {
    package static let maxColumns = 1_000
    package var large: Bool
    package var columns: Int
    package var rows: Int
    package var prefix: String
    package var delimiter: String
    package var row: String
    package var trailer: String

    package init(_ bytes: [UInt8]) {
        var input = FuzzInput(bytes)
        large = input.byte() < 16
        columns = 1 + input.number() % (large ? Self.maxColumns : 32)
        // Enough rows to pass the bound at any width, and not many more.
        rows = input.largeNumber() % (large ? MarkdownTables.limit / columns + 64 : 64)
        let fields = input.fields(4)
        prefix = FuzzInput.line(fields[0], limit: 16)
        delimiter = FuzzInput.line(fields[1], limit: 8, fallback: "-")
        row = FuzzInput.line(fields[2], limit: 64, fallback: "a")
        trailer = String(decoding: fields[3], as: UTF8.self)
    }

    /// The cells of the generated table, its delimiter row included, as `MarkdownTables.cells` counts them.
    package var cells: Int { columns * (rows + 2) }

    /// A table of `columns` header cells, its delimiter row and `rows` one-cell rows, every line after `prefix`.
    package var isPlain: Bool { prefix.isEmpty && delimiter == "-" && row == "a" }

    package var markdown: String {
        "# Table\n\n" + prefix + "|" + String(repeating: "h|", count: columns) + "\n"
            + prefix + "|" + String(repeating: delimiter + "|", count: columns) + "\n"
            + String(repeating: prefix + row + "\n", count: rows) + trailer
    }
}

/// Markdown nested `depth` deep in one of several ways, around `MarkdownNesting.limit`: the first two
/// bytes give the depth (0...511), the third the shape, the rest the innermost text.
package struct NestingPlan {
    package enum Shape: CaseIterable {
        case links, images, bulletLists, quotes, emphasis, quotedLists, orderedLists, indentedLists
    }

    package var depth: Int
    package var shape: Shape
    package var label: String

    package init(_ bytes: [UInt8]) {
        var input = FuzzInput(bytes)
        depth = input.number() % 512
        shape = Shape.allCases[input.byte() % Shape.allCases.count]
        label = String(decoding: input.rest(), as: UTF8.self)
    }

    /// Whether the generated Markdown nests at least `depth` deep, whatever the label: brackets are
    /// counted before cmark-gfm, and every container level is at least one level of the tree.
    /// Emphasis is not: cmark-gfm pairs `*` runs as it likes.
    package var nestsAtLeastDepth: Bool { shape != .emphasis }

    package var markdown: String {
        switch shape {
        case .links: String(repeating: "[a", count: depth) + label + String(repeating: "](x)", count: depth)
        case .images: String(repeating: "![a", count: depth) + label + String(repeating: "](x.png)", count: depth)
        // The `x` keeps a run of `- ` from being a thematic break.
        case .bulletLists: String(repeating: "- ", count: depth) + "x" + label
        case .quotes: String(repeating: "> ", count: depth) + "x" + label
        case .emphasis: String(repeating: "*", count: depth) + label + String(repeating: "*", count: depth)
        case .quotedLists: String(repeating: "> - ", count: depth) + "x" + label
        case .orderedLists: String(repeating: "1. ", count: depth) + "x" + label
        case .indentedLists: (0..<depth).map { String(repeating: " ", count: 2 * $0) + "- item\n" }.joined() + label
        }
    }
}

extension FuzzTargets {
    /// GFM tables around the cell bound: the bound must count every cell cmark-gfm would build (else a
    /// few kilobytes still expand to millions), report exactly when it is passed, and then no table is drawn.
    package static func tables(_ bytes: [UInt8], _ check: Check) {
        let plan = TablePlan(bytes)
        let text = plan.markdown
        let (document, diagnostics) = parse(generated: text, as: "fuzz/table.md", check)
        let tooLarge = diagnostics.contains { $0.identifier == DiagnosticID.limitsTableTooLarge.rawValue }
        // Shown as text for another reason (brackets in the trailer nested past their limit): no table at all.
        guard case .markdown(let markdown)? = document?.content else { return }
        let counted = MarkdownTables.cells(markdown.body)
        check(tooLarge == (counted > MarkdownTables.limit), "table-too-large is \(tooLarge), but the tables count \(counted) cells")
        check(markdown.tables == !tooLarge, "tables are parsed: \(markdown.tables), reported too large: \(tooLarge)")
        let body = markdown.parsedBody()
        let built = body.tableCells
        check(built <= counted, "cmark-gfm built \(built) table cells where the bound counted \(counted)")
        check(!tooLarge || built == 0, "tables reported too large still have \(built) cells")
        if plan.isPlain && !tooLarge {
            check(built >= plan.columns * (plan.rows + 1), "a \(plan.columns)×\(plan.rows) table under the bound has \(built) cells")
        }
        if plan.isPlain && plan.cells > MarkdownTables.limit { check(tooLarge, "a table of \(plan.cells) cells was not reported") }
        // The page's HTML, which the markdown target compares for any input, only when it is quick to make.
        guard text.utf8.count <= 16_384 else { return }
        let html = MarkdownHTML.render(body.tree())
        check(html.contains("<table") == (built > 0), "\(built) table cells, but the page's HTML has \(html.contains("<table") ? "a" : "no") table")
        check(html == Self.cmarkHTML(body), "the Swift renderer and cmark-gfm disagree on this table")
    }

    /// Links, images, lists, quotes and emphasis nested around the limit: past it the file is text and
    /// says so; under it the tree is shallow enough to render, and renders as cmark-gfm does.
    package static func nesting(_ bytes: [UInt8], _ check: Check) {
        let plan = NestingPlan(bytes)
        let text = plan.markdown
        let (document, diagnostics) = parse(generated: text, as: "fuzz/nested.md", check)
        let nested = diagnostics.contains { $0.identifier == DiagnosticID.limitsMarkdownNesting.rawValue }
        // Decoding (NULs, line breaks) changes no bracket or backslash.
        let brackets = MarkdownNesting.bracketDepth(text)
        check(brackets <= MarkdownNesting.limit || nested, "brackets nested \(brackets) deep were not reported")
        if plan.nestsAtLeastDepth && plan.depth > MarkdownNesting.limit {
            check(nested, "\(plan.shape) nested \(plan.depth) deep were not reported")
        }
        switch document?.content {
        case .markdown(let markdown)?:
            check(!nested, "Markdown reported as nested too deep still has a tree")
            check(markdown.depth <= MarkdownNesting.limit, "a tree \(markdown.depth) deep was kept")
            let body = markdown.parsedBody()
            check(MarkdownHTML.render(body.tree()) == Self.cmarkHTML(body), "the Swift renderer and cmark-gfm disagree on this Markdown")
        case .text?: check(nested, "Markdown shown as text without a nesting diagnostic")
        default: check(false, "the Markdown file was not read")
        }
    }

    /// A generated evidence file through the parse stage under `limits`; every diagnostic must point inside it.
    package static func parse(
        generated text: String, as path: String, limits: InputLimits = InputLimits(), _ check: Check
    ) -> (document: EvidenceDocument?, diagnostics: [Diagnostic]) {
        let file = EvidenceFile(path: path, url: URL(fileURLWithPath: "/nonexistent/" + path), size: text.utf8.count)
        let diagnostics = DiagnosticEngine()
        let document = EvidenceParser(limits: limits).parse(Data(text.utf8), file: file, diagnostics: diagnostics)
        checkPositions(diagnostics.diagnostics, in: Array(text.utf8), check)
        return (document, diagnostics.diagnostics)
    }

    /// cmark-gfm's own HTML for a body, with the class the Swift renderer gives task items.
    package static func cmarkHTML(_ body: CommonMarkDocument) -> String {
        MarkdownHTML.expected(fromCmarkGFM: body.html())
    }

    /// How many nodes of the tree are of a kind, counted without recursion.
    package static func count(_ tree: MarkdownNode, where matches: (MarkdownNode.Kind) -> Bool) -> Int {
        var stack = [tree], found = 0
        while let node = stack.popLast() {
            if matches(node.kind) { found += 1 }
            stack.append(contentsOf: node.children)
        }
        return found
    }
}
