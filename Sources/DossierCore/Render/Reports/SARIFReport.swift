import Foundation

/// `results.sarif`: every finding as a SARIF 2.1.0 result with its file and position, for code
/// scanning (GitHub shows them on the pull request, at the line).
public struct SARIFReport: Sendable {
    public static let path = "results.sarif"

    var context: ReportContext

    public init(_ context: ReportContext) { self.context = context }

    public func json() throws -> Data {
        let diagnostics = context.result.diagnostics
        let ruleIDs = Set(diagnostics.map(\.identifier)).sorted()
        let rules: [[String: Any]] = ruleIDs.map { id in
            ["id": id, "shortDescription": ["text": id], "helpUri": "https://dossier.invalid/docs/rules.md"]
        }
        let results: [[String: Any]] = diagnostics.map { diagnostic in
            var result: [String: Any] = [
                "ruleId": diagnostic.identifier,
                "ruleIndex": ruleIDs.firstIndex(of: diagnostic.identifier)!,
                "level": diagnostic.severity == .note ? "note" : diagnostic.severity.description,
                "message": ["text": diagnostic.summary],
            ]
            if let file = diagnostic.file {
                var physical: [String: Any] = ["artifactLocation": ["uri": context.uri(file)]]
                if let location = diagnostic.location { physical["region"] = ["startLine": location.line, "startColumn": location.column] }
                result["locations"] = [["physicalLocation": physical]]
            }
            return result
        }
        let document: [String: Any] = [
            "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
            "version": "2.1.0",
            "runs": [[
                "tool": ["driver": [
                    "name": "Dossier", "version": DossierVersion.current, "informationUri": "https://dossier.invalid/",
                    "rules": rules,
                ]],
                "results": results,
            ]],
        ]
        return try JSONSerialization.data(withJSONObject: document, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
            + Data("\n".utf8)
    }

    public func file() throws -> RenderedFile { RenderedFile(path: Self.path, contents: try json()) }
}
