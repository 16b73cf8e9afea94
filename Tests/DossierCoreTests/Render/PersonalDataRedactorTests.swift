@testable import DossierAssess
@testable import DossierIntake
@testable import DossierModel
@testable import DossierPack
@testable import DossierPublish
@testable import DossierResources
import DossierTestSupport
import Foundation
import Testing

/// Personal data in published values: each kind redacted or hashed, look-alikes left alone, and the
/// real GitHub audit-log sample's e-mail address kept out of the pack.
@Suite struct PersonalDataRedactorTests {
    let redactor = PersonalDataRedactor(mode: .redact)

    @Test(arguments: [
        ("Write to jane.doe+audit@example.co.uk today", "Write to [email redacted] today", PersonalDataRedactor.Kind.email),
        ("from 203.0.113.42 at noon", "from [ip redacted] at noon", .ipAddress),
        ("call +44 20 7946 0958 now", "call [phone redacted] now", .phone),
        ("card 4111 1111 1111 1111 expired", "card [card redacted] expired", .card),
        ("card 5500-0000-0000-0004.", "card [card redacted].", .card),
    ])
    func eachKindIsRedacted(_ input: String, _ expected: String, _ kind: PersonalDataRedactor.Kind) {
        let (text, counts) = redactor.redact(input)
        #expect(text == expected)
        #expect(counts == [kind: 1])
    }

    /// Found by the personal-data fuzz target: the phone number only starts at a word boundary once
    /// the card number before it is gone, so redaction repeats until a pass finds nothing.
    @Test func aValueHiddenByItsNeighbourIsRedactedToo() {
        let (text, counts) = redactor.redact("4111 1111 1111 1111+44 20 7946 0958")
        #expect(text == "[card redacted][phone redacted]")
        #expect(counts == [.card: 1, .phone: 1])
    }

    /// The splice copies UTF-8 between UTF-16 ranges: texts with characters of two UTF-16 units,
    /// combining accents and multi-byte letters around and between the ranges come out as cutting
    /// an NSString would cut them, with the replacements where it says.
    @Test func splicingMatchesCuttingAnNSString() {
        var generator = SeededGenerator(seed: 7)
        let alphabet: [String] = ["a", " ", "é", "e\u{301}", "😀", "中", "@", "\n", "ß", "👩‍💻"]
        for _ in 0..<300 {
            let text = (0..<Int.random(in: 0...40, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }.joined()
            // Ranges on scalar boundaries, as a regular expression's matches are.
            var bounds: [Int] = [0]
            for scalar in text.unicodeScalars { bounds.append(bounds.last! + scalar.utf16.count) }
            var picked = Set<Int>()
            for _ in 0..<Int.random(in: 0...6, using: &generator) { picked.insert(bounds.randomElement(using: &generator)!) }
            let cuts = picked.sorted()
            var ranges: [NSRange] = []
            var index = 0
            while index + 1 < cuts.count {
                ranges.append(NSRange(location: cuts[index], length: cuts[index + 1] - cuts[index]))
                index += 2
            }
            let replacements = ranges.enumerated().map { ($0.element, $0.offset % 2 == 0 ? "[x]" : "😀é") }
            let ns = text as NSString
            var expected = "", cursor = 0
            for (range, with) in replacements {
                expected += ns.substring(with: NSRange(location: cursor, length: range.location - cursor)) + with
                cursor = range.location + range.length
            }
            expected += ns.substring(from: cursor)
            let (spliced, placed) = PersonalDataRedactor.splice(text, replacements.map { (range: $0.0, with: $0.1) })
            #expect(Array(spliced.utf8) == Array(expected.utf8), "\(text.debugDescription) \(ranges)")
            for (range, with) in zip(placed, replacements.map(\.1)) {
                #expect((spliced as NSString).substring(with: range) == with)
            }
        }
    }

    /// Every hidden value of a long page is found by looking again only around the new markers.
    @Test func fiveHundredHiddenValuesAreAllRedacted() {
        let text = String(repeating: "see 4111 1111 1111 1111+44 20 7946 0958 then ", count: 500)
        let (redacted, counts) = redactor.redact(text)
        #expect(counts == [.card: 500, .phone: 500])
        #expect(!redacted.unicodeScalars.contains { CharacterSet.decimalDigits.contains($0) })
        #expect(redactor.redact(redacted).counts.isEmpty)
    }

    @Test(arguments: [
        "timestamp 1711431195806 and version 6.2025.14.4",
        "ISO 27001:2022 control 8.15 and GDPR 30(1)(a)",
        "4111 1111 1111 1112 fails the Luhn check",
        "sha 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
        "host vault.northwind.example.com and date 2026-10-13T09:00:00Z",
        "not an address 999.1.1.1 nor 1.2.3",
    ])
    func lookAlikesAreLeftAlone(_ input: String) {
        #expect(redactor.redact(input).text == input)
    }

    @Test func hashModeIsKeyedAndStable() {
        let one = PersonalDataRedactor(mode: .hash, key: Data("k1".utf8))
        let other = PersonalDataRedactor(mode: .hash, key: Data("k2".utf8))
        let a = one.redact("jane@example.com").text, b = one.redact("jane@example.com").text
        #expect(a == b && a.hasPrefix("[email ") && !a.contains("jane"))
        #expect(a != other.redact("jane@example.com").text, "another key, another hash")
        #expect(PersonalDataRedactor(mode: .keep).redact("jane@example.com").text == "jane@example.com")
    }

    @Test func pagesSayWhatWasRedactedAndWhy() {
        let page = RenderedFile(path: "evidence/x.html", text: "<h1>X</h1>\n<p>jane@example.com and 203.0.113.1</p>")
        let (file, counts) = redactor.apply(to: page)
        let html = String(decoding: file.contents, as: UTF8.self)
        #expect(counts == [.email: 1, .ipAddress: 1])
        #expect(html.contains(#"<h1>X</h1>"# + "\n" + #"<p class="redaction-note">Personal data on this page is redacted under the pack's policy (policy.redaction: redact): 1 e-mail address, 1 IP address.</p>"#))
        #expect(!html.contains("jane@example.com"))
    }

    @Test(.enabled(if: Repository.shared != nil, "../shared/realworld is absent"))
    func theRealGitHubSamplesAddressNeverReachesThePack() throws {
        let url = try #require(Repository.shared).appendingPathComponent("realworld/logs/github-audit/sentinel-github-audit-log-export.jsonl")
        let text = try String(contentsOf: url, encoding: .utf8)
        let address = "siteshjha11@" + "hotmail.com"
        #expect(text.contains(address), "the sample holds a real address")
        let folder = try TemporaryFolder(["evidence/logs/github.jsonl": text, "evidence/notes.md": "# Notes\n\nThe export names \(address).\n"])
        defer { folder.remove() }
        let options = BuildOptions(evidence: folder.subfolder("evidence"), output: folder.subfolder("pack"), environment: ["SOURCE_DATE_EPOCH": "1790000000"])
        _ = try BuildPipeline(options: options).build()
        let everything = try FileManager.default.subpathsOfDirectory(atPath: folder.subfolder("pack").path)
            .compactMap { try? String(contentsOf: folder.subfolder("pack/" + $0), encoding: .utf8) }.joined()
        #expect(!everything.contains(address))
        #expect(try folder.read("pack/evidence/notes.html").contains("[email redacted]"))
        // The manifest keeps the input's hash and names the redacted page, whose own hash is in outputs.
        let manifest = try JSONDecoder().decode(PackManifest.self, from: Data(try folder.read("pack/manifest.json").utf8))
        let notes = try #require(manifest.inputs.first { $0.path == "notes.md" })
        #expect(notes.redactedPage == "evidence/notes.html")
        #expect(notes.sha256 == ContentHash.sha256("# Notes\n\nThe export names \(address).\n"))
        #expect(manifest.outputs.contains { $0.path == "evidence/notes.html" })
    }

    /// The one-pass scan must answer as each detector's own scan does, on any bytes.
    @Test func theCombinedPrefilterAgreesWithEachDetectorsOwn() {
        var generator = SeededGenerator(seed: 7)
        let alphabet = Array("0123456789 .-+@ab\n".utf8) + [0xC3, 0xA9]
        for _ in 0..<20_000 {
            let bytes = (0..<Int.random(in: 0...40, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }
            bytes.withUnsafeBufferPointer { buffer in
                #expect(RedactionPrefilter.all(buffer) == PersonalDataRedactor.detectors.map { $0.mayMatch(buffer) }, "\(bytes)")
            }
        }
    }

    /// Each pattern runs only on the lines its scan passes (`PersonalDataRedactor.lines`): no value
    /// spans a line break, so a text has something redacted exactly when one of its lines alone has,
    /// and a value is found where it is whatever characters (accents, emoji of two UTF-16 units) come
    /// before it. (Once something is replaced, redaction looks again around it, across lines.)
    @Test func aTextHasSomethingRedactedExactlyWhenOneOfItsLinesHas() {
        var generator = SeededGenerator(seed: 30)
        let pieces = ["a@b.example", "+44 20 7946 0958", "4111 1111 1111 1111", "10.0.0.1", "é", "😀", " ", "\n", "x", "1", ".", "-", "@", "+"]
        let redactor = PersonalDataRedactor(mode: .redact)
        for _ in 0..<3_000 {
            let text = (0..<Int.random(in: 0...24, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { redactor.redact(String($0)) }
            #expect(redactor.redact(text).counts.isEmpty == lines.allSatisfy(\.counts.isEmpty), "\(text.debugDescription)")
        }
        let text = "😀 é\n😀😀 write to a@b.example\nnothing here"
        #expect(redactor.redact(text).text == "😀 é\n😀😀 write to [email redacted]\nnothing here")
    }
}
