import DossierModel

/// Somebody named in a record, with the role they acted in.
package struct PersonName: Sendable, Hashable, CustomStringConvertible {
    package var name: String
    package var role: String?

    package init(name: String, role: String?) {
        self.name = name
        self.role = role
    }

    /// `Fiona Marsh (CAB chair)`.
    package var description: String { role.map { "\(name) (\($0))" } ?? name }

    /// Whether two written names are one person's: case, accents, spacing and dots do not tell two
    /// people apart (`"Tom  Builder "` is Tom Builder), nor do the order of the names (`Builder, Tom`),
    /// a note in brackets (`Tom Builder (reviewer)`) or an address standing for the name
    /// (`tom.builder@example.com`) or an initial for a given name (`T. Builder`), so a self-approval
    /// cannot hide behind them.
    package static func same(_ one: String, _ other: String) -> Bool {
        let (oneTokens, otherTokens) = (tokens(one), tokens(other))
        let (oneTitles, otherTitles) = (Set(oneTokens.filter(gendered.contains)), Set(otherTokens.filter(gendered.contains)))
        if !oneTitles.isEmpty, !otherTitles.isEmpty, oneTitles != otherTitles { return false }
        return normalised(one) == normalised(other) || {
            let (first, second) = (words(oneTokens), words(otherTokens))
            return !first.isEmpty && (first == second || abbreviates(first, second) || abbreviates(second, first))
        }()
    }

    /// Whether the words of `short` are those of `long` with some cut to their initial (`t wilk` for
    /// `tomasz wilk`): every whole word is one of `long`'s, at least one is (the surname), and each
    /// initial begins one of the rest.
    private static func abbreviates(_ short: [String], _ long: [String]) -> Bool {
        guard short.count == long.count, short.contains(where: { $0.count == 1 }) else { return false }
        var rest = long
        // Whole words first, so that an initial cannot take the word a whole word needs.
        for word in short where word.count > 1 {
            guard let at = rest.firstIndex(of: word) else { return false }
            rest.remove(at: at)
        }
        guard rest.count < long.count else { return false }
        for initial in short where initial.count == 1 {
            guard let at = rest.firstIndex(where: { $0.hasPrefix(initial) }) else { return false }
            rest.remove(at: at)
        }
        return true
    }

    /// The words of a name as written: a note in brackets, and an address's domain and `+tag`, left
    /// out; dots, commas, hyphens and underscores taken as spaces.
    private static func tokens(_ name: String) -> [String] {
        // A name is short: a longer text is compared as written only (removing brackets one by one
        // from megabytes would take hours).
        guard name.utf8.count <= 256 else { return [] }
        var text = name.trimmingCharacters(in: .whitespaces)
        while let open = text.firstIndex(of: "("), let close = text[open...].firstIndex(of: ")") { text.removeSubrange(open...close) }
        // An address's local part, without a `+tag`.
        if let at = text.firstIndex(of: "@"), !text[..<at].contains(where: \.isWhitespace) { text = String(text[..<at].prefix { $0 != "+" }) }
        return normalised(text).split { $0.isWhitespace || ",._-".contains($0) }.map(String.init)
    }

    /// A name's words, sorted, without its titles. A title is no part of who someone is: `Dr Tomasz
    /// Wilk` is Tomasz Wilk. A generational suffix is (`Sr`, `Jr`), and titles saying who is who
    /// (`Mr`, `Mrs`) are compared by `same`.
    private static func words(_ tokens: [String]) -> [String] {
        let named = tokens.filter { !titles.contains($0) && !gendered.contains($0) }
        return (named.isEmpty ? tokens : named).sorted()
    }

    /// Titles written beside a name (folded, without their dots) that say nothing of who it is.
    private static let titles: Set<String> = ["dr", "prof", "professor", "rev", "phd", "md", "esq", "dott"]
    /// Titles that tell people apart: `Mr A Lee` and `Mrs A Lee` are two people.
    private static let gendered: Set<String> = ["mr", "mrs", "ms", "miss", "mx", "sir", "dame", "lord", "lady", "herr", "frau", "mme", "mlle", "sra"]


    package static func normalised(_ name: String) -> String {
        // Invisible characters (zero-width space, soft hyphen: Unicode's format category) go first.
        let visible = String(String.UnicodeScalarView(name.unicodeScalars.filter { $0.properties.generalCategory != .format }))
        // Case first: a look-alike's twin must be the same letter in `НИНА` and in `Нина`.
        return LatinLookalikes.foldedCaseless(visible.lowercased()).folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
            .split { $0.isWhitespace || $0 == "." }.joined(separator: " ")
    }

    /// Whether a role contains one of `words` as a whole word (`CAB chair` holds `CAB`;
    /// `Vocabulary coach` does not), not denied by the word before it (`non-engineer`, `not an
    /// engineer`, `former engineer`) nor by the word after it (`Engineer (former)`).
    package static func role(_ role: String?, holdsOneOf words: [String]) -> Bool {
        guard let role else { return false }
        let tokens = role.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
            .split { !$0.isLetter && !$0.isNumber }.map(String.init)
        return words.contains { word in
            let wanted = word.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
                .split { !$0.isLetter && !$0.isNumber }.map(String.init)
            guard !wanted.isEmpty, wanted.count <= tokens.count else { return false }
            return (0...(tokens.count - wanted.count)).contains { start in
                Array(tokens[start..<(start + wanted.count)]) == wanted && !denied(tokens, before: start)
                    && !(start + wanted.count == tokens.count - 1 && pastRole.contains(tokens[start + wanted.count]))
            }
        }
    }

    /// Words that deny the role right after them (`non-engineer`, `former engineer`), or after an
    /// article (`not an engineer`); `ex-Google engineer` or `Non-Executive Director` deny nothing.
    private static let denials: Set<String> = ["non", "not", "no", "ex", "former", "formerly", "without"]

    /// Words that, right after a role and closing it, say it is held no longer (`Engineer (former)`,
    /// `engineer, retired`); `CISO (formerly Head of IT)` still holds `CISO`.
    private static let pastRole: Set<String> = ["former", "formerly", "retired", "previously", "emeritus", "until"]

    private static func denied(_ tokens: [String], before start: Int) -> Bool {
        guard start > 0 else { return false }
        if denials.contains(tokens[start - 1]) { return true }
        return start > 1 && ["a", "an", "the"].contains(tokens[start - 1]) && denials.contains(tokens[start - 2])
    }
}
