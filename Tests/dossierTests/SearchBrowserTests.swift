import DossierTestSupport
import Foundation
import Testing

/// The pack's search in headless Chromium, from `file://`: words that are only in pages' text (not
/// in any title) find the pages that show them, each with its snippet and the word marked.
@Suite(.serialized, .enabled(if: Chromium.suitesRun, Chromium.skipReason)) struct SearchBrowserTests {
    /// Terms of the sample pack that no page title holds, and every page whose text shows each.
    static let bodyTerms: [(term: String, pages: Set<String>)] = [
        ("tls", [
            "activities/ticket-summariser.html", "controls/gdpr/30-1-g.html", "controls/iso27001-2022/5.14.html", "controls/iso27001-2022/7.12.html",
            "controls/iso27001-2022/8.20.html", "controls/iso27001-2022/8.21.html", "controls/iso27001-2022/8.24.html", "controls/soc2/CC6.1.html",
            "controls/soc2/CC6.7.html", "evidence/README.html", "evidence/activities/ticket-summariser.yml.html",
            "evidence/applicability/iso27001-soa-decisions.yml.html", "evidence/checklists/pre-launch.html",
            "evidence/data-flows/ticket-summariser.yml.html", "evidence/records/data-flow.html", "evidence/records/dpia-2026-017.html",
            "frameworks/iso27001-2022.html", "statement-of-applicability.html",
        ]),
        // Service accounts: one in the record, the activity, a log and two records; one in the access review alone.
        ("svc-summariser-helpdesk", [
            "activities/ticket-summariser.html", "evidence/activities/ticket-summariser.yml.html", "evidence/logs/2026-10-13-go-live.jsonl.html",
            "evidence/records/access-review-2026-q3.html", "evidence/records/secret-rotation.html",
        ]),
        ("svc-summariser-siem-ingest", ["evidence/records/access-review-2026-q3.html"]),
        // Diagnostic IDs.
        ("dossier.approval.hash-mismatch", [
            "controls/iso27001-2022/5.18.html", "controls/iso27001-2022/5.3.html", "controls/iso27001-2022/8.2.html", "controls/soc2/CC6.2.html",
            "controls/soc2/CC6.3.html", "evidence/README.html", "evidence/approvals/ropa-credentials-2026-09-17.json.html",
            "evidence/checklists/pre-launch.html", "findings.html", "frameworks/iso27001-2022.html", "frameworks/soc2.html",
            "statement-of-applicability.html",
        ]),
        ("dossier.item.unproven", [
            "controls/iso27001-2022/5.25.html", "controls/iso27001-2022/8.16.html", "controls/soc2/CC7.2.html", "evidence/README.html",
            "evidence/checklists/pre-launch.html", "findings.html",
        ]),
        // Checklist item IDs.
        ("acc-3", [
            "controls/iso27001-2022/5.18.html", "controls/iso27001-2022/5.3.html", "controls/iso27001-2022/8.2.html", "controls/soc2/CC6.2.html",
            "controls/soc2/CC6.3.html", "evidence/README.html", "evidence/activities/ticket-summariser.yml.html",
            "evidence/approvals/ropa-credentials-2026-09-17.json.html", "evidence/checklists/pre-launch.html", "findings.html",
            "frameworks/iso27001-2022.html", "frameworks/soc2.html", "statement-of-applicability.html",
        ]),
        ("sec-2", [
            "controls/iso27001-2022/5.17.html", "controls/iso27001-2022/8.28.html", "controls/iso27001-2022/8.4.html", "controls/soc2/CC6.1.html",
            "evidence/checklists/pre-launch.html", "evidence/records/secret-rotation.html", "frameworks/iso27001-2022.html",
            "statement-of-applicability.html",
        ]),
        // A system's key, in a record, a data-flow graph and the activity page (as `zendesk` was in the issue).
        ("kms/ticketsum-prod", ["activities/ticket-summariser.html", "evidence/data-flows/ticket-summariser.yml.html", "evidence/records/data-flow.html"]),
        ("byok", ["activities/ticket-summariser.html", "evidence/data-flows/ticket-summariser.yml.html", "evidence/records/data-flow.html"]),
        ("zero-retention", [
            "activities/ticket-summariser.html", "controls/gdpr/30-1-f.html", "controls/iso27001-2022/5.34.html", "controls/iso27001-2022/8.10.html",
            "evidence/activities/ticket-summariser.yml.html", "evidence/approvals/cab-2026-041.html", "evidence/checklists/pre-launch.html",
            "evidence/data-flows/ticket-summariser.yml.html", "evidence/records/data-flow.html", "evidence/records/dpia-2026-017.html",
        ]),
    ]

    /// One search's results: page (from the pack's root), the snippet's text and its marked words.
    struct Result: Decodable { var page: String; var snippet: String; var marks: [String] }

    /// Frames `page` in a harness inside the pack, types each term into its search box, and returns
    /// what the results list shows for each, with the console lines and network requests of the run.
    private func search(_ terms: [String], on page: String, pack: URL, chromium: URL, scratch: URL) throws -> (results: [String: [Result]], console: [String], requests: [String]) {
        let list = String(decoding: try JSONEncoder().encode(terms), as: UTF8.self)
        let script = """
            const terms = \(list), out = {}, base = new URL(".", location.href).href;
            const frame = document.createElement("iframe");
            frame.src = "\(page)";
            frame.onload = () => {
              const doc = frame.contentDocument, input = doc.getElementById("search-box"), results = doc.getElementById("search-results");
              let i = 0;
              function collect() {
                if (/Loading/.test(results.textContent)) { setTimeout(collect, 50); return; }
                out[terms[i]] = Array.from(results.querySelectorAll("li")).filter(li => li.querySelector("a")).map(li => ({
                  page: decodeURIComponent(li.querySelector("a").href.slice(base.length)),
                  snippet: (li.querySelector(".snippet") || {}).textContent || "",
                  marks: Array.from(li.querySelectorAll("mark")).map(m => m.textContent) }));
                i++; next();
              }
              function next() {
                if (i >= terms.length) { document.getElementById("out").textContent = JSON.stringify(out); return; }
                input.value = terms[i];
                input.dispatchEvent(new frame.contentWindow.Event("input"));
                setTimeout(collect, 10);
              }
              next();
            };
            document.body.appendChild(frame);
            """
        let harness = pack.appendingPathComponent("search-\(UUID().uuidString).html")
        try ("<!DOCTYPE html><html lang=\"en\"><title>search</title><body><pre id=\"out\"></pre><script>" + script + "</script></body></html>")
            .write(to: harness, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: harness) }
        let loaded = try BrowserTests.load(
            harness, chromium: chromium, scratch: scratch, options: ["--allow-file-access-from-files", "--virtual-time-budget=30000"])
        guard let start = loaded.dom.range(of: "<pre id=\"out\">"), let end = loaded.dom.range(of: "</pre>", range: start.upperBound..<loaded.dom.endIndex) else {
            return ([:], loaded.console, loaded.requests)
        }
        let json = loaded.dom[start.upperBound..<end.lowerBound].replacingOccurrences(of: "&amp;", with: "&")
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
        return (try JSONDecoder().decode([String: [Result]].self, from: Data(json.utf8)), loaded.console, loaded.requests)
    }

    /// Ten words only in pages' text: each finds exactly the pages that show it, every result with a
    /// snippet holding the word marked. (The titles-only index of 0.x found none of them.)
    @Test func wordsInPagesTextFindThosePagesWithTheWordMarked() throws {
        let chromium = try #require(Chromium.url, "chromium is missing: run `make test`")
        let folder = try SamplePackTests.build()
        defer { folder.remove() }
        let pack = folder.subfolder("pack")
        // From a page two folders down, so that the results' addresses must be made from the pack's root.
        let found = try search(Self.bodyTerms.map(\.term) + ["cc9.2"], on: "evidence/records/data-flow.html", pack: pack, chromium: chromium, scratch: folder.url)
        #expect(found.console.isEmpty, "\(found.console)")
        #expect(found.requests.isEmpty, "the search fetched \(found.requests)")
        for (term, pages) in Self.bodyTerms {
            let results = found.results[term] ?? []
            #expect(Set(results.map(\.page)) == pages, "\(term): found \(results.map(\.page).sorted())")
            for result in results {
                #expect(result.snippet.lowercased().contains(term), "\(term) on \(result.page): snippet \(result.snippet)")
                #expect(!result.marks.isEmpty && result.marks.allSatisfy { $0.lowercased() == term }, "\(term) on \(result.page): marks \(result.marks)")
            }
        }
        // The record's e-mail addresses are redacted on its pages, so the index holds the marker's words, never them.
        let index = try String(contentsOf: pack.appendingPathComponent("assets/search-index.js"), encoding: .utf8)
        #expect(!index.contains("privacy@northwind") && !index.contains("dpo@northwind") && index.contains(#""[email""#))
        // A control ID: its own page first (its title), then the evidence that cites it.
        let control = found.results["cc9.2"] ?? []
        #expect(control.first?.page == "controls/soc2/CC9.2.html", "\(control.map(\.page))")
        #expect(Set(control.map(\.page)).isSuperset(of: ["evidence/agreements/helpdesk-dpa.yml.html", "evidence/data-flows/ticket-summariser.yml.html"]))
    }
}
