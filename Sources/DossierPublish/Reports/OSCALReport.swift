import DossierIntake
import DossierModel
import Foundation

/// `oscal-assessment-results.json`: the verdicts as an OSCAL 1.0.6 assessment-results document, so
/// GRC tools can import them. UUIDs are name-based (version 5), so two builds agree byte for byte.
package struct OSCALReport: Sendable {
    package static let path = "oscal-assessment-results.json"
    package static let oscalVersion = "1.0.6"

    package var context: ReportContext

    package init(_ context: ReportContext) { self.context = context }

    /// OSCAL control IDs are tokens that start with a letter: `iso27001-2022_5.15`, `gdpr_30-1-a`.
    package static func controlID(_ framework: String, _ control: String) -> String {
        PackPaths.slug(framework) + "_" + PackPaths.slug(control)
    }

    package func json() throws -> Data {
        let result = context.result
        let date = result.buildDate.isoTimestamp
        let scope = "\(result.configuration?.organisation ?? "")|\(context.release ?? "")|\(date)"
        func uuid(_ name: String) -> String { NameBasedUUID.string(scope + "|" + name) }

        let assessed = result.compliance.verdicts.filter { ![.notApplicable, .outOfScope, .undecided].contains($0.status) }
        let evidence = Set(assessed.flatMap(\.evidence)).sorted()
        let documents = Dictionary(result.documents.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
        // Who signed each examined workpaper; a withheld file publishes nothing, its signers included.
        let signed = Dictionary(evidence.compactMap { path in
            result.withheld.contains(path) ? nil : documents[path]?.signOff.map { (path, $0) }
        }, uniquingKeysWith: { first, _ in first })
        var observations: [ReportJSON] = evidence.map { path -> ReportJSON in
            var relevant: [String: ReportJSON] = ["description": "Evidence file \(path)"]
            if let document = documents[path] {
                relevant["href"] = .string(PackPaths.page(forEvidence: document.file))
                relevant["description"] = "Evidence file \(path), SHA-256 \(document.sha256)"
            }
            var observation: [String: ReportJSON] = [
                "uuid": .string(uuid("observation|" + path)), "title": .string(path), "description": "Evidence examined: \(path).",
                "methods": ["EXAMINE"], "collected": .string(date), "relevant-evidence": [.object(relevant)],
            ]
            if let signOff = signed[path] {
                observation["origins"] = Self.origins(signOff, uuid: uuid)
                observation["remarks"] = .string(Self.remarks(signOff))
            }
            return .object(observation)
        }
        // Controls decided not applicable are excluded from the review, and each decision, with its
        // justification, is an observation: a GRC tool keeps the reasoning, not just the gap in the list.
        let excluded = result.compliance.verdicts.filter { $0.status == .notApplicable }
        observations += excluded.map { verdict -> ReportJSON in
            var observation: [String: ReportJSON] = [
                "uuid": .string(uuid("not-applicable|\(verdict.framework)|\(verdict.control)")),
                "title": "\(FrameworkName.of(verdict.framework)) \(verdict.control): not applicable",
                "description": .string(verdict.chain.map(\.text).joined(separator: "\n")),
                "methods": ["EXAMINE"], "collected": .string(date),
            ]
            let files: [ReportJSON] = verdict.evidence.map { path -> ReportJSON in
                var relevant: [String: ReportJSON] = ["description": "Evidence for the decision: \(path)"]
                if let document = documents[path] { relevant["href"] = .string(PackPaths.page(forEvidence: document.file)) }
                return .object(relevant)
            }
            if !files.isEmpty { observation["relevant-evidence"] = .array(files) }
            return .object(observation)
        }
        let findings: [ReportJSON] = assessed.map { verdict -> ReportJSON in
            var status: [String: ReportJSON] = ["state": verdict.status == .satisfied ? "satisfied" : "not-satisfied"]
            if verdict.status != .satisfied { status["reason"] = .string(verdict.status.rawValue) }
            var finding: [String: ReportJSON] = [
                "uuid": .string(uuid("finding|\(verdict.framework)|\(verdict.control)")),
                "title": "\(FrameworkName.of(verdict.framework)) \(verdict.control): \(verdict.status.label)",
                "description": .string(verdict.chain.map(\.text).joined(separator: "\n")),
                "target": [
                    "type": "objective-id", "target-id": .string(Self.controlID(verdict.framework, verdict.control) + "_obj"),
                    "status": .object(status),
                ],
            ]
            let related: [ReportJSON] = verdict.evidence.map { path -> ReportJSON in ["observation-uuid": .string(uuid("observation|" + path))] }
            if !related.isEmpty { finding["related-observations"] = .array(related) }
            return .object(finding)
        }
        var resultEntry: [String: ReportJSON] = [
            "uuid": .string(uuid("result")), "title": "Dossier assessment of \(context.packName)",
            "description": "Verdicts decided by \(context.generator) at the build date, from the evidence folder's checklists, records and logs.",
            "start": .string(date), "end": .string(date),
            "reviewed-controls": ["control-selections": .array([[
                "include-controls": .array(assessed.map { verdict -> ReportJSON in ["control-id": .string(Self.controlID(verdict.framework, verdict.control))] }),
            ]] + (excluded.isEmpty ? [] : [[
                "description": "Controls decided not applicable; each decision and its justification is an observation.",
                "exclude-controls": .array(excluded.map { verdict -> ReportJSON in ["control-id": .string(Self.controlID(verdict.framework, verdict.control))] }),
            ]]))],
        ]
        if !observations.isEmpty { resultEntry["observations"] = .array(observations) }
        if !findings.isEmpty { resultEntry["findings"] = .array(findings) }
        var metadata: [String: ReportJSON] = [
            "title": "\(context.packName): assessment results", "last-modified": .string(date),
            "version": .string(context.release ?? "unreleased"), "oscal-version": .string(Self.oscalVersion),
        ]
        let signOff = Self.signOffMetadata(pack: result.configuration?.signOff, workpapers: signed.keys.sorted().compactMap { signed[$0] }, uuid: uuid)
        let organisation: [ReportJSON] = result.configuration.map { [["uuid": .string(uuid("party|organisation")), "type": "organization", "name": .string($0.organisation)]] } ?? []
        if !(organisation + signOff.parties).isEmpty { metadata["parties"] = .array(organisation + signOff.parties) }
        if !signOff.roles.isEmpty { metadata["roles"] = .array(signOff.roles) }
        if !signOff.responsibleParties.isEmpty { metadata["responsible-parties"] = .array(signOff.responsibleParties) }
        let document: ReportJSON = ["assessment-results": [
            "uuid": .string(uuid("assessment-results")), "metadata": .object(metadata),
            // The plan is the pack's configuration and checklists, described on its About page.
            "import-ap": ["href": "about.html"],
            "results": [.object(resultEntry)],
        ]]
        return try document.data()
    }

    package func file() throws -> RenderedFile { RenderedFile(path: Self.path, contents: try json()) }
}
