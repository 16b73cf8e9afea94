import DossierIntake
import DossierModel
import Foundation

/// Weighs every item of every answered checklist: the answer, whether the evidence linked to it
/// meets each of the item's expectations, and whether an error sits on that evidence.
package struct ChecklistItemAssessor: Sendable {
    package var documents: [EvidenceDocument]
    package var content: ComplianceContent
    /// Standing of each evidence path, from the rules; paths not listed are sound.
    package var standing: [String: EvidenceStanding]
    package var evaluator: ExpectationEvaluator
    /// Error diagnostics of every stage, by file: none may sit on evidence a proven item relies on.
    package var errors: [String: [Diagnostic]]
    /// The rules' error findings, to tell a contradiction (a rule checking what the item asserts) from an
    /// error that only leaves the item unproven; a set, since it is asked once per error on each
    /// item's evidence, over thousands of findings. Only errors are asked about (`errors`), so only
    /// errors are kept (at 10 000 files most rule findings are warnings, each hashed for nothing).
    private let ruleDiagnostics: Set<Diagnostic>
    /// Each document's evidence kind, by path.
    private let kinds: [String: String]
    /// The rules' findings that judge what a record field states (`fieldJudges`), by file.
    private let fieldFindings: [String: [Diagnostic]]
    /// Files the secret scan withheld: an answers file among them has no page, so its answers prove nothing.
    private let withheld: Set<String>

    /// Findings saying that a record field a record expectation names is stated but out of date: an
    /// item relying on that field is stale, not proven. (A credential rotated 142 days ago still has
    /// a rotation date.)
    static let fieldJudges: [String: Set<String>] = ["credentials.rotated_at": [DiagnosticID.freshnessSecretRotation.rawValue]]

    package init(documents: [EvidenceDocument], content: ComplianceContent, standing: [String: EvidenceStanding], evaluator: ExpectationEvaluator,
         errors: [String: [Diagnostic]], ruleFindings: [RuleFinding], withheld: Set<String> = []) {
        (self.documents, self.content, self.standing, self.evaluator, self.errors) = (documents, content, standing, evaluator, errors)
        ruleDiagnostics = Set(ruleFindings.lazy.map(\.diagnostic).filter { $0.severity == .error })
        kinds = Dictionary(documents.map { ($0.path, $0.evidenceKind) }, uniquingKeysWith: { first, _ in first })
        let judging = Set(Self.fieldJudges.values.joined())
        fieldFindings = Dictionary(grouping: ruleFindings.map(\.diagnostic).filter { judging.contains($0.identifier) && $0.file != nil }, by: { $0.file! })
        self.withheld = withheld
    }

    package func assess(diagnostics: DiagnosticEngine) -> [ItemAssessment] {
        let byPath = evaluator.byPath
        let activities = Set(documents.records(\.processingActivity).map(\.0.id))
        // Each answers file is weighed on its own, side by side; what each finds is reported in file
        // order, as when they were weighed one after another.
        let answersFiles = documents.indices.filter { if case .checklist? = documents[$0].record { true } else { false } }
        let weighed = ParallelMap.map(answersFiles) { index -> (items: [ItemAssessment], diagnostics: [Diagnostic]) in
            let found = DiagnosticEngine()
            let items = assess(documents[index], byPath: byPath, activities: activities, diagnostics: found)
            return (items, found.inReportingOrder)
        }
        for file in weighed { diagnostics.report(contentsOf: file.diagnostics) }
        var items = weighed.map(\.items)
        answeredInTwoFiles(answersFiles.map { documents[$0] }, &items, activities: activities, diagnostics: diagnostics)
        return items.flatMap { $0 }
    }

    /// Two answers files of one checklist for one activity: where they answer an item differently
    /// (ticked in one, open in the other), which answer holds cannot be told, so neither settles it;
    /// one warning on the later file names the items. Controls counted both already.
    private func answeredInTwoFiles(_ files: [EvidenceDocument], _ items: inout [[ItemAssessment]], activities: Set<String>, diagnostics: DiagnosticEngine) {
        var first: [String: Int] = [:]
        for (index, document) in files.enumerated() {
            guard case .checklist(let answers)? = document.record, let checklist = items[index].first?.checklist else { continue }
            let key = checklist + "\u{0}" + (integration(of: answers, among: activities) ?? "")
            guard let earlier = first[key] else { first[key] = index; continue }
            let before = Dictionary(items[earlier].indices.map { (items[earlier][$0].item.id, $0) }, uniquingKeysWith: { one, _ in one })
            var differing: [String] = []
            for position in items[index].indices {
                let item = items[index][position]
                guard let at = before[item.item.id], case let other = items[earlier][at], item.status.isAnsweredDone != other.status.isAnsweredDone,
                      item.status != .unanswered, other.status != .unanswered else { continue }
                differing.append(item.item.id)
                let why = "answered differently in \(other.answersFile) and \(item.answersFile), so which answer holds cannot be told; keep one file"
                if item.settled { items[index][position].unsettle(because: why) }
                if other.settled { items[earlier][at].unsettle(because: why) }
            }
            guard !differing.isEmpty else { continue }
            diagnostics.report(Diagnostic(
                .warning, DiagnosticID.checklistAnsweredElsewhere,
                "\(files[earlier].path) answers the same checklist for the same activity, and answers \(differing.count) item\(differing.count == 1 ? "" : "s") differently (\(differing.prefix(10).joined(separator: ", "))\(differing.count > 10 ? ", …" : "")); neither answer settles \(differing.count == 1 ? "it" : "them"): keep one answers file",
                file: document.path))
        }
    }


    /// The items of one answers file's checklist.
    private func assess(
        _ document: EvidenceDocument, byPath: [String: EvidenceDocument], activities: Set<String>, diagnostics: DiagnosticEngine
    ) -> [ItemAssessment] {
        var assessed: [ItemAssessment] = []
        guard case .checklist(let answers)? = document.record else { return [] }
        checkIntegration(answers, in: document, activities: activities, diagnostics: diagnostics)
        guard let definition = definition(for: answers, in: document, diagnostics: diagnostics) else { return [] }
        let answered = Dictionary(answers.answers.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let answeredIDs = Set(answers.answers.map(\.id))
        for answer in answers.answers where definition.item(answer.id) == nil {
            // An item the answers already answer is the less likely meant: the others are offered first.
            let unansweredIDs = definition.items.map(\.id).filter { !answeredIDs.contains($0) }
            let suggestion = Spelling.suggestion(for: answer.id, among: unansweredIDs) ?? Spelling.suggestion(for: answer.id, among: definition.items.map(\.id))
            diagnostics.report(Diagnostic(
                .warning, DiagnosticID.checklistUnknownItem,
                "Item '\(answer.id)' is not in the \(definition.name) checklist; it evidences nothing\(suggestion?.hint ?? "")",
                file: document.path, at: answer.location, suggestion: suggestion))
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
            assessed.append(weigh(
                answer, item: item, checklist: definition.id, file: document, byPath: byPath,
                integration: integration(of: answers, among: activities), diagnostics: diagnostics))
        }
        // Answers dated after the build date were not given yet: none of them settles anything.
        if let answered = answers.answeredAt, RuleContext.isAfterBuildDay(answered, buildDate: evaluator.buildDate) {
            diagnostics.report(Diagnostic(
                .error, DiagnosticID.checklistFutureAnswers,
                "The answers are dated \(ISODate.day(answered)), after the build date \(ISODate.day(evaluator.buildDate)): answers not yet given settle nothing; correct answered_at",
                file: document.path, at: document.frontMatter?["answered_at"]?.location))
            for index in assessed.indices where assessed[index].settled {
                assessed[index].unsettle(because: "not settled: its answers are dated \(ISODate.day(answered)), after the build date; correct answered_at")
            }
        }
        if withheld.contains(document.path) {
            // The auditor cannot read answers no page shows: a ticked box there proves nothing.
            // N/A too: its justification is the withheld file's own text, and no one can read why.
            for index in assessed.indices where assessed[index].settled {
                assessed[index].status = .claimed
                assessed[index].reason = "not proven: its answers file is withheld from the pack (a secret was found in it), so no one can read the answer; remove the secret"
            }
        }
        if !unanswered.isEmpty {
            diagnostics.report(Diagnostic(
                .warning, DiagnosticID.itemUnanswered,
                "\(unanswered.count) item\(unanswered.count == 1 ? "" : "s") of \(definition.name) \(unanswered.count == 1 ? "is" : "are") not answered: \(unanswered.joined(separator: ", ")); add \(unanswered.count == 1 ? "it" : "them") as task-list items",
                file: document.path))
        }
        return assessed
    }

    private func definition(for answers: ChecklistAnswers, in document: EvidenceDocument, diagnostics: DiagnosticEngine) -> ChecklistDefinition? {
        let known = content.checklists.map(\.id)
        guard let id = answers.checklist else {
            diagnostics.report(Diagnostic(
                .warning, DiagnosticID.checklistNoDefinition,
                "The answers do not say which checklist they answer, so they evidence no control; add 'checklist:' (one of \(known.joined(separator: ", "))) to the front matter",
                file: document.path))
            return nil
        }
        guard let definition = content.checklist(id) else {
            let suggestion = Spelling.suggestion(for: id, among: known)
            let hint = suggestion?.hint ?? ""
            diagnostics.report(Diagnostic(
                .error, DiagnosticID.checklistUnknownDefinition, "No checklist '\(id)' is defined; known ones are \(known.joined(separator: ", "))\(hint)",
                file: document.path, suggestion: suggestion))
            return nil
        }
        return definition
    }

    /// The activity the answers concern: the one `integration:` names, or the folder's only one.
    private func integration(of answers: ChecklistAnswers, among activities: Set<String>) -> String? {
        if let named = answers.integration { return activities.contains(named) ? named : nil }
        return activities.count == 1 ? activities.first : nil
    }

    /// `integration:` must name a processing activity: the activity's page gathers its checklists.
    /// `activities`: every processing activity's ID, gathered once for all checklists.
    private func checkIntegration(_ answers: ChecklistAnswers, in document: EvidenceDocument, activities: Set<String>, diagnostics: DiagnosticEngine) {
        guard let integration = answers.integration, !activities.contains(integration) else { return }
        let suggestion = Spelling.suggestion(for: integration, among: activities.sorted())
        // A record that failed to parse is in the folder, but is no record: say so rather than that there is none.
        // (A JSON or YAML file that did not parse at all may be one too: it says no kind.)
        let unread = documents.filter { document in
            document.failedToRead(kind: "processing-activity")
                || (document.record == nil && document.tree == nil && [.json, .yaml].contains(document.file.format))
        }.map(\.path)
        let unreadHint = unread.isEmpty ? "" : "; \(unread.prefix(3).joined(separator: ", ")) could not be read as a record (see \(unread.count == 1 ? "its errors" : "their errors")), and may be the one"
        let hint = suggestion?.hint
            ?? (activities.isEmpty ? "; no record of processing could be read in the folder (kind: processing-activity)" : "; known ones are \(activities.sorted().joined(separator: ", "))") + unreadHint
        diagnostics.report(Diagnostic(
            .error, DiagnosticID.checklistUnknownActivity,
            "'integration: \(integration)' names no processing activity, so no activity page shows these answers\(hint)",
            file: document.path, at: answers.integrationLocation, suggestion: suggestion))
    }

    private func weigh(
        _ answer: ChecklistAnswers.Answer, item: ChecklistDefinition.Item, checklist: String, file: EvidenceDocument,
        byPath: [String: EvidenceDocument], integration: String?, diagnostics: DiagnosticEngine
    ) -> ItemAssessment {
        var result = ItemAssessment(
            checklist: checklist, item: item, status: .open, answersFile: file.path, location: answer.location,
            acceptedEvidence: [], otherEvidence: [], reason: "")
        var seen: Set<String> = []
        let linked = answer.evidence.compactMap { link -> EvidenceDocument? in
            let path = String(link.prefix { $0 != "#" && $0 != "?" })
            // (Foundation's decoding bridges through NSString: skipped when there is nothing to decode.)
            let decoded = path.utf8.contains(UInt8(ascii: "%")) ? path.removingPercentEncoding ?? path : path
            return EvidenceLinkResolver.normalise(decoded, relativeTo: file.path).flatMap { byPath[$0] }
        }.filter { $0.path != file.path && seen.insert($0.path).inserted }  // an answers file never proves its own items
        let expected = Set(item.evidence)
        let relied = linked.filter { expected.contains($0.evidenceKind) }
        result.acceptedEvidence = relied.map(\.path)
        result.otherEvidence = linked.filter { !expected.contains($0.evidenceKind) }.map(\.path)
        switch answer.state {
        case .open:
            result.status = .open
            result.reason = "left open"
            // A note, not a warning: an open item is a gap its owner already tracks; coverage shows it.
            diagnostics.report(Diagnostic(.note, DiagnosticID.itemOpen, "\(item.id) is still open: \(item.text)", file: file.path, at: answer.location))
        // The reader already reports a reason that says the work is still to do, or none; either way
        // the item is not settled.
        case .notApplicable(let justification) where FillerText.defersWork(justification):
            result.status = .open
            result.reason = "marked N/A, but not done yet"
        case .notApplicable(let justification) where FillerText.givesNoReason(justification):
            result.status = .open
            result.reason = "marked N/A without a reason"
        case .notApplicable(let justification):
            result.status = .notApplicable
            result.reason = "not applicable: \(justification)"
        case .done:
            result.outcomes = evaluator.evaluate(item.expects, item: item, linked: relied, integration: integration)
            judge(&result, relied: relied, integration: integration, diagnostics: diagnostics)
        }
        // Answered twice in one file (the reader reports it): the other answer may be the one that
        // holds, so this one settles nothing. An item left open or contradicted stays so.
        if let again = answer.answeredAgain.first, result.settled {
            result.unsettle(because: "answered again on line \(again.line) of \(file.path), so which answer holds cannot be told (this one: \(result.reason)); keep one")
        }
        return result
    }

    /// The verdict of a ticked item: no item is proven while an error sits on evidence it relies on.
    /// An error from a rule that checks what the item asserts contradicts it; any other leaves it claimed.
    private func judge(_ result: inout ItemAssessment, relied: [EvidenceDocument], integration: String?, diagnostics: DiagnosticEngine) {
        let item = result.item
        // An error that names the controls it bears on weighs on the items mapped to one of them only.
        let onEvidence = relied.flatMap { document in (errors[document.path] ?? []).filter { bears($0, on: item, kind: document.evidenceKind) } }
        let contradicting = onEvidence.filter { contradicts($0, item) } + onRecord(of: integration, item: item, relied: relied)
        let outOfDate = judgedFields(item, outcomes: result.outcomes, relied: relied)
        result.findings = contradicting.isEmpty ? onEvidence : contradicting
        let expectations = result.outcomes.map(\.text).joined(separator: "; ")
        let refused = result.otherEvidence.isEmpty ? "" : "; refused: " + result.otherEvidence.map { path in
            "\(path) (\(ExpectationEvaluator.article(byPathKind(path))) \(byPathKind(path)), which no expectation takes)"
        }.joined(separator: ", ")
        let unmet = result.outcomes.filter { $0.state == .unmet }
        if item.expects.isEmpty {
            // Its definition failed to say what proves it (reported where it is defined): nothing can.
            result.status = .claimed
            result.reason = "not proven: its definition's expectations are missing or could not be read (see the errors reported where the checklist is defined)"
        } else if !contradicting.isEmpty {
            result.status = .contradicted
            result.reason = "contradicted by " + contradicting.map(Self.cite).joined(separator: "; ")
            diagnostics.report(Diagnostic(
                .warning, DiagnosticID.itemContradicted,
                "\(item.id) is ticked, but its evidence contradicts it: " + contradicting.map(Self.cite).joined(separator: "; "),
                file: result.answersFile, at: result.location))
        } else if !onEvidence.isEmpty {
            result.status = .claimed
            result.reason = "its evidence has errors: " + onEvidence.map(Self.cite).joined(separator: "; ")
            diagnostics.report(Diagnostic(
                .warning, DiagnosticID.itemUnproven,
                "\(item.id) is ticked but not proven: its evidence has errors (\(Self.places(onEvidence))); fix them first",
                file: result.answersFile, at: result.location))
        } else if unmet.isEmpty && !outOfDate.isEmpty {
            result.status = .stale
            result.findings = outOfDate
            result.reason = "evidence is stale: " + outOfDate.map(Self.cite).joined(separator: "; ")
        } else if unmet.isEmpty {
            let stale = result.outcomes.contains { $0.state == .stale }
            result.status = stale ? .stale : .proven
            result.reason = (stale ? "evidence is stale: " : "proven: ") + expectations + refused
        } else {
            result.status = .claimed
            result.reason = "not proven: " + unmet.map(\.text).joined(separator: "; ") + refused
            diagnostics.report(Diagnostic(
                .warning, DiagnosticID.itemUnproven,
                "\(item.id) is ticked but not proven: it expects " + unmet.map(\.text).joined(separator: "; and ")
                    + refused + " (\(item.wants))",
                file: result.answersFile, at: result.location))
        }
    }

    /// Errors of the agreement rule on the record of the activity the answers concern, for an item
    /// that expects agreements of every kind (no field narrows it to one provider): "every recipient is
    /// covered by an agreement" is contradicted by the record's recipient without one, whichever
    /// agreements the answer links. An item about one kind of agreement (the LLM provider's) is not.
    private func onRecord(of integration: String?, item: ChecklistDefinition.Item, relied: [EvidenceDocument]) -> [Diagnostic] {
        func everyAgreement(_ expectation: Expectation) -> Bool {
            switch expectation {
            case .record(let record): record.kind == "agreement" && record.fields.isEmpty
            default: false
            }
        }
        guard item.expects.contains(where: everyAgreement), let path = integration.flatMap({ evaluator.recordPaths[$0] }),
              !relied.contains(where: { $0.path == path }) else { return [] }
        return (errors[path] ?? []).filter { error in
            ruleDiagnostics.contains(error) && error.identifier.hasPrefix("dossier.agreement.")
                && (error.weighsOn.isEmpty || Self.overlaps(error.weighsOn, item.controls))
        }
    }

    /// The findings that say a record field the item's expectations name is out of date, on the
    /// records that met those expectations (not on one another alternative made unnecessary).
    private func judgedFields(_ item: ChecklistDefinition.Item, outcomes: [ExpectationOutcome], relied: [EvidenceDocument]) -> [Diagnostic] {
        let judges: Set<String> = Set(Self.records(of: item).flatMap(\.fields).compactMap { Self.fieldJudges[$0] }.flatMap { $0 })
        guard !judges.isEmpty else { return [] }
        // Outcomes name what met them as `file` or `file:line`.
        let meeting = Set(outcomes.filter { $0.state != .unmet }.flatMap(\.evidence).map { String($0.prefix { $0 != ":" }) })
        return relied.filter { meeting.contains($0.path) }.flatMap { fieldFindings[$0.path] ?? [] }.filter { judges.contains($0.identifier) }
    }

    /// Whether an error on a file of `kind` the item relies on bears on it. One that names its
    /// controls bears on the items mapped to one of them. One in a field of a record bears on an item
    /// whose expectations of that kind of record read the field (or the whole record), not on one that
    /// reads only others: a mistyped rotation date leaves the record proving who the controller is.
    /// An item that relies on the file for something else (an approval's subject) takes all of it.
    private func bears(_ error: Diagnostic, on item: ChecklistDefinition.Item, kind: String) -> Bool {
        guard error.weighsOn.isEmpty || Self.overlaps(error.weighsOn, item.controls) else { return false }
        let records = Self.records(of: item).filter { $0.kind == kind }
        // A field may be asked for with a value (`provider_kind=llm`): the error is in its path.
        return records.isEmpty || records.contains { $0.fields.isEmpty || error.bears(onFields: $0.fields.map { Expectation.splitField($0).path }) }
    }

    /// The record expectations of an item, alternatives included.
    private static func records(of item: ChecklistDefinition.Item) -> [Expectation.Record] {
        item.expects.flatMap(\.leaves).compactMap { if case .record(let record) = $0 { record } else { nil } }
    }

    private func byPathKind(_ path: String) -> String {
        kinds[path] ?? "file"
    }

    /// Whether an error comes from a rule that checks what the item asserts: its expectations name
    /// the rule, or the rule weighs on a control the item maps to.
    private func contradicts(_ diagnostic: Diagnostic, _ item: ChecklistDefinition.Item) -> Bool {
        guard ruleDiagnostics.contains(diagnostic) else { return false }
        let id = diagnostic.identifier
        if item.expects.flatMap(\.checkedBy).contains(where: { id.hasPrefix($0) }) { return true }
        // A data-flow finding breaks one property of the graph: an item that checks the graph for
        // another property is left unproven by it (its evidence has an error), not contradicted. An
        // unreviewed graph does not say a transfer is undocumented.
        let checksGraph = item.expects.flatMap(\.leaves).contains { if case .dataFlow = $0 { true } else { false } }
        if checksGraph, DataFlowProperty.allCases.contains(where: { $0.identifiers.contains { $0.rawValue == id } }) {
            return false
        }
        return Self.overlaps(diagnostic.weighsOn, item.controls)
    }

    /// Whether two sets of controls by framework share one.
    package static func overlaps(_ one: [String: [String]], _ other: [String: [String]]) -> Bool {
        one.contains { framework, controls in !Set(controls).isDisjoint(with: other[framework] ?? []) }
    }

    /// `dossier.dataflow.weak-tls at data-flows/x.yml:12 (Flow F4 uses TLS 1.1; …)`.
    package static func cite(_ diagnostic: Diagnostic) -> String {
        "\(diagnostic.identifier) at \(place(diagnostic)) (\(diagnostic.summary))"
    }

    private static func place(_ diagnostic: Diagnostic) -> String {
        (diagnostic.file ?? "") + (diagnostic.location.map { ":\($0.line)" } ?? "")
    }

    /// `dossier.x.bad-date at a.yml:4, dossier.x.bad-date at a.yml:9`: each finding once, where it is.
    private static func places(_ diagnostics: [Diagnostic]) -> String {
        var seen: Set<String> = []
        return diagnostics.map { "\($0.identifier) at \(place($0))" }.filter { seen.insert($0).inserted }.joined(separator: ", ")
    }
}
