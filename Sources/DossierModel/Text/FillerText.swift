import Foundation

/// Text that stands where an answer should be: `TBD`, `TODO`, `-`, `?`. Written as a justification
/// or a record's value it reads as filled in, and an auditor found a control declared not
/// applicable "because: -". Such text says nothing, however it is spelt.
package enum FillerText {
    /// The words, lowercased with everything but letters removed (`to be decided.` → `tobedecided`).
    private static let words: Set<String> = [
        "tbd", "tbc", "tba", "todo", "fixme", "xxx", "placeholder", "tobedecided", "tobeconfirmed", "tobeadded", "loremipsum",
    ]

    /// Whether `text` holds no letter or digit (and is not blank), or is only one of the filler words.
    package static func isFiller(_ text: String) -> Bool {
        // Every filler is short: a long value is never one, and is not looked at.
        guard text.utf8.count <= 24 else { return false }
        var letters = ""
        var blank = true
        for scalar in text.unicodeScalars {
            if !CharacterSet.whitespacesAndNewlines.contains(scalar) { blank = false }
            if CharacterSet.alphanumerics.contains(scalar) { letters.unicodeScalars.append(scalar) }
        }
        return !blank && (letters.isEmpty || words.contains(letters.lowercased()))
    }

    /// Whether a reason given in words (an N/A's) gives none: no letter at all (`N/A: .`), or filler.
    package static func givesNoReason(_ reason: String) -> Bool {
        !reason.contains(where: \.isLetter) || isFiller(reason)
    }
}
