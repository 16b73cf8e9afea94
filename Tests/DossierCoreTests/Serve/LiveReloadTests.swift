import DossierModel
import DossierPublish
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
        let served = LiveReload.served(page, version: "v7")
        #expect(served.contains("<script src=\"/__dossier/live.js\" data-version=\"v7\"></script>\n</body>"))
        #expect(served.contains("content=\"connect-src 'self'; default-src 'none'; script-src 'self'\""))
        // Nothing else changes.
        #expect(served.replacingOccurrences(of: "connect-src 'self'; ", with: "")
            .replacingOccurrences(of: "<script src=\"/__dossier/live.js\" data-version=\"v7\"></script>\n", with: "") == page)
    }

    @Test func aPageWithoutABodyEndStillGetsTheScript() {
        #expect(LiveReload.served("<p>fragment", version: "v1").hasSuffix("data-version=\"v1\"></script>\n"))
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
        state.built()
        let first = await state.next(after: -1, timeout: 5)
        #expect(first.attempt == 1 && first.errors.isEmpty)
        async let waited = state.next(after: 1, timeout: 10)
        try? await Task.sleep(nanoseconds: 100_000_000)
        state.failed(["theme/index.mustache: section 'title' is never closed"])
        let failed = await waited
        #expect(failed.attempt == 2 && failed.errors.count == 1)
        // Nothing new: the poll ends at its timeout with the same state.
        #expect(await state.next(after: 2, timeout: 0.1) == failed)
        state.built()
        #expect(state.snapshot.attempt == 3 && state.snapshot.errors.isEmpty)
    }

    /// A rebuild's pages are served from memory from the moment they are ready until its pack is
    /// written, and not at all if it fails: the last good pack is what a failed rebuild leaves.
    @Test func aRebuildsPagesAreServedUntilItsPackIsWrittenOrItFails() async {
        let state = LiveState()
        let pages = PagePreview(theme: .builtIn, images: [])
        pages.add(RenderedFile(path: "evidence/note.html", text: "<p>Saved</p>"))
        async let woken = state.next(after: 0, timeout: 10)
        try? await Task.sleep(nanoseconds: 50_000_000)
        state.previewed(pages)
        #expect(await woken.attempt == 1, "the waiting page did not hear of the pages")
        #expect(state.pending("evidence/note.html") == Data("<p>Saved</p>".utf8))
        #expect(state.pending("index.html") == nil, "a file the rebuild has not made is the pack's")
        state.built()
        #expect(state.pending("evidence/note.html") == nil)
        // The pack on disk now has that theme: a page's version names it, so a changed stylesheet reloads pages.
        #expect(state.assets == pages.assets)
        #expect(PagePreview(theme: .builtIn, images: [("files/flow.png", "ab12")]).assets != pages.assets, "an image changed nothing")
        state.previewed(pages)
        state.failed(["dossier.yml: not YAML"])
        #expect(state.pending("evidence/note.html") == nil, "a failed rebuild's pages are still served")
    }

    /// A page that asks for news counts as open while it waits and for 30 s after: rebuilds render it first.
    @Test func aPageThatAskedLatelyIsOpen() async {
        let state = LiveState()
        async let waited = state.next(after: 0, timeout: 0.2, page: "controls/soc2/CC6.1.html")
        try? await Task.sleep(nanoseconds: 50_000_000)
        #expect(state.openPages() == ["controls/soc2/CC6.1.html"], "a waiting page is not open")
        _ = await waited
        #expect(state.openPages(at: Date().addingTimeInterval(20)) == ["controls/soc2/CC6.1.html"])
        #expect(state.openPages(at: Date().addingTimeInterval(31)).isEmpty, "a page gone half a minute is still open")
    }

    /// A rebuild stopped by a newer save leaves its pages shown: the next rebuild's preview falls back
    /// on them (not on the older pack on disk) until it has its own, one level deep.
    @Test func aSupersededRebuildsPagesAreShownUntilTheNextHasItsOwn() {
        let state = LiveState()
        let stopped = PagePreview(theme: .builtIn, images: [])
        stopped.add(RenderedFile(path: "evidence/a.html", text: "<p>A, second save</p>"))
        stopped.add(RenderedFile(path: "evidence/b.html", text: "<p>B, second save</p>"))
        state.previewed(stopped)
        state.settle(.superseded)
        let next = PagePreview(theme: .builtIn, images: [])
        next.add(RenderedFile(path: "evidence/a.html", text: "<p>A, third save</p>"))
        state.previewed(next)
        #expect(state.pending("evidence/a.html") == Data("<p>A, third save</p>".utf8))
        #expect(state.pending("evidence/b.html") == Data("<p>B, second save</p>".utf8), "the stopped rebuild's page gave way to the older pack")
        let after = PagePreview(theme: .builtIn, images: [])
        state.previewed(after)
        #expect(state.pending("evidence/b.html") == nil, "more than one stopped rebuild is kept")
        state.settle(.written)
        #expect(state.pending("evidence/a.html") == nil)
    }

    /// Waiting polls sleep rather than spin, and one event wakes every one of them.
    @Test func everyWaitingPollWakesOnTheNextEvent() async {
        let state = LiveState()
        let started = Date()
        let answers = await withTaskGroup(of: Int.self) { group in
            // A time-out far beyond any wait the event could cause, even with the suite's other tests
            // holding the task pool (on 2 cores, under load, they once held it for 200 s): a poll that
            // ends near it was not woken.
            for _ in 0..<200 { group.addTask { await state.next(after: 0, timeout: 600).attempt } }
            try? await Task.sleep(nanoseconds: 200_000_000)
            state.built()
            return await group.reduce(into: []) { $0.append($1) }
        }
        #expect(answers.count == 200 && answers.allSatisfy { $0 == 1 })
        #expect(Date().timeIntervalSince(started) < 540, "the polls waited for their time-out, not for the event")
    }
}
