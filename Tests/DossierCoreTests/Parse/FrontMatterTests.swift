import DossierIntake
import Testing

/// Front matter is split on bytes; the split must be the one a split into lines gives, on any text.
@Suite struct FrontMatterTests {
    /// The split as it was first written, line by line: the reference.
    private func byLines(_ text: String) -> (yaml: String?, body: String, offset: Int, unclosed: Bool) {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard let first = lines.first, first.trimmingTrailingCR == FrontMatter.fence else { return (nil, text, 0, false) }
        lines.removeFirst()
        guard let closing = lines.firstIndex(where: { $0.trimmingTrailingCR == FrontMatter.fence || $0.trimmingTrailingCR == "..." }) else {
            return (nil, text, 0, true)
        }
        return (lines[..<closing].joined(separator: "\n"), lines[(closing + 1)...].joined(separator: "\n"), closing + 2, false)
    }

    @Test func splitsAsALineByLineSplitDoes() {
        // No carriage return: text reaches the split with `\n` line ends only (`TextDecoding`), and
        // split by Characters, "\r\n" is one Character, not a line end.
        let pieces = ["---", "...", "--- ", "----", "owner: ops", "", "# Title", "caf\u{E9}", "e\u{301}", "- [x] item", "---x"]
        var state: UInt64 = 2026
        func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
        for _ in 0..<5_000 {
            var lines = (0..<next(8)).map { _ in pieces[next(pieces.count)] }
            if next(3) > 0 { lines.insert("---", at: 0) }
            let text = lines.joined(separator: "\n") + (next(2) == 0 ? "\n" : "")
            let (split, unclosed) = FrontMatter.split(text)
            let expected = byLines(text)
            #expect(split.yaml == expected.yaml && split.body == expected.body && split.bodyLineOffset == expected.offset && unclosed == expected.unclosed,
                    "\(text.debugDescription)")
        }
    }

    @Test func theSimpleCases() {
        let simple = FrontMatter.split("---\nowner: ops\n---\n# Body\n").frontMatter
        #expect(simple.yaml == "owner: ops" && simple.body == "# Body\n" && simple.bodyLineOffset == 3)
        let empty = FrontMatter.split("---\n---\n").frontMatter
        #expect(empty.yaml == "" && empty.body == "" && empty.bodyLineOffset == 2)
        #expect(FrontMatter.split("---\nowner: ops\n").unclosed)
        #expect(FrontMatter.split("# No front matter\n").frontMatter.yaml == nil)
    }
}
