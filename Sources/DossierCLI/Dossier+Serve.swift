import ArgumentParser
import DossierModel
import DossierPack
import DossierServe
import Foundation

extension Dossier {
    struct Serve: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Build the pack, serve it on this machine, and rebuild and reload the open page on every save.",
            discussion: """
                The pack is written to --output as 'dossier build' writes it, and served from there; the reload \
                script is added to pages as they are sent, never to the files on disk. Findings are printed after \
                the first build, then only those each rebuild adds. A build that cannot finish, the first one too, \
                shows its errors on the open page while the last good pack (if any) stays served, and the next save \
                builds again. Ctrl-C stops.
                """)

        @OptionGroup(title: "Inputs & outputs") var input: EvidenceOptions

        @OptionGroup(title: "Inputs & outputs") var pack: PackOptions
        var output: String { pack.output }
        var templates: String? { pack.templates }

        @Option(help: ArgumentHelp("The port to serve on; 0 picks a free one.", valueName: "n"))
        var port: UInt16 = 8000

        @Option(help: ArgumentHelp(
            "The address to listen on. Anything but loopback (127.0.0.1, ::1) lets other machines read the pack and its evidence.",
            valueName: "addr"))
        var host: String = PackServer.defaultHost

        @OptionGroup(title: "Findings") var findings: FindingsOptions

        func run() throws {
            let stop = ServeStop(output: URL(fileURLWithPath: pack.output))
            var options = pack.buildOptions(input, findings)
            options.memory = BuildMemory()
            // A spare `dossier build` left beside the pack shares its pages, and a page with another name
            // is never linked into the next pack: serve's builds would write every page again.
            let cache = BuildCache(output: URL(fileURLWithPath: pack.output))
            PackSpare(pack: cache.output, cacheFolder: cache.folder).discard()
            let state = LiveState()
            // A rebuild's pages are shown as soon as they are rendered; the pack on disk follows.
            options.preview = { state.previewed($0) }
            // Watching starts before the first build: a save while it runs (or just after the address is
            // printed) waits in the watcher's queue and starts the next build, instead of being missed.
            let watcher: FolderWatcher
            do {
                // Hidden folders are not watched (a repository's .git changes on every git command),
                // but a commit, a checkout or a reset moves HEAD, which the pack names; and the
                // --redaction-key file, wherever it is, changes every pseudonym.
                watcher = try FolderWatcher(
                    roots: [input.evidenceURL] + [templates].compactMap { $0.map { URL(fileURLWithPath: $0) } },
                    files: BuildDate.commitMarkers(of: input.evidenceURL) + [options.redactionKeyFile].compactMap { $0 })
            } catch {
                printError("dossier: error: \(error)")
                throw ExitCode(2)
            }
            // A rebuild that sees a newer save waiting once its single pages are shown stops there: the
            // next starts at once instead of after the reports and the write (`LiveBuilder` says until when).
            options.superseded = { watcher.hasNews }
            let builder = LiveBuilder(
                options: options, reporter: findings.reporter(evidence: input.evidence), output: output, stop: stop)
            // Listening comes before the first build: a port in use is said at once, not after a build
            // of 10 000 files; a page asked for meanwhile waits for the pack (`PackServer`: 503 until then).
            let listening: UInt16
            do {
                listening = try PackServer.listen(try PackServer(pack: URL(fileURLWithPath: output), state: state).server(host: host, port: port))
            } catch {
                printError("dossier: error: cannot listen on \(host) port \(port): \(PackServer.reason(error)) (pass --port N for another port, 0 for any free one)")
                throw ExitCode(2)
            }
            if !PackServer.isLoopback(host) {
                printError("warning: serving on \(host): anyone who can reach this machine on port \(listening) can read the pack and the evidence in it")
            }
            // A first build that cannot finish (dossier.yml broken, say) is a rebuild that failed: its
            // errors are printed and shown on the pages, any pack already in --output is served, and
            // the next save builds again.
            state.settle(try builder.first())
            let address = host.contains(":") ? "[\(host)]" : host
            printOutput("Serving \(output)/ at http://\(address):\(listening)/ — watching \(input.evidence) for changes (Ctrl-C stops)")
            Transcript.shared.clear()
            RebuildLoop(watcher: watcher, state: state) { changed, stoppableUntil in
                printOutput(ChangedLine(evidence: input.evidence, evidenceURL: input.evidenceURL, templates: templates).line(changed))
                // The watcher names files by absolute path, under the folder as it resolves now; the
                // build knows them by their path in the folder.
                let evidenceRoot = FolderWatcher.resolvedRoot(input.evidenceURL).path + "/"
                let saved = changed.filter { $0.hasPrefix(evidenceRoot) }.map { String($0.dropFirst(evidenceRoot.count)) }
                return builder.build(saved: Set(saved), open: state.openPages(), stoppableUntil: stoppableUntil)
            }.run()
        }
    }
}

/// One build for `serve`, printed as `build` prints it, or why it could not finish. After the first
/// build, only the findings that are new are printed, with a count of those no longer found: at
/// 10 000 files every save would otherwise print thousands of lines the terminal already shows.
struct LiveBuilder: Sendable {
    let options: BuildOptions
    let reporter: ConsoleReporter
    let output: String
    let stop: ServeStop
    let printed = PrintedFindings()

    /// The first build, which a newer save never stops. One that cannot finish for a reason a save
    /// in the watched folders can mend (a broken dossier.yml or template, the folder missing) is a
    /// failed rebuild; any other (the output refused, a `--redaction-key` file missing) ends
    /// `serve`, with exit 2, as it ends `build`.
    func first() throws -> RebuildLoop.Outcome {
        let (outcome, error) = attempt(saved: [], open: [], stoppableUntil: nil)
        if let error, !mendedBySave(error) { throw ExitCode(2) }
        return outcome
    }

    /// `saved` and `open`: the files just saved and the pages open in a browser, whose pages are shown
    /// first. Until `stoppableUntil`, a newer save stops the build once its single pages are shown.
    func build(saved: Set<String>, open: Set<String>, stoppableUntil: Date) -> RebuildLoop.Outcome {
        attempt(saved: saved, open: open, stoppableUntil: stoppableUntil).outcome
    }

    private func mendedBySave(_ error: DossierError) -> Bool {
        switch error.reason {
        case .outputRefused, .outputNotWritable, .scaffoldRefused, .packRefused, .printFailed: false
        default: error.path != options.redactionKeyFile?.path
        }
    }

    private func attempt(saved: Set<String>, open: Set<String>, stoppableUntil: Date?) -> (outcome: RebuildLoop.Outcome, error: DossierError?) {
        stop.begin()
        defer {
            Transcript.shared.clear()
            stop.end()
        }
        var options = options
        options.savedFiles = saved
        options.openPages = open
        // The first build is never stopped by a newer save; a rebuild only until the time the loop
        // gives. Any build stops when `serve` is asked to end.
        let stop = stop
        if let news = options.superseded, let until = stoppableUntil {
            options.superseded = { stop.isRequested || (Date() < until && news()) }
        } else {
            options.superseded = { stop.isRequested }
        }
        do {
            let result = try BuildPipeline(options: options).build()
            let (new, gone) = printed.news(result.diagnostics)
            reporter.report(new)
            if let gone, !reporter.quiet {
                let hidden = new.count { $0.severity < reporter.shown }
                printOutput(PrintedFindings.line(new: new.count, gone: gone, all: result.diagnostics.count, hidden: hidden))
            }
            reporter.summary(result.assessment, written: (result, output))
            return (.written, nil)
        } catch is BuildSuperseded {
            if !stop.isRequested { printOutput("A newer save is waiting: this rebuild stops here, its pages shown, its pack not written") }
            return (.superseded, nil)
        } catch let error as DossierError {
            var said = error.compilerStyle ?? "\(error)"
            var mend = "save again once this is fixed"
            if case .evidenceFolderNotFound = error.reason, stoppableUntil != nil {
                // A branch switched or a folder moved: it may well come back, and the watcher looks for it.
                said = "evidence folder '\(error.path)' is gone; waiting for it to come back"
                mend = "it is rebuilt when the folder is back"
                printError("dossier: error: " + said)
            } else {
                ConsoleReporter.fail(error)
            }
            // A first build that a save cannot mend ends `serve` (`first()`): nothing more to say.
            if stoppableUntil != nil || mendedBySave(error) {
                printError(FileManager.default.fileExists(atPath: output)
                    ? "The pack was not rebuilt: \(output)/ still holds, and serves, the last pack written; \(mend)"
                    : "No pack was written yet: \(mend)")
            }
            return (.failed([said]), error)
        } catch {
            printError("dossier: error: \(error)")
            return (.failed(["\(error)"]), nil)
        }
    }
}

/// The findings the last finished build of `serve` printed, to print only what a rebuild changed.
final class PrintedFindings: @unchecked Sendable {
    private let lock = NSLock()
    private var last: Set<Diagnostic>?

    /// The findings to print, in the build's order: all of them after the first build, then those
    /// the last build did not have; and how many of the last build's are gone (nil the first time).
    /// A finding whose line moved is new at its new line.
    func news(_ diagnostics: [Diagnostic]) -> (new: [Diagnostic], gone: Int?) {
        lock.withLock {
            defer { last = Set(diagnostics) }
            guard let last else { return (diagnostics, nil) }
            let now = Set(diagnostics)
            return (diagnostics.filter { !last.contains($0) }, last.count { !now.contains($0) })
        }
    }

    /// `2 new findings, 1 no longer found; 14 in all (the findings page lists them)`.
    /// `hidden`: new findings below `--severity`, counted but not printed.
    static func line(new: Int, gone: Int, all: Int, hidden: Int = 0) -> String {
        "\(ConsoleReporter.plural(new, "new finding"))\(hidden > 0 ? " (\(hidden) below --severity, not printed)" : ""), "
            + "\(gone) no longer found; \(all) in all (findings.html lists them)"
    }
}

/// `Changed: ev/records/dpia.md, ev/checklists/pre-launch.md and 3 more; rebuilding`: the paths as
/// the findings show them (under the folder as it was given), and the files still there first, so
/// that an editor's temporary file, gone by now, does not hide the file that was saved.
struct ChangedLine {
    let evidence: String
    let evidenceURL: URL
    let templates: String?

    func line(_ changed: [String]) -> String {
        // Resolved once per line: a checkout changes thousands of files.
        let roots = ([(evidenceURL, evidence)] + (templates.map { [(URL(fileURLWithPath: $0), $0)] } ?? []))
            .map { (root: FolderWatcher.resolvedRoot($0.0).path, given: $0.1) }
        let named = changed.map { path in (name: shown(path, roots: roots), present: FileManager.default.fileExists(atPath: path)) }
        let ordered = named.filter { $0.present }.map { $0.name } + named.filter { !$0.present }.map { $0.name }
        let more = ordered.count > 3 ? " and \(ordered.count - 3) more" : ""
        return "Changed: \(ordered.prefix(3).map { TerminalText.escaped($0) }.joined(separator: ", "))\(more); rebuilding"
    }

    private func shown(_ path: String, roots: [(root: String, given: String)]) -> String {
        for (root, given) in roots {
            if path == root { return given }
            if path.hasPrefix(root + "/") { return (given.hasSuffix("/") ? given : given + "/") + path.dropFirst(root.count + 1) }
        }
        // Outside the watched folders (git's HEAD in a repository above them): from where serve runs.
        let here = FileManager.default.currentDirectoryPath + "/"
        return path.hasPrefix(here) ? String(path.dropFirst(here.count)) : path
    }
}
