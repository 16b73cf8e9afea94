import DossierModel
import Foundation
import Testing

/// `PackPaths.slug` cuts ASCII IDs on their bytes: it must give what the rule by characters gives.
struct SlugTests {
    /// The rule as written for any string: ASCII letters, digits, `.` and `_` kept, every run of
    /// other characters one `-`, then `-` and `.` trimmed from both ends.
    private func byCharacters(_ id: String) -> String {
        var result = ""
        for character in id {
            if character.isASCII && (character.isLetter || character.isNumber || character == "." || character == "_") {
                result.append(character)
            } else if !result.hasSuffix("-") {
                result.append("-")
            }
        }
        let trimmed = result.trimmingCharacters(in: CharacterSet(charactersIn: "-."))
        return trimmed.isEmpty ? "-" : trimmed
    }

    @Test func asciiIDsGiveWhatTheRuleByCharactersGives() {
        // Seeded, so that a failure can be replayed.
        var generator = SeededGenerator(seed: 2026)
        let alphabet = Array("aZ09._-. ()/\\\r\n\t:;#%+@~" + "CC6.1") + ["\r\n"]
        var samples = ["", "-", ".", "..", "30(1)(a)", "CC6.1", "A.5.15", "-x-", ".x.", "\r\n", "a\r\nb", "__", "a--b", "5.1 "]
        for _ in 0..<5_000 {
            samples.append(String((0..<Int.random(in: 0...12, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }))
        }
        for sample in samples {
            #expect(PackPaths.slug(sample) == byCharacters(sample), "\(sample.debugDescription)")
        }
        // Outside ASCII the rule by characters applies as it is.
        #expect(PackPaths.slug("é.1") == byCharacters("é.1"))
        #expect(PackPaths.slug("a\u{301}b") == byCharacters("a\u{301}b"))
    }
}
