import DossierIntake
import DossierModel
import Foundation

/// The assessment stage: runs the rules over the evidence, then weighs checklist items and decides
/// every control's verdict in the frameworks in scope.
package struct ComplianceAssessor: Sendable {
    package var buildDate: Date
    package var linkMemory: LinkRule.Memory?

    package init(buildDate: Date, linkMemory: LinkRule.Memory? = nil) {
        self.buildDate = buildDate
        self.linkMemory = linkMemory
    }

    /// Links dropped because they lead nowhere in the evidence: reported, but no error in what the file states.
    private static let deadEnds: Set<String> = [
        DiagnosticID.linkMissingTarget.rawValue, DiagnosticID.linkOutsideEvidence.rawValue, DiagnosticID.linkAbsolutePath.rawValue,
    ]

    package func assess(
        _ documents: [EvidenceDocument], content: ComplianceContent, configuration: PackConfiguration?, diagnostics: DiagnosticEngine,
        citedSourceFiles: [String: SubjectReader.Outcome] = [:], withheld: Set<String> = [], bytes: (@Sendable (String) -> Data?)? = nil
    ) -> ComplianceAssessment {
        var reading = RuleContext(documents: documents, content: content, configuration: configuration, buildDate: buildDate)
        reading.bytes = bytes
        reading.citedSourceFiles = citedSourceFiles
        reading.withheld = withheld
        reading.linkMemory = linkMemory
        let context = reading
        var standing: [String: EvidenceStanding] = [:]
        var ruleFindings: [RuleFinding] = []
        // The rules read the evidence independently of each other: they run side by side, and their
        // findings are taken in rule order, so the outcome does not depend on scheduling.
        let findingsByRule = ParallelMap.map(RuleContext.rules.indices.map { $0 }) { index in RuleContext.rules[index].check(context) }
        for findings in findingsByRule {
            for var finding in findings {
                finding.diagnostic.weighsOn = finding.scope
                diagnostics.report(finding.diagnostic)
                if finding.diagnostic.severity >= .warning { ruleFindings.append(finding) }
                guard let path = finding.diagnostic.file, let effect = finding.standing else { continue }
                // An unsound finding outweighs a stale one on the same file.
                if case .unsound = standing[path] { continue }
                standing[path] = effect
            }
        }
        // Every error reported so far (reading, secrets, rules) counts against the file it sits on, but for
        // sign-off's: who signed a workpaper does not change what its evidence proves. Nor does a
        // cross-reference that leads nowhere: the link is dropped, and the document says what it says
        // (a mistyped link in the data-flow register left four items and six controls unproven).
        let errors = Dictionary(
            grouping: diagnostics.diagnostics.filter {
                $0.severity == .error && $0.file != nil && !DiagnosticID.isSignOff($0.identifier) && !Self.deadEnds.contains($0.identifier)
            },
            by: { $0.file! })
        var brokenProperties: [String: [DataFlowProperty: [Diagnostic]]] = [:]
        for finding in ruleFindings {
            guard let property = finding.property, let file = finding.diagnostic.file else { continue }
            brokenProperties[file, default: [:]][property, default: []].append(finding.diagnostic)
        }
        // The first document of each path, filled in place rather than from a mapped copy of every document.
        var byPath: [String: EvidenceDocument] = Dictionary(minimumCapacity: documents.count)
        for document in documents where byPath[document.path] == nil { byPath[document.path] = document }
        var evaluator = ExpectationEvaluator(
            byPath: byPath, standing: standing,
            brokenProperties: brokenProperties, auditPeriod: configuration?.auditPeriod, buildDate: buildDate, release: configuration?.release,
            recordPaths: Dictionary(documents.records(\.processingActivity).map { ($0.id, $1.path) }, uniquingKeysWith: { first, _ in first }))
        evaluator.freshness = configuration?.freshness ?? .init()
        evaluator.timeZone = configuration?.timeZone ?? ISODate.utc
        let items = ChecklistItemAssessor(
            documents: documents, content: content, standing: standing, evaluator: evaluator, errors: errors, ruleFindings: ruleFindings,
            withheld: withheld
        ).assess(diagnostics: diagnostics)
        let frameworks = configuration?.frameworks ?? CatalogReader.builtIn.map(\.framework)
        let verdicts = ControlVerdictAssessor(
            content: content, items: items,
            decisions: documents.flatMap { document -> [(decision: ApplicabilityDecisions.Decision, file: String)] in
                guard case .applicability(let decided)? = document.record else { return [] }
                return decided.decisions.filter(ApplicabilityRule.isJustified).map { ($0, document.path) }
            },
            waivers: documents.compactMap { document in
                guard case .waiver(let waiver)? = document.record else { return nil }
                return (waiver, document.path)
            },
            buildDate: buildDate, standing: standing,
            records: documents.records(\.processingActivity).map { ($0, $1.path) },
            findings: ruleFindings, errors: errors
        ).assess(frameworks: frameworks)
        diagnostics.report(contentsOf: UndecidedControls.diagnostics(for: verdicts, frameworks: frameworks, content: content))
        diagnostics.report(contentsOf: ExcludedControls.diagnostics(for: verdicts, content: content))
        var assessment = ComplianceAssessment(items: items, verdicts: verdicts, frameworks: frameworks)
        assessment.decidedFrameworks = Set(frameworks.compactMap(content.catalog).filter(\.requiresDecisions).map(\.framework))
        // Remediation is judged last, against every finding and verdict, and changes none of them.
        let (plan, progress) = RemediationPlan.review(context: context, compliance: assessment, findings: diagnostics.diagnostics)
        diagnostics.report(contentsOf: progress)
        assessment.remediation = plan
        return assessment
    }
}
