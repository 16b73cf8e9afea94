import DossierAssess
import DossierIntake
import DossierModel
import Foundation

/// `results.sarif`: every finding as a SARIF 2.1.0 result with its file and position, for code
/// scanning (GitHub shows them on the pull request, at the line).
package struct SARIFReport: Sendable {
    package static let path = "results.sarif"
    /// Where findings about the whole pack are placed: its configuration file, `dossier.yml` when
    /// there is none (the file the pack-wide finding `dossier.config.missing` asks for).
    package var packWideFile: String {
        let paths = Set(context.result.documents.map(\.path))
        return PackConfiguration.fileNames.first(where: paths.contains) ?? PackConfiguration.fileNames[0]
    }

    package var context: ReportContext

    package init(_ context: ReportContext) { self.context = context }

    package func json() throws -> Data {
        let diagnostics = context.result.diagnostics
        let ruleIDs = Set(diagnostics.map(\.identifier)).sorted()
        let ruleIndex = Dictionary(ruleIDs.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        let rules: [ReportJSON] = ruleIDs.map { id -> ReportJSON in
            ["id": .string(id), "shortDescription": ["text": .string(id)], "helpUri": "https://dossier.invalid/docs/rules.md"]
        }
        let packWideFile = packWideFile
        let remediation = context.result.compliance.remediation
        let results: [ReportJSON] = diagnostics.map { diagnostic -> ReportJSON in
            var result: [String: ReportJSON] = [
                "ruleId": .string(diagnostic.identifier),
                "ruleIndex": .integer(ruleIndex[diagnostic.identifier]!),
                "level": .string(diagnostic.severity == .note ? "note" : diagnostic.severity.description),
                "message": ["text": .string(diagnostic.summary)],
            ]
            // GitHub code scanning rejects the whole upload when one result has no location, so a
            // finding about the pack as a whole (the log period, a missing dossier.yml) is placed at
            // the pack's configuration, line 1, and marked as pack-wide.
            let file = diagnostic.file ?? packWideFile
            var physical: [String: ReportJSON] = ["artifactLocation": ["uri": .string(context.uri(file))]]
            if let location = diagnostic.location ?? (diagnostic.file == nil ? SourceLocation(line: 1, column: 1) : nil) {
                physical["region"] = ["startLine": .integer(location.line), "startColumn": .integer(location.column)]
            }
            result["locations"] = [["physicalLocation": .object(physical)]]
            var properties: [String: ReportJSON] = [:]
            if diagnostic.file == nil { properties["packWide"] = true }
            // The remediations under way for it, by ID: work planned, not a suppression.
            let covering = remediation.covering(diagnostic).map { ReportJSON.string($0.remediation.id) }
            if !covering.isEmpty { properties["remediations"] = .array(covering) }
            if !properties.isEmpty { result["properties"] = .object(properties) }
            return .object(result)
        }
        let document: ReportJSON = [
            "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
            "version": "2.1.0",
            "runs": [[
                "tool": ["driver": [
                    "name": "Dossier", "version": .string(DossierVersion.current), "informationUri": "https://dossier.invalid/",
                    "rules": .array(rules),
                ]],
                "results": .array(results),
            ]],
        ]
        return try document.data()
    }

    package func file() throws -> RenderedFile { RenderedFile(path: Self.path, contents: try json()) }
}
