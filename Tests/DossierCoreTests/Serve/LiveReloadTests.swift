import DossierServe
import Foundation
import Testing

/// What `serve` changes in a page as it sends it, and which request paths reach the pack.
struct LiveReloadTests {
    private let page = """
        <!DOCTYPE html><html><head>
        <meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'self'">
        </head><body><p>Body</p></body></html>
        """

    @Test func theServedPageGetsTheScriptAndMayAskTheServerOnly() {
        let served = LiveReload.served(page, generation: 7)
        #expect(served.contains("<script src=\"/__dossier/live.js\" data-generation=\"7\"></script>\n</body>"))
        #expect(served.contains("content=\"connect-src 'self'; default-src 'none'; script-src 'self'\""))
        // Nothing else changes.
        #expect(served.replacingOccurrences(of: "connect-src 'self'; ", with: "")
            .replacingOccurrences(of: "<script src=\"/__dossier/live.js\" data-generation=\"7\"></script>\n", with: "") == page)
    }

    @Test func aPageWithoutABodyEndStillGetsTheScript() {
        #expect(LiveReload.served("<p>fragment", generation: 1).hasSuffix("data-generation=\"1\"></script>\n"))
    }

    @Test func requestPathsThatCouldLeaveThePackAreRefused() {
        #expect(ServedPath.relative("/") == "")
        #expect(ServedPath.relative("/evidence/a%20b.html?x=1") == "evidence/a b.html")
        #expect(ServedPath.relative("/evidence/") == "evidence/")
        for hostile in ["/../etc/passwd", "/%2e%2e/x", "/a/./b", "/a//b", "/a%00b", "/a\\..\\b", "relative", "/%ff"] {
            #expect(ServedPath.relative(hostile) == nil, "\(hostile) was accepted")
        }
    }

    @Test func unknownFilesAreDownloadsNotPages() {
        #expect(ServedPath.contentType("index.html") == "text/html; charset=utf-8")
        #expect(ServedPath.contentType("evidence/raw.jsonl") == "application/octet-stream")
        #expect(ServedPath.contentType("assets/dossier.js") == "text/javascript; charset=utf-8")
    }

    @Test func thePageWaitsForTheNextRebuildAndHearsOfFailures() async {
        let state = LiveState()
        state.built(manifest: "first")
        let first = await state.next(after: -1, timeout: 5)
        #expect(first.attempt == 1 && first.generation == 1 && first.errors.isEmpty)
        async let waited = state.next(after: 1, timeout: 10)
        try? await Task.sleep(nanoseconds: 100_000_000)
        state.failed(["theme/index.mustache: section 'title' is never closed"])
        let failed = await waited
        #expect(failed.attempt == 2 && failed.generation == 1 && failed.errors.count == 1)
        // Nothing new: the poll ends at its timeout with the same state.
        #expect(await state.next(after: 2, timeout: 0.1) == failed)
        // A rebuild that writes the same pack clears the errors and reloads nothing; a new pack reloads.
        state.built(manifest: "first")
        #expect(state.snapshot.attempt == 3 && state.snapshot.generation == 1 && state.snapshot.errors.isEmpty)
        state.built(manifest: "second")
        #expect(state.snapshot.generation == 2)
    }
}
