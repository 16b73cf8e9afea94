/// Splits a Markdown file into its YAML front matter (between `---` lines at the very top) and its body.
package struct FrontMatter: Sendable, Hashable {
    /// The YAML text, without the `---` fences; nil when the file has no front matter.
    package var yaml: String?
    package var body: String
    /// Lines before the body starts: add it to a body line number to get the file's line number.
    package var bodyLineOffset: Int

    package static let fence = "---"

    /// Returns nil in `yaml` when the file does not open with a fence; reports an unclosed fence as `unclosed`.
    /// Lines are found on bytes (text reaches here with `\n` line ends): splitting a String into lines
    /// walks every grapheme cluster, which was a third of parsing a folder whose notes open with front matter.
    package static func split(_ text: String) -> (frontMatter: FrontMatter, unclosed: Bool) {
        let none = FrontMatter(yaml: nil, body: text, bodyLineOffset: 0)
        guard text.utf8.starts(with: fence.utf8) else { return (none, false) }
        let utf8 = text.utf8
        var start = utf8.startIndex
        var yamlStart = start
        var number = 0
        while true {
            let end = utf8[start...].firstIndex(of: UInt8(ascii: "\n")) ?? utf8.endIndex
            let line = text[start..<end].trimmingTrailingCR
            if number == 0 {
                guard line.utf8.elementsEqual(fence.utf8) else { return (none, false) }
            } else if line.utf8.elementsEqual(fence.utf8) || line.utf8.elementsEqual("...".utf8) {
                // The YAML is the lines between the fences, without the line end before the closing one.
                let yaml = start == yamlStart ? "" : String(text[yamlStart..<utf8.index(before: start)])
                let body = end == utf8.endIndex ? "" : String(text[utf8.index(after: end)...])
                return (FrontMatter(yaml: yaml, body: body, bodyLineOffset: number + 1), false)
            }
            guard end != utf8.endIndex else { return (none, true) }
            start = utf8.index(after: end)
            if number == 0 { yamlStart = start }
            number += 1
        }
    }
}

extension Substring {
    package var trimmingTrailingCR: Substring { hasSuffix("\r") ? dropLast() : self }
}
