import DossierTestSupport
import Foundation
import Testing

/// Opens every evidence page of the hostile corpus in headless Chromium. Every payload is a canary
/// (it would retitle the page or mark the document if it ran); none may fire, and no link or image
/// in the DOM the browser built may carry a script or `data:` URL.
@Suite(.serialized, .enabled(if: Chromium.suitesRun, Chromium.skipReason)) struct HostileCorpusBrowserTests {
    private func dump(_ page: URL, chromium: URL) throws -> (dom: String, console: [String]) {
        let outcome = try CommandRunner.run(chromium, [
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run",
            "--enable-logging=stderr", "--v=0", "--dump-dom", page.absoluteString,
        ])
        #expect(outcome.status == 0, "chromium failed on \(page.lastPathComponent)")
        return (outcome.stdout, outcome.stderr.split(separator: "\n").map(String.init).filter { $0.contains(":CONSOLE:") })
    }

    @Test func noCanaryFiresInAnyPageOfTheHostileCorpus() throws {
        let chromium = try #require(Chromium.url, "chromium is missing: run `make test`")
        let folder = try HostileCorpus.make()
        defer { folder.remove() }
        var environment = ProcessInfo.processInfo.environment
        environment["SOURCE_DATE_EPOCH"] = "1790000000"
        let built = try CommandRunner.run(Repository.dossierBinary, ["build"], in: folder.url, environment: environment)
        #expect(built.status == 1, "findings are expected, and the pack is still written: \(built.stderr.suffix(300))")
        let output = folder.subfolder("output")
        let pages = PackLinkWalker(root: output).pages().filter { $0.hasPrefix("evidence/") } + ["index.html", "findings.html"]
        #expect(pages.count >= 12, "\(pages)")
        for page in pages {
            let loaded = try dump(output.appendingPathComponent(page), chromium: chromium)
            #expect(loaded.dom.contains("</main>") || loaded.dom.contains("</body>"), "\(page) did not load")
            #expect(!HostileCorpus.canaryFired(in: loaded.dom), "a payload ran in \(page)")
            let dangerous = HostileCorpus.urls(in: loaded.dom).filter(HostileCorpus.isDangerous)
            #expect(dangerous.isEmpty, "\(page): \(dangerous)")
            #expect(HostileCorpus.eventHandlers(in: loaded.dom).isEmpty, "\(page): \(HostileCorpus.eventHandlers(in: loaded.dom))")
        }
    }

    /// The control: the same check on a page whose payload is allowed to run does see the canary,
    /// so a silent browser cannot make the test above pass.
    @Test func theCanaryIsSeenWhenAPayloadDoesRun() throws {
        let chromium = try #require(Chromium.url, "chromium is missing: run `make test`")
        let folder = try TemporaryFolder(["control.html": """
            <!DOCTYPE html><html lang="en"><title>t</title><body><img src="x" onerror="document.documentElement.setAttribute('data-'+'fired','img'); document.title='CAN'+'ARY'"></body></html>
            """])
        defer { folder.remove() }
        let loaded = try dump(folder.subfolder("control.html"), chromium: chromium)
        #expect(HostileCorpus.canaryFired(in: loaded.dom), "\(loaded.dom)")
    }
}
