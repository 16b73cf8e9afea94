import ArgumentParser
import DossierAssess
import DossierModel
import DossierPack
import Foundation

extension Dossier {
    struct Build: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Read, check and render the evidence into an audit pack.",
            discussion: "The pack is written whenever the build can continue, findings or not; the exit status then says whether findings reached the failing severity.")

        @OptionGroup(title: "Inputs & outputs") var input: EvidenceOptions

        @OptionGroup(title: "Inputs & outputs") var pack: PackOptions
        var output: String { pack.output }
        var templates: String? { pack.templates }

        @Option(help: ArgumentHelp("Sign the manifest and checksums with this Ed25519 key: a file, or env:VARIABLE.", valueName: "file|env:var"))
        var signKey: String?

        @Option(help: ArgumentHelp("An earlier pack: the new pack gets a page (diff.html) of what changed since.", valueName: "dir"))
        var previous: String?

        @Option(help: ArgumentHelp("Also zip the pack into this file once it is written, as 'dossier bundle' does.", valueName: "file"))
        var zip: String?

        @Flag(help: "Also print the pack's print.html into pack.pdf (in the pack, listed in its manifest) with headless Chromium, found on PATH or named in DOSSIER_CHROMIUM.")
        var pdf = false

        @Flag(help: "Build everything, neither reading nor writing .dossier-cache/ beside the output folder: by default a build with nothing changed is skipped (its messages repeated), and an edited one reuses the pages, parses and scans the last build kept there.")
        var noCache = false

        @Option(help: ArgumentHelp("Progress on standard error: a bar on a terminal, plain lines elsewhere (auto), or none. Shown only for builds longer than a second.", valueName: "auto|bar|lines|none"))
        var progress: ProgressDisplay.Mode = .auto

        @OptionGroup(title: "Findings") var findings: FindingsOptions

        /// The build, and once more without the parts beside the pack when the disk filled up: the
        /// parts (larger than the pack) take the space the pack needs, and a build that `--no-cache`
        /// would finish must not fail for the cache's sake. Every part is removed to make room.
        /// `retried`: the pack was built the second way (the build cache then keeps no record, so
        /// that the next build does not replay this one's warning).
        static func build(options: BuildOptions, _ build: (BuildPipeline) throws -> WrittenPack) throws -> (pack: WrittenPack, retried: Bool) {
            do {
                return (try build(BuildPipeline(options: options)), false)
            } catch let error as DossierError {
                guard let parts = options.parts, error.isDiskFull else { throw error }
                parts.removeAll()
                options.progress?.finish()
                printError("warning: \(error.description); the parts kept in .dossier-cache for faster rebuilds were removed to make room, and the pack is built again without them")
                var without = options
                without.parts = nil
                return (try build(BuildPipeline(options: without)), true)
            }
        }

        func run() throws {
            var options = pack.buildOptions(input, findings)
            let reporter = findings.reporter(evidence: input.evidence)
            let result: WrittenPack
            var cache: CachedBuild?
            do {
                // Looked for first: a build that cannot print stops before it writes anything.
                if pdf { options.printer = try ChromiumPrinter.locate(environment: ProcessInfo.processInfo.environment) }
                options.previous = previous.map { URL(fileURLWithPath: $0) }
                options.signer = try signKey.map { try PackSigner.load($0, environment: ProcessInfo.processInfo.environment) }
                options.progress = ProgressDisplay.make(progress, quiet: findings.quiet)?.progress
                // Pages and bodies the last build kept, found by what they are made of: reused whatever changed.
                if !noCache { options.parts = BuildCache(output: URL(fileURLWithPath: output)).parts() }
                // Every input is read once, into the snapshot: the cache's key and the build both come from it.
                let pipeline = BuildPipeline(options: options)
                let snapshot = try pipeline.snapshot()
                let theme = try pipeline.theme()
                if !noCache, let cached = CachedBuild(
                    options: options, snapshot: snapshot, theme: theme, arguments: Array(CommandLine.arguments.dropFirst()),
                    workingDirectory: FileManager.default.currentDirectoryPath) {
                    switch cached.shortcut(patching: zip == nil) {
                    case .unchanged(let record):
                        options.progress?.finish()
                        // The zip is made again from the same pack, byte for byte: the replayed messages name it.
                        try bundle(saying: false)
                        try replay(record)
                        return
                    case .patched(let patched):
                        options.progress?.finish()
                        try bundle()
                        try replay(patched)
                        return
                    case nil:
                        cache = cached
                    }
                }
                let built = try Self.build(options: options) { try $0.build(snapshot, theme: theme) }
                result = built.pack
                if built.retried { cache = nil }
            } catch let error as DossierError {
                ConsoleReporter.fail(error)
                throw ExitCode(2)
            }
            reporter.report(result.diagnostics)
            reporter.summary(result.assessment, written: (result, output))
            try bundle()
            if !findings.quiet {
                printOutput("Manifest SHA-256: \(result.manifestHash)" + (options.signer.map { "; signed with key \($0.fingerprint)" } ?? ""))
            }
            let fails = result.fails(at: result.assessment.failingSeverity)
            cache?.remember(result, standardOutput: Transcript.shared.output, standardError: Transcript.shared.error, status: fails ? 1 : 0)
            if fails { throw ExitCode(1) }
        }

        /// `--zip`: the pack just written (or found up to date), zipped as `dossier bundle` zips it.
        private func bundle(saying: Bool = true) throws {
            guard let zip else { return }
            // The zip may not land in anything Dossier only reads: the evidence folder or the templates.
            let protected = [input.evidenceURL] + [templates].compactMap { $0.map { URL(fileURLWithPath: $0) } }
            try Bundle.write(pack: output, to: zip, quiet: findings.quiet || !saying, guarding: protected)
        }

        /// Only Markdown bodies changed: the pack was patched (`PatchBuild`), and the messages are those
        /// a full build would print, the last build's with the manifest's new hash.
        private func replay(_ patched: PatchBuild.Outcome) throws {
            FileHandle.standardError.write(Data(patched.standardError.utf8))
            FileHandle.standardOutput.write(Data(patched.standardOutput.utf8))
            if patched.status != 0 { throw ExitCode(patched.status) }
        }

        /// Nothing changed since the last build: the same messages, the same exit status, no work.
        private func replay(_ record: BuildCache.Record) throws {
            FileHandle.standardError.write(Data(record.standardError.utf8))
            FileHandle.standardOutput.write(Data(record.standardOutput.utf8))
            if !findings.quiet { print("Nothing changed since the last build; \(output)/ is up to date (--no-cache rebuilds it)") }
            if record.status != 0 { throw ExitCode(record.status) }
        }
    }
}
