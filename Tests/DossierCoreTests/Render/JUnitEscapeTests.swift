import DossierPublish
import Testing

/// `JUnitReport.escape` works on bytes: it must give what the rule by scalars gives.
struct JUnitEscapeTests {
    /// The rule as written: `&<>"'` as references, control characters but tab, line feed and carriage
    /// return dropped, U+FFFE and U+FFFF dropped, everything else kept.
    private func byScalars(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            default:
                if scalar.value >= 0x20 && !(0xFFFE...0xFFFF).contains(scalar.value) { out.unicodeScalars.append(scalar) }
            }
        }
        return out
    }

    @Test func givesWhatTheRuleByScalarsGives() {
        // Seeded, so that a failure can be replayed.
        var generator = SeededGenerator(seed: 2028)
        let alphabet: [String] = ["a", "&", "<", ">", "\"", "'", "\t", "\n", "\r", "\u{0}", "\u{1B}", "\u{7F}", "é", "\u{FFFE}", "\u{FFFF}",
                                  "\u{FFFD}", "\u{EFBF}", "\u{FEFF}", "😀", "\r\n", " "]
        var samples = ["", "plain", "a&b", "\u{FFFF}", "x\u{FFFE}y", "\u{EF}"]
        for _ in 0..<5_000 {
            samples.append((0..<Int.random(in: 0...12, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }.joined())
        }
        for sample in samples {
            #expect(Array(JUnitReport.escape(sample).utf8) == Array(byScalars(sample).utf8), "\(sample.debugDescription)")
        }
    }
}
