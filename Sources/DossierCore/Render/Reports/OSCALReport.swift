import Foundation

/// `oscal-assessment-results.json`: the verdicts as an OSCAL 1.0.6 assessment-results document, so
/// GRC tools can import them. UUIDs are name-based (version 5), so two builds agree byte for byte.
public struct OSCALReport: Sendable {
    public static let path = "oscal-assessment-results.json"
    public static let oscalVersion = "1.0.6"

    var context: ReportContext

    public init(_ context: ReportContext) { self.context = context }

    /// OSCAL control IDs are tokens that start with a letter: `iso27001-2022_5.15`, `gdpr_30-1-a`.
    static func controlID(_ framework: String, _ control: String) -> String {
        PackPaths.slug(framework) + "_" + PackPaths.slug(control)
    }

    public func json() throws -> Data {
        let result = context.result
        let date = result.buildDate.isoTimestamp
        let scope = "\(result.configuration?.organisation ?? "")|\(context.release ?? "")|\(date)"
        func uuid(_ name: String) -> String { NameBasedUUID.string(scope + "|" + name) }

        let assessed = result.assessment.verdicts.filter { ![.notApplicable, .outOfScope].contains($0.status) }
        let evidence = Set(assessed.flatMap(\.evidence)).sorted()
        let documents = Dictionary(result.documents.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
        let observations: [[String: Any]] = evidence.map { path in
            var relevant: [String: Any] = ["description": "Evidence file \(path)"]
            if let document = documents[path] {
                relevant["href"] = PackPaths.page(forEvidence: document.file)
                relevant["description"] = "Evidence file \(path), SHA-256 \(document.sha256)"
            }
            return [
                "uuid": uuid("observation|" + path), "title": path, "description": "Evidence examined: \(path).",
                "methods": ["EXAMINE"], "collected": date, "relevant-evidence": [relevant],
            ]
        }
        let findings: [[String: Any]] = assessed.map { verdict in
            var status: [String: Any] = ["state": verdict.status == .satisfied ? "satisfied" : "not-satisfied"]
            if verdict.status != .satisfied { status["reason"] = verdict.status.rawValue }
            var finding: [String: Any] = [
                "uuid": uuid("finding|\(verdict.framework)|\(verdict.control)"),
                "title": "\(ScopeView.frameworkName(verdict.framework)) \(verdict.control): \(verdict.status.label)",
                "description": verdict.chain.map(\.text).joined(separator: "\n"),
                "target": ["type": "objective-id", "target-id": Self.controlID(verdict.framework, verdict.control) + "_obj", "status": status],
            ]
            let related = verdict.evidence.map { ["observation-uuid": uuid("observation|" + $0)] }
            if !related.isEmpty { finding["related-observations"] = related }
            return finding
        }
        var resultEntry: [String: Any] = [
            "uuid": uuid("result"), "title": "Dossier assessment of \(context.packName)",
            "description": "Verdicts decided by \(context.generator) at the build date, from the evidence folder's checklists, records and logs.",
            "start": date, "end": date,
            "reviewed-controls": ["control-selections": [[
                "include-controls": assessed.map { ["control-id": Self.controlID($0.framework, $0.control)] },
            ]]],
        ]
        if !observations.isEmpty { resultEntry["observations"] = observations }
        if !findings.isEmpty { resultEntry["findings"] = findings }
        var metadata: [String: Any] = [
            "title": "\(context.packName): assessment results", "last-modified": date,
            "version": context.release ?? "unreleased", "oscal-version": Self.oscalVersion,
        ]
        if let organisation = result.configuration?.organisation {
            metadata["parties"] = [["uuid": uuid("party|organisation"), "type": "organization", "name": organisation]]
        }
        let document: [String: Any] = ["assessment-results": [
            "uuid": uuid("assessment-results"), "metadata": metadata,
            // The plan is the pack's configuration and checklists, described on its About page.
            "import-ap": ["href": "about.html"],
            "results": [resultEntry],
        ]]
        return try JSONSerialization.data(withJSONObject: document, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
            + Data("\n".utf8)
    }

    public func file() throws -> RenderedFile { RenderedFile(path: Self.path, contents: try json()) }
}
