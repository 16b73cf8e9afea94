import ArgumentParser
import DossierModel
import DossierPack
import Foundation

extension Dossier {
    struct Init: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a new evidence folder: configuration, one processing activity, and the built-in checklists to answer.")

        @Argument(help: ArgumentHelp("The folder to create (must be new or empty).", valueName: "dir"))
        var directory: String = "evidence"

        @Option(help: "The organisation's name, written into dossier.yml.")
        var organisation: String = "Your organisation"

        func run() throws {
            let url = URL(fileURLWithPath: directory)
            do {
                let date = try BuildDate.resolve(evidence: url, environment: ProcessInfo.processInfo.environment)
                let scaffold = EvidenceScaffold(organisation: organisation, buildDate: date)
                try scaffold.write(into: url)
                print("Created \(directory)/ with \(scaffold.files().count) files. Next: fill in \(directory)/dossier.yml, then run 'dossier check \(directory)'.")
            } catch let error as DossierError {
                ConsoleReporter.fail(error)
                throw ExitCode(2)
            }
        }
    }
}
