import ArgumentParser
import DossierCore
import Foundation

extension Dossier {
    struct Build: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Read, check and render the evidence into an audit pack.",
            discussion: "The pack is written whenever the build can continue, findings or not; the exit status then says whether findings reached the failing severity.")

        @OptionGroup(title: "Inputs & outputs") var input: EvidenceOptions

        @Option(name: .shortAndLong, help: ArgumentHelp("The folder to write the pack to.", valueName: "dir"))
        var output: String = "output"

        @Option(help: ArgumentHelp("A folder of templates and assets overriding the built-in theme.", valueName: "dir"))
        var templates: String?

        @Option(help: ArgumentHelp("Sign the manifest and checksums with this Ed25519 key: a file, or env:VARIABLE.", valueName: "file|env:var"))
        var signKey: String?

        @Option(help: ArgumentHelp("An earlier pack: the new pack gets a page (diff.html) of what changed since.", valueName: "dir"))
        var previous: String?

        @OptionGroup(title: "Findings") var findings: FindingsOptions

        func run() throws {
            var options = BuildOptions(
                evidence: input.evidenceURL, output: URL(fileURLWithPath: output),
                templates: templates.map { URL(fileURLWithPath: $0) }, release: input.release)
            let reporter = ConsoleReporter(evidencePath: input.evidence, quiet: findings.quiet)
            let result: BuildResult
            do {
                options.previous = previous.map { URL(fileURLWithPath: $0) }
                options.signer = try signKey.map { try PackSigner.load($0, environment: ProcessInfo.processInfo.environment) }
                result = try BuildPipeline(options: options).build()
            } catch let error as DossierError {
                ConsoleReporter.fail(error)
                throw ExitCode(2)
            }
            reporter.report(result)
            reporter.summary(result, wrote: output)
            if let hash = result.manifestHash, !findings.quiet {
                print("Manifest SHA-256: \(hash)" + (options.signer.map { "; signed with key \($0.fingerprint)" } ?? ""))
            }
            if result.fails(at: findings.threshold(configured: result.failingSeverity)) { throw ExitCode(1) }
        }
    }
}
