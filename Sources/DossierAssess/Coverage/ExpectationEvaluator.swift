import DossierIntake
import DossierModel
import Foundation

/// Judges an item's expectations against the evidence linked from its answer. Each expectation is
/// met only by a linked file of its kind that is not unsound and shows what it asks; a stale file
/// meets it as stale.
package struct ExpectationEvaluator {
    package var byPath: [String: EvidenceDocument]
    /// Standing of each evidence path, from the rules; paths not listed are sound.
    package var standing: [String: EvidenceStanding]
    /// Per graph file, the data-flow findings (warning and above) against each property.
    package var brokenProperties: [String: [DataFlowProperty: [Diagnostic]]]
    package var auditPeriod: PackConfiguration.AuditPeriod?
    package var buildDate: Date
    /// The release the pack is built for: an approval of another release proves nothing for it.
    package var release: String? = nil
    /// The file of each processing activity's record, by activity ID (the first by path when two claim one).
    package var recordPaths: [String: String] = [:]
    /// The policy's freshness windows and the zone a date without one is read in, for a document
    /// expectation that names a window.
    package var freshness = PackConfiguration.Freshness()
    package var timeZone = ISODate.utc
    /// The files an approval may approve, when the item expects files of that kind otherwise too:
    /// those that met that expectation (`evaluate(_:item:linked:integration:)` over all of them).
    var approvable: (kind: String, paths: Set<String>)? = nil

    /// What a candidate file showed: met (with what to cite) or not (with why).
    private enum Check {
        case shows(String)
        /// Shows it, but older than the window the item holds it to.
        case showsStale(String)
        case fails(String)
    }

    /// Each of an item's expectations. An approval of a kind of file the item expects otherwise too
    /// must approve a file that met that expectation: an approved draft beside a current review
    /// that no one approved shows no approved review, and an approved old graph beside the current
    /// one shows no review of the current one. Those expectations are judged first.
    package func evaluate(_ expectations: [Expectation], item: ChecklistDefinition.Item, linked: [EvidenceDocument], integration: String? = nil) -> [ExpectationOutcome] {
        var outcomes: [ExpectationOutcome?] = expectations.map { expectation in
            if case .approval = expectation { return nil }
            return evaluate(expectation, item: item, linked: linked, integration: integration)
        }
        for (index, expectation) in expectations.enumerated() {
            guard case .approval(let approval) = expectation else { continue }
            var scoped = self
            if let kind = approval.subject, kind != Expectation.releaseSubject {
                let showing = zip(expectations, outcomes).filter { $0.0.evidenceKinds.contains(kind) }.compactMap(\.1)
                // A file that met every such expectation: an approved graph showing one property, beside
                // an unapproved one showing the other, approves neither whole.
                if let first = showing.first {
                    scoped.approvable = (kind, showing.dropFirst().reduce(Set(first.evidence)) { $0.intersection($1.evidence) })
                }
            }
            outcomes[index] = scoped.evaluate(expectation, item: item, linked: linked, integration: integration)
        }
        return outcomes.map { $0! }
    }

    /// `integration` is the processing activity the answers concern: a graph or record of another
    /// activity proves nothing about this one.
    package func evaluate(_ expectation: Expectation, item: ChecklistDefinition.Item, linked: [EvidenceDocument], integration: String? = nil) -> ExpectationOutcome {
        if case .oneOf(let alternatives) = expectation {
            let outcomes = alternatives.map { evaluate($0, item: item, linked: linked, integration: integration) }
            let order: [ExpectationOutcome.State] = [.met, .stale, .unmet]
            // A met alternative that is not a waiver is the better proof: a waiver only accepts a gap.
            let best = outcomes.min { (order.firstIndex(of: $0.state)!, $0.waives == nil ? 0 : 1) < (order.firstIndex(of: $1.state)!, $1.waives == nil ? 0 : 1) }!
            let reason = best.state == .unmet
                ? "none holds: " + outcomes.map(\.text).joined(separator: "; ")
                : "\(best.expectation.summary) holds: \(best.reason)"
            return ExpectationOutcome(expectation: expectation, state: best.state, evidence: best.evidence, reason: reason, waives: best.waives)
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
            if let other = Self.activity(of: document), other != integration {
                failures.append(integration.map { "\(document.path) concerns activity \(other), not \($0)" }
                    ?? "\(document.path) concerns activity \(other), but the answers name no activity it could be checked against (their 'integration:' is missing, or names no record of processing that could be read)")
                continue
            }
            if case .log = expectation, let integration, let why = otherPipeline(document, integration: integration) {
                failures.append(why)
                continue
            }
            switch check(expectation, document, item: item, linked: Set(linked.map(\.path)), integration: integration) {
            case .fails(let why): failures.append(why)
            case .showsStale(let cited): stale.append((document, cited))
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
            var met = ExpectationOutcome(expectation: expectation, state: .met, evidence: sound.map(\.0.path), reason: "met by " + sound.map(\.1).joined(separator: ", "))
            if case .waiver? = expectation as Expectation?, case .waiver(let waiver)? = sound.first?.0.record {
                met.waives = "\(waiver.framework) \(waiver.control)"
            }
            return met
        }
        if !stale.isEmpty {
            return ExpectationOutcome(expectation: expectation, state: .stale, evidence: stale.map(\.0.path),
                                      reason: "met only by stale evidence: " + stale.map(\.1).joined(separator: ", "))
        }
        return ExpectationOutcome(expectation: expectation, state: .unmet, evidence: [], reason: "not met: " + failures.joined(separator: "; "))
    }

    private func check(
        _ expectation: Expectation, _ document: EvidenceDocument, item: ChecklistDefinition.Item, linked: Set<String>, integration: String?
    ) -> Check {
        switch expectation {
        case .log(let log): return check(log, document)
        case .dataFlow(let property): return check(property, document)
        case .approval(let approval): return check(approval, document, linked: linked, integration: integration)
        case .record(let record): return check(record, document)
        case .document(_, let window): return checkDocument(document, window: window)
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
        if log.succeeded, present.allSatisfy({ $0.1.failures >= $0.1.count }) {
            return .fails("every \(named)event in \(document.path) failed: none shows it working")
        }
        let count = present.reduce(0) { $0 + $1.1.count }
        return .shows("\(document.path) (\(count) \(named)event\(count == 1 ? "" : "s"))")
    }

    /// Nil when the events of the wanted kinds fall on enough days of the audit period; otherwise why
    /// not. Coverage counts days with an event, so a gap is a gap however far apart its ends are.
    private func coverageShortfall(_ log: Expectation.Log, share: Double, logs: [EvidenceDocument]) -> String? {
        let wanted = Int((share * 100).rounded())
        guard let period = auditPeriod else {
            return "a share of the audit period (\(wanted) %) is asked, but dossier.yml sets no audit_period to measure it against"
        }
        let first = Int((period.start.timeIntervalSince1970 / 86_400).rounded(.down))
        // Days after the build date cannot have been logged yet: the period is measured up to it.
        let last = Int((min(period.end, buildDate).timeIntervalSince1970 / 86_400).rounded(.down))
        guard last >= first else {
            return "the audit period starts \(ISODate.day(period.start)), after the build date: none of it can have been logged yet"
        }
        let covered = logs.reduce(into: Set<Int>()) { days, document in
            guard case .log(let extract) = document.content else { return }
            for kind in log.kinds.isEmpty ? LogEventKind.allCases : log.kinds {
                days.formUnion(extract.kinds[kind]?.days.filter { (first...last).contains($0) } ?? [])
            }
        }
        let total = last - first + 1
        let got = Double(covered.count) / Double(max(total, 1))
        guard got + 1e-9 < share else { return nil }
        return "events fall on \(covered.count) of the \(total) days of the audit period \(ISODate.day(period.start)) to \(ISODate.day(period.end)) (\(Int((got * 100).rounded(.down))) %), below the \(wanted) % asked; link extracts covering the rest"
    }

    private func check(_ property: DataFlowProperty, _ document: EvidenceDocument) -> Check {
        guard case .dataFlow(let graph)? = document.record else { return .fails("\(document.path) is not a data-flow graph") }
        // What the graph draws is judged with the record it is bound to: a transfer the graph shows as
        // documented fails there when the record's transfer has no safeguard.
        let record = graph.activity.flatMap { recordPaths[$0] }
        let against = [document.path, record].compactMap { $0 }.flatMap { brokenProperties[$0]?[property] ?? [] }
        if let first = against.first {
            let place = (first.file ?? document.path) + (first.location.map { ":\($0.line)" } ?? "")
            return .fails("\(place) does not show it (\(first.identifier): \(first.summary))")
        }
        return .shows(document.path)
    }

    /// A sound approval of what this answer links: of a file of the expected kind that the answer links
    /// beside it (an approval of some other record proves nothing here), given by someone other than
    /// the file's author or owner, in an expected role; or of this pack's release.
    private func check(_ expected: Expectation.Approval, _ document: EvidenceDocument, linked: Set<String>, integration: String?) -> Check {
        guard case .approval(let approval)? = document.record else { return .fails("\(document.path) is not an approval") }
        switch (expected.subject, approval.subject) {
        case (nil, _):
            break
        case (Expectation.releaseSubject?, .release(let name)):
            guard let release else {
                return .fails("\(approval.id) approves release \(name), but the pack names no release to match it (build with --release, or set release in dossier.yml)")
            }
            if name != release { return .fails("\(approval.id) approves release \(name), not this pack's release \(release)") }
        case (Expectation.releaseSubject?, .file(let path, _, _)):
            return .fails("\(approval.id) approves the file \(path), not a release")
        case (let kind?, .file(let path, _, _)):
            // A file in a source root is not evidence: it counts as a document.
            let subject = byPath[path]
            let found = subject?.evidenceKind ?? "document"
            if found != kind { return .fails("\(approval.id) approves \(path), \(Self.article(found)) \(found), not \(Self.article(kind)) \(kind)") }
            guard linked.contains(path) else {
                return .fails("\(approval.id) approves \(path), which this answer does not link; link the approved \(kind) beside its approval")
            }
            if let approvable, approvable.kind == kind, !approvable.paths.contains(path) {
                let shown = approvable.paths.sorted()
                return .fails("\(approval.id) approves \(path), not the \(kind) that shows the rest of this item"
                    + (shown.isEmpty ? " (none does yet)" : " (\(shown.joined(separator: ", "))): have that one approved"))
            }
            if let integration, let other = subject.flatMap(Self.activity), other != integration {
                return .fails("\(approval.id) approves \(path), which concerns activity \(other), not \(integration)")
            }
            if let (_, role) = subject.map(Self.responsible)?.first(where: { PersonName.same($0.name, approval.approver.name) }) {
                return .fails("\(approval.id) is given by \(approval.approver.name), \(role) \(path): a second person must review it")
            }
        case (let kind?, .release(let name)):
            return .fails("\(approval.id) approves release \(name), not \(Self.article(kind)) \(kind) file")
        }
        if !expected.roles.isEmpty, !PersonName.role(approval.approver.role, holdsOneOf: expected.roles) {
            return .fails("\(approval.id) is approved by \(approval.approver.description), not by \(expected.roles.joined(separator: " or "))")
        }
        return .shows("\(document.path) (\(approval.id), \(approval.approver.description))")
    }

    /// Why a log extract shows another pipeline at work than the activity's: every identity in it is
    /// known, and none is one of the service accounts the activity's record lists. Nil when it may be
    /// this activity's (an identity is its own, the record lists none, or the log names no identities).
    private func otherPipeline(_ document: EvidenceDocument, integration: String) -> String? {
        guard case .log(let extract) = document.content, !extract.identities.isEmpty, !extract.identitiesTruncated,
              let record = recordPaths[integration], case .processingActivity(let activity)? = byPath[record]?.record,
              !activity.credentials.isEmpty else { return nil }
        let own = activity.credentials.map(\.serviceAccount)
        guard !extract.identities.contains(where: { AccessRule.names($0, anyOf: own) }) else { return nil }
        let names = extract.identities.sorted()
        let shown = names.prefix(3).map { "'\($0)'" }.joined(separator: ", ") + (names.count > 3 ? " and \(names.count - 3) more" : "")
        return "\(document.path) logs another pipeline: its events are by \(shown), none of them a service account of \(integration) (\(own.joined(separator: ", ")))"
    }

    /// The processing activity a graph or record concerns, when it says.
    private static func activity(of document: EvidenceDocument) -> String? {
        switch document.record {
        case .dataFlow(let graph)?: graph.activity
        case .processingActivity(let activity)?: activity.id
        default: nil
        }
    }

    /// Who answers for a file, and how they are to it: a graph's author, a record's owner and deputy
    /// (who acts for the owner, so reviews nothing of theirs), a document's `owner`.
    private static func responsible(for document: EvidenceDocument) -> [(name: String, role: String)] {
        switch document.record {
        case .dataFlow(let graph)?:
            return graph.author.map { [($0.name, "who wrote")] } ?? []
        case .processingActivity(let activity)?:
            return [activity.owner.map { ($0.name, "who owns") }, activity.deputy.map { ($0.name, "the deputy owner of") }].compactMap { $0 }
        default:
            return ((document.frontMatter ?? document.tree)?["owner"]?.string).map { [($0, "who owns")] } ?? []
        }
    }

    /// `a` or `an`, for a kind named in a reason.
    package static func article(_ word: String) -> String {
        word.first.map { "aeio".contains($0) } == true ? "an" : "a"
    }

    private func check(_ record: Expectation.Record, _ document: EvidenceDocument) -> Check {
        guard let tree = document.tree ?? document.frontMatter else { return .fails("\(document.path) has no fields to read") }
        // An agreement an item asks for governs processing; a non-disclosure agreement does not.
        if case .agreement(let agreement)? = document.record, agreement.type == .nda {
            return .fails("\(document.path) is a non-disclosure agreement (\(agreement.id)), which sets no terms for processing personal data")
        }
        let missing = record.fields.filter { field in
            // `training_opt_out=true`: the field must hold that value, not merely be there.
            let (path, wanted) = Expectation.splitField(field)
            return !Self.states(tree, path: path.split(separator: ".").map(String.init)[...], equal: wanted)
        }
        guard missing.isEmpty else {
            return .fails("\(document.path) does not state \(missing.joined(separator: ", "))")
        }
        let lines = record.fields.compactMap { field in Expectation.splitField(field).path.split(separator: ".").first.flatMap { tree[String($0)]?.location.line } }
        return .shows(lines.min().map { "\(document.path):\($0)" } ?? document.path)
    }

    /// Whether `path` leads to a stated value (equal to `equal`, when given, as written): through a
    /// list, every element must state the rest.
    package static func states(_ node: JSONNode, path: ArraySlice<String>, equal: String? = nil) -> Bool {
        if let elements = node.elements {
            return !elements.isEmpty && elements.allSatisfy { states($0, path: path, equal: equal) }
        }
        guard let key = path.first else {
            if let equal {
                switch node.value {
                case .string(let text): return text == equal
                case .number(let text): return text == equal
                case .bool(let flag): return String(flag) == equal
                default: return false
                }
            }
            switch node.value {
            case .null: return false
            case .string(let text): return !text.trimmingBlanks.isEmpty && !PlaceholderRule.statesNothing(text)
            case .object(let members): return !members.isEmpty
            case .array, .number, .bool: return true
            }
        }
        guard let child = node[key] else { return false }
        return states(child, path: path.dropFirst(), equal: equal)
    }

    /// Words that stand where a name will go.
    package static let undecided: Set<String> = ["tbd", "tba", "todo", "to do", "unknown", "n/a", "na", "none", "nobody", "-", "?", "owner"]

    /// `window`: the policy's window the item holds the document to, whatever longer one it gives itself.
    private func checkDocument(_ document: EvidenceDocument, window: String?) -> Check {
        guard let front = document.frontMatter ?? document.tree else {
            return .fails("\(document.path) has no front matter naming its owner and review date (owner, reviewed_at, freshness)")
        }
        // An owner still to be found is no owner: said first, since `TBD` is also filler that states nothing.
        if let owner = front["owner"]?.string, Self.undecided.contains(owner.trimmingBlanks.lowercased()) {
            return .fails("\(document.path) names no owner yet ('\(owner)'); name the person who answers for it")
        }
        let missing = ["owner", "reviewed_at"].filter { !Self.states(front, path: [$0][...]) }
        guard missing.isEmpty else { return .fails("\(document.path) does not state \(missing.joined(separator: " or ")) in its front matter") }
        let line = front["reviewed_at"]?.location.line
        let cited = line.map { "\(document.path):\($0)" } ?? document.path
        if let window, let days = FreshnessRule.days(of: window, freshness: freshness),
           let reviewed = front["reviewed_at"]?.string.flatMap({ ISODate.parse($0, zone: timeZone) }),
           FreshnessRule.standing(reviewed: reviewed, days: days, buildDate: buildDate) == .stale {
            return .showsStale("\(cited) (reviewed \(ISODate.day(reviewed)), older than the \(days)-day \(window) window this item holds it to)")
        }
        return .shows(cited)
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
    package var frontMatter: JSONNode? {
        if case .markdown(let markdown) = content { return markdown.frontMatter }
        return nil
    }
}
