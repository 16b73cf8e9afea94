import DossierAssess
import Foundation

/// What every machine-readable report is made from: one build's result, and how to name the
/// evidence files so that CI tools can find them from the repository root.
package struct ReportContext: Sendable {
    package var result: Assessment
    package var generator: String
    /// Prefix joined to evidence paths in reports (`evidence/`), relative to where CI runs; empty when unknown.
    package var evidencePrefix: String

    package init(result: Assessment, generator: String, evidencePrefix: String) {
        self.result = result
        self.generator = generator
        self.evidencePrefix = evidencePrefix
    }

    package var release: String? { result.configuration?.release }
    package var packName: String { result.configuration.map { "\($0.organisation) audit pack" } ?? "Audit pack" }

    package func uri(_ file: String) -> String { evidencePrefix + file }

    /// `--evidence` as the user gave it, made relative to the working directory when it is inside it,
    /// so reports never carry an absolute path that differs from machine to machine.
    package static func prefix(forEvidence evidence: URL, workingDirectory: URL) -> String {
        let folder = evidence.standardizedFileURL.path
        let base = workingDirectory.standardizedFileURL.path
        if folder == base { return "" }
        if folder.hasPrefix(base + "/") { return String(folder.dropFirst(base.count + 1)) + "/" }
        return ""
    }

    package static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return encoder
    }
}
