/// Every verdict of a build: checklist items weighed, and each control of each framework in scope.
package struct ComplianceAssessment: Sendable {
    package struct Coverage: Sendable, Hashable {
        package var framework: String
        package var counts: [ControlStatus: Int]
        package var total: Int

        /// Controls that count towards coverage: all but the not-applicable and out-of-scope ones (an
        /// undecided control counts: until it is decided out, it is in).
        package var inScope: Int { total - (counts[.notApplicable] ?? 0) - (counts[.outOfScope] ?? 0) }
        package var satisfied: Int { counts[.satisfied] ?? 0 }

        /// Satisfied share of in-scope controls, in whole percent (0 when nothing is in scope).
        package var percent: Int { inScope == 0 ? 0 : Int((Double(satisfied) * 100 / Double(inScope)).rounded(.down)) }
    }

    package var items: [ItemAssessment]
    /// Frameworks in the configured order, each control in its catalog's order.
    package var verdicts: [ControlVerdict]
    package var frameworks: [String]
    /// Frameworks whose catalog asks for an applicability decision on every control (ISO/IEC 27001).
    package var decidedFrameworks: Set<String> = []

    package func requiresDecisions(_ framework: String) -> Bool { decidedFrameworks.contains(framework) }
    /// The remediations under way and what each covers; made after the verdicts, it changes none of them.
    package var remediation: RemediationPlan = .none

    package static let empty = ComplianceAssessment(items: [], verdicts: [], frameworks: [])

    package func verdicts(for framework: String) -> [ControlVerdict] { verdicts.filter { $0.framework == framework } }

    package func verdict(_ framework: String, _ control: String) -> ControlVerdict? {
        verdicts.first { $0.framework == framework && $0.control == control }
    }

    package func coverage(for framework: String) -> Coverage {
        let own = verdicts(for: framework)
        return Coverage(framework: framework, counts: Dictionary(grouping: own, by: \.status).mapValues(\.count), total: own.count)
    }

    /// The gaps to fix first: missing, then stale, then partial controls without an active waiver,
    /// each group in framework and catalog order — and within a group, controls whose evidence shows
    /// a problem before those with no evidence yet (a contradicted item before an applicable control
    /// nothing evidences), since the first is what an auditor would find.
    package var topGaps: [ControlVerdict] {
        let rank: [ControlStatus: Int] = [.missing: 0, .undecided: 0, .stale: 1, .partial: 2]
        return verdicts.enumerated()
            .compactMap { index, verdict in rank[verdict.status].map { ($0, Self.unevidenced(verdict) ? 1 : 0, index, verdict) } }
            .filter { $0.3.waiver == nil }
            .sorted { ($0.0, $0.1, $0.2) < ($1.0, $1.1, $1.2) }
            .map(\.3)
    }

    /// Nothing but the organisation's decision stands behind the verdict: no item, no record, no finding.
    private static func unevidenced(_ verdict: ControlVerdict) -> Bool {
        verdict.items.isEmpty && verdict.evidence.allSatisfy { $0 == verdict.decision?.file }
    }
}
