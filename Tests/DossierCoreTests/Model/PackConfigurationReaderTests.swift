import DossierAssess
import DossierIntake
import DossierModel
import DossierPack
import DossierPublish
import DossierResources
import DossierTestSupport
import Foundation
import Testing

@Suite struct PackConfigurationReaderTests {
    private let valid = """
        organisation: Northwind Support Ltd
        scope: Support-ticket summariser (helpdesk → LLM provider → CRM)
        frameworks: [gdpr, soc2, iso27001-2022]
        audit_period:
          start: 2026-01-01
          end: 2026-12-31
        release: v1.4.0
        policy:
          failing_severity: warning
          redaction: hash
          freshness:
            secret_rotation_days: 60
        source_roots:
          - name: prompts
            path: ../app/prompts
        """

    private func read(_ text: String, name: String = "dossier.yml", extra: [String: String] = [:]) throws
        -> (PackConfiguration?, [Diagnostic])
    {
        var files = extra
        files["evidence/" + name] = text
        let folder = try TemporaryFolder(files)
        defer { folder.remove() }
        let collector = DiagnosticEngine()
        let configuration = try PackConfigurationReader().read(evidenceFolder: folder.subfolder("evidence"), diagnostics: collector)
        return (configuration, collector.diagnostics)
    }

    @Test func readsEveryField() throws {
        let (configuration, diagnostics) = try read(valid, extra: ["app/prompts/summarise.txt": "Summarise"])
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        let config = try #require(configuration)
        #expect(config.organisation == "Northwind Support Ltd")
        #expect(config.frameworks == ["gdpr", "soc2", "iso27001-2022"])
        #expect(config.release == "v1.4.0")
        #expect(config.failingSeverity == .warning)
        #expect(config.redaction == .hash)
        #expect(config.freshness.secretRotationDays == 60)
        #expect(config.freshness.accessReviewDays == 92, "unset windows keep their defaults")
        #expect(config.sourceRoots.map(\.name) == ["prompts"])
        #expect(config.auditPeriod.map { ISODate.parse("2026-01-01") == $0.start } == true)
    }

    @Test func missingFileIsANote() throws {
        let folder = try TemporaryFolder(["evidence/a.md": ""])
        defer { folder.remove() }
        let collector = DiagnosticEngine()
        #expect(try PackConfigurationReader().read(evidenceFolder: folder.subfolder("evidence"), diagnostics: collector) == nil)
        #expect(collector.diagnostics.map(\.identifier) == ["dossier.config.missing"])
        #expect(collector.diagnostics.first?.severity == .note)
    }

    @Test func malformedYAMLCannotContinue() {
        #expect(throws: DossierError.self) { try read("organisation: [unclosed\n") }
    }

    @Test(arguments: [
        ("organisation", "dossier.config.missing-field"),
        ("scope", "dossier.config.missing-field"),
        ("frameworks", "dossier.config.missing-field"),
        ("audit_period", "dossier.config.missing-field"),
    ])
    func eachRequiredFieldIsReportedWhenMissing(field: String, identifier: String) throws {
        let lines = valid.split(separator: "\n", omittingEmptySubsequences: false)
        var kept: [Substring] = []
        var skipping = false
        for line in lines {
            if line.hasPrefix(field + ":") { skipping = true; continue }
            if skipping && line.hasPrefix(" ") { continue }
            skipping = false
            kept.append(line)
        }
        let (_, diagnostics) = try read(kept.joined(separator: "\n"), extra: ["app/prompts/a.txt": ""])
        #expect(diagnostics.map(\.identifier) == [identifier], "\(diagnostics)")
        #expect(diagnostics.first?.summary.contains(field) == true)
    }

    @Test func wrongTypesBadDatesUnknownKeysAndValuesArePinpointed() throws {
        let (_, diagnostics) = try read("""
            organisation: Northwind
            scope: [not, text]
            frameworks: [gdpr, soc-2, iso27001]
            audit_period:
              start: 2026-13-01
              end: 2026-12-31
            polcy: {}
            """)
        let byID = Dictionary(grouping: diagnostics, by: \.identifier)
        #expect(byID["dossier.config.wrong-type"]?.first?.location == SourceLocation(line: 2, column: 8))
        let frameworks = byID["dossier.config.unknown-framework"] ?? []
        #expect(frameworks.first?.summary.contains("did you mean 'soc2'") == true)
        #expect(frameworks.last?.summary.contains("did you mean 'iso27001-2022'") == true, "a name's start is a suggestion too")
        #expect(frameworks.map(\.location) == [SourceLocation(line: 3, column: 20), SourceLocation(line: 3, column: 27)], "each name at its place")
        #expect(byID["dossier.config.bad-date"]?.first?.location == SourceLocation(line: 5, column: 10))
        let unknown = try #require(byID["dossier.config.unknown-key"]?.first)
        #expect(unknown.severity == .warning)
        #expect(unknown.summary.contains("did you mean 'policy'"))
        #expect(unknown.location == SourceLocation(line: 7, column: 1))
    }

    @Test func duplicateKeysAndMissingSourceRootsAreErrors() throws {
        let (_, diagnostics) = try read("""
            {"organisation": "A", "organisation": "B", "scope": "s", "frameworks": ["gdpr"],
             "audit_period": {"start": "2026-01-01", "end": "2026-12-31"},
             "source_roots": [{"name": "prompts", "path": "../nowhere"}]}
            """, name: "dossier.json")
        let ids = Set(diagnostics.map(\.identifier))
        #expect(ids.contains("dossier.config.missing-source-root"))
        #expect(diagnostics.contains { $0.summary.contains("Key 'organisation' appears more than once") })
    }

    @Test func periodThatEndsBeforeItStartsIsAnError() throws {
        let (_, diagnostics) = try read(valid.replacingOccurrences(of: "end: 2026-12-31", with: "end: 2025-12-31"), extra: ["app/prompts/a": ""])
        #expect(diagnostics.map(\.identifier) == ["dossier.config.bad-period"])
    }
}
