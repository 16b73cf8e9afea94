import Foundation

/// Judges an item's expectations against the evidence linked from its answer. Each expectation is
/// met only by a linked file of its kind that is not unsound and shows what it asks; a stale file
/// meets it as stale.
struct ExpectationEvaluator {
    var byPath: [String: EvidenceDocument]
    /// Standing of each evidence path, from the rules; paths not listed are sound.
    var standing: [String: EvidenceStanding]
    /// Per graph file, the data-flow findings (warning and above) against each property.
    var brokenProperties: [String: [DataFlowProperty: [Diagnostic]]]
    var auditPeriod: PackConfiguration.AuditPeriod?
    var buildDate: Date

    /// What a candidate file showed: met (with what to cite) or not (with why).
    private enum Check {
        case shows(String)
        case fails(String)
    }

    func evaluate(_ expectation: Expectation, item: ChecklistDefinition.Item, linked: [EvidenceDocument]) -> ExpectationOutcome {
        if case .oneOf(let alternatives) = expectation {
            let outcomes = alternatives.map { evaluate($0, item: item, linked: linked) }
            let order: [ExpectationOutcome.State] = [.met, .stale, .unmet]
            let best = outcomes.min { order.firstIndex(of: $0.state)! < order.firstIndex(of: $1.state)! }!
            let reason = best.state == .unmet
                ? "none holds: " + outcomes.map(\.text).joined(separator: "; ")
                : "\(best.expectation.summary) holds: \(best.reason)"
            return ExpectationOutcome(expectation: expectation, state: best.state, evidence: best.evidence, reason: reason)
        }
        let candidates = linked.filter { expectation.evidenceKinds.contains($0.evidenceKind) }
        guard !candidates.isEmpty else {
            let kinds = expectation.evidenceKinds.sorted().joined(separator: " or ")
            return ExpectationOutcome(expectation: expectation, state: .unmet, evidence: [], reason: "no \(kinds) evidence is linked")
        }
        var sound: [(EvidenceDocument, String)] = []
        var stale: [(EvidenceDocument, String)] = []
        var failures: [String] = []
        for document in candidates {
            switch standing[document.path] {
            case .unsound(let why)?:
                failures.append("\(document.path) proves nothing: \(why)")
                continue
            default:
                break
            }
            switch check(expectation, document, item: item) {
            case .fails(let why): failures.append(why)
            case .shows(let cited):
                if case .stale? = standing[document.path] { stale.append((document, cited)) } else { sound.append((document, cited)) }
            }
        }
        if case .log(let log) = expectation, let share = log.coverage, !(sound + stale).isEmpty {
            if let shortfall = coverageShortfall(log, share: share, logs: (sound + stale).map(\.0)) {
                return ExpectationOutcome(expectation: expectation, state: .unmet, evidence: [], reason: shortfall)
            }
        }
        if !sound.isEmpty {
            return ExpectationOutcome(expectation: expectation, state: .met, evidence: sound.map(\.0.path), reason: "met by " + sound.map(\.1).joined(separator: ", "))
        }
        if !stale.isEmpty {
            return ExpectationOutcome(expectation: expectation, state: .stale, evidence: stale.map(\.0.path),
                                      reason: "met only by stale evidence: " + stale.map(\.1).joined(separator: ", "))
        }
        return ExpectationOutcome(expectation: expectation, state: .unmet, evidence: [], reason: "not met: " + failures.joined(separator: "; "))
    }

    private func check(_ expectation: Expectation, _ document: EvidenceDocument, item: ChecklistDefinition.Item) -> Check {
        switch expectation {
        case .log(let log): return check(log, document)
        case .dataFlow(let property): return check(property, document)
        case .approval(let approval): return check(approval, document)
        case .record(let record): return check(record, document)
        case .document: return checkDocument(document)
        case .waiver: return checkWaiver(document, item: item)
        case .oneOf: return .fails("alternatives are judged one by one")
        }
    }

    private func check(_ log: Expectation.Log, _ document: EvidenceDocument) -> Check {
        guard case .log(let extract) = document.content else { return .fails("\(document.path) is not a log extract") }
        let wanted = log.kinds.isEmpty ? LogEventKind.allCases : log.kinds
        let present = wanted.compactMap { kind in extract.kinds[kind].map { (kind, $0) } }.filter { $0.1.count > 0 }
        let named = log.kinds.isEmpty ? "" : log.kinds.map(\.rawValue).joined(separator: " or ") + " "
        guard !present.isEmpty else { return .fails("\(document.path) holds no \(named)event") }
        for field in log.fields {
            for (kind, summary) in present where (summary.fields[field] ?? 0) < summary.count {
                let lacking = summary.count - (summary.fields[field] ?? 0)
                return .fails("\(lacking) of \(summary.count) \(kind.rawValue) events in \(document.path) lack \(field.rawValue)")
            }
        }
        let count = present.reduce(0) { $0 + $1.1.count }
        return .shows("\(document.path) (\(count) \(named)event\(count == 1 ? "" : "s"))")
    }

    /// Nil when the events of the wanted kinds span enough of the audit period; otherwise why not.
    private func coverageShortfall(_ log: Expectation.Log, share: Double, logs: [EvidenceDocument]) -> String? {
        let wanted = Int((share * 100).rounded())
        guard let period = auditPeriod else {
            return "a share of the audit period (\(wanted) %) is asked, but dossier.yml sets no audit_period to measure it against"
        }
        let start = period.start.timeIntervalSince1970
        let end = period.end.timeIntervalSince1970 + 86_400
        let spans = logs.flatMap { document -> [(Double, Double)] in
            guard case .log(let extract) = document.content else { return [] }
            return (log.kinds.isEmpty ? LogEventKind.allCases : log.kinds).compactMap { kind in
                guard let summary = extract.kinds[kind], let first = summary.first, let last = summary.last else { return nil }
                return (max(first, start), min(last, end))
            }.filter { $0.0 < $0.1 }
        }.sorted { $0.0 < $1.0 }
        // The union of the spans, clipped to the period.
        var covered = 0.0
        var reach = start
        for (from, to) in spans where to > reach {
            covered += to - max(from, reach)
            reach = to
        }
        let got = covered / (end - start)
        guard got + 1e-9 < share else { return nil }
        return "the events span \(Int((got * 100).rounded(.down))) % of the audit period \(ISODate.day(period.start)) to \(ISODate.day(period.end)), below the \(wanted) % asked; link extracts covering the rest"
    }

    private func check(_ property: DataFlowProperty, _ document: EvidenceDocument) -> Check {
        guard case .dataFlow? = document.record else { return .fails("\(document.path) is not a data-flow graph") }
        if let against = brokenProperties[document.path]?[property], let first = against.first {
            let place = first.location.map { "\(document.path):\($0.line)" } ?? document.path
            return .fails("\(place) does not show it (\(first.identifier): \(first.summary))")
        }
        return .shows(document.path)
    }

    private func check(_ expected: Expectation.Approval, _ document: EvidenceDocument) -> Check {
        guard case .approval(let approval)? = document.record else { return .fails("\(document.path) is not an approval") }
        switch (expected.subject, approval.subject) {
        case (nil, _):
            break
        case (Expectation.releaseSubject?, .release):
            break
        case (Expectation.releaseSubject?, .file(let path, _, _)):
            return .fails("\(approval.id) approves the file \(path), not a release")
        case (let kind?, .file(let path, _, _)):
            // A file in a source root is not evidence: it counts as a document.
            let found = byPath[path]?.evidenceKind ?? "document"
            if found != kind { return .fails("\(approval.id) approves \(path), a \(found), not a \(kind)") }
        case (let kind?, .release(let name)):
            return .fails("\(approval.id) approves release \(name), not a \(kind) file")
        }
        if !expected.roles.isEmpty {
            let role = approval.approver.role ?? ""
            if !expected.roles.contains(where: { role.range(of: $0, options: .caseInsensitive) != nil }) {
                return .fails("\(approval.id) is approved by \(approval.approver.description), not by \(expected.roles.joined(separator: " or "))")
            }
        }
        return .shows("\(document.path) (\(approval.id), \(approval.approver.description))")
    }

    private func check(_ record: Expectation.Record, _ document: EvidenceDocument) -> Check {
        guard let tree = document.tree ?? document.frontMatter else { return .fails("\(document.path) has no fields to read") }
        let missing = record.fields.filter { !Self.states(tree, path: $0.split(separator: ".").map(String.init)[...]) }
        guard missing.isEmpty else {
            return .fails("\(document.path) does not state \(missing.joined(separator: ", "))")
        }
        let lines = record.fields.compactMap { field in field.split(separator: ".").first.flatMap { tree[String($0)]?.location.line } }
        return .shows(lines.min().map { "\(document.path):\($0)" } ?? document.path)
    }

    /// Whether `path` leads to a stated value: through a list, every element must state the rest.
    static func states(_ node: JSONNode, path: ArraySlice<String>) -> Bool {
        if let elements = node.elements {
            return !elements.isEmpty && elements.allSatisfy { states($0, path: path) }
        }
        guard let key = path.first else {
            switch node.value {
            case .null: return false
            case .string(let text): return !text.trimmingCharacters(in: .whitespaces).isEmpty && !PlaceholderChecker.isPlaceholder(text)
            case .object(let members): return !members.isEmpty
            case .array, .number, .bool: return true
            }
        }
        guard let child = node[key] else { return false }
        return states(child, path: path.dropFirst())
    }

    private func checkDocument(_ document: EvidenceDocument) -> Check {
        guard let front = document.frontMatter ?? document.tree else {
            return .fails("\(document.path) has no front matter naming its owner and review date (owner, reviewed_at, freshness)")
        }
        let missing = ["owner", "reviewed_at"].filter { !Self.states(front, path: [$0][...]) }
        guard missing.isEmpty else { return .fails("\(document.path) does not state \(missing.joined(separator: " or ")) in its front matter") }
        let line = front["reviewed_at"]?.location.line
        return .shows(line.map { "\(document.path):\($0)" } ?? document.path)
    }

    private func checkWaiver(_ document: EvidenceDocument, item: ChecklistDefinition.Item) -> Check {
        guard case .waiver(let waiver)? = document.record else { return .fails("\(document.path) is not a waiver") }
        guard item.controls[waiver.framework]?.contains(waiver.control) == true else {
            return .fails("waiver \(waiver.id) covers \(waiver.framework) \(waiver.control), which is not one of this item's controls")
        }
        if waiver.expiresAt.addingTimeInterval(86_400) <= buildDate { return .fails("waiver \(waiver.id) expired on \(ISODate.day(waiver.expiresAt))") }
        if waiver.grantedAt > buildDate { return .fails("waiver \(waiver.id) is granted only from \(ISODate.day(waiver.grantedAt))") }
        return .shows("\(document.path) (waiver \(waiver.id) until \(ISODate.day(waiver.expiresAt)))")
    }
}

extension EvidenceDocument {
    /// The front matter of a Markdown file, where its owner and review date are stated.
    var frontMatter: JSONNode? {
        if case .markdown(let markdown) = content { return markdown.frontMatter }
        return nil
    }
}
