import DossierTestSupport
import Foundation
import Testing

/// The sample pack checked the way an auditor meets it: every page present, linked, reachable
/// without JavaScript, and built to the accessibility basics.
@Suite struct SamplePackTests {
    /// Builds the sample evidence once per test into a fresh folder.
    static func build(_ evidence: URL = Repository.root.appendingPathComponent("evidence")) throws -> TemporaryFolder {
        let folder = try TemporaryFolder()
        var environment = ProcessInfo.processInfo.environment
        environment["SOURCE_DATE_EPOCH"] = "1795392000"
        let outcome = try CommandRunner.run(
            Repository.dossierBinary, ["build", evidence.path, "--output", folder.subfolder("pack").path, "--quiet"],
            environment: environment)
        #expect(outcome.status == 1, "the sample's planted error exits 1 with the pack written: \(outcome.stderr)")
        return folder
    }

    @Test func everyKindOfPageIsThere() throws {
        let folder = try Self.build()
        defer { folder.remove() }
        for page in [
            "index.html", "evidence.html", "findings.html", "about.html", "statement-of-applicability.html",
            "frameworks/gdpr.html", "frameworks/soc2.html", "frameworks/iso27001-2022.html",
            "controls/gdpr/30-1-a.html", "controls/soc2/CC6.1.html", "controls/iso27001-2022/8.15.html",
            "activities/ticket-summariser.html", "evidence/checklists/pre-launch.html",
            "evidence/logs/2026-10-13-go-live.jsonl.html", "evidence/data-flows/ticket-summariser.yml.html",
            "assets/dossier.css", "assets/dossier.js", "assets/search-index.js",
        ] {
            #expect(folder.exists("pack/" + page), "\(page) is missing")
        }
        let walker = PackLinkWalker(root: folder.subfolder("pack"))
        #expect(walker.pages().filter { $0.hasPrefix("controls/") }.count == 14 + 11 + 93)
        #expect(try folder.read("pack/about.html").contains("<dt>Pages</dt><dd>\(walker.pages().count) "), "the About page counts the pages there are")
    }

    @Test func everyLinkResolvesAndNothingLoadsFromOutside() throws {
        let folder = try Self.build()
        defer { folder.remove() }
        let problems = try PackLinkWalker(root: folder.subfolder("pack")).problems()
        #expect(problems.isEmpty, "\(problems.prefix(10))")
    }

    @Test func everyPageIsReachableFromTheIndexWithoutJavaScript() throws {
        let folder = try Self.build()
        defer { folder.remove() }
        let walker = PackLinkWalker(root: folder.subfolder("pack"))
        let unreachable = Set(walker.pages()).subtracting(try walker.reachable())
        #expect(unreachable.isEmpty, "not reachable by links: \(unreachable.sorted().prefix(10))")
    }

    @Test func everyPageHasTheAccessibilityBasics() throws {
        let folder = try Self.build()
        defer { folder.remove() }
        let walker = PackLinkWalker(root: folder.subfolder("pack"))
        for page in walker.pages() {
            let html = try folder.read("pack/" + page)
            #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">"), "\(page): doctype and lang")
            #expect(html.components(separatedBy: "<h1").count == 2, "\(page): exactly one h1")
            #expect(html.contains("<title>") && html.contains("<main id=\"content\">") && html.contains("<nav aria-label=\"Pack\">"), "\(page): title and landmarks")
            #expect(!html.contains("style=\""), "\(page): inline styles would break the Content-Security-Policy")
            #expect(html.contains("Content-Security-Policy"), "\(page): CSP")
        }
    }

    @Test func controlPagesExplainTheirVerdict() throws {
        let folder = try Self.build()
        defer { folder.remove() }
        let page = try folder.read("pack/controls/soc2/CC6.1.html")
        #expect(page.contains("status-partial"))
        #expect(page.contains("gap accepted by waiver WVR-2026-007"))
        #expect(page.contains(#"href="../../evidence/records/access-review-2026-q3.html""#))
        #expect(page.contains(#"href="../../controls/iso27001-2022/5.16.html""#), "mapped ISO controls are linked")
        let evidence = try folder.read("pack/evidence/records/access-review-2026-q3.html")
        #expect(evidence.contains("Cited by") && evidence.contains(#"href="../../controls/soc2/CC6.1.html""#), "backlinks to the controls")
    }

    /// The sample's graph carries no finding (an error on it would leave every item citing it unproven),
    /// so a violation is shown on the verdict fixture whose flow F4 uses TLS 1.1.
    @Test func theDiagramMarksTheViolationOnItsFlowAndListsIt() throws {
        let fixture = try Self.build(Repository.root.appendingPathComponent("Tests/Fixtures/verdicts/tls-contradicted/evidence"))
        defer { fixture.remove() }
        for page in ["evidence/data-flows/support-bot.yml.html", "activities/support-bot.html"] {
            let html = try fixture.read("pack/" + page)
            #expect(html.contains(#"id="df-support-bot-flows-flow-F4" class="edge flow personal-data violation""#), "\(page): F4 drawn as a violation")
            #expect(html.components(separatedBy: " violation\"").count == 2, "\(page): only F4 is marked")
            #expect(html.contains("Problems found in this map") && html.contains("dossier.dataflow.weak-tls"), "\(page): listed beside")
        }
        let folder = try Self.build()
        defer { folder.remove() }
        for page in ["evidence/data-flows/ticket-summariser.yml.html", "activities/ticket-summariser.html"] {
            let html = try folder.read("pack/" + page)
            #expect(!html.contains(" violation\""), "\(page): the sample's map has no problem to mark")
            // The activity page also tables its own Art. 30 record.
            let tables = page.hasPrefix("activities/") ? 2 : 1
            #expect(html.components(separatedBy: #"<table class="record-fields">"#).count == tables + 1, "\(page): the graph's facts are tabled once")
            #expect(html.contains(#"<th scope="row">Processing activity</th><td>ticket-summariser</td>"#),
                    "\(page): a row with no link of its own does not take the diagram's (Mustache's context stack)")
        }
    }
}
