import DossierTestSupport
import Foundation
import Testing

/// Runs the built `dossier` binary, as a user or CI would.
@Suite struct CommandLineTests {
    private func dossier(_ arguments: [String], in directory: URL? = nil) throws -> CommandRunner.Outcome {
        var environment = ProcessInfo.processInfo.environment
        environment["SOURCE_DATE_EPOCH"] = "1790000000"
        return try CommandRunner.run(Repository.dossierBinary, arguments, in: directory, environment: environment)
    }

    @Test func helpDocumentsEveryExitCode() throws {
        let outcome = try dossier(["--help"])
        #expect(outcome.status == 0)
        for line in ["0   success", "1   findings", "2   cannot continue", "64  usage"] {
            #expect(outcome.stdout.contains(line), "help lacks '\(line)'")
        }
        #expect(outcome.stdout.contains("build"))
        #expect(outcome.stdout.contains("check"))
    }

    /// `--severity warning` leaves the notes (open items, mostly) out of the terminal, not out of the
    /// reports or the exit status; an unknown level is a usage error.
    @Test func severityLeavesLesserFindingsOutOfTheTerminalOnly() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try FileManager.default.copyItem(at: Repository.root.appendingPathComponent("evidence"), to: folder.subfolder("evidence"))
        let all = try dossier(["check", "evidence"], in: folder.url)
        let fewer = try dossier(["check", "evidence", "--severity", "warning"], in: folder.url)
        #expect(all.stderr.contains(": note: ") && all.stderr.contains(": warning: "))
        #expect(!fewer.stderr.contains(": note: ") && fewer.stderr.contains(": warning: ") && fewer.stderr.contains(": error: "))
        #expect(fewer.status == all.status && fewer.stdout == all.stdout, "the summary and the exit status changed")
        #expect(try dossier(["check", "evidence", "--severity", "loud"], in: folder.url).status == 64)
    }

    @Test func versionIsPrinted() throws {
        let outcome = try dossier(["--version"])
        #expect(outcome.status == 0)
        #expect(outcome.stdout.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: ".").count == 3)
    }

    @Test(arguments: [["build", "--no-such-flag"], ["check", "a", "b"], ["build", "--output"], ["build", "--strict=maybe"]])
    func badUsageExits64(_ arguments: [String]) throws {
        let folder = try TemporaryFolder(["evidence/a.md": "# A\n"])
        defer { folder.remove() }
        #expect(try dossier(arguments, in: folder.url).status == 64)
    }

    @Test(arguments: ["build", "check"])
    func missingEvidenceFolderNamesThePathAndExits2(_ command: String) throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let outcome = try dossier([command, "no-such-evidence"], in: folder.url)
        #expect(outcome.status == 2)
        #expect(outcome.stderr.contains("no-such-evidence"))
        #expect(!folder.exists("output"), "nothing is written when the build cannot continue")
    }

    @Test func cleanEvidenceBuildsWithExit0() throws {
        let folder = try TemporaryFolder(["evidence/a.md": "# A\n\n- [x] ACC-1 done\n"])
        defer { folder.remove() }
        let outcome = try dossier(["build"], in: folder.url)
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(folder.exists("output/index.html"))
        #expect(outcome.stdout.contains("output/index.html"))
    }

    @Test func errorsExit1ButThePackIsWritten() throws {
        let folder = try TemporaryFolder(["evidence/a.md": "[gone](missing.md)\n"])
        defer { folder.remove() }
        let outcome = try dossier(["build", "evidence", "--output", "pack"], in: folder.url)
        #expect(outcome.status == 1)
        #expect(outcome.stderr.contains("evidence/a.md:1:1: error: Link target 'missing.md' does not exist"))
        #expect(outcome.stderr.contains("[dossier.link.missing-target]"))
        #expect(folder.exists("pack/index.html"))
    }

    @Test func strictFailsOnWarnings() throws {
        let folder = try TemporaryFolder(["evidence/a.md": "![pixel](https://tracker.example/p.png)\n"])
        defer { folder.remove() }
        #expect(try dossier(["check"], in: folder.url).status == 0)
        #expect(try dossier(["check", "--strict"], in: folder.url).status == 1)
    }

    @Test func refusedOutputFolderExits2AndKeepsItsFiles() throws {
        let folder = try TemporaryFolder(["evidence/a.md": "# A\n", "notes/keep.txt": "mine"])
        defer { folder.remove() }
        let outcome = try dossier(["build", "--output", "notes"], in: folder.url)
        #expect(outcome.status == 2)
        #expect(outcome.stderr.contains("notes"))
        #expect(try folder.read("notes/keep.txt") == "mine")
    }

    @Test func templatesFlagOverridesTheTheme() throws {
        let folder = try TemporaryFolder(["evidence/a.md": "# A\n", "theme/assets/dossier.css": "/* custom */\n"])
        defer { folder.remove() }
        let outcome = try dossier(["build", "--templates", "theme"], in: folder.url)
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(try folder.read("output/assets/dossier.css") == "/* custom */\n")
    }
}

@Suite struct FailingSeverityTests {
    @Test func configurationCanMakeWarningsFail() throws {
        let folder = try TemporaryFolder([
            "evidence/a.md": "![pixel](https://tracker.example/p.png)\n",
            "evidence/dossier.yml": """
                organisation: Northwind
                scope: Test
                frameworks: [gdpr]
                audit_period: {start: 2026-01-01, end: 2026-12-31}
                policy: {failing_severity: warning}
                """,
        ])
        defer { folder.remove() }
        let outcome = try CommandRunner.run(Repository.dossierBinary, ["check"], in: folder.url)
        #expect(outcome.status == 1)
        #expect(outcome.stderr.contains("[dossier.link.remote-image]"))
    }

    @Test func malformedConfigurationCannotContinue() throws {
        let folder = try TemporaryFolder(["evidence/dossier.yml": "organisation: [unclosed\n"])
        defer { folder.remove() }
        let outcome = try CommandRunner.run(Repository.dossierBinary, ["check"], in: folder.url)
        #expect(outcome.status == 2)
        #expect(outcome.stderr.hasPrefix("evidence/dossier.yml:2:1: error:"), "compiler-style, so an editor can jump to it: \(outcome.stderr)")
        #expect(outcome.stderr.contains(": error: configuration is malformed: ") && outcome.stderr.contains("[dossier.config.malformed]"))
    }
}

@Suite struct CatalogCommandTests {
    @Test func jsonListsEveryControlOfEveryFramework() throws {
        let outcome = try CommandRunner.run(Repository.dossierBinary, ["catalog", "--json"])
        #expect(outcome.status == 0)
        let entries = try #require(JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [[String: String]])
        #expect(entries.count == 93 + 11 + 14)
        #expect(entries.allSatisfy { Set($0.keys) == ["framework", "id", "title"] })
        let counts = Dictionary(grouping: entries, by: { $0["framework"]! }).mapValues(\.count)
        #expect(counts == ["iso27001-2022": 93, "soc2": 11, "gdpr": 14])
        #expect(entries.first == ["framework": "iso27001-2022", "id": "5.1", "title": "Policies for information security"])
        #expect(entries.contains(["framework": "soc2", "id": "CC6.1", "title": "Logical access security software, infrastructure and architectures"]))
        #expect(entries.contains { $0["id"] == "30(1)(a)" && $0["framework"] == "gdpr" })
    }

    @Test func tableIsReadable() throws {
        let outcome = try CommandRunner.run(Repository.dossierBinary, ["catalog"])
        #expect(outcome.status == 0)
        #expect(outcome.stdout.contains("ISO/IEC 27001:2022 Annex A (iso27001-2022) — 93 controls"))
        #expect(outcome.stdout.contains("  8.15  Logging"))
    }
}

@Suite struct UserFrameworkTests {
    private let framework = """
        kind: framework
        framework: acme-ai-policy
        name: ACME AI usage policy
        source: ACME internal policy AI-01, version 3
        controls:
          - {id: AI-1, title: Every AI integration has a named owner}
          - {id: AI-2, title: Prompts are reviewed before release}
        """

    @Test func userFrameworkAppearsInCatalogAndMayBeConfigured() throws {
        let folder = try TemporaryFolder([
            "evidence/frameworks/acme.yml": framework,
            "evidence/dossier.yml": """
                organisation: ACME
                scope: AI
                frameworks: [gdpr, acme-ai-policy]
                audit_period: {start: 2026-01-01, end: 2026-12-31}
                """,
        ])
        defer { folder.remove() }
        let outcome = try CommandRunner.run(Repository.dossierBinary, ["catalog", "evidence", "--json"], in: folder.url)
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let entries = try #require(JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [[String: String]])
        #expect(entries.count == 118 + 2)
        #expect(entries.last == ["framework": "acme-ai-policy", "id": "AI-2", "title": "Prompts are reviewed before release"])
        let check = try CommandRunner.run(Repository.dossierBinary, ["check", "evidence"], in: folder.url)
        #expect(check.status == 0, "configuring the user's framework is no error: \(check.stderr)")
    }

    @Test func userChecklistAndMappingAppearInCatalog() throws {
        let folder = try TemporaryFolder([
            "evidence/frameworks/acme.yml": framework,
            "evidence/frameworks/acme-to-iso.yml": """
                kind: mapping
                id: acme-to-iso
                name: ACME AI policy to ISO 27001
                source_framework: acme-ai-policy
                target_framework: iso27001-2022
                source: ACME policy AI-01 v3, appendix B
                relations:
                  - {source: AI-1, target: "5.2", relationship: subset}
                """,
            "evidence/frameworks/acme-launch.yml": """
                kind: checklist-definition
                checklist: acme-launch
                name: ACME launch review
                source: ACME runbook
                frameworks: [acme-ai-policy]
                items:
                  - {id: AL-1, section: Ownership, text: The integration has an owner, controls: {acme-ai-policy: [AI-1]}, expects: [{document: {why: a written record}}], wants: An owner record}
                """,
        ])
        defer { folder.remove() }
        let overview = try CommandRunner.run(Repository.dossierBinary, ["catalog", "evidence"], in: folder.url)
        #expect(overview.status == 0, "\(overview.stderr)")
        #expect(overview.stderr.isEmpty)
        #expect(overview.stdout.contains("ACME AI usage policy (acme-ai-policy) — 2 controls"))
        #expect(overview.stdout.contains("acme-launch"))
        #expect(overview.stdout.contains("acme-to-iso"))
        #expect(overview.stdout.contains("acme-ai-policy → iso27001-2022"))

        let items = try CommandRunner.run(Repository.dossierBinary, ["catalog", "evidence", "--checklists", "--json"], in: folder.url)
        let itemEntries = try #require(JSONSerialization.jsonObject(with: Data(items.stdout.utf8)) as? [[String: Any]])
        let acme = try #require(itemEntries.first { $0["checklist"] as? String == "acme-launch" })
        #expect(acme["id"] as? String == "AL-1")
        #expect(acme["controls"] as? [String: [String]] == ["acme-ai-policy": ["AI-1"]])
        #expect(itemEntries.contains { $0["checklist"] as? String == "pre-launch" && $0["id"] as? String == "ACC-1" })

        let rows = try CommandRunner.run(Repository.dossierBinary, ["catalog", "evidence", "--mappings", "--json"], in: folder.url)
        let rowEntries = try #require(JSONSerialization.jsonObject(with: Data(rows.stdout.utf8)) as? [[String: String]])
        #expect(rowEntries.contains([
            "mapping": "acme-to-iso", "source_framework": "acme-ai-policy", "source": "AI-1",
            "target_framework": "iso27001-2022", "target": "5.2", "relationship": "subset",
        ]))
        let both = try CommandRunner.run(Repository.dossierBinary, ["catalog", "--checklists", "--mappings"], in: folder.url)
        #expect(both.status == 64)
    }

    @Test func malformedOrClashingFrameworksAreDiagnosed() throws {
        let folder = try TemporaryFolder([
            "evidence/a.yml": "kind: framework\nframework: soc2\nname: Mine\nsource: me\ncontrols: []\n",
            "evidence/b.yml": "kind: framework\nframework: mine\nname: Mine\nsource: me\ncontrols:\n  - {id: M-1}\n",
        ])
        defer { folder.remove() }
        let outcome = try CommandRunner.run(Repository.dossierBinary, ["catalog", "evidence"], in: folder.url)
        #expect(outcome.status == 0)
        #expect(outcome.stderr.contains("evidence/a.yml: error: ID 'soc2' is already used by a built-in framework"))
        #expect(outcome.stderr.contains("evidence/b.yml:6:5: error:"))
        #expect(outcome.stderr.contains("[dossier.framework.missing-field]"))
    }
}

@Suite struct InitCommandTests {
    @Test func freshInitChecksCleanlyWithEveryItemUnanswered() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let created = try CommandRunner.run(Repository.dossierBinary, ["init", "evidence", "--organisation", "Northwind"], in: folder.url)
        #expect(created.status == 0, "\(created.stderr)")
        #expect(try folder.read("evidence/dossier.yml").contains("organisation: \"Northwind\""))
        let sheet = try folder.read("evidence/checklists/pre-launch.md")
        #expect(sheet.contains("- [ ] ACC-1 "))
        #expect(sheet.contains("*Evidence wanted:*"))
        #expect(!sheet.contains("- [x]"))
        let check = try CommandRunner.run(Repository.dossierBinary, ["check", "evidence"], in: folder.url)
        #expect(check.status == 0, "a fresh init has no errors: \(check.stderr)")
        #expect(!check.stderr.contains("error:"))
        // Its warnings are the to-do list: every placeholder left to fill in, where it is.
        let warnings = check.stderr.split(separator: "\n").filter { $0.contains(": warning: ") }
        let placeholders = warnings.filter { $0.hasSuffix("[dossier.evidence.placeholder]") }
        #expect(placeholders.count == 11 && warnings.count == 12, "\(warnings)")
        // And every Annex A control is scaffolded undecided: one warning lists them, on the file to fill in.
        let undecided = warnings.first { $0.hasSuffix("[dossier.applicability.undecided]") }
        #expect(undecided?.hasPrefix("evidence/applicability/iso27001-2022.yml: warning: 93 of 93 controls") == true, "\(undecided ?? "none")")
        #expect(try folder.read("evidence/applicability/iso27001-2022.yml").contains(#"- {framework: iso27001-2022, control: "8.34", applicable: undecided, justification: ""}"#))
        #expect(warnings.contains { $0.hasPrefix("evidence/activities/first-integration.yml:7:12: warning: '<privacy contact e-mail>'") })
        #expect(check.stderr.contains("[dossier.item.open]"), "each open item is listed as a note")
        #expect(try CommandRunner.run(Repository.dossierBinary, ["check", "evidence", "--strict"], in: folder.url).status == 1,
                "an unfilled scaffold does not pass a strict build")
        #expect(check.stdout.contains("checklists/pre-launch.md: 0 of"))
        #expect(check.stdout.contains("top gaps: GDPR Art. 30 30(1)(a) missing — evidence/activities/first-integration.yml does not state"),
                "the record is the first gap, at a path that opens from here: \(check.stdout)")
        #expect(check.stdout.contains("checklists/promotion-gate.md: 0 of"))
    }

    @Test(arguments: ["Acme: EMEA", "[Acme] EU", "*Star Ltd", "Yes", "0123 Ltd", "O'Brien & \"Sons\" # 1", "Ütopia GmbH"])
    func initQuotesAnOrganisationYAMLWouldMisread(_ name: String) throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let created = try CommandRunner.run(Repository.dossierBinary, ["init", "evidence", "--organisation", name], in: folder.url)
        #expect(created.status == 0, "\(created.stderr)")
        if !name.contains("\"") { #expect(try folder.read("evidence/dossier.yml").contains(name), "written as typed, not escaped, for hand editing") }
        let check = try CommandRunner.run(Repository.dossierBinary, ["check", "evidence"], in: folder.url)
        #expect(check.status == 0 && !check.stderr.contains("error:"), "\(name): \(check.stderr)")
        let build = try CommandRunner.run(Repository.dossierBinary, ["build", "evidence", "--output", "pack", "--quiet"], in: folder.url)
        #expect(build.status == 0)
        let report = try JSONSerialization.jsonObject(with: Data(try folder.read("pack/report.json").utf8)) as? [String: Any]
        #expect(report?["organisation"] as? String == name, "the name reads back as it was given")
    }

    @Test(arguments: [["chek", "evidence"], ["biuld"], ["verfy", "pack"]])
    func aMisspeltCommandIsAUsageError(_ arguments: [String]) throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let outcome = try CommandRunner.run(Repository.dossierBinary, arguments, in: folder.url)
        #expect(outcome.status == 64, "\(outcome.stderr)")
        #expect(outcome.stderr.contains("unknown command '\(arguments[0])'; did you mean"))
    }

    @Test func anExistingFolderNamedLikeACommandIsStillBuilt() throws {
        let folder = try TemporaryFolder(["chek/notes.md": "# Notes\n"])
        defer { folder.remove() }
        let outcome = try CommandRunner.run(Repository.dossierBinary, ["chek", "--output", "pack", "--quiet"], in: folder.url)
        #expect(outcome.status != 64, "\(outcome.stderr)")
        #expect(folder.exists("pack/index.html"))
    }

    @Test func initRefusesAFolderWithFilesAndTouchesNothing() throws {
        let folder = try TemporaryFolder(["evidence/mine.md": "keep me"])
        defer { folder.remove() }
        let outcome = try CommandRunner.run(Repository.dossierBinary, ["init", "evidence"], in: folder.url)
        #expect(outcome.status == 2)
        #expect(outcome.stderr.contains("refusing to create an evidence folder at") && outcome.stderr.contains("not empty"))
        #expect(!folder.exists("evidence/dossier.yml"))
    }
}
