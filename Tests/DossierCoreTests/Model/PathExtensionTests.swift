import DossierModel
import Foundation
import Testing

/// `PackPaths.pathExtension` cuts ASCII paths on their bytes: it must give what Foundation gives.
struct PathExtensionTests {
    @Test func givesWhatFoundationGives() {
        // Seeded, so that a failure can be replayed.
        var generator = SeededGenerator(seed: 2027)
        let alphabet: [String] = "ab./ .x-_~".map(String.init) + ["é", "md", "json", "ł"]
        var samples = ["", ".", "..", "a", "a.", ".a", "a.b", "a.b.c", "/a.b", "a/.b", "a/b.", "a//b.c", "a.b/", "a.b/c", "é.md", "x/é.json", "a. b", "a.b c"]
        for _ in 0..<5_000 {
            samples.append((0..<Int.random(in: 0...10, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }.joined())
        }
        // Foundation itself traps on `//` followed by a non-ASCII letter (both go to Foundation anyway).
        for sample in samples where !(sample.contains("//") && !sample.utf8.allSatisfy { $0 < 0x80 }) {
            #expect(PackPaths.pathExtension(sample) == (sample as NSString).pathExtension, "\(sample.debugDescription)")
        }
    }
}
