import DossierModel

/// Reads checklist answers from the cmark-gfm syntax tree of a Markdown file (task-list state and
/// positions come from the parser, never from pattern-matching the raw text).
package struct ChecklistAnswersReader {
    /// `ACC-1`, `SEC-12`, `GDPR-30-1A1`: capitals, then groups of capitals or digits, joined by `-`, ending in a digit.
    package static func isItemID(_ word: Substring) -> Bool {
        let groups = word.split(separator: "-", omittingEmptySubsequences: false)
        guard groups.count >= 2, let first = groups.first, first.first?.isUppercase == true, word.last?.isNumber == true else { return false }
        return groups.allSatisfy { group in !group.isEmpty && group.allSatisfy { ($0.isUppercase || $0.isNumber) && $0.isASCII } }
    }

    /// The ID a near miss was meant to be: `RES1`, `res-1`, `ACC_1` → `RES-1`, `ACC-1` (capitals, a
    /// hyphen between letters and digits); nil when that is still no ID, or the word was one already.
    package static func likelyID(_ word: Substring) -> String? {
        var result = ""
        var previous: Character?
        for character in word.uppercased() {
            let mark: Character = character == "_" || character == "." ? "-" : character
            if let previous, previous.isLetter, mark.isNumber { result.append("-") }
            if mark == "-", result.hasSuffix("-") { continue }
            result.append(mark)
            previous = mark
        }
        return result != String(word) && isItemID(Substring(result)) ? result : nil
    }

    package func read(_ markdown: MarkdownEvidence, frontMatter: FieldReader.Fields?, reader: FieldReader) -> ChecklistAnswers {
        var answers: [ChecklistAnswers.Answer] = []
        var seen: [String: (location: SourceLocation, index: Int)] = [:]
        for item in markdown.taskItems {
            let words = item.text.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
            guard let first = words.first, Self.isItemID(first) else {
                if let first = words.first, let meant = Self.likelyID(first) {
                    let suggestion = Suggestion(replacement: meant)
                    reader.report(
                        .warning, .itemWithoutID, "Task item has no ID: '\(first)' is not one (capitals, a hyphen, digits)\(suggestion.hint)",
                        at: item.location, suggestion: suggestion)
                } else {
                    reader.report(.warning, .itemWithoutID, "Task item has no ID; start it with one, e.g. '- [x] ACC-1 …'", at: item.location)
                }
                continue
            }
            let id = String(first)
            if let earlier = seen[id] {
                reader.report(
                    .error, .duplicateID,
                    "Item ID '\(id)' is already used on line \(earlier.location.line); the item is not proven while it has two answers: keep one",
                    at: item.location)
                answers[earlier.index].answeredAgain.append(item.location)
                continue
            }
            seen[id] = (item.location, answers.count)
            let rest = words.count > 1 ? String(words[1]) : ""
            answers.append(ChecklistAnswers.Answer(
                id: id, state: state(of: item, rest: rest, reader: reader), text: rest, location: item.location,
                evidence: item.links.map(\.destination).filter { !EvidenceLinkResolver.hasScheme($0) && !$0.hasPrefix("#") }))
        }
        return ChecklistAnswers(
            checklist: frontMatter?.string("checklist"), integration: frontMatter?.string("integration"), answers: answers,
            owner: frontMatter?.string("owner"), answeredAt: frontMatter?.date("answered_at"),
            integrationLocation: frontMatter?.node["integration"]?.location)
    }

    /// `N/A` (any case) at the start of the answer marks it not applicable; the words after it justify that.
    private func state(of item: CommonMarkDocument.TaskItem, rest: String, reader: FieldReader) -> ChecklistAnswers.State {
        // `N/A` as a word: `N/Avery` is an answer that starts with other letters.
        guard rest.uppercased().hasPrefix("N/A"), !(rest.dropFirst(3).first?.isLetter ?? false) else { return item.checked ? .done : .open }
        let justification = rest.dropFirst(3).trimmingCharacters(in: .whitespaces.union(.init(charactersIn: "—–-:")))
        // A reason says something: `N/A: .` or `N/A: TBD` gives none.
        if FillerText.givesNoReason(justification) {
            reader.report(.error, .naWithoutJustification, "Item marked N/A without a reason; write 'N/A — why it does not apply'", at: item.location)
        } else if FillerText.defersWork(justification) {
            reader.report(
                .error, .naNotDone,
                "Item marked N/A because it is not done yet ('\(justification)'): N/A is for an item that does not apply; leave it open ([ ]) until it is done",
                at: item.location)
        }
        return .notApplicable(justification: justification)
    }
}
