@testable import DossierAssess
@testable import DossierIntake
@testable import DossierModel
@testable import DossierPack
@testable import DossierPublish
@testable import DossierResources
import Foundation
import Testing

@Suite struct PackPathsTests {
    @Test func evidencePagesMirrorTheEvidenceTree() {
        func page(_ path: String) -> String {
            PackPaths.page(forEvidence: EvidenceFile(path: path, url: URL(fileURLWithPath: "/" + path), size: 0))
        }
        #expect(page("checklists/pre-launch.md") == "evidence/checklists/pre-launch.html")
        #expect(page("approvals/cab.json") == "evidence/approvals/cab.json.html")
        #expect(page("notes.v2.md") == "evidence/notes.v2.html")
    }

    @Test func linksAreRelativeToThePage() {
        #expect(PackPaths.root(from: "index.html") == "")
        #expect(PackPaths.root(from: "evidence/a/b.html") == "../../")
        #expect(PackPaths.link(from: "evidence/a/b.html", to: "index.html") == "../../index.html")
    }

    /// The ASCII fast path must give exactly what Foundation's percent-encoding gives, for any target.
    @Test func linksMatchFoundationPercentEncoding() {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "?#%")
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("abcXYZ019-._~!$&'()*+,/:;=@ %#?[]{}|\\^`\"<>é中\u{1F600}")
        for _ in 0..<2_000 {
            let target = String((0..<Int.random(in: 0...12, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! })
            let expected = "../" + (target.addingPercentEncoding(withAllowedCharacters: allowed) ?? target)
            #expect(PackPaths.link(from: "evidence/a.html", to: target) == expected, "target \(target.debugDescription)")
        }
        #expect(PackPaths.link(from: "a.html", to: "b c#d.html") == "b%20c%23d.html")
    }

    @Test func rootCountsFoldersAsSplittingWould() {
        for page in ["a", "a/b", "/a/b", "a//b/c", "a/b/", "/a", "x/y/z/w.html"] {
            #expect(PackPaths.root(from: page) == String(repeating: "../", count: page.split(separator: "/").count - 1), "page \(page)")
        }
    }

    @Test func byteReplacementMatchesFoundation() {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("<li><input ab\né")
        for _ in 0..<2_000 {
            let text = String((0..<Int.random(in: 0...40, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! })
            let needle = ["<li><input", "<", "ab", "é", "nope"].randomElement(using: &generator)!
            let replaced = ByteSearch.replacingAll(in: text, needle, with: "[X]")
            #expect((replaced ?? text) == text.replacingOccurrences(of: needle, with: "[X]"), "text \(text.debugDescription) needle \(needle)")
            #expect((replaced == nil) == !text.contains(needle))
        }
    }
}
