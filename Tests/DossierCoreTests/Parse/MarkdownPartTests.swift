@testable import DossierIntake
import DossierModel
import Foundation
import Testing

/// A Markdown parse kept on disk reads back as the parse it was: every field, every finding.
@Suite struct MarkdownPartTests {
    private static let texts = [
        """
        ---
        owner: Ann Owner
        reviewed_at: 2026-09-01
        nested: {list: [1, "two", true, null, {deep: [[]]}], number: 5.10}
        ---
        # Access review

        - [x] ACC-1 Done, see [the record](../activities/act.yml) and ![a chart](chart.png)
        - [ ] ACC-2 Open

        Token in a code span: `ghp_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa`, café and e\u{301}.

        | a | b |
        |---|---|
        | 1 | 2 |
        """,
        "---\nowner: [unclosed\n# No end to the front matter\n",
        "---\n- a list, not a mapping\n---\n# Title\n",
        "",
        "No heading, [a link](https://example.com).\n",
    ]

    private func parse(_ text: String) -> (MarkdownEvidence, [Diagnostic]) {
        let diagnostics = DiagnosticEngine()
        let markdown = EvidenceParser().parseMarkdown(text, file: EvidenceFile(path: "a.md", location: "/a.md", size: text.utf8.count), diagnostics: diagnostics)
        return (markdown, diagnostics.diagnostics)
    }

    @Test(arguments: texts) func aKeptParseReadsBackWhole(_ text: String) throws {
        let (markdown, found) = parse(text)
        let data = try #require(MarkdownPart.encode(markdown, diagnostics: found))
        let (read, readFound) = try #require(MarkdownPart.decode(data))
        #expect(readFound == found)
        #expect(read.frontMatter == markdown.frontMatter)
        #expect(read.body.utf8.elementsEqual(markdown.body.utf8))
        #expect(read.bodyLineOffset == markdown.bodyLineOffset)
        #expect(read.title == markdown.title)
        #expect(read.taskItems == markdown.taskItems)
        #expect(read.links == markdown.links)
        #expect(read.shownCandidates.map(\.text) == markdown.shownCandidates.map(\.text))
        #expect(read.shownCandidates.map(\.location) == markdown.shownCandidates.map(\.location))
        #expect(read.depth == markdown.depth)
        #expect(read.tables == markdown.tables)
    }

    @Test func theFixtureExercisesEveryField() {
        let (markdown, found) = parse(Self.texts[0])
        #expect(markdown.frontMatter != nil && !markdown.taskItems.isEmpty && !markdown.links.isEmpty && !markdown.shownCandidates.isEmpty)
        #expect(found.isEmpty)
        #expect(!parse(Self.texts[1]).1.isEmpty, "the unclosed front matter is a finding to keep")
    }

    @Test func aDamagedOrShortenedPartIsRefused() throws {
        let (markdown, found) = parse(Self.texts[0])
        let data = try #require(MarkdownPart.encode(markdown, diagnostics: found))
        for length in stride(from: 0, to: data.count, by: max(1, data.count / 40)) {
            #expect(MarkdownPart.decode(data.prefix(length)) == nil, "cut at \(length)")
        }
        #expect(MarkdownPart.decode(data + Data([0])) == nil)
    }
}
