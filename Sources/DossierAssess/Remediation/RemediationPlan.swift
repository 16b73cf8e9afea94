import DossierIntake
import DossierModel

/// Every remediation of the evidence, what it covers, and how it stands at the build date.
///
/// It is made after the verdicts, from every finding and verdict, and changes none of them: a
/// remediation is work in progress, not an accepted risk (that is a waiver). The pages and reports ask
/// it which remediations cover a finding; `review` also reports how each plan stands.
package struct RemediationPlan: Sendable {
    package struct Entry: Sendable {
        package var remediation: Remediation
        /// The remediation's evidence file.
        package var file: String
        /// What it names that still stands at the build date: a finding that fires, a control with a gap.
        package var outstanding: [Outstanding]
        /// Due before the build day, not done, and something it names still stands.
        package var overdue: Bool
        /// One per reference that names something that exists (a reference with a problem matches nothing).
        fileprivate var matchers: [Matcher]

        /// Whether it names this finding, or the control whose page lists it.
        package func covers(_ diagnostic: Diagnostic) -> Bool {
            // A remediation's own findings are about plans: no plan clears them.
            guard !diagnostic.identifier.hasPrefix(KnownFindings.ownPrefix) else { return false }
            return matchers.contains { $0.matches(diagnostic) }
        }

        /// Whether one of its references names this control.
        package func names(_ framework: String, _ control: String) -> Bool {
            remediation.findings.contains { $0.target == .control(framework: framework, control: control) }
        }
    }

    /// Something a remediation names that still stands, in words for a message.
    package struct Outstanding: Sendable, Hashable, CustomStringConvertible {
        package var target: Remediation.Target
        /// `still fires`, `is still partial`.
        package var state: String
        package var description: String { "\(target) \(state)" }
    }

    fileprivate enum Matcher: Sendable {
        case finding(rule: String, file: String, line: Int?)
        case control(ControlFindingScope)

        func matches(_ diagnostic: Diagnostic) -> Bool {
            switch self {
            case .finding(let rule, let file, let line):
                diagnostic.identifier == rule && diagnostic.file == file && (line == nil || diagnostic.location?.line == line)
            case .control(let scope):
                scope.contains(diagnostic)
            }
        }
    }

    /// Sorted by ID, then file.
    package var entries: [Entry]

    package static let none = RemediationPlan(entries: [])

    /// The remediations covering a finding, in ID order.
    package func covering(_ diagnostic: Diagnostic) -> [Entry] {
        entries.isEmpty ? [] : entries.filter { $0.covers(diagnostic) }
    }

    /// The remediations naming a control, in ID order.
    package func naming(_ framework: String, _ control: String) -> [Entry] {
        entries.filter { $0.names(framework, control) }
    }
}

extension RemediationPlan {
    /// The plan of the evidence against `findings` (every finding reported before it) and the verdicts,
    /// with what it reports: overdue plans, plans marked done whose finding still fires, and plans
    /// that match nothing left to fix.
    package static func review(
        context: RuleContext, compliance: ComplianceAssessment, findings allFindings: @autoclosure () -> [Diagnostic]
    ) -> (RemediationPlan, [Diagnostic]) {
        let remediations = context.documents(\.remediation)
        // Most packs have none: the findings are not even gathered then.
        guard !remediations.isEmpty else { return (.none, []) }
        let findings = allFindings()
        let files = RemediationRule.files(context)
        var reported: [Diagnostic] = []
        var entries: [Entry] = []
        for (remediation, document) in remediations {
            var matchers: [Matcher] = [], outstanding: [Outstanding] = [], problems = 0
            for reference in remediation.findings {
                if RemediationRule.problem(with: reference, of: remediation, in: document.path, context: context, files: files) != nil {
                    problems += 1
                    continue
                }
                switch reference.target {
                case .finding(let rule, let file, let line):
                    let matcher = Matcher.finding(rule: rule, file: file, line: line)
                    matchers.append(matcher)
                    if findings.contains(where: matcher.matches) { outstanding.append(Outstanding(target: reference.target, state: "still fires")) }
                case .control(let framework, let control):
                    // A control the pack does not judge (a framework out of scope) has no gap to close.
                    guard let verdict = compliance.verdict(framework, control) else { continue }
                    let items = compliance.items.filter { verdict.items.contains($0.reference) }
                    matchers.append(.control(ControlFindingScope(verdict, items: items)))
                    if [.partial, .stale, .missing].contains(verdict.status) {
                        outstanding.append(Outstanding(target: reference.target, state: "is still \(verdict.status.label.lowercased())"))
                    }
                }
            }
            let overdue = remediation.status != .done && !outstanding.isEmpty && context.hasExpired(remediation.due)
            entries.append(Entry(remediation: remediation, file: document.path, outstanding: outstanding, overdue: overdue, matchers: matchers))
            reported += progress(of: remediation, in: document.path, outstanding: outstanding, overdue: overdue, unreadable: problems)
        }
        entries.sort { ($0.remediation.id, $0.file) < ($1.remediation.id, $1.file) }
        return (RemediationPlan(entries: entries), reported)
    }

    /// How one plan stands; a plan with a reference in error is judged on the rest, but is not called
    /// stale for the finding it failed to name (that error says enough).
    private static func progress(
        of remediation: Remediation, in file: String, outstanding: [Outstanding], overdue: Bool, unreadable: Int
    ) -> [Diagnostic] {
        let standing = outstanding.map(\.description).joined(separator: "; ")
        if remediation.status == .done, !outstanding.isEmpty {
            return [Diagnostic(
                .warning, .remediationNotFixed,
                "\(remediation.id) is marked done, but \(standing): the fix did not take; fix what the finding says, or reopen the plan",
                file: file, at: remediation.statusLocation)]
        }
        if remediation.status != .done, outstanding.isEmpty, unreadable == 0 {
            return [Diagnostic(
                .note, .remediationStale,
                "\(remediation.id) matches no current finding: nothing it names stands any more; mark it done, or correct what it names",
                file: file, at: remediation.statusLocation)]
        }
        if overdue {
            let state = remediation.status == .open ? "still open" : "still in progress"
            let owner = remediation.owner.name + (remediation.owner.role.map { ", \($0)" } ?? "")
            return [Diagnostic(
                .warning, .remediationOverdue,
                "\(remediation.id) is overdue: due \(ISODate.day(remediation.due)) and \(state) (owner \(owner); ticket \(remediation.ticket)); "
                    + "\(standing); finish the work, or agree a new due date and record it",
                file: file, at: remediation.dueLocation)]
        }
        return []
    }
}
