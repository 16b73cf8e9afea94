import DossierIntake
import DossierModel
import DossierTestSupport
import Foundation
import Testing

/// A near miss carries its fix as a structured field, not only in the message's words: tools (an
/// editor, CI annotations) can offer `replacement` as it is.
@Suite struct SuggestionTests {
    @Test func aMisspeltKeyAndValueSuggestTheirFix() throws {
        let folder = try TemporaryFolder(["dossier.yml": """
            organization: Northwind
            scope: Test
            frameworks: [gdpr, soc3]
            audit_period: {start: 2026-01-01, end: 2026-12-31}
            policy:
              failing_severity: warnning
            """])
        defer { folder.remove() }
        let collector = DiagnosticEngine()
        _ = try PackConfigurationReader().read(evidenceFolder: folder.url, diagnostics: collector)
        let suggested = Dictionary(collector.diagnostics.compactMap { d in d.suggestion.map { (d.identifier, $0.replacement) } },
                                   uniquingKeysWith: { first, _ in first })
        #expect(suggested["dossier.config.unknown-key"] == "organisation")
        #expect(suggested["dossier.config.unknown-framework"] == "soc2")
        #expect(suggested["dossier.config.bad-value"] == "warning")
        // The message still says it in words, for a person reading the terminal.
        #expect(collector.diagnostics.contains { $0.summary.hasSuffix("; did you mean 'organisation'?") })
    }

    @Test func noSuggestionWhenNothingIsClose() throws {
        let folder = try TemporaryFolder(["dossier.yml": "organisation: N\nscope: T\nframeworks: [gdpr]\naudit_period: {start: 2026-01-01, end: 2026-12-31}\nzzzzzz: 1\n"])
        defer { folder.remove() }
        let collector = DiagnosticEngine()
        _ = try PackConfigurationReader().read(evidenceFolder: folder.url, diagnostics: collector)
        let unknown = try #require(collector.diagnostics.first { $0.identifier == "dossier.config.unknown-key" })
        #expect(unknown.suggestion == nil)
    }
}
