import Foundation

/// Weighs every item of every answered checklist: the answer, and whether the evidence linked to it
/// is of a kind the item accepts and still sound.
struct ChecklistItemAssessor {
    var documents: [EvidenceDocument]
    var content: ComplianceContent
    /// Standing of each evidence path, from the rules; paths not listed are sound.
    var standing: [String: EvidenceStanding]

    func assess(diagnostics: DiagnosticCollector) -> [ItemAssessment] {
        let byPath = Dictionary(documents.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
        var assessed: [ItemAssessment] = []
        for document in documents {
            guard case .checklist(let answers)? = document.record else { continue }
            guard let definition = definition(for: answers, in: document, diagnostics: diagnostics) else { continue }
            let answered = Dictionary(answers.answers.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
            for answer in answers.answers where definition.item(answer.id) == nil {
                diagnostics.report(Diagnostic(
                    .warning, "dossier.checklist.unknown-item",
                    "Item '\(answer.id)' is not in the \(definition.name) checklist; it evidences nothing",
                    file: document.path, at: answer.location))
            }
            var unanswered: [String] = []
            for item in definition.items {
                guard let answer = answered[item.id] else {
                    unanswered.append(item.id)
                    assessed.append(ItemAssessment(
                        checklist: definition.id, item: item, status: .unanswered, answersFile: document.path, location: nil,
                        acceptedEvidence: [], otherEvidence: [], reason: "not answered in \(document.path)"))
                    continue
                }
                assessed.append(weigh(answer, item: item, checklist: definition.id, file: document, byPath: byPath, diagnostics: diagnostics))
            }
            if !unanswered.isEmpty {
                diagnostics.report(Diagnostic(
                    .warning, "dossier.item.unanswered",
                    "\(unanswered.count) item\(unanswered.count == 1 ? "" : "s") of \(definition.name) \(unanswered.count == 1 ? "is" : "are") not answered: \(unanswered.joined(separator: ", ")); add \(unanswered.count == 1 ? "it" : "them") as task-list items",
                    file: document.path))
            }
        }
        return assessed
    }

    private func definition(for answers: ChecklistAnswers, in document: EvidenceDocument, diagnostics: DiagnosticCollector) -> ChecklistDefinition? {
        let known = content.checklists.map(\.id)
        guard let id = answers.checklist else {
            diagnostics.report(Diagnostic(
                .warning, "dossier.checklist.no-definition",
                "The answers do not say which checklist they answer, so they evidence no control; add 'checklist:' (one of \(known.joined(separator: ", "))) to the front matter",
                file: document.path))
            return nil
        }
        guard let definition = content.checklist(id) else {
            let hint = Spelling.closest(to: id, among: known).map { "; did you mean '\($0)'?" } ?? ""
            diagnostics.report(Diagnostic(
                .error, "dossier.checklist.unknown-definition", "No checklist '\(id)' is defined; known ones are \(known.joined(separator: ", "))\(hint)",
                file: document.path))
            return nil
        }
        return definition
    }

    private func weigh(
        _ answer: ChecklistAnswers.Answer, item: ChecklistDefinition.Item, checklist: String, file: EvidenceDocument,
        byPath: [String: EvidenceDocument], diagnostics: DiagnosticCollector
    ) -> ItemAssessment {
        var result = ItemAssessment(
            checklist: checklist, item: item, status: .open, answersFile: file.path, location: answer.location,
            acceptedEvidence: [], otherEvidence: [], reason: "")
        let linked = answer.evidence.compactMap { link -> String? in
            let path = String(link.prefix { $0 != "#" && $0 != "?" })
            return EvidenceLinkResolver.normalise(path.removingPercentEncoding ?? path, relativeTo: file.path)
        }.filter { byPath[$0] != nil }
        var seen: Set<String> = []
        for path in linked where seen.insert(path).inserted {
            if item.evidence.contains(byPath[path]!.evidenceKind) { result.acceptedEvidence.append(path) } else { result.otherEvidence.append(path) }
        }
        switch answer.state {
        case .open:
            result.status = .open
            result.reason = "left open"
            // A note, not a warning: an open item is a gap its owner already tracks; coverage shows it.
            diagnostics.report(Diagnostic(.note, "dossier.item.open", "\(item.id) is still open: \(item.text)", file: file.path, at: answer.location))
        case .notApplicable(let justification) where justification.trimmingCharacters(in: .whitespaces).isEmpty:
            // The reader already reports the missing reason; without one the item is not settled.
            result.status = .open
            result.reason = "marked N/A without a reason"
        case .notApplicable(let justification):
            result.status = .notApplicable
            result.reason = "not applicable: \(justification)"
        case .done:
            let sound = result.acceptedEvidence.filter { (standing[$0] ?? .sound) == .sound }
            let stale = result.acceptedEvidence.filter { if case .stale = standing[$0] ?? .sound { true } else { false } }
            if !sound.isEmpty {
                result.status = .proven
                result.reason = "proven by " + sound.joined(separator: ", ")
            } else if !stale.isEmpty {
                result.status = .stale
                result.reason = "evidence is stale: " + stale.joined(separator: ", ")
            } else {
                result.status = .claimed
                result.reason = result.acceptedEvidence.isEmpty
                    ? "ticked, but links no \(item.evidence.joined(separator: " or ")) evidence"
                    : "ticked, but its evidence has errors: " + result.acceptedEvidence.joined(separator: ", ")
                diagnostics.report(Diagnostic(
                    .warning, "dossier.item.unproven",
                    "\(item.id) is ticked but nothing proves it: link evidence of kind \(item.evidence.joined(separator: ", ")) (\(item.wants))",
                    file: file.path, at: answer.location))
            }
        }
        return result
    }
}
