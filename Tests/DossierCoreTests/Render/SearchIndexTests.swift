@testable import DossierAssess
@testable import DossierModel
@testable import DossierPublish
import Foundation
import Testing

/// The full-text search index: a page's text as published (after redaction and the secret check),
/// compact, and the same bytes every build.
@Suite struct SearchIndexTests {
    private static func page(_ path: String, _ main: String) -> RenderedFile {
        RenderedFile(path: path, text: """
            <!DOCTYPE html><html><head><title>t</title><script src="x.js"></script></head><body>
            <header class="masthead"><nav><a href="index.html">Overview</a></nav></header>
            <main id="content">\(main)</main><footer class="colophon"><p>Built by Dossier</p></footer></body></html>
            """)
    }

    /// Every word of the index, decoded as dossier.js decodes it, with each page's pieces.
    private static func decoded(_ script: String) throws -> (pages: [String: [String]], pieces: [String]) {
        let json = try #require(script.range(of: "window.DOSSIER_SEARCH = ").map { script[$0.upperBound...].dropLast(2) })
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let words = try #require(object["words"] as? [String])
        let pieces = try #require(object["pieces"] as? [String]).map { SearchCodes.decode($0).map { words[$0] }.joined(separator: " ") }
        var pages: [String: [String]] = [:]
        for page in try #require(object["pages"] as? [[String: String]]) {
            pages[page["href"]!] = SearchCodes.decode(page["text"]!).map { pieces[$0] }
        }
        return (pages, pieces)
    }

    @Test func aPageIsReadAsItsReaderSeesItsMainContent() {
        let html = Self.page("evidence/a.html", """
            <h1>Access <code>review</code> &amp; grants</h1>
            <table><tr><td>svc-summariser-crm</td><td>TLS&#160;1.2 &lt;required&gt;</td></tr></table>
            <script>var hidden = "script text";</script><style>.x { color: red }</style>
            <p>Spread
               over   lines <!-- a comment --> and <a href="x.html" title="a > b">a link</a>.</p>
            """)
        let text = SearchText(html: html.contents)
        #expect(text.heading == "Access review & grants")
        #expect(text.pieces == ["Access review & grants", "svc-summariser-crm", "TLS\u{A0}1.2 <required>", "Spread over lines and a link."])
    }

    /// A piece that brings no new word to the page is not stored, and long text is cut at spaces.
    @Test func repeatedTextIsKeptOnceAndLongTextIsCut() {
        let sentence = "Granted credential export pipeline redaction workflow."
        let long = (1...40).map { "word\($0)" }.joined(separator: " ")
        let html = Self.page("evidence/n.html", "<p>\(sentence)</p><p>\(sentence.uppercased())</p><p>\(long)</p><p>pipeline, WORKFLOW</p>")
        let text = SearchText(html: html.contents)
        #expect(text.pieces.first == sentence)
        #expect(!text.pieces.contains(sentence.uppercased()))
        #expect(!text.pieces.contains("pipeline, WORKFLOW"))
        #expect(text.pieces.dropFirst().allSatisfy { $0.utf8.count <= SearchText.pieceLength })
        #expect(text.pieces.dropFirst().joined(separator: " ") == long)
    }

    /// The index is made from the page as published: what redaction and the secret check removed
    /// from the page is not in it, in any form, and the text left is.
    @Test func redactedAndWithheldValuesNeverReachTheIndex() throws {
        let secret = "sk-live-9f8e7d6c5b4a39281706f5e4d3c2b1a0"
        let raw = Self.page("evidence/records/access.html", """
            <h1>Access review</h1><p>Ask privacy@northwind.example.com or call +44 20 7946 0958 about svc-summariser-helpdesk.</p>
            <p>The rotated key was <code>\(secret)</code> until Tuesday.</p>
            """)
        let redaction = RedactionPass(redactor: PersonalDataRedactor(mode: .redact))
        let published = PublishedSecretCheck(known: [secret], policy: .init())
        let texts = SearchTexts()
        texts.add(published.apply(redaction.apply(raw)))
        let script = SearchIndex.script([SearchIndex.Entry(title: "Access review", kind: "Evidence", href: raw.path, text: texts.pages[raw.path])])
        for removed in ["privacy@northwind", "northwind.example.com", "7946 0958", "7946", secret, "9f8e7d6c5b4a"] {
            #expect(!script.contains(removed), "\(removed) reached the index")
        }
        let text = try #require(try Self.decoded(script).pages[raw.path]).joined(separator: " ")
        for removed in ["privacy@northwind", "7946", secret] { #expect(!text.contains(removed), "\(removed) decoded from the index") }
        for kept in ["[email redacted]", "[phone redacted]", "svc-summariser-helpdesk", SecretScrub.marker, "until Tuesday"] {
            #expect(text.contains(kept), "\(kept) is missing from \(text)")
        }
    }

    /// The same pages give the same bytes, whatever order the worker threads finished them in.
    @Test func theIndexIsTheSameWhateverOrderPagesArriveIn() throws {
        let pages = (0..<30).map { Self.page("evidence/p\($0).html", "<h1>Page \($0)</h1><p>shared finding dossier.item.open</p><p>own word w\($0 * 7)</p>") }
        func script(_ order: [RenderedFile]) -> String {
            let texts = SearchTexts()
            DispatchQueue.concurrentPerform(iterations: order.count) { texts.add(order[$0]) }
            let all = texts.pages
            return SearchIndex.script(all.keys.sorted().map { SearchIndex.Entry(title: $0, kind: "Page", href: $0, text: all[$0]) })
        }
        let first = script(pages)
        #expect(first == script(pages.reversed()))
        #expect(first == script(pages.shuffled()))
        let decoded = try Self.decoded(first)
        #expect(decoded.pages["evidence/p3.html"] == ["Page 3", "shared finding dossier.item.open", "own word w21"])
        // The piece every page shares is stored once.
        #expect(decoded.pieces.count { $0 == "shared finding dossier.item.open" } == 1)
        #expect(decoded.pieces.count == 30 * 2 + 1)
    }

    /// Codes round-trip, and are made of characters no personal-data or secret pattern can match.
    @Test func codesRoundTripAndHoldNoDigitOrSeparator() {
        let numbers = Array(0..<5000) + [26, 27, 415, 416, 6265, 6266, 87_749, 87_750, 1_400_000]
        let codes = numbers.map(SearchCodes.encode).joined()
        #expect(SearchCodes.decode(codes) == numbers)
        #expect(codes.allSatisfy { !$0.isNumber && !"@.-_:=+%/\\\"<>&'".contains($0) })
        #expect(SearchCodes.encode(0).count == 1 && SearchCodes.encode(415).count == 2 && SearchCodes.encode(416).count == 3)
    }
}
