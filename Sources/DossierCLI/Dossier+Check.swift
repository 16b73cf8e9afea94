import ArgumentParser
import DossierAssess
import DossierModel
import DossierPack

extension Dossier {
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Read and validate the evidence without writing a pack.")

        @OptionGroup(title: "Inputs") var input: EvidenceOptions
        @OptionGroup(title: "Findings") var findings: FindingsOptions

        func run() throws {
            let reporter = findings.reporter(evidence: input.evidence)
            let result: Assessment
            do {
                var options = BuildOptions(evidence: input.evidenceURL, release: input.release)
                options.strict = findings.strict
                input.apply(to: &options)
                result = try BuildPipeline(options: options).check()
            } catch let error as DossierError {
                ConsoleReporter.fail(error)
                throw ExitCode(2)
            }
            reporter.report(result.diagnostics)
            reporter.summary(result)
            if result.fails(at: result.failingSeverity) { throw ExitCode(1) }
        }
    }
}
