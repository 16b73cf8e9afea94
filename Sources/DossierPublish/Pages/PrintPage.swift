import DossierAssess
import DossierIntake
import DossierModel

/// Builds `print.html` (`PrintPageView`) from the same parts as the pack's own pages: the overview's
/// scope and coverage, the Statement of Applicability's rows, each control's verdict, the findings and
/// the evidence index. Every cross-reference is an anchor on the page itself, so the page prints, and
/// becomes `pack.pdf`, as one self-contained document.
package struct PrintPage {
    package var pack: PackPages
    package var compliance: CompliancePages

    /// `control-N` by framework and control, `evidence-N` by path: numbered, since a path or control ID
    /// made into an ID could clash with another once its punctuation is replaced.
    private var controlAnchors: [String: String] {
        Dictionary(pack.assessment.verdicts.enumerated().map { (Self.key($1.framework, $1.control), "control-\($0 + 1)") },
                   uniquingKeysWith: { first, _ in first })
    }

    private static func evidenceAnchors(_ sorted: [EvidenceDocument]) -> [String: String] {
        Dictionary(sorted.enumerated().map { ($1.path, "evidence-\($0 + 1)") }, uniquingKeysWith: { first, _ in first })
    }

    private static func key(_ framework: String, _ control: String) -> String { framework + "\u{0}" + control }

    package func view() -> PrintPageView {
        let path = PackPaths.print, assessment = pack.assessment, diagnostics = pack.diagnostics
        let documents = pack.documents.sorted { $0.path < $1.path }
        let controls = controlAnchors, files = Self.evidenceAnchors(documents)
        let statement = compliance.applicabilityPage()
        let soa = StatementOfApplicability.framework
        return PrintPageView(
            site: pack.links.site(path), title: "Working papers", scope: ScopeView(pack.context.configuration),
            signOff: pack.context.configuration?.signOff.map { SignOffView($0, heading: "Sign-off of this pack") },
            sourceCommit: pack.context.buildDate.sourceCommit, evidenceCount: pack.evidenceCount, countsSummary: diagnostics.countsSummary,
            hasCoverage: !assessment.frameworks.isEmpty, coverage: assessment.frameworks.map { compliance.coverage($0, from: path) },
            hasApplicability: assessment.frameworks.contains(soa), applicable: statement.applicable, notApplicable: statement.notApplicable,
            undecided: statement.undecided,
            rows: statement.rows.map { row in
                var row = row
                row.href = "#" + (controls[Self.key(soa, row.control)] ?? "")
                return row
            },
            frameworks: assessment.frameworks.map { framework in
                PrintFrameworkView(
                    name: FrameworkName.of(framework), source: pack.content.catalog(framework)?.source ?? "",
                    controls: assessment.verdicts(for: framework).map { verdict in
                        PrintControlView(
                            anchor: controls[Self.key(framework, verdict.control)] ?? "", control: verdict.control, controlTitle: verdict.title,
                            status: verdict.status.rawValue, statusLabel: verdict.status.label, reason: verdict.headline,
                            waiver: verdict.waiver ?? "", hasWaiver: verdict.waiver != nil,
                            chain: verdict.chain.map { ChainStepView($0) { file in files[file].map { LinkView(title: file, href: "#" + $0) } } })
                    })
            },
            hasDiagnostics: !diagnostics.isEmpty,
            diagnostics: diagnostics.map { diagnostic in
                let shown = DiagnosticView(diagnostic, from: path, links: pack.links, remediation: assessment.remediation)
                let target = diagnostic.file.flatMap { files[$0] }
                return PrintFindingView(
                    severity: shown.severity, place: shown.place, linked: target != nil, target: "#" + (target ?? ""),
                    summary: shown.summary, identifier: shown.identifier,
                    remediations: shown.remediations.map { "\($0.id): \($0.status), owner \($0.owner), due \($0.due)" + ($0.overdue ? " (overdue)" : "") })
            },
            evidence: documents.map { document in
                PrintEvidenceView(
                    anchor: files[document.path] ?? "", path: document.path, title: document.title, kind: document.evidenceKind,
                    sha256: document.sha256)
            })
    }
}
