/// `print.html`: the pack on one page for an auditor's working papers — the overview, the Statement of
/// Applicability, every control with its verdict and reason, the findings and the evidence index.
///
/// Its links stay inside the page (`#control-3`, `#evidence-12`) or leave the pack (a ticket's
/// address): a link to another file of the pack would print, in `pack.pdf`, as the absolute path the
/// PDF was printed from, which differs from build to build.
package struct PrintPageView: Sendable, Encodable, Hashable {
    package var site: SiteView
    package var title: String
    package var scope: ScopeView
    package var signOff: SignOffView?
    package var sourceCommit: String?
    package var evidenceCount: Int
    /// `1 error · 2 warnings · 0 notes`.
    package var countsSummary: String
    package var hasCoverage: Bool
    package var coverage: [CoverageView]
    /// Whether ISO/IEC 27001 is assessed, so the Statement of Applicability is part of the page.
    package var hasApplicability: Bool
    package var applicable: Int
    package var notApplicable: Int
    package var undecided: Int
    /// Each row's `href` is the control's place on this page.
    package var rows: [ApplicabilityRowView]
    package var frameworks: [PrintFrameworkView]
    package var hasDiagnostics: Bool
    package var diagnostics: [PrintFindingView]
    package var evidence: [PrintEvidenceView]
}

/// One assessed framework and every one of its controls.
package struct PrintFrameworkView: Sendable, Encodable, Hashable {
    package var name: String
    package var source: String
    package var controls: [PrintControlView]
}

/// A control's verdict and the reason for it: the headline, then each step of the derivation.
package struct PrintControlView: Sendable, Encodable, Hashable {
    /// The element ID the Statement of Applicability and the contents link to.
    package var anchor: String
    package var control: String
    package var controlTitle: String
    package var status: String
    package var statusLabel: String
    package var reason: String
    /// Always present (empty for none): a nil key would take an enclosing value.
    package var waiver: String
    package var hasWaiver: Bool
    package var chain: [ChainStepView]
}

/// A finding, its place linked to the file's row in the evidence index below when the file has one.
package struct PrintFindingView: Sendable, Encodable, Hashable {
    package var severity: String
    package var place: String
    package var linked: Bool
    package var target: String
    package var summary: String
    package var identifier: String
    /// `REM-2026-014: in progress, owner …, due …`, one per remediation covering the finding.
    package var remediations: [String]
}

/// A row of the evidence index: the file, its title, its kind and its SHA-256.
package struct PrintEvidenceView: Sendable, Encodable, Hashable {
    package var anchor: String
    package var path: String
    package var title: String
    package var kind: String
    package var sha256: String
}
