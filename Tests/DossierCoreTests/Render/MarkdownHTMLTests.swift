import DossierIntake
import DossierPublish
import DossierTestSupport
import Foundation
import Testing

/// Pages render Markdown from the Swift tree (`MarkdownHTML`), not through cmark-gfm's renderer:
/// the output must be cmark-gfm's, byte for byte, but for the one thing decided on the tree — the
/// `task-list-item` class. Every Markdown file of the repository, the fixtures, the real-world
/// samples and the seed articles is rendered both ways, and so is a list of edge cases.
@Suite struct MarkdownHTMLTests {
    /// cmark-gfm's HTML with the class a task item gets and controls as U+FFFD.
    private func expected(_ document: CommonMarkDocument) -> String {
        MarkdownHTML.expected(fromCmarkGFM: document.html())
    }

    static let edgeCases = [
        "# Title\n\nSetext\n======\n\nand\n---\n",
        "- tight\n- list\n\n1. loose\n\n2. list\n\n3) paren\n",
        "3. starts at three\n4. four\n\n0. zero\n",
        "- [x] done\n- [ ] open\n  - [x] nested task\n  - plain nested\n\n* [ ] loose task\n\n* [x] second\n",
        "> quote with a list\n> - one\n> - two\n>\n> > nested quote\n",
        "| a | b | c | d |\n|:--|:-:|--:|---|\n| 1 | 2 | 3 | 4 |\n| x | y |\n",
        "| head only |\n|---|\n",
        "| a \\| b | `c | d` |\n|---|---|\n| **bold** | [link](x.md) |\n",
        "- item\n\n  | t |\n  |---|\n  | in a list |\n",
        "```swift title\nlet x = \"<&>\"\n```\n\n~~~\nno info\n~~~\n\n    indented code\n",
        "<div>raw block</div>\n\ntext <span>inline</span> & more\n\n<!-- comment -->\n",
        "line  \nhard break\\\nand soft\nbreak\n",
        "~~struck~~ and ~single~ and https://auto.example/path?q=1&r=2 and www.example.com\n",
        "[a](<url with spaces> \"title & 'quote'\") [b](https://x.example/ü?a=1&b='2' 'single') [c](#frag)\n",
        "[js](javascript:alert(1)) [JS](JaVaScRiPt:x) [data](data:text/html,x) [img](data:image/png;base64,AAA) [file](file:///etc/passwd) [vb](VBSCRIPT:x)\n",
        "![alt *with* `code` and [link](y.md)](img.png \"img title\") ![](empty.png)\n\n![outer ![inner](i.png)](o.png)\n",
        "*em* **strong** ***both*** _under_ __double__ `code with <tag>`\n",
        "&amp; &lt; &copy; &#65; &#x42; \\* \\_ \"quotes\" 'single' /slash/\n",
        "Tab\there and a NUL\u{0} byte and emoji 🙂 and e\u{301}\n",
        "1. one\n   - nested bullet\n\n     continued paragraph\n2. two\n",
        "- a\n-\n- c\n\n- \n  after empty\n",
        "***\n---\n___\n",
        "[ref][id] and [id]\n\n[id]: https://ref.example \"Ref title\"\n",
        "<https://autolink.example> <mailto:a@b.example> a@b.example\n",
        "| x |\n|---|\n| <b>raw</b> |\n| ![i](i.png) |\n",
        "",
        "just text",
        "\n\n\n",
        "```a\u{0B}b\u{0C}c d\n```\n\n- ~~~ x\u{0C}|y\n",
        "C0 \u{01}\u{1B}[31m, DEL \u{7F}, C1 \u{85}\u{9B} in text, `code \u{08}`, *em\u{90}* and ![alt\u{07}](i.png \"t\u{9F}\")\n",
    ]

    /// HTML forbids control characters, and a browser drops some: none reaches a page raw.
    @Test func controlCharactersAreWrittenAsReplacementCharacters() {
        let html = MarkdownHTML.render(CommonMarkDocument(markdown: "key AK\u{01}IA\u{85}Q3EG \u{7F} `x\u{1B}`\n").tree())
        #expect(html == "<p>key AK\u{FFFD}IA\u{FFFD}Q3EG \u{FFFD} <code>x\u{FFFD}</code></p>\n")
    }

    @Test(arguments: edgeCases.indices)
    func edgeCasesRenderAsCmarkGFMDoes(_ index: Int) {
        let document = CommonMarkDocument(markdown: Self.edgeCases[index])
        #expect(MarkdownHTML.render(document.tree()) == expected(document), "case \(index): \(Self.edgeCases[index].debugDescription)")
    }

    /// Every Markdown file this repository and ../shared hold: thousands of real constructions.
    @Test func everyMarkdownFileRendersAsCmarkGFMDoes() throws {
        var folders = ["evidence", "Tests/Fixtures", "docs"].map { Repository.root.appendingPathComponent($0) }
        folders += ["realworld", "seeds"].compactMap { Repository.shared?.appendingPathComponent($0) }
        var files = [Repository.root.appendingPathComponent("README.md"), Repository.root.appendingPathComponent("CHANGELOG.md")]
        for folder in folders {
            let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)
            while let url = walker?.nextObject() as? URL {
                if ["md", "markdown"].contains(url.pathExtension) { files.append(url) }
            }
        }
        #expect(files.count > 50, "too few Markdown files found: \(files.count)")
        for file in files {
            guard let text = try? String(contentsOf: file, encoding: .utf8) else { continue }
            let document = CommonMarkDocument(markdown: text)
            let mine = MarkdownHTML.render(document.tree())
            #expect(mine == expected(document), "\(file.path) renders differently")
        }
    }
}
