import DossierIntake
import DossierModel
import Foundation

/// Decides each control's verdict from the items that evidence it, applicability decisions,
/// waivers and — for controls nothing evidences directly — mappings that can carry a verdict.
package struct ControlVerdictAssessor: Sendable {
    package var content: ComplianceContent
    package var items: [ItemAssessment]
    package var decisions: [(decision: ApplicabilityDecisions.Decision, file: String)]
    package var waivers: [(waiver: Waiver, file: String)]
    package var buildDate: Date
    /// Standing of each evidence path: a waiver with errors (self-approved, unknown control) accepts nothing.
    package var standing: [String: EvidenceStanding] = [:]
    /// The records of processing (GDPR Art. 30), with their files: each is evidence for the points of
    /// Art. 30(1) it states.
    package var records: [(activity: ProcessingActivity, file: String)] = []
    /// Rule findings (warning and above): those whose IDs weigh on controls (`RuleContext.controlsAffected`)
    /// and those that name the controls they leave unmet (`RuleFinding.fails`).
    package var findings: [RuleFinding] = []
    /// Error diagnostics by file: a record with an error on it proves no point, whatever it states.
    package var errors: [String: [Diagnostic]] = [:]

    package func assess(frameworks: [String]) -> [ControlVerdict] {
        let lookup = Lookup(self)
        // Each control's verdict is worked out on its own (then a carried one reads the others'): side by side.
        let controls = frameworks.compactMap(content.catalog).flatMap { catalog in catalog.controls.map { (catalog, $0) } }
        let own = ParallelMap.map(controls) { catalog, control in directVerdict(catalog: catalog, control: control, lookup: lookup) }
        let byKey = Dictionary(own.map { ($0.verdict.framework + " " + $0.verdict.control, $0.verdict) }, uniquingKeysWith: { first, _ in first })
        return ParallelMap.map(own) { verdict, evidencedDirectly in
            var result = verdict
            // Only a control nothing evidences directly, and not decided out, takes another's verdict.
            if !evidencedDirectly, verdict.decision?.decision.applicable != false, let carried = carry(to: verdict, from: byKey) { result = carried }
            return applyWaiver(to: applyFindings(to: result, lookup: lookup))
        }
    }

    /// The verdict from the control's own evidence and decision, and whether any evidence (an item or
    /// a record) bears on it directly.
    private func directVerdict(catalog: Catalog, control: Catalog.Control, lookup: Lookup) -> (verdict: ControlVerdict, evidencedDirectly: Bool) {
        let key = Lookup.Key(framework: catalog.framework, control: control.id)
        var verdict = ControlVerdict(
            framework: catalog.framework, control: control.id, title: control.title, status: .outOfScope, chain: [], items: [],
            evidence: [], waiver: nil, mapped: content.mapped(to: control.id, in: catalog.framework))
        let decided = lookup.decisions[key].map { decisions[$0] }
        verdict.decision = decided.map { ControlDecision(decision: $0.decision, file: $0.file) }
        // An explicit `applicable: undecided` decides nothing.
        let decision = decided.flatMap { $0.decision.applicable == nil ? nil : $0 }
        if let decision, decision.decision.applicable == false {
            verdict.status = .notApplicable
            verdict.chain = [DerivationStep(text: "not applicable per \(decision.file): \(decision.decision.justification ?? "")", evidence: [decision.file])]
            verdict.evidence = [decision.file]
            // Items answered as done say the control is in practice: named on its page, not left out
            // (`ExcludedControls` reports the conflict).
            let answered = (lookup.items[key] ?? []).map { lookup.lines[$0] }.filter(\.status.isAnsweredDone)
            if !answered.isEmpty {
                verdict.items = answered.map(\.reference)
                verdict.chain.append(DerivationStep(
                    text: "but answered as done: " + answered.map { "\($0.reference) (\($0.status.label.lowercased()))" }.joined(separator: ", "),
                    evidence: Array(Set(answered.flatMap(\.step.evidence))).sorted(), decides: true))
            }
            return (verdict, false)
        }
        let relevant = (lookup.items[key] ?? []).map { lookup.lines[$0] }
        // An Art. 30(1) point is first a matter of the records of processing: each counts as a piece of
        // evidence, proven when it states the point. The items that map to it count beside them.
        let records = recordSteps(for: catalog.framework, control.id, points: lookup.points)
        verdict.items = relevant.map(\.reference)
        verdict.chain = records.map(\.step) + relevant.map(\.step)
        verdict.evidence = Array(Set(records.flatMap(\.step.evidence) + relevant.flatMap(\.step.evidence))).sorted()
        if relevant.isEmpty && records.isEmpty {
            if let decision {
                verdict.status = .missing
                verdict.chain = [DerivationStep(text: "declared applicable in \(decision.file), but no answered checklist item evidences it", evidence: [decision.file])]
            } else if catalog.requiresDecisions {
                verdict.status = .undecided
                verdict.chain = [DerivationStep(
                    text: "no applicability decision, and no item of an answered checklist evidences it; decide it in a kind: applicability file",
                    evidence: [], decides: true)]
            } else {
                verdict.chain = [DerivationStep(text: "no item of an answered checklist evidences it", evidence: [])]
            }
            return (verdict, false)
        }
        let counted = relevant.filter { $0.status != .notApplicable }
        if counted.isEmpty && records.isEmpty, let decision, decision.decision.applicable == true {
            // Items marked N/A cannot overrule the organisation's own decision that the control applies.
            verdict.status = .missing
            verdict.chain.insert(DerivationStep(
                text: "declared applicable in \(decision.file), but every item that evidences it is marked N/A", evidence: [decision.file], decides: true), at: 0)
            return (verdict, true)
        }
        verdict.status = counted.isEmpty && records.isEmpty ? .notApplicable : Self.status(
            proven: records.count(where: \.stated) + counted.count { $0.status == .proven }, stale: counted.count { $0.status == .stale },
            of: records.count + counted.count)
        return (verdict, true)
    }

    /// An item whose proof is a waiver closes no gap: the waiver accepts one. For every control it
    /// counts as claimed, so the control falls short, and the waiver, where it covers the control,
    /// is applied to the verdict like any other.
    package static func limitedToItsWaiver(_ item: ItemAssessment) -> ItemAssessment {
        guard item.status == .proven, let waived = item.provenOnlyFor else { return item }
        var limited = item
        limited.status = .claimed
        limited.reason = "rests on a waiver for \(waived.sorted().joined(separator: ", ")), which accepts the gap rather than closing it"
        return limited
    }

    /// An item's line in a control's reasons; one not proven is why the control falls short.
    package static func step(_ item: ItemAssessment) -> DerivationStep {
        // "ACC-1 proven: proven: …" says it twice: a reason opening with the status word drops it.
        let label = item.status.label.lowercased()
        var reason = Substring(item.reason)
        for prefix in [label + ": ", label + " "] where reason.hasPrefix(prefix) { reason = reason.dropFirst(prefix.count) }
        return DerivationStep(text: "\(item.reference) \(label): \(reason)", evidence: item.acceptedEvidence,
                       decides: ![.proven, .notApplicable].contains(item.status))
    }

    /// The status of a control from how many of its `total` counted pieces of evidence are proven and stale.
    package static func status(proven: Int, stale: Int, of total: Int) -> ControlStatus {
        if proven == total { return .satisfied }
        if proven + stale == total { return .stale }
        if proven + stale == 0 { return .missing }
        return .partial
    }

    /// For a GDPR Art. 30(1) point, what each record of processing says of it; empty for other controls,
    /// or when the folder has no record.
    private func recordSteps(
        for framework: String, _ control: String, points: [[ProcessingRecordRule.Point]]
    ) -> [(step: DerivationStep, stated: Bool)] {
        guard framework == "gdpr" else { return [] }
        return zip(records, points).compactMap { record, points -> (step: DerivationStep, stated: Bool)? in
            guard let point = points.first(where: { $0.point == control }) else { return nil }
            // An error that names the controls it bears on weighs on those only; one in a field, on the
            // points that field states; any other, on every point.
            let onRecord = (errors[record.file] ?? []).filter { error in
                error.weighsOn.isEmpty ? error.bears(onFields: point.fields) : error.weighsOn[framework]?.contains(control) == true
            }
            let text = point.stated && !onRecord.isEmpty
                ? "\(record.file) \(point.reading), but proves nothing while it has errors: " + onRecord.map(\.identifier).joined(separator: ", ")
                : "\(record.file) \(point.reading)"
            let proves = point.stated && onRecord.isEmpty
            return (DerivationStep(text: text, evidence: [record.file], decides: !proves), proves)
        }
    }

    /// A control nothing evidences takes the verdict of a control that covers all of it (an
    /// equivalent or a superset by some mapping), saying which mapping and relationship carried it.
    private func carry(to verdict: ControlVerdict, from verdicts: [String: ControlVerdict]) -> ControlVerdict? {
        let carriers = verdict.mapped.filter { $0.relationship.inverse.carriesVerdict }.compactMap { mapped -> (MappedControl, ControlVerdict)? in
            guard let source = verdicts[mapped.framework + " " + mapped.control],
                  ![.outOfScope, .notApplicable, .undecided].contains(source.status) else { return nil }
            return (mapped, source)
        }
        // The weakest carrier decides: one satisfied mapping cannot hide another that is missing.
        guard let (mapped, source) = carriers.max(by: { $0.1.status < $1.1.status }) else { return nil }
        var carried = verdict
        carried.status = source.status
        let relation = mapped.relationship == .equivalent ? "equivalent to" : "contained in"
        // A decision that the control applies stays on record above the carried reasons.
        let declared = verdict.decision.flatMap { $0.decision.applicable == true ? $0.file : nil }
        carried.chain = declared.map { [DerivationStep(text: "declared applicable in \($0)", evidence: [$0])] } ?? []
        carried.chain += [DerivationStep(
            text: "carried from \(FrameworkName.of(source.framework)) \(source.control) (\(source.status.rawValue)), which it is \(relation) by mapping \(mapped.mapping)",
            evidence: source.evidence, decides: true)] + source.chain
        carried.evidence = Array(Set(source.evidence + (declared.map { [$0] } ?? []))).sorted()
        carried.items = source.items
        return carried
    }

    /// A rule that found a problem bearing on the control: a satisfied control becomes partial, and one
    /// nothing else evidenced becomes missing; a finding that names the control as unmet makes it
    /// missing. The finding joins the reasons either way.
    private func applyFindings(to verdict: ControlVerdict, lookup: Lookup) -> ControlVerdict {
        let key = Lookup.Key(framework: verdict.framework, control: verdict.control)
        let failing = (lookup.failing[key] ?? []).map { findings[$0].diagnostic }
        let relevant = (lookup.affecting[key] ?? []).map { findings[$0].diagnostic } + failing
        guard !relevant.isEmpty else { return verdict }
        var result = verdict
        for finding in relevant {
            let place = (finding.file ?? "") + (finding.location.map { ":\($0.line)" } ?? "")
            let step = DerivationStep(text: "\(finding.identifier) at \(place): \(finding.summary)", evidence: finding.file.map { [$0] } ?? [], decides: true)
            // A finding that fails the control outright is the first reason given for it.
            if failing.contains(finding) { result.chain.insert(step, at: 0) } else { result.chain.append(step) }
        }
        if result.status == .satisfied { result.status = .partial }
        if [.outOfScope, .undecided].contains(result.status) || (!failing.isEmpty && result.status != .notApplicable) { result.status = .missing }
        result.evidence = Array(Set(result.evidence + relevant.compactMap(\.file))).sorted()
        return result
    }

    private func applyWaiver(to verdict: ControlVerdict) -> ControlVerdict {
        guard [.partial, .missing, .stale].contains(verdict.status) else { return verdict }
        var result = verdict
        for (waiver, file) in waivers where waiver.framework == verdict.framework && waiver.control == verdict.control {
            if waiver.expiresAt.addingTimeInterval(86_400) <= buildDate {
                result.chain.append(DerivationStep(text: "waiver \(waiver.id) expired on \(ISODate.day(waiver.expiresAt)) and no longer applies", evidence: [file]))
            } else if case .unsound(let why)? = standing[file] {
                result.chain.append(DerivationStep(text: "waiver \(waiver.id) does not apply: \(why)", evidence: [file]))
            } else if waiver.grantedAt <= buildDate {
                result.waiver = waiver.id
                result.chain.append(DerivationStep(text: "gap accepted by waiver \(waiver.id) until \(ISODate.day(waiver.expiresAt))", evidence: [file]))
            }
        }
        return result
    }

    /// What each control's verdict looks up, gathered in one pass over the items, decisions, findings and
    /// records: filtering all of them for each of ~120 controls was most of the verdicts' time at
    /// 10 000 files. Each list keeps the order of what it indexes, so verdicts read exactly as before.
    fileprivate struct Lookup: Sendable {
        struct ItemLine: Sendable {
            var reference: String
            var status: ItemStatus
            /// Its line in the control's reasons, citing the evidence it relies on.
            var step: DerivationStep
        }

        /// An item's line in a control: as it counts there (`limitedToItsWaiver`), with its step. An
        /// item a waiver alone proves is named as the checklist shows it, proven, with why it closes no
        /// gap: "claimed, unproven" here beside "Proven" on the checklist read as two verdicts on one item.
        static func line(_ item: ItemAssessment) -> ItemLine {
            let limited = ControlVerdictAssessor.limitedToItsWaiver(item)
            let step = limited.status == item.status ? ControlVerdictAssessor.step(item)
                : DerivationStep(text: "\(item.reference) proven by a waiver only: it \(limited.reason)", evidence: item.acceptedEvidence, decides: true)
            return ItemLine(reference: item.reference, status: limited.status, step: step)
        }

        struct Key: Hashable {
            var framework: String
            var control: String
        }

        /// What a verdict takes from each item (limited to its waiver), in `items` order: made once per
        /// item, not once for each control it maps to.
        var lines: [ItemLine]
        /// Indices into `items` (and `lines`) of the items mapped to each control.
        var items: [Key: [Int]] = [:]
        /// The index of the first decision on each control.
        var decisions: [Key: Int] = [:]
        /// Indices into `findings` of those whose ID weighs on each control (`RuleContext.controlsAffected`).
        var affecting: [Key: [Int]] = [:]
        /// Indices into `findings` of those that name each control as unmet (`RuleFinding.fails`).
        var failing: [Key: [Int]] = [:]
        /// Each record's Art. 30(1) points, in `records` order.
        var points: [[ProcessingRecordRule.Point]]

        init(_ assessor: ControlVerdictAssessor) {
            lines = assessor.items.map(Self.line)
            for (index, item) in assessor.items.enumerated() { Self.add(index, under: item.item.controls, to: &items) }
            for (index, (decision, _)) in assessor.decisions.enumerated() {
                let key = Key(framework: decision.framework, control: decision.control)
                if decisions[key] == nil { decisions[key] = index }
            }
            for (index, finding) in assessor.findings.enumerated() {
                Self.add(index, under: RuleContext.controlsAffected[finding.diagnostic.identifier] ?? [:], to: &affecting)
                Self.add(index, under: finding.fails, to: &failing)
            }
            points = assessor.records.map { ProcessingRecordRule.points(of: $0.activity) }
        }

        /// Files `index` under each control it names; once per control, however often it is named.
        private static func add(_ index: Int, under controls: [String: [String]], to lists: inout [Key: [Int]]) {
            for (framework, ids) in controls {
                for id in ids {
                    let key = Key(framework: framework, control: id)
                    if lists[key]?.last != index { lists[key, default: []].append(index) }
                }
            }
        }
    }
}
