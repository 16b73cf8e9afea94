import DossierTestSupport
import Foundation
import Testing

/// `dossier serve` as a compliance lead uses it: a page open in the browser, a file saved, the page
/// showing the change by itself; a rebuild that cannot finish shown on the page; and a server no
/// other machine can reach unless asked.
@Suite(.serialized) struct ServeTests {
    /// A running `dossier serve`, stopped when the value goes away.
    final class Server {
        let process = Process()
        let port: Int
        private let errors: Pipe

        init(_ arguments: [String], in folder: TemporaryFolder) throws {
            process.executableURL = Repository.dossierBinary
            process.arguments = ["serve"] + arguments + ["--port", "0", "--quiet"]
            process.currentDirectoryURL = folder.url
            var environment = ProcessInfo.processInfo.environment
            environment["SOURCE_DATE_EPOCH"] = "1795392000"
            process.environment = environment
            let output = Pipe()
            errors = Pipe()
            process.standardOutput = output
            process.standardError = errors
            try process.run()
            // The first line that names the address; the build before it may take a few seconds.
            var seen = ""
            let deadline = Date().addingTimeInterval(120)
            while Date() < deadline, !seen.contains("Serving ") || !seen.hasSuffix("\n") {
                let chunk = output.fileHandleForReading.availableData
                if chunk.isEmpty { break }
                seen += String(decoding: chunk, as: UTF8.self)
            }
            let match = seen.firstMatch(of: /http:\/\/[^:]+:(\d+)\//)
            guard let match, let port = Int(match.1) else {
                process.terminate()
                throw DevTools.Failure(description: "serve printed no address: \(seen)")
            }
            self.port = port
            printed.append(seen)
            // The rest of standard output is read as it comes, so a test can wait for a line.
            let reader = output.fileHandleForReading
            let printed = printed
            Thread.detachNewThread {
                while case let chunk = reader.availableData, !chunk.isEmpty { printed.append(String(decoding: chunk, as: UTF8.self)) }
            }
        }

        /// Everything `serve` printed on standard output so far.
        final class Printed: @unchecked Sendable {
            private let lock = NSLock()
            private var text = ""
            func append(_ more: String) { lock.withLock { text += more } }
            var all: String { lock.withLock { text } }
        }

        let printed = Printed()

        /// Waits until standard output holds `text`; false after `timeout` seconds.
        func waitToPrint(_ text: String, timeout: TimeInterval = 120) -> Bool {
            let deadline = Date().addingTimeInterval(timeout)
            while !printed.all.contains(text) && Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
            return printed.all.contains(text)
        }

        /// Sends Ctrl-C's signal and waits (at most `timeout` seconds) for `serve` to end; its exit status, nil if it did not.
        func interrupt(timeout: TimeInterval = 120) -> Int32? {
            kill(process.processIdentifier, SIGINT)
            let deadline = Date().addingTimeInterval(timeout)
            while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
            return process.isRunning ? nil : process.terminationStatus
        }

        var url: String { "http://127.0.0.1:\(port)/" }

        /// Standard error so far; stops the server.
        func stop() -> String {
            process.terminate()
            process.waitUntilExit()
            return String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        }

        deinit { if process.isRunning { process.terminate() } }
    }

    private static let page = "evidence/records/staging-purge-check.html"

    private func evidence() throws -> TemporaryFolder {
        let folder = try TemporaryFolder()
        try FileManager.default.copyItem(at: Repository.root.appendingPathComponent("evidence"), to: folder.subfolder("ev"))
        return folder
    }

    /// Every file of the pack on disk that mentions the live-reload endpoints.
    private func filesWithTheReloadScript(in pack: URL) -> [String] {
        let walker = FileManager.default.enumerator(at: pack, includingPropertiesForKeys: nil)
        return (walker?.allObjects as? [URL] ?? []).filter { url in
            (try? Data(contentsOf: url)).map { String(decoding: $0, as: UTF8.self).contains("__dossier") } ?? false
        }.map(\.lastPathComponent)
    }

    @Test(.enabled(if: Chromium.suitesRun, Chromium.skipReason))
    func aSavedFileShowsOnTheOpenPageWithoutAManualReload() throws {
        let folder = try evidence()
        defer { folder.remove() }
        let server = try Server(["ev", "--output", "pack"], in: folder)
        let browser = try DevTools(chromium: try #require(Chromium.url), profile: folder.subfolder("profile"))
        let tab = try browser.open(server.url + Self.page)
        #expect(try browser.waitUntil("document.readyState === 'complete' && !!document.querySelector('script[src=\"/__dossier/live.js\"]')", session: tab, timeout: 30))
        #expect(try browser.evaluate("document.body.innerText.includes('Zanzibar-7731')", session: tab) as? Bool == false)

        let file = folder.subfolder("ev/records/staging-purge-check.md")
        let handle = try FileHandle(forWritingTo: file)
        handle.seekToEndOfFile()
        handle.write(Data("\nChecked again by Zanzibar-7731.\n".utf8))
        try handle.close()

        #expect(try browser.waitUntil("document.body.innerText.includes('Zanzibar-7731')", session: tab, timeout: 60),
                "the open page did not show the saved change")
        // The page is shown before the pack is written; once it is, the page, whose bytes the written
        // pack does not change, is not reloaded a second time.
        _ = try browser.evaluate("window.dossierKept = true", session: tab)
        let deadline = Date().addingTimeInterval(60)
        while !((try? folder.read("pack/" + Self.page))?.contains("Zanzibar-7731") ?? false) && Date() < deadline {
            Thread.sleep(forTimeInterval: 0.05)
        }
        Thread.sleep(forTimeInterval: 1)
        #expect(try browser.evaluate("window.dossierKept === true", session: tab) as? Bool == true, "the page reloaded again for nothing")
        // The pack on disk is the pack an auditor receives: no reload script, no relaxed policy.
        #expect(filesWithTheReloadScript(in: folder.subfolder("pack")).isEmpty)
        let onDisk = try folder.read("pack/" + Self.page)
        #expect(onDisk.contains("Zanzibar-7731") && !onDisk.contains("connect-src"))
        _ = server.stop()
    }

    @Test(.enabled(if: Chromium.suitesRun, Chromium.skipReason))
    func aRebuildThatCannotFinishShowsItsErrorsOverTheLastPack() throws {
        let folder = try evidence()
        defer { folder.remove() }
        try FileManager.default.createDirectory(at: folder.subfolder("theme"), withIntermediateDirectories: true)
        let server = try Server(["ev", "--output", "pack", "--templates", "theme"], in: folder)
        let browser = try DevTools(chromium: try #require(Chromium.url), profile: folder.subfolder("profile"))
        let tab = try browser.open(server.url + "index.html")
        #expect(try browser.waitUntil("document.readyState === 'complete'", session: tab, timeout: 30))

        try folder.write("<p>{{#title}} never closed</p>\n", to: "theme/index.mustache")
        #expect(try browser.waitUntil("!!document.getElementById('dossier-live-errors')", session: tab, timeout: 60),
                "the failed rebuild was not shown on the page")
        let shown = try browser.evaluate("document.getElementById('dossier-live-errors').innerText", session: tab) as? String ?? ""
        #expect(shown.contains("index.mustache"), "the error does not name the broken template: \(shown)")
        // The last good pack is still there, and still served.
        #expect(folder.exists("pack/index.html"))

        try FileManager.default.removeItem(at: folder.subfolder("theme/index.mustache"))
        #expect(try browser.waitUntil("!document.getElementById('dossier-live-errors') && document.readyState === 'complete'", session: tab, timeout: 60),
                "the page did not recover after the template was fixed")
        let errors = server.stop()
        #expect(errors.contains("index.mustache"), "the terminal did not say why the rebuild failed: \(errors)")
    }

    /// A page whose file is gone (renamed away by an editor's save, a branch switched) waits for news
    /// like any page, and shows the file once a rebuild makes its page again.
    @Test(.enabled(if: Chromium.suitesRun, Chromium.skipReason))
    func aPageNotInThePackShowsUpOnceItsFileIsSaved() throws {
        let folder = try evidence()
        defer { folder.remove() }
        let server = try Server(["ev", "--output", "pack"], in: folder)
        let browser = try DevTools(chromium: try #require(Chromium.url), profile: folder.subfolder("profile"))
        let tab = try browser.open(server.url + "evidence/records/quokka-review.html")
        #expect(try browser.waitUntil("document.body.innerText.includes('not in the pack') && !!document.querySelector('script[src=\"/__dossier/live.js\"]')", session: tab, timeout: 30),
                "a missing page is not a page that waits for news")
        try folder.write("# Quokka review\n\nReviewed by Quokka-4411.\n", to: "ev/records/quokka-review.md")
        #expect(try browser.waitUntil("document.body.innerText.includes('Quokka-4411')", session: tab, timeout: 60),
                "the page did not show once its file was saved")
        _ = server.stop()
    }

    /// The listening socket's local address, read from /proc (no packet is sent to find it).
    private func listeningAddress(port: Int) throws -> String? {
        let hexPort = String(format: "%04X", port)
        for table in ["/proc/net/tcp", "/proc/net/tcp6"] {
            let lines = try String(contentsOfFile: table, encoding: .utf8).split(separator: "\n").dropFirst()
            for line in lines {
                let fields = line.split(separator: " ")
                guard fields.count > 3, fields[3] == "0A" else { continue }
                let local = fields[1].split(separator: ":")
                if local.count == 2, local[1] == hexPort { return String(local[0]) }
            }
        }
        return nil
    }

    @Test func listensOnLoopbackUnlessAnotherAddressIsAskedFor() throws {
        let folder = try evidence()
        defer { folder.remove() }
        let local = try Server(["ev", "--output", "pack"], in: folder)
        #expect(try listeningAddress(port: local.port) == "0100007F", "serve listens beyond 127.0.0.1 by default")
        #expect(!local.stop().contains("warning: serving on"))

        let wide = try Server(["ev", "--output", "pack", "--host", "0.0.0.0"], in: folder)
        #expect(try listeningAddress(port: wide.port) == "00000000")
        #expect(wide.stop().contains("warning: serving on 0.0.0.0: anyone who can reach this machine"))
    }

    /// A first build that cannot finish does not end `serve`: its errors are printed, and the save
    /// that fixes them builds the pack.
    @Test func aFirstBuildThatCannotFinishWaitsForTheFix() throws {
        let folder = try evidence()
        defer { folder.remove() }
        let configuration = try folder.read("ev/dossier.yml")
        try folder.write("organisation: [never closed\n", to: "ev/dossier.yml")
        let server = try Server(["ev", "--output", "pack"], in: folder)
        #expect(!folder.exists("pack/index.html"))
        try folder.write(configuration, to: "ev/dossier.yml")
        let deadline = Date().addingTimeInterval(60)
        while !folder.exists("pack/index.html") && Date() < deadline { Thread.sleep(forTimeInterval: 0.1) }
        #expect(folder.exists("pack/index.html"), "fixing dossier.yml did not build the pack")
        #expect(server.stop().contains("dossier.yml"), "the terminal did not say why the first build failed")
    }

    /// A folder moved out of the evidence (a file manager's delete) is gone from the pack written.
    @Test func aFolderMovedOutIsGoneFromThePack() throws {
        let folder = try evidence()
        defer { folder.remove() }
        let server = try Server(["ev", "--output", "pack"], in: folder)
        #expect(folder.exists("pack/evidence/waivers"))
        try FileManager.default.moveItem(at: folder.subfolder("ev/waivers"), to: folder.subfolder("trash"))
        let deadline = Date().addingTimeInterval(60)
        while folder.exists("pack/evidence/waivers") && Date() < deadline { Thread.sleep(forTimeInterval: 0.1) }
        #expect(!folder.exists("pack/evidence/waivers"), "the pack still has the folder moved out")
        _ = server.stop()
    }

    /// What no save can mend ends `serve` at once, as it ends `build`: here the output inside the evidence.
    @Test func aFirstBuildNoSaveCanMendEndsServe() throws {
        let folder = try evidence()
        defer { folder.remove() }
        var environment = ProcessInfo.processInfo.environment
        environment["SOURCE_DATE_EPOCH"] = "1795392000"
        let run = try CommandRunner.run(
            Repository.dossierBinary, ["serve", "ev", "--output", "ev/pack", "--port", "0", "--quiet"], in: folder.url, environment: environment)
        #expect(run.status == 2, "\(run.stderr)")
        #expect(!run.stdout.contains("Serving"))
    }

    /// Ctrl-C while idle ends `serve` at once, with status 0.
    @Test func ctrlCWhileIdleStopsAtOnce() throws {
        let folder = try evidence()
        defer { folder.remove() }
        let server = try Server(["ev", "--output", "pack"], in: folder)
        #expect(server.interrupt(timeout: 10) == 0)
        #expect(server.waitToPrint("Stopped", timeout: 5))
    }

    /// Ctrl-C during a rebuild stops the rebuild where it can stop, removes its staging folder and
    /// leaves the pack on disk as it was (killed outright, it left thousands of pages beside the pack).
    /// Pressed twice, it stops at once, and still removes what the rebuild was writing.
    @Test(arguments: [false, true])
    func ctrlCDuringARebuildLeavesNoStagingFolder(twice: Bool) throws {
        let folder = try evidence()
        defer { folder.remove() }
        // Enough pages that the rebuild after editing them all is still running when the signal comes.
        for number in 0..<1_500 {
            try folder.write("# Note \(number)\n\nA note about the staging data, owner ops@example.com.\n", to: "ev/bulk/note-\(number).md")
        }
        let server = try Server(["ev", "--output", "pack"], in: folder)
        let manifest = try folder.read("pack/manifest.json")
        for number in 0..<1_500 {
            let handle = try FileHandle(forWritingTo: folder.subfolder("ev/bulk/note-\(number).md"))
            handle.seekToEndOfFile()
            handle.write(Data("\nEdited.\n".utf8))
            try handle.close()
        }
        #expect(server.waitToPrint("Changed: "), "the edits started no rebuild")
        Thread.sleep(forTimeInterval: 0.3)
        if twice {
            kill(server.process.processIdentifier, SIGINT)
            Thread.sleep(forTimeInterval: 0.01)
        }
        #expect(server.interrupt() == 0)
        #expect(server.printed.all.contains("Stopping once the running build"), "the signal did not come during the rebuild: \(server.printed.all)")
        #expect(server.printed.all.hasSuffix("Stopped\n"))
        let left = try FileManager.default.contentsOfDirectory(atPath: folder.url.path).filter { $0.hasPrefix(".dossier-staging-") }
        #expect(left.isEmpty, "a staging folder was left beside the pack: \(left)")
        #expect(try folder.read("pack/manifest.json") == manifest, "the pack on disk changed though the rebuild was stopped")
    }

    @Test func aPortInUseIsAClearErrorAndExit2() throws {
        let folder = try evidence()
        defer { folder.remove() }
        let first = try Server(["ev", "--output", "pack"], in: folder)
        var environment = ProcessInfo.processInfo.environment
        environment["SOURCE_DATE_EPOCH"] = "1795392000"
        let second = try CommandRunner.run(
            Repository.dossierBinary, ["serve", "ev", "--output", "pack2", "--port", String(first.port), "--quiet"], in: folder.url, environment: environment)
        #expect(second.status == 2)
        #expect(second.stderr.contains("cannot listen on 127.0.0.1 port \(first.port): address already in use"), "\(second.stderr)")
        // Said before any build: nothing was written.
        #expect(!folder.exists("pack2"), "the pack was built before the port was found taken")
        _ = first.stop()
    }
}
