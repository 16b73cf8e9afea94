import DossierModel
import DossierPublish
import Foundation
import Testing

/// A patch build keeps the search index's model and replaces the text of the pages it edits: the
/// script it then writes must be the one a build of the edited pages from nothing writes, byte for
/// byte, after any sequence of edits; and a kept model is read back only when it is whole and sound.
@Suite struct SearchModelTests {
    struct SeededRandom: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return state
        }
    }

    /// A few words many pages share and many that one page has, so that counts tie and move.
    private static let vocabulary = ["access", "review", "key", "vault", "log", "retention", "owner", "approval", "é", "café", "Zürich"]
        + (0..<40).map { "word\($0)" }

    private func piece(_ random: inout SeededRandom) -> String {
        (0..<Int.random(in: 1...5, using: &random)).map { _ in Self.vocabulary.randomElement(using: &random)! }.joined(separator: " ")
    }

    private func text(_ random: inout SeededRandom) -> SearchText? {
        guard Int.random(in: 0..<8, using: &random) > 0 else { return nil }
        // Pieces repeat within a page and across pages: references and first meetings both matter.
        return SearchText(heading: "", pieces: (0..<Int.random(in: 0...6, using: &random)).map { _ in piece(&random) })
    }

    @Test func replacingPagesOneByOneWritesTheScriptABuildFromNothingWrites() throws {
        var random = SeededRandom(state: 2026)
        var entries = (0..<30).map { SearchIndex.Entry(title: "Page \($0)", kind: "Evidence", href: "evidence/p\($0).html", text: nil) }
        for index in entries.indices { entries[index].text = text(&random) }
        var model = SearchModel(entries)
        model.order()
        #expect(model.exact)
        for step in 1...300 {
            let index = Int.random(in: 0..<entries.count, using: &random)
            entries[index].text = text(&random)
            let replaced = model.replaceText(of: entries[index].href, with: entries[index].text)
            #expect(replaced, "step \(step)")
            #expect(model.script() == SearchIndex.script(entries), "step \(step): page \(index) replaced")
            // Kept and read back every few steps, as a patch build keeps it between builds.
            if step % 25 == 0 {
                let kept = try #require(SearchModel(encoded: model.encoded()))
                #expect(kept.script() == SearchIndex.script(entries), "step \(step): read back")
                model = kept
            }
        }
    }

    @Test func aPageNotThereOrTextNotInNFCIsNotReplaced() {
        let entries = [SearchIndex.Entry(title: "A", kind: "Evidence", href: "a.html", text: SearchText(heading: "", pieces: ["access review"]))]
        var model = SearchModel(entries)
        let absent = model.replaceText(of: "b.html", with: nil)
        // "é" as an e and a combining accent: a full build would meet it as the precomposed "é".
        let decomposed = model.replaceText(of: "a.html", with: SearchText(heading: "", pieces: ["caf\u{65}\u{301}"]))
        let spaced = model.replaceText(of: "a.html", with: SearchText(heading: "", pieces: ["two  spaces"]))
        #expect(!absent && !decomposed && !spaced)
        #expect(model.script() == SearchIndex.script(entries), "a refused replacement changes nothing")
    }

    @Test func aModelWithTextNotInNFCIsWrittenButNotPatched() {
        var model = SearchModel([SearchIndex.Entry(title: "A", kind: "Evidence", href: "a.html", text: SearchText(heading: "", pieces: ["caf\u{65}\u{301}"]))])
        #expect(!model.exact)
        let replaced = model.replaceText(of: "a.html", with: nil)
        #expect(!replaced)
    }

    @Test func aKeptModelIsReadBackOnlyWholeAndSound() throws {
        var random = SeededRandom(state: 7)
        let entries = (0..<10).map { SearchIndex.Entry(title: "P\($0)", kind: "Page", href: "p\($0).html", text: nil) }.map { entry in
            var entry = entry
            entry.text = text(&random)
            return entry
        }
        let data = SearchModel(entries).encoded()
        #expect(SearchModel(encoded: data)?.script() == SearchIndex.script(entries))
        // Truncated anywhere, or a byte changed in a count, a reference or an order: refused.
        for cut in stride(from: 0, to: data.count, by: max(1, data.count / 40)) {
            #expect(SearchModel(encoded: data.prefix(cut)) == nil, "cut at \(cut)")
        }
        #expect(SearchModel(encoded: data + Data([0])) == nil)
        // The last bytes are the word order: two words swapped is no order a build writes.
        var swapped = data
        let end = swapped.count
        let last = swapped[(end - 4)..<end], before = swapped[(end - 8)..<(end - 4)]
        swapped.replaceSubrange((end - 8)..<end, with: last + before)
        #expect(SearchModel(encoded: swapped) == nil)
    }
}
