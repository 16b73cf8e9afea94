import DossierAssess
import DossierIntake
import DossierModel

/// Builds the framework, control and Statement of Applicability pages from the assessment.
///
/// A control page lists the items it cites and the findings in its files, out of every item and
/// finding of the pack: both are indexed once here, by reference and by file (filtered per page,
/// they made the control pages quadratic in the size of the evidence folder).
package struct CompliancePages {
    package var assessment: ComplianceAssessment
    package var content: ComplianceContent
    package var diagnostics: [Diagnostic]
    package var links: PageLinks
    /// Positions in `assessment.items` by item reference, and in `diagnostics` by file, in order.
    private let itemsByReference: [String: [Int]]
    private let diagnosticsByFile: [String: [Int]]

    package init(assessment: ComplianceAssessment, content: ComplianceContent, diagnostics: [Diagnostic], links: PageLinks) {
        self.assessment = assessment
        self.content = content
        self.diagnostics = diagnostics
        self.links = links
        var items: [String: [Int]] = [:]
        for (index, item) in assessment.items.enumerated() { items[item.reference, default: []].append(index) }
        itemsByReference = items
        var byFile: [String: [Int]] = [:]
        for (index, diagnostic) in diagnostics.enumerated() {
            if let file = diagnostic.file { byFile[file, default: []].append(index) }
        }
        diagnosticsByFile = byFile
    }

    package func coverage(_ framework: String, from page: String) -> CoverageView {
        let coverage = assessment.coverage(for: framework)
        let segments = ControlStatus.allCases.compactMap { status -> CoverageView.Segment? in
            guard let count = coverage.counts[status], count > 0 else { return nil }
            return .init(status: status.rawValue, label: status.label, count: count, width: coverage.total == 0 ? 0 : count * 100 / coverage.total)
        }
        return CoverageView(
            name: FrameworkName.of(framework), href: PackPaths.link(from: page, to: PackPaths.framework(framework)),
            percent: coverage.percent, satisfied: coverage.satisfied, inScope: coverage.inScope, segments: segments)
    }

    package func frameworkPage(_ framework: String) -> FrameworkPageView {
        let path = PackPaths.framework(framework)
        let catalog = content.catalog(framework)
        return FrameworkPageView(
            site: links.site(path), title: FrameworkName.of(framework), name: catalog?.name ?? framework,
            source: catalog?.source ?? "", coverage: coverage(framework, from: path),
            controls: assessment.verdicts(for: framework).map { verdict in
                ControlRowView(
                    id: verdict.control, title: verdict.title, status: verdict.status.rawValue, statusLabel: verdict.status.label,
                    href: PackPaths.link(from: path, to: PackPaths.control(framework, verdict.control)), waiver: verdict.waiver,
                    summary: verdict.headline)
            })
    }

    package func controlPage(_ verdict: ControlVerdict) -> ControlPageView {
        let path = PackPaths.control(verdict.framework, verdict.control)
        let items = Set(verdict.items).flatMap { itemsByReference[$0] ?? [] }.sorted().map { assessment.items[$0] }
        // Findings about this control: those in the files that evidence it and on its items' lines.
        let scope = ControlFindingScope(verdict, items: items)
        let findings = scope.searched.flatMap { diagnosticsByFile[$0] ?? [] }.sorted().map { diagnostics[$0] }.filter(scope.contains)
        let remediations = assessment.remediation.naming(verdict.framework, verdict.control)
        return ControlPageView(
            site: links.site(path), title: "\(FrameworkName.of(verdict.framework)) \(verdict.control)",
            framework: LinkView(title: FrameworkName.of(verdict.framework), href: PackPaths.link(from: path, to: PackPaths.framework(verdict.framework))),
            control: verdict.control, controlTitle: verdict.title, status: verdict.status.rawValue, statusLabel: verdict.status.label,
            waiver: verdict.waiver, decision: decisionView(verdict, from: path),
            chain: verdict.chain.map { ChainStepView($0) { links.evidence($0, from: path) } },
            hasItems: !items.isEmpty,
            items: items.map { item in
                ItemRowView(
                    reference: item.reference, text: item.item.text, status: item.status.rawValue, statusLabel: item.status.label,
                    reason: item.reason,
                    answers: links.evidence(item.answersFile, from: path, line: item.location?.line) ?? LinkView(title: item.answersFile, href: "#"),
                    hasExpectations: !item.outcomes.isEmpty,
                    expectations: item.outcomes.map { outcome in
                        ExpectationRowView(outcome, evidence: outcome.evidence.compactMap { links.evidence($0, from: path) })
                    })
            },
            hasEvidence: !verdict.evidence.isEmpty, evidence: verdict.evidence.compactMap { links.evidence($0, from: path) },
            hasMapped: !verdict.mapped.isEmpty,
            mapped: verdict.mapped.map { mapped in
                MappedRowView(
                    framework: FrameworkName.of(mapped.framework), control: mapped.control, relationship: mapped.relationship.rawValue,
                    mapping: mapped.mapping, href: links.control(mapped.framework, mapped.control, from: path))
            },
            hasDiagnostics: !findings.isEmpty,
            diagnostics: findings.map { DiagnosticView($0, from: path, links: links, remediation: assessment.remediation) },
            hasRemediations: !remediations.isEmpty, remediation: RemediationListView(remediations, from: path, links: links))
    }

    package func applicabilityPage() -> ApplicabilityPageView {
        let path = PackPaths.statementOfApplicability
        let framework = StatementOfApplicability.framework
        let statement = StatementOfApplicability(assessment: assessment)
        let verdicts = assessment.verdicts(for: framework)
        let (applicable, notApplicable, undecided) = statement?.counts ?? (0, 0, 0)
        return ApplicabilityPageView(
            site: links.site(path), title: "Statement of Applicability", applicable: applicable, notApplicable: notApplicable, undecided: undecided,
            hasRows: !verdicts.isEmpty,
            rows: zip(verdicts, statement?.rows ?? []).map { verdict, row in
                ApplicabilityRowView(
                    control: row.control, title: row.title, href: PackPaths.link(from: path, to: PackPaths.control(framework, row.control)),
                    decision: DecisionView(verdict.decision, links: links, from: path),
                    status: verdict.status.rawValue, statusLabel: verdict.status.label, reason: row.reason,
                    evidence: row.evidence.compactMap { links.evidence($0, from: path) })
            },
            csvHref: StatementOfApplicability.csvPath, jsonHref: StatementOfApplicability.jsonPath)
    }

    /// A control's decision, shown where its framework asks for decisions or one was made.
    private func decisionView(_ verdict: ControlVerdict, from path: String) -> DecisionView? {
        guard verdict.decision != nil || assessment.requiresDecisions(verdict.framework) else { return nil }
        return DecisionView(verdict.decision, links: links, from: path)
    }
}

extension DecisionView {
    init(_ decided: ControlDecision?, links: PageLinks, from path: String) {
        let applicable = ControlDecision.applicable(decided)
        let decision = decided?.decision
        self.init(
            applicable: applicable, applicableLabel: applicable == "yes" ? "Yes" : applicable == "no" ? "No" : "Undecided",
            justification: decision?.justification, implementation: decision?.implementation?.rawValue,
            implementationLabel: decision?.implementation?.label, hasDocuments: !(decision?.documents.isEmpty ?? true),
            documents: (decision?.documents ?? []).map { ReferenceView(title: $0, href: links.evidence($0, from: path)?.href) },
            decidedIn: decided.flatMap { links.evidence($0.file, from: path, line: $0.decision.location.line) })
    }
}

extension DiagnosticView {
    package init(_ diagnostic: Diagnostic, from page: String, links: PageLinks, remediation: RemediationPlan = .none) {
        let place = diagnostic.file.map { file in file + (diagnostic.location.map { ":\($0)" } ?? "") } ?? "pack"
        self.init(
            severity: diagnostic.severity.description, place: place,
            href: diagnostic.file.flatMap { links.evidence($0, from: page)?.href },
            summary: diagnostic.summary, identifier: diagnostic.identifier,
            remediations: remediation.covering(diagnostic).map { RemediationView($0, from: page, links: links) })
    }
}
