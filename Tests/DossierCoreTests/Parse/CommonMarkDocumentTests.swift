import DossierAssess
import DossierIntake
import DossierModel
import DossierPack
import DossierPublish
import DossierResources
import Foundation
import Testing

@Suite struct CommonMarkDocumentTests {
    @Test func taskItemsCarryStateLineAndText() {
        let document = CommonMarkDocument(markdown: """
            # Sign-off

            - [x] ACC-1 Scopes are minimal ([grant](logs/grant.json))
            - [ ] SEC-1 Secrets live in the vault
            """)
        let items = document.taskItems
        #expect(items.map(\.checked) == [true, false])
        #expect(items.map(\.location.line) == [3, 4])
        #expect(items[0].text == "ACC-1 Scopes are minimal (grant)")
        #expect(items[1].text == "SEC-1 Secrets live in the vault")
        #expect(items[0].links.map(\.destination) == ["logs/grant.json"])
    }

    @Test func rendersTablesTaskListsStrikethroughAndAutolinks() {
        let html = CommonMarkDocument(markdown: """
            - [x] done
            - [ ] open

            | a | b |
            |---|---|
            | 1 | 2 |

            ~~old~~ see https://example.com
            """).html()
        #expect(html.contains(#"<input type="checkbox" checked="" disabled="" /> done"#))
        #expect(html.contains(#"<input type="checkbox" disabled="" /> open"#))
        #expect(html.contains("<table>"))
        #expect(html.contains("<td>1</td>"))
        #expect(html.contains("<del>old</del>"))
        #expect(html.contains(#"<a href="https://example.com">https://example.com</a>"#))
        #expect(!html.contains("data-sourcepos"), "source positions are for diagnostics, never for output")
    }

    @Test(arguments: [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "text <span onmouseover=\"alert(1)\">hover</span>",
        "<iframe src=\"https://evil.example\"></iframe>",
    ])
    func rawHTMLNeverReachesTheOutput(_ markdown: String) {
        let html = CommonMarkDocument(markdown: markdown).html()
        #expect(!html.contains("<script"))
        #expect(!html.contains("onerror"))
        #expect(!html.contains("onmouseover"))
        #expect(!html.contains("<iframe"))
    }

    @Test(arguments: ["javascript:alert(1)", "JaVaScRiPt:alert(1)", "vbscript:msgbox(1)", "data:text/html;base64,PHNjcmlwdD4="])
    func dangerousLinkSchemesAreEmptied(_ destination: String) {
        let document = CommonMarkDocument(markdown: "[click](\(destination))")
        for html in [document.html(), MarkdownHTML.render(document.tree())] {
            #expect(html.contains(#"<a href="">click</a>"#), "got \(html)")
        }
    }

    @Test func headingsAreDemotedBelowThePageTitle() {
        let document = CommonMarkDocument(markdown: "# One\n\n## Two\n\n###### Six\n")
        #expect(document.title == "One")
        var tree = document.tree()
        tree.demoteHeadings()
        let html = MarkdownHTML.render(tree)
        #expect(html.contains("<h2>One</h2>"))
        #expect(html.contains("<h3>Two</h3>"))
        #expect(html.contains("<h6>Six</h6>"))
        #expect(!html.contains("<h1>"))
    }

    @Test func linksCanBeRewrittenOrDropped() {
        let document = CommonMarkDocument(markdown: "[keep](https://a.example) [move](a.md) [drop](gone.md)")
        var tree = document.tree()
        tree.rewriteLinks { link in
            switch link.destination {
            case "a.md": .replace("a.html")
            case "gone.md": .unlink
            default: .keep
            }
        }
        let html = MarkdownHTML.render(tree)
        #expect(html.contains(#"<a href="https://a.example">keep</a>"#))
        #expect(html.contains(#"<a href="a.html">move</a>"#))
        #expect(html.contains(" drop"))
        #expect(!html.contains("gone.md"))
    }

    /// cmark-gfm's inline parser shares a global table; unserialised parsing drops strikethrough on some pages.
    @Test func parsingFromManyThreadsKeepsEveryExtension() {
        let rendered = Locked<[String]>([])
        DispatchQueue.concurrentPerform(iterations: 400) { index in
            let html = CommonMarkDocument(markdown: "~~gone \(index)~~ and https://example.com/\(index)").html()
            rendered.mutate { $0.append(html) }
        }
        let pages = rendered.value
        #expect(pages.count == 400)
        #expect(pages.allSatisfy { $0.contains("<del>") && $0.contains("<a href=") })
    }
}

final class Locked<Value>: @unchecked Sendable {
    private var stored: Value
    private let lock = NSLock()
    init(_ value: Value) { stored = value }
    var value: Value { lock.withLock { stored } }
    func mutate(_ change: (inout Value) -> Void) { lock.withLock { change(&stored) } }
}
