/// The Cyrillic and Greek letters a reader cannot tell from Latin ones (`А` U+0410, `Τ` U+03A4), read
/// as the Latin letter: a key written `АKIA…` with a Cyrillic А shows as `AKIA…`, and an approver
/// written `Тomasz Wilk` is the Tomasz Wilk who asked for the approval.
package enum LatinLookalikes {
    /// `text` with every such letter replaced by its Latin twin; the text itself when it has none
    /// (Cyrillic and Greek letters are the UTF-8 lead bytes 0xCE to 0xD1).
    package static func folded(_ text: String) -> String {
        replacing(in: text, latin)
    }

    /// `text`, already lowercased, with every such letter's lowercase form replaced by the Latin letter's
    /// (`н` of `Н` as `h`): names compared whatever their case.
    package static func foldedCaseless(_ text: String) -> String {
        replacing(in: text, caseless)
    }

    private static func replacing(in text: String, _ table: [Unicode.Scalar: Unicode.Scalar]) -> String {
        guard text.utf8.contains(where: { $0 >= 0xCE && $0 <= 0xD1 }) else { return text }
        return String(String.UnicodeScalarView(text.unicodeScalars.map { table[$0] ?? $0 }))
    }

    private static let caseless: [Unicode.Scalar: Unicode.Scalar] = Dictionary(
        latin.map { (String($0.key).lowercased().unicodeScalars.first!, String($0.value).lowercased().unicodeScalars.first!) },
        uniquingKeysWith: { first, _ in first })

    private static let latin: [Unicode.Scalar: Unicode.Scalar] = {
        let pairs: [(UInt32, Character)] = [
            (0x0410, "A"), (0x0412, "B"), (0x0415, "E"), (0x041A, "K"), (0x041C, "M"), (0x041D, "H"), (0x041E, "O"), (0x0420, "P"),
            (0x0421, "C"), (0x0422, "T"), (0x0423, "Y"), (0x0425, "X"), (0x0405, "S"), (0x0406, "I"), (0x0408, "J"),
            (0x0430, "a"), (0x0435, "e"), (0x043E, "o"), (0x0440, "p"), (0x0441, "c"), (0x0443, "y"), (0x0445, "x"), (0x0455, "s"),
            (0x0456, "i"), (0x0458, "j"),
            (0x0391, "A"), (0x0392, "B"), (0x0395, "E"), (0x0396, "Z"), (0x0397, "H"), (0x0399, "I"), (0x039A, "K"), (0x039C, "M"),
            (0x039D, "N"), (0x039F, "O"), (0x03A1, "P"), (0x03A4, "T"), (0x03A5, "Y"), (0x03A7, "X"), (0x03BF, "o"),
        ]
        return Dictionary(uniqueKeysWithValues: pairs.map { (Unicode.Scalar($0.0)!, $0.1.unicodeScalars.first!) })
    }()
}
