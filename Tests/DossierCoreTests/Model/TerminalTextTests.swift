@testable import DossierModel
import Testing

/// What a terminal would act on, or show as nothing, is printed as a visible escape.
@Suite struct TerminalTextTests {
    @Test func invisibleCharactersAreShownAsEscapes() {
        #expect(TerminalText.escaped("\u{FEFF}key.pem") == "\\u{FEFF}key.pem", "a byte-order mark")
        #expect(TerminalText.escaped("ke\u{200B}y.pem") == "ke\\u{200B}y.pem", "a zero-width space")
        #expect(TerminalText.escaped("pass\u{00AD}word") == "pass\\u{AD}word", "a soft hyphen")
        #expect(TerminalText.escaped("a\u{2060}b\u{FE0F}") == "a\\u{2060}b\\u{FE0F}", "a word joiner, and a variation selector after ASCII")
        #expect(TerminalText.escaped("ke\u{200D}y") == "ke\\u{200D}y", "a joiner between ASCII letters")
    }

    @Test func visibleTextIsUntouched() {
        for text in ["plain ASCII\twith a tab", "Käse, 東京, Ελλάδα, emoji 🙂", "DSGVO Art. 30 – Verzeichnis", "⚠️ 👩\u{200D}💻 می\u{200C}خواهم"] {
            #expect(TerminalText.escaped(text) == text)
        }
        #expect(TerminalText.escaped("a\u{202E}b\nc") == "a\\u{202E}b\\nc")
    }
}
