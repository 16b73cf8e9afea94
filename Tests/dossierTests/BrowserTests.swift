import DossierTestSupport
import Foundation
import Testing

/// Opens the pack in headless Chromium, from `file://`, as an auditor would.
@Suite(.serialized, .enabled(if: Chromium.suitesRun, Chromium.skipReason)) struct BrowserTests {
    private func buildPack() throws -> TemporaryFolder {
        let folder = try TemporaryFolder([
            "evidence/checklists/pre-launch.md": """
                # Pre-launch sign-off

                - [x] ACC-1 Scopes are minimal ([grant](../logs/grant.md))
                - [ ] SEC-1 Secrets in the vault

                | Secret | Rotated |
                |---|---|
                | helpdesk-token | 2026-09-01 |

                <script>document.body.setAttribute('data-canary', 'fired')</script>
                """,
            "evidence/logs/grant.md": "# Grant\n\nScope `read:tickets`.\n",
        ])
        var environment = ProcessInfo.processInfo.environment
        environment["SOURCE_DATE_EPOCH"] = "1790000000"
        let outcome = try CommandRunner.run(Repository.dossierBinary, ["build"], in: folder.url, environment: environment)
        #expect(outcome.status == 0, "\(outcome.stderr)")
        return folder
    }

    /// Chromium's own background traffic (updates, time, accounts, dictionaries), which no page causes.
    private static let browserHosts = ["google.com", "googleapis.com", "gvt1.com", "gstatic.com"]

    /// Loads a page and returns its DOM, console lines, and the URLs it fetched from the network
    /// (`options`: more of Chromium's, such as a virtual time budget for a page that waits).
    static func load(
        _ page: URL, chromium: URL, scratch: URL, options: [String] = []
    ) throws -> (dom: String, console: [String], requests: [String]) {
        let netLog = scratch.appendingPathComponent("net-\(UUID().uuidString).json")
        let outcome = try CommandRunner.run(chromium, [
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run",
            "--enable-logging=stderr", "--v=0", "--log-net-log=\(netLog.path)",
        ] + options + ["--dump-dom", page.absoluteString])
        // Thrown, not expected: pages are loaded on worker threads, outside the test's own task.
        if outcome.status != 0 { throw ChromiumFailed(status: outcome.status) }
        let log = (try? String(contentsOf: netLog, encoding: .utf8)) ?? ""
        let urlPattern = try NSRegularExpression(pattern: #""url":"([a-z]+://[^"/]*)[^"]*""#)
        let requests = urlPattern.matches(in: log, range: NSRange(log.startIndex..., in: log)).compactMap {
            Range($0.range(at: 1), in: log).map { String(log[$0]) }
        }.filter { origin in !Self.browserHosts.contains { origin.hasSuffix("." + $0) || origin.hasSuffix("/" + $0) } }
        let console = outcome.stderr.split(separator: "\n").map(String.init).filter { $0.contains(":CONSOLE:") }
        return (outcome.stdout, console, requests)
    }

    @Test func indexAndPagesRenderInChromiumWithoutErrorsOrNetwork() throws {
        let chromium = try #require(Chromium.url, "chromium is missing: run `make test`")
        let folder = try buildPack()
        defer { folder.remove() }
        for (page, expected) in [
            ("index.html", ["Pre-launch sign-off", "evidence/checklists/pre-launch.html"]),
            ("evidence/checklists/pre-launch.html", ["ACC-1 Scopes are minimal", "helpdesk-token", "type=\"checkbox\""]),
        ] {
            let loaded = try Self.load(folder.url.appendingPathComponent("output/" + page), chromium: chromium, scratch: folder.url)
            for text in expected {
                #expect(loaded.dom.contains(text), "\(page): DOM lacks \(text)")
            }
            #expect(!loaded.dom.contains("data-canary"), "a script from the evidence ran")
            #expect(loaded.console.isEmpty, "\(page): \(loaded.console)")
            #expect(loaded.requests.isEmpty, "\(page) fetched \(loaded.requests)")
        }
    }

    /// One page of each kind from the sample pack, loaded on its own: it shows what it is for, and the
    /// optional script runs under the Content-Security-Policy (it reveals the search box it enhances).
    @Test func samplePackPagesShowTheirContentAndTheirScriptRuns() throws {
        let chromium = try #require(Chromium.url, "chromium is missing: run `make test`")
        let folder = try SamplePackTests.build()
        defer { folder.remove() }
        for (page, expected) in [
            ("index.html", "Coverage"), ("frameworks/iso27001-2022.html", "Controls"), ("controls/soc2/CC6.1.html", "WVR-2026-007"),
            ("activities/ticket-summariser.html", "Approvals, oldest first"), ("statement-of-applicability.html", "Annex A"),
            ("evidence/logs/2026-10-13-go-live.jsonl.html", "Events by kind"), ("evidence/data-flows/ticket-summariser.yml.html", "<svg"),
            ("about.html", "How it was built"), ("findings.html", "dossier.approval.hash-mismatch"),
        ] {
            let loaded = try Self.load(folder.url.appendingPathComponent("pack/" + page), chromium: chromium, scratch: folder.url)
            #expect(loaded.dom.contains(expected), "\(page): DOM lacks \(expected)")
            #expect(loaded.dom.contains(#"<div class="search" data-root=""#) && !loaded.dom.contains(#"data-root="\#(PackRoot.of(page))" hidden"#),
                    "\(page): the search script did not run")
            #expect(loaded.console.isEmpty, "\(page): \(loaded.console)")
            #expect(loaded.requests.isEmpty, "\(page) fetched \(loaded.requests)")
        }
    }

    /// Writes a page that frames `pages` (paths inside `pack`), so one browser start loads many pages.
    private func harness(_ pages: [String], pack: URL, in scratch: URL) throws -> URL {
        let frames = pages.map { #"<iframe src="\#(pack.appendingPathComponent($0).absoluteString)" title="\#($0)"></iframe>"# }
        let url = scratch.appendingPathComponent("harness-\(UUID().uuidString).html")
        try ("<!DOCTYPE html><html lang=\"en\"><title>harness</title>" + frames.joined(separator: "\n") + "</html>").write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    /// Every page of the sample pack, framed forty at a time: no console error in any of them, and no
    /// request leaving the pack.
    @Test func everySamplePackPageLoadsWithoutErrorsOrNetwork() throws {
        let chromium = try #require(Chromium.url, "chromium is missing: run `make test`")
        let folder = try SamplePackTests.build()
        defer { folder.remove() }
        let pages = PackLinkWalker(root: folder.subfolder("pack")).pages()
        #expect(pages.count > 140)
        for start in stride(from: 0, to: pages.count, by: 40) {
            let batch = Array(pages[start..<min(start + 40, pages.count)])
            let loaded = try Self.load(try harness(batch, pack: folder.subfolder("pack"), in: folder.url), chromium: chromium, scratch: folder.url)
            #expect(loaded.dom.components(separatedBy: "<iframe").count == batch.count + 1)
            #expect(loaded.console.isEmpty, "\(batch.first!)…: \(loaded.console.prefix(5))")
            #expect(loaded.requests.isEmpty, "\(batch.first!)… fetched \(loaded.requests)")
        }
    }

    /// Pages measured in 390 px frames (a phone): how far each one's content runs past the frame's width.
    private func overflow(of pages: [String], in pack: URL, chromium: URL, scratch: URL) throws -> [String: Int] {
        let list = pages.map { "\"\($0)\"" }.joined(separator: ",")
        let script = """
            const pages = [\(list)], out = []; let i = 0;
            function next() {
              if (i >= pages.length) { document.getElementById("out").textContent = out.join("\\n"); return; }
              const frame = document.createElement("iframe"); frame.style.width = "390px"; frame.style.height = "800px"; frame.src = pages[i];
              frame.onload = () => { const root = frame.contentDocument.documentElement; out.push(pages[i] + " " + (root.scrollWidth - root.clientWidth)); frame.remove(); i++; next(); };
              document.body.appendChild(frame);
            }
            next();
            """
        let harness = pack.appendingPathComponent("narrow-\(UUID().uuidString).html")
        try ("<!DOCTYPE html><html lang=\"en\"><title>narrow</title><pre id=\"out\"></pre><script>" + script + "</script></html>")
            .write(to: harness, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: harness) }
        let outcome = try CommandRunner.run(chromium, [
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run",
            "--allow-file-access-from-files", "--virtual-time-budget=20000", "--dump-dom", harness.absoluteString,
        ])
        guard let start = outcome.stdout.range(of: "<pre id=\"out\">"), let end = outcome.stdout.range(of: "</pre>", range: start.upperBound..<outcome.stdout.endIndex) else { return [:] }
        var result: [String: Int] = [:]
        for line in outcome.stdout[start.upperBound..<end.lowerBound].split(separator: "\n") {
            let parts = line.split(separator: " ")
            if parts.count == 2, let value = Int(parts[1]) { result[String(parts[0])] = value }
        }
        return result
    }

    /// On a phone the page keeps its width: wide tables scroll inside themselves, long values wrap.
    @Test func pagesFitANarrowScreen() throws {
        let chromium = try #require(Chromium.url, "chromium is missing: run `make test`")
        let folder = try SamplePackTests.build()
        defer { folder.remove() }
        let pages = [
            "index.html", "statement-of-applicability.html", "frameworks/iso27001-2022.html", "frameworks/soc2.html", "controls/iso27001-2022/8.15.html",
            "evidence/logs/2026-10-13-go-live.jsonl.html", "activities/ticket-summariser.html", "findings.html", "about.html", "evidence.html",
        ]
        let measured = try overflow(of: pages, in: folder.subfolder("pack"), chromium: chromium, scratch: folder.url)
        #expect(measured.count == pages.count, "every page was measured: \(measured)")
        #expect(measured.filter { $0.value > 0 }.isEmpty, "pages wider than the screen, by px: \(measured.filter { $0.value > 0 })")
        // The measure must be able to fail: a page holding a fixed 900 px block does overflow.
        try folder.write(#"<!DOCTYPE html><title>w</title><div style="width:900px">wide</div>"#, to: "pack/wide.html")
        let control = try overflow(of: ["wide.html"], in: folder.subfolder("pack"), chromium: chromium, scratch: folder.url)
        #expect((control["wide.html"] ?? 0) > 400, "\(control)")
    }

    /// The framed check must be able to fail: an error logged inside a framed page is seen.
    @Test func framedConsoleErrorsAreCaught() throws {
        let chromium = try #require(Chromium.url, "chromium is missing: run `make test`")
        let folder = try TemporaryFolder(["pack/bad.html": "<!DOCTYPE html><title>t</title><script src=\"bad.js\"></script>", "pack/bad.js": "console.error('boom');"])
        defer { folder.remove() }
        let loaded = try Self.load(try harness(["bad.html"], pack: folder.subfolder("pack"), in: folder.url), chromium: chromium, scratch: folder.url)
        #expect(loaded.console.contains { $0.contains("boom") }, "\(loaded.console)")
    }

    /// The network check above must be able to fail: a page that loads a remote image is caught.
    @Test func networkCheckCatchesARemoteResource() throws {
        let chromium = try #require(Chromium.url, "chromium is missing: run `make test`")
        let folder = try TemporaryFolder(["leak.html": #"<!DOCTYPE html><title>t</title><img src="http://127.0.0.1:9/pixel.png" alt="">"#])
        defer { folder.remove() }
        let loaded = try Self.load(folder.url.appendingPathComponent("leak.html"), chromium: chromium, scratch: folder.url)
        #expect(loaded.requests.contains("http://127.0.0.1:9"), "\(loaded.requests)")
    }
}

/// `../` per folder between a page and the pack's root, as the templates write it.
enum PackRoot {
    static func of(_ page: String) -> String { String(repeating: "../", count: page.split(separator: "/").count - 1) }
}

struct ChromiumFailed: Error { var status: Int32 }
