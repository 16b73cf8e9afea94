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
