import DossierModel
import Foundation

/// The ways a published string reads besides its bytes. A key hidden from a byte search still shows
/// whole to a reader, or to anyone who undoes an escape: each such reading is scanned as well.
extension SecretScanner {
    /// The other ways a text reads, when it has any: as a reader sees it (`visible`); with its `%XX`
    /// escapes undone (a link's or an endpoint's URL, which messages and reports quote); and with its
    /// JSON, YAML and HTML escapes undone (a file shown as text because it could not be parsed shows
    /// them as written). (A Markdown paragraph's lines joined are among its shown texts.)
    package static func readings(of text: String) -> [String] {
        let shown = visible(text), percent = EncodedRuns.percentDecoded(text), escaped = EncodedRuns.escapesDecoded(text)
        // Each decoding then read as a reader sees it: `%E2%80%8B` and `\u200b` are zero-width spaces.
        return [shown, percent, shown.flatMap(EncodedRuns.percentDecoded), percent.flatMap(visible), escaped, escaped.flatMap(visible),
                displayOrder(text)].compactMap { $0 }
    }

    /// The text in the order a browser shows it, when it holds a right-to-left override or isolate:
    /// `\u{202E}8N6B…AIKA\u{202C}` shows as `AKIA…B6N8`. Each overridden stretch, to its pop or the
    /// end of the line, is reversed; the controls go. Nil for text with none (most).
    static func displayOrder(_ text: String) -> String? {
        guard text.unicodeScalars.contains(where: { $0 == "\u{202E}" || $0 == "\u{2067}" }) else { return nil }
        var out = String.UnicodeScalarView(), reversed: [Unicode.Scalar]? = nil
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\u{202E}", "\u{2067}":
                if let stretch = reversed { out.append(contentsOf: stretch.reversed()) }
                reversed = []
            case "\u{202C}", "\u{2069}", "\n":
                if let stretch = reversed { out.append(contentsOf: stretch.reversed()) }
                reversed = nil
                if scalar == "\n" { out.append(scalar) }
            default:
                if reversed != nil { reversed!.append(scalar) } else { out.append(scalar) }
            }
        }
        if let stretch = reversed { out.append(contentsOf: stretch.reversed()) }
        return visible(String(out)) ?? String(out)
    }

    /// The text, each of its readings, and what the runs in any of them decode to: every form in which
    /// it can show a key.
    package static func forms(of text: String) -> [String] {
        let read = [text] + readings(of: text)
        return read + read.flatMap(decodedRuns)
    }

    /// What base64 and hex runs in the text decode to (`EncodedRuns`); runs are looked for only in a
    /// text long enough to hold one.
    package static func decodedRuns(in text: String) -> [String] {
        guard text.utf8.count >= EncodedRuns.shortest else { return [] }
        var text = text
        return text.withUTF8 { EncodedRuns.decoded(in: UnsafeRawBufferPointer($0)) }.map(\.text)
    }

    /// The text as a reader sees it, when that differs: control characters (a browser drops a NUL)
    /// and characters no one sees (zero-width spaces and joiners, soft hyphens, byte-order marks,
    /// variation selectors: Unicode's default-ignorable code points) removed, and compatibility forms
    /// folded (full-width letters, NFKC). A replacement character goes too: a NUL byte read as U+FFFD
    /// leaves `AKIA…�…` to be read whole by whoever skips the glyph.
    /// A key split by them shows whole on the page. Nil for text with none of them (most).
    package static func visible(_ text: String) -> String? {
        guard text.utf8.contains(where: { ($0 < 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D) || $0 >= 0x7F }) else { return nil }
        let kept = String(String.UnicodeScalarView(text.unicodeScalars.filter { scalar in
            let value = scalar.value
            guard value != 0x09, value != 0x0A, value != 0x0D else { return true }
            // Controls (C0, DEL, C1) and what Unicode says to show as nothing: format characters,
            // variation selectors, the combining grapheme joiner.
            return value != 0xFFFD && scalar.properties.generalCategory != .control && !scalar.properties.isDefaultIgnorableCodePoint
        }))
        let compatible = kept.precomposedStringWithCompatibilityMapping
        // Cyrillic and Greek letters drawn as Latin ones: `АKIA…` with a Cyrillic А reads as `AKIA…`.
        let folded = LatinLookalikes.folded(compatible)
        return folded.utf8.elementsEqual(text.utf8) ? nil : folded
    }
}
