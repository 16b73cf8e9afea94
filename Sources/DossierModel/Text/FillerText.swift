import Foundation

/// Text that stands where an answer should be: `TBD`, `TODO`, `-`, `?`. Written as a justification
/// or a record's value it reads as filled in, and an auditor found a control declared not
/// applicable "because: -". Such text says nothing, however it is spelt.
package enum FillerText {
    /// The words, lowercased with everything but letters removed (`to be decided.` → `tobedecided`).
    private static let words: Set<String> = [
        "tbd", "tbc", "tba", "todo", "fixme", "xxx", "placeholder", "tobedecided", "tobeconfirmed", "tobeadded", "loremipsum",
    ]

    /// Words that defer the answer (`pending`, `to follow`, `see above`) or give none (`various`): as a
    /// statement of what a record asks or as a reason, nothing is stated; as any other value (a
    /// threat's `status: Pending`, a category `Misc`, a path `/etc`) they are facts.
    private static let deferring: Set<String> = [
        "pending", "tofollow", "tocome", "wip", "later", "seeabove", "seebelow", "asabove", "asbelow", "asrequired", "asneeded",
        "various", "misc", "etc",
    ]

    /// `<words with a space>`, alone in the value: the shape of every placeholder `dossier init`
    /// writes, and not of an HTML tag (`<br>`) or a value that merely contains angle brackets; or
    /// filler a person left instead (`TBD`, `-`, `isFiller`).
    package static func isPlaceholder(_ text: String) -> Bool {
        // The brackets first: counting the characters of every string value of every record is not free.
        guard text.first == "<", text.last == ">", text.count >= 4 else { return isFiller(text) }
        let inner = text.dropFirst().dropLast()
        return inner.contains(" ") && inner.first != " " && inner.last != "/" && !inner.contains { "<>=\"".contains($0) }
    }

    /// Whether `text` holds no letter or digit (and is not blank), or is only one of the filler words.
    package static func isFiller(_ text: String) -> Bool {
        letters(of: text).map { $0.isEmpty || words.contains($0) } ?? false
    }

    /// The letters and digits of a text that is not blank, lowercased; nil for blank text, and for
    /// text longer than any filler (a long value is never one, and is not looked at).
    private static func letters(of text: String) -> String? {
        guard text.utf8.count <= 24 else { return nil }
        var letters = ""
        var blank = true
        for scalar in text.unicodeScalars {
            if !CharacterSet.whitespacesAndNewlines.contains(scalar) { blank = false }
            if CharacterSet.alphanumerics.contains(scalar) { letters.unicodeScalars.append(scalar) }
        }
        return blank ? nil : letters.lowercased()
    }

    /// Words that say there is nothing (`none`, `n/a`, `not applicable`), lowercased with everything
    /// but letters removed. A value that is only one of them states no purpose, measure or safeguard,
    /// and a reason that is only one of them gives none; elsewhere (`transfer_mechanism: none`) the
    /// word is a fact, so `isFiller` does not take them.
    private static let nothing: Set<String> = [
        "none", "na", "notapplicable", "nil", "null", "nothing", "unknown", "notknown", "nobody", "noone", "empty", "nodata",
    ]

    /// Whether `text` is filler or only says there is nothing: as a statement of what a record asks
    /// (a purpose, a security measure, a safeguard's reference) it states nothing.
    package static func statesNothing(_ text: String) -> Bool {
        letters(of: text).map { $0.isEmpty || words.contains($0) || nothing.contains($0) || deferring.contains($0) } ?? false
    }

    /// Whether a value meant to state something (a purpose, a measure, a reference, who decided)
    /// states nothing: a placeholder (`isPlaceholder`), or only a word for nothing (`statesNothing`).
    package static func saysNothing(_ text: String) -> Bool {
        isPlaceholder(text) || statesNothing(text)
    }

    /// Whether a reason given in words (an N/A's, an applicability decision's) gives none: no letter
    /// at all (`N/A: .`), filler, or only a word for nothing (`N/A: n/a`, `N/A - not applicable`).
    package static func givesNoReason(_ reason: String) -> Bool {
        !reason.contains(where: \.isLetter) || statesNothing(reason) || restatesOnly(reason)
    }

    /// Words that only say again that something does or does not apply (`Not applicable to us.`,
    /// `Out of scope for this integration`): a reason made only of them gives none.
    private static let restating: Set<String> = [
        "not", "n", "a", "na", "applicable", "inapplicable", "relevant", "irrelevant", "apply", "applies", "applied", "does", "do",
        "doesn", "don", "t", "is", "are", "it", "this", "that", "these", "the", "to", "for", "us", "we", "our", "here", "in", "out",
        "of", "scope", "scoped", "control", "item", "requirement", "organisation", "organization", "company", "integration", "case",
        "context", "environment", "needed", "required", "necessary", "yes", "no", "so", "and", "as", "such",
        "currently", "at", "present", "moment", "time", "because",
    ]

    private static func restatesOnly(_ reason: String) -> Bool {
        let words = reason.lowercased().split { !$0.isLetter }
        return !words.isEmpty && words.count <= 12 && words.allSatisfy { restating.contains(String($0)) }
    }

    /// Phrases that say the work is still to do (`pending renewal`, `not done yet`, `in progress`): an
    /// item "not applicable" for such a reason applies and is open.
    private static let unfinished: [[String]] = [
        ["pending"], ["not", "done", "yet"], ["not", "yet"], ["in", "progress"], ["still", "to", "do"], ["todo"], ["tbd"], ["tbc"], ["wip"],
        ["awaiting"], ["not", "started"], ["in", "draft"], ["still", "draft"], ["underway"], ["being", "worked", "on"],
    ]

    /// Whether a reason says the work is unfinished rather than that it does not apply.
    package static func defersWork(_ reason: String) -> Bool {
        let words = reason.lowercased().split { !$0.isLetter }.map(String.init)
        return unfinished.contains { phrase in
            words.count >= phrase.count && (0...(words.count - phrase.count)).contains { Array(words[$0..<($0 + phrase.count)]) == phrase }
        }
    }
}
