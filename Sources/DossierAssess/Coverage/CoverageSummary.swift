import DossierIntake
import DossierModel

/// The few lines a compliance lead reads at a glance after `dossier check`: coverage per framework
/// as a bar with a percentage, counts by status, and the gaps to fix first with where to fix them.
package struct CoverageSummary: Sendable {
    package static let barWidth = 16

    package var assessment: ComplianceAssessment
    package var content: ComplianceContent
    /// The evidence folder as given on the command line, so a gap's place can be clicked like a diagnostic's.
    package var evidencePrefix: String

    package init(assessment: ComplianceAssessment, content: ComplianceContent, evidencePrefix: String = "") {
        self.assessment = assessment
        self.content = content
        self.evidencePrefix = evidencePrefix
    }

    package func lines(gaps: Int = 3) -> [String] {
        let names = assessment.frameworks.map(FrameworkName.of)
        let width = names.map(\.count).max() ?? 0
        var lines: [String] = []
        for (framework, name) in zip(assessment.frameworks, names) {
            let coverage = assessment.coverage(for: framework)
            let filled = coverage.inScope == 0 ? 0 : coverage.satisfied * Self.barWidth / coverage.inScope
            let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: Self.barWidth - filled)
            let percent = "\(coverage.percent) %"
            let counts = [ControlStatus.partial, .stale, .missing, .undecided, .notApplicable, .outOfScope].compactMap { status -> String? in
                guard let count = coverage.counts[status], count > 0 else { return nil }
                return "\(count) \(status == .notApplicable ? "N/A" : status.label.lowercased())"
            }
            let detail = "\(coverage.satisfied) of \(coverage.inScope) satisfied" + (counts.isEmpty ? "" : " · " + counts.joined(separator: " · "))
            lines.append(name.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + bar + "  "
                + String(repeating: " ", count: max(0, 5 - percent.count)) + percent + "  " + detail)
        }
        let top = assessment.topGaps.prefix(gaps)
        if !top.isEmpty {
            lines.append("top gaps: " + top.map(describe).joined(separator: " · "))
        }
        return lines
    }

    /// A reason opening with an evidence path (`activities/x.yml does not state …`), with the path as
    /// the user can open it.
    private func clickable(_ reason: String, files: [String]) -> String {
        guard let file = files.first(where: { reason.hasPrefix($0 + " ") }) else { return reason }
        return DiagnosticConsoleFormatter.joined(evidencePrefix, file) + reason.dropFirst(file.count)
    }

    /// `ISO 8.15 missing — pre-launch LOG-4 open at checklists/pre-launch.md:40`.
    package func describe(_ verdict: ControlVerdict) -> String {
        let framework = FrameworkName.of(verdict.framework)
        // The item to fix, unless what decided the verdict was something else (a finding).
        let weakest = assessment.items.first { item in
            verdict.items.contains(item.reference) && [.contradicted, .open, .claimed, .unanswered, .stale].contains(item.status)
        }.flatMap { item in verdict.headline.hasPrefix(item.reference + " ") || verdict.headline.isEmpty ? item : nil }
        let fix = weakest.map { item in
            " — \(item.reference) \(item.status.label.lowercased()) at \(DiagnosticConsoleFormatter.joined(evidencePrefix, item.answersFile))"
                + (item.location.map { ":\($0.line)" } ?? "")
        } ?? (verdict.headline.isEmpty ? "" : " — " + clickable(verdict.headline, files: verdict.evidence))
        return "\(framework) \(verdict.control) \(verdict.status.rawValue)\(fix)"
    }
}
