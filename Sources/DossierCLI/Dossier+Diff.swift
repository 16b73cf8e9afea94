import ArgumentParser
import DossierModel
import DossierPack
import DossierPublish
import Foundation

extension Dossier {
    struct Diff: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show what changed between two packs: regressions first, then evidence, lapsed approvals and new findings.",
            discussion: """
                A control regresses when its status gets worse (satisfied → partial → stale → missing). A checklist item \
                regresses when it was proven and is not any more, or is gone, and when it becomes contradicted. Packs \
                whose report.json has no schema_version (version 1) are read too.

                With --fail-on-regression, exits 1 when any control or item regressed; 2 when a pack cannot be read.
                """)

        @Argument(help: ArgumentHelp("The earlier pack.", valueName: "old")) var old: String
        @Argument(help: ArgumentHelp("The later pack.", valueName: "new")) var new: String

        @Flag(help: "Print JSON instead of text.") var json = false
        @Flag(help: "Exit 1 when any control or checklist item regressed.") var failOnRegression = false

        func run() throws {
            let diff: PackDiff
            do {
                diff = try PackDiff(old: URL(fileURLWithPath: old), new: URL(fileURLWithPath: new))
            } catch let error as DossierError {
                ConsoleReporter.fail(error)
                throw ExitCode(2)
            }
            if json {
                FileHandle.standardOutput.write(try diff.json())
            } else {
                print(diff.text, terminator: "")
            }
            if failOnRegression && diff.hasRegressions { throw ExitCode(1) }
        }
    }
}
