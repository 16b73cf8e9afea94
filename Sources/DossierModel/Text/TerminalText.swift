/// Text bound for a terminal or a CI log, made inert. File names and values come from evidence and
/// reports that arrive in pull requests: a newline in a name could forge a line of its own (a
/// GitHub Actions `::stop-commands::`), an escape sequence could rewrite the screen or the window
/// title, and a bidirectional override could make a name read as something else. Each such
/// character, and each one a terminal shows as nothing, is shown as a visible escape instead
/// (`\n`, `\u{1B}`, `\u{202E}`, `\u{FEFF}`); tabs stay.
package enum TerminalText {
    package static func escaped(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: needsEscape) else { return text }
        var result = ""
        result.reserveCapacity(text.utf8.count + 8)
        var previous: Unicode.Scalar = " "
        for scalar in text.unicodeScalars {
            defer { previous = scalar }
            // Joiners and variation selectors after a letter or symbol outside ASCII shape it (an
            // emoji, a Persian word): only beside ASCII, where they can hide a spoof, are they escaped.
            guard needsEscape(scalar), !(Self.shaping.contains(scalar.value) && !previous.isASCII) else {
                result.unicodeScalars.append(scalar)
                continue
            }
            switch scalar {
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            default: result += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            }
        }
        return result
    }

    /// Zero-width non-joiner and joiner, and the text and emoji variation selectors.
    private static let shaping: Set<UInt32> = [0x200C, 0x200D, 0xFE0E, 0xFE0F]

    private static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09: false
        case 0x00...0x1F, 0x7F...0x9F: true
        // Line and paragraph separators, and the bidirectional embeddings, overrides and isolates.
        case 0x2028, 0x2029, 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F, 0x061C: true
        case 0x20...0x7E: false
        // Characters a terminal shows as nothing (a byte-order mark, zero-width spaces and joiners, a
        // soft hyphen, variation selectors): `ke\u{200B}y.pem` would read as `key.pem`.
        default: scalar.properties.generalCategory == .format || scalar.properties.isDefaultIgnorableCodePoint
        }
    }
}
