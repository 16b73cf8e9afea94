/// Splits a Markdown file into its YAML front matter (between `---` lines at the very top) and its body.
package struct FrontMatter: Sendable, Hashable {
    /// The YAML text, without the `---` fences; nil when the file has no front matter.
    package var yaml: String?
    package var body: String
    /// Lines before the body starts: add it to a body line number to get the file's line number.
    package var bodyLineOffset: Int

    package static let fence = "---"

    /// Returns nil in `yaml` when the file does not open with a fence; reports an unclosed fence as `unclosed`.
    package static func split(_ text: String) -> (frontMatter: FrontMatter, unclosed: Bool) {
        // Most files have none: looked at on bytes first, since splitting a String into lines walks
        // every grapheme cluster of the file.
        guard text.utf8.starts(with: fence.utf8) else { return (FrontMatter(yaml: nil, body: text, bodyLineOffset: 0), false) }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard let first = lines.first, first.trimmingTrailingCR == fence else {
            return (FrontMatter(yaml: nil, body: text, bodyLineOffset: 0), false)
        }
        lines.removeFirst()
        guard let closing = lines.firstIndex(where: { $0.trimmingTrailingCR == fence || $0.trimmingTrailingCR == "..." }) else {
            return (FrontMatter(yaml: nil, body: text, bodyLineOffset: 0), true)
        }
        let yaml = lines[..<closing].joined(separator: "\n")
        let body = lines[(closing + 1)...].joined(separator: "\n")
        return (FrontMatter(yaml: yaml, body: body, bodyLineOffset: closing + 2), false)
    }
}

extension Substring {
    package var trimmingTrailingCR: Substring { hasSuffix("\r") ? dropLast() : self }
}
