@testable import DossierAssess
import DossierIntake
import DossierModel
import DossierPack
import DossierPublish
import DossierResources
import DossierTestSupport
import Foundation
import Testing

/// Dossier's decoders judge the shared schema fixtures exactly as the JSON Schemas in `schemas/` do
/// (`scripts/check-schemas.py` checks the schema side of the same files).
@Suite struct SchemaAgreementTests {
    static let fixtures = Repository.root.appendingPathComponent("Tests/Fixtures/schemas")

    struct Fixture: CustomTestStringConvertible, Sendable {
        var schema: String
        var valid: Bool
        var url: URL
        var testDescription: String { "\(schema)/\(valid ? "valid" : "invalid")/\(url.lastPathComponent)" }
    }

    static var all: [Fixture] {
        var found: [Fixture] = []
        for schema in schemas {
            for verdict in ["valid", "invalid"] {
                let folder = fixtures.appendingPathComponent("\(schema)/\(verdict)")
                for name in ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted() {
                    found.append(Fixture(schema: schema, valid: verdict == "valid", url: folder.appendingPathComponent(name)))
                }
            }
        }
        return found
    }

    /// Every schema in `schemas/`, by name (`approval.schema.json` → `approval`).
    static var schemas: [String] {
        let folder = Repository.root.appendingPathComponent("schemas")
        return ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
            .filter { $0.hasSuffix(".schema.json") }.map { String($0.dropLast(".schema.json".count)) }.sorted()
    }

    @Test func everySchemaHasValidAndInvalidFixtures() {
        #expect(Self.schemas == [
            "agreement", "applicability", "approval", "checklist", "checklist-definition", "data-flow", "dossier", "framework", "mapping",
            "processing-activity", "remediation", "waiver",
        ])
        for schema in Self.schemas {
            #expect(Self.all.contains { $0.schema == schema && $0.valid })
            #expect(Self.all.contains { $0.schema == schema && !$0.valid })
        }
    }

    @Test(arguments: all)
    func decoderAgreesWithSchema(_ fixture: Fixture) throws {
        let text = try String(contentsOf: fixture.url, encoding: .utf8)
        let errors = try errors(decoding: text, fixture: fixture)
        if fixture.valid {
            #expect(errors.isEmpty, "the schema accepts it but Dossier reports \(errors)")
        } else {
            #expect(!errors.isEmpty, "the schema rejects it but Dossier accepts it")
        }
    }

    private func errors(decoding text: String, fixture: Fixture) throws -> [String] {
        let ext = fixture.url.pathExtension
        switch fixture.schema {
        case "dossier":
            let folder = try TemporaryFolder(["dossier.\(ext)": text])
            defer { folder.remove() }
            let collector = DiagnosticEngine()
            do {
                let configuration = try PackConfigurationReader().read(evidenceFolder: folder.url, diagnostics: collector)
                collector.report(contentsOf: signOffErrors(documents: [], configuration: configuration))
            } catch {
                return ["\(error)"]
            }
            return collector.diagnostics.filter { $0.severity == .error }.map(\.summary)
        case "checklist":
            // The schema describes a checklist's front matter: the fixture is that, above a one-item task list.
            let (documents, diagnostics) = try parseEvidence(["answers.md": "---\n\(text)\n---\n# Answers\n\n- [x] ACC-1 Done.\n"])
            var problems = (diagnostics + signOffErrors(documents: documents, configuration: nil)).filter { $0.severity == .error }.map(\.summary)
            if problems.isEmpty && documents.first?.record == nil { problems.append("not read as a checklist") }
            return problems
        default:
            // Checklist definitions and mappings are checked in full once every catalog is known.
            let (content, diagnostics) = try assembleContent(["record.\(ext)": text])
            let (documents, _) = try parseEvidence(["record.\(ext)": text])
            var problems = (diagnostics + signOffErrors(documents: documents, configuration: nil)).filter { $0.severity == .error }.map(\.summary)
            if problems.isEmpty && documents.first?.record == nil { problems.append("not read as a record") }
            if problems.isEmpty && fixture.schema == "mapping" && !content.mappings.contains(where: { $0.origin == "record.\(ext)" }) {
                problems.append("mapping not assembled")
            }
            return problems
        }
    }

    /// What the schemas' `if state is final then reviewed_by is required` stands for: the sign-off rule's
    /// errors (dated long after the fixtures, so no signature is in the future).
    private func signOffErrors(documents: [EvidenceDocument], configuration: PackConfiguration?) -> [Diagnostic] {
        let context = RuleContext(documents: documents, content: .builtIn, configuration: configuration, buildDate: .distantFuture)
        return SignOffRule().check(context).map(\.diagnostic).filter { $0.severity == .error }
    }
}
