import DossierIntake
import DossierModel
import Foundation

/// `report.json`: coverage, every control's status with its reasons, every checklist item, and every
/// finding with its file and position — the pack's verdicts for tools.
package struct BuildReport: Encodable, Sendable {
    package static let path = "report.json"
    /// The shape of this document, written first as `schema_version` (`schemas/reports/report.schema.json`).
    /// Raised when a key is removed or changes meaning; a report without one is version 1. Version 2
    /// made `items` part of what `dossier diff` compares, keyed by checklist and ID.
    package static let schemaVersion = 2

    package struct Coverage: Encodable {
        var framework: String
        var name: String
        var satisfied: Int
        var inScope: Int
        var percent: Int
        var counts: [String: Int]
        enum CodingKeys: String, CodingKey { case framework, name, satisfied, inScope = "in_scope", percent, counts }
    }

    package struct Control: Encodable {
        var framework: String
        var control: String
        var title: String
        var status: String
        var waiver: String?
        var reasons: [String]
        var evidence: [String]
    }

    package struct Item: Encodable {
        var checklist: String
        var id: String
        var status: String
        var reason: String
        var file: String
        var line: Int?
        /// The linked evidence it relies on, and the linked files no expectation takes.
        var evidence: [String]
        var refused: [String]
        var expectations: [Expectation]
        /// The IDs of the errors on its evidence that contradict it or leave it unproven.
        var findings: [String]
        /// The controls it evidences, by framework.
        var controls: [String: [String]]
    }

    package struct Expectation: Encodable {
        var expects: String
        var state: String
        var evidence: [String]
        var reason: String
    }

    package struct Finding: Encodable {
        var id: String
        var severity: String
        var message: String
        var file: String?
        var line: Int?
        var column: Int?
        /// The controls an assessment rule's finding bears on, by framework; absent when it bears on
        /// everything its file supports.
        var controls: [String: [String]]?
        /// The record field a reading problem is in (`credentials.rotated_at`); absent for the whole file.
        var field: String?
        /// The IDs of the remediations covering it; absent when none does.
        var remediations: [String]?
    }

    package var generator: String
    package var buildDate: String
    package var release: String?
    package var organisation: String?
    package var sourceCommit: String?
    /// What the evidence paths below start with (the evidence folder as given, relative to where the
    /// build ran): `dossier diff` strips it, so packs built from differently named folders compare.
    package var evidencePrefix: String
    package var coverage: [Coverage]
    package var controls: [Control]
    package var items: [Item]
    package var findings: [Finding]
    /// Every remediation of the evidence (`kind: remediation`); they change no verdict above.
    package var remediations: [Remediation]
    package var summary: [String: Int]
    /// Who prepared and reviewed the pack (absent when `dossier.yml` names nobody), and each workpaper.
    package var signOff: SignOffEntry?
    package var signOffs: [SignOffEntry]

    package enum CodingKeys: String, CodingKey {
        case generator, buildDate = "build_date", release, organisation, sourceCommit = "source_commit"
        case evidencePrefix = "evidence_prefix", coverage, controls, items, findings, remediations, summary
        case signOff = "sign_off", signOffs = "sign_offs"
    }

    package init(_ context: ReportContext) {
        let result = context.result
        let assessment = result.compliance
        generator = context.generator
        buildDate = result.buildDate.isoTimestamp
        release = context.release
        organisation = result.configuration?.organisation
        sourceCommit = result.buildDate.sourceCommit
        evidencePrefix = context.evidencePrefix
        coverage = assessment.frameworks.map { framework in
            let c = assessment.coverage(for: framework)
            return Coverage(
                framework: framework, name: result.content.catalog(framework)?.name ?? framework, satisfied: c.satisfied,
                inScope: c.inScope, percent: c.percent, counts: Dictionary(uniqueKeysWithValues: c.counts.map { ($0.key.rawValue, $0.value) }))
        }
        controls = assessment.verdicts.map {
            Control(framework: $0.framework, control: $0.control, title: $0.title, status: $0.status.rawValue, waiver: $0.waiver,
                    reasons: $0.chain.map(\.text), evidence: $0.evidence)
        }
        items = assessment.items.map {
            Item(checklist: $0.checklist, id: $0.item.id, status: $0.status.rawValue, reason: $0.reason, file: context.uri($0.answersFile), line: $0.location?.line,
                 evidence: $0.acceptedEvidence.map(context.uri), refused: $0.otherEvidence.map(context.uri),
                 expectations: $0.outcomes.map { Expectation(expects: $0.expectation.summary, state: $0.state.rawValue, evidence: $0.evidence.map(context.uri), reason: $0.reason) },
                 findings: $0.findings.map(\.identifier), controls: $0.item.controls.filter { !$0.value.isEmpty })
        }
        let plan = assessment.remediation
        findings = result.diagnostics.map {
            let covering = plan.covering($0).map(\.remediation.id)
            return Finding(id: $0.identifier, severity: $0.severity.description, message: $0.summary, file: $0.file.map(context.uri),
                           line: $0.location?.line, column: $0.location?.column, controls: $0.weighsOn.isEmpty ? nil : $0.weighsOn, field: $0.field,
                           remediations: covering.isEmpty ? nil : covering)
        }
        remediations = plan.entries.map { Remediation($0, context: context) }
        summary = ["errors": result.count(.error), "warnings": result.count(.warning), "notes": result.count(.note)]
        signOff = result.configuration?.signOff.map { SignOffEntry($0, file: context.uri($0.file)) }
        signOffs = Self.signOffs(context)
    }

    package func file() throws -> RenderedFile {
        // Keys are sorted, as in every report, so the version cannot be an ordinary key and come first;
        // it is put before the sorted body, so a reader meets it before anything it might misread.
        let body = try ReportContext.encoder().encode(self)
        let version = Data("{\n  \"schema_version\" : \(Self.schemaVersion),".utf8)
        return RenderedFile(path: Self.path, contents: version + body.dropFirst() + Data("\n".utf8))
    }
}
