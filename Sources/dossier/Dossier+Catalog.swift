import ArgumentParser
import DossierCore
import Foundation

extension Dossier {
    struct Catalog: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List every control of the built-in frameworks.",
            discussion: "With --json, prints a JSON array of {\"framework\", \"id\", \"title\"} objects, in each framework's own order.")

        @Argument(help: ArgumentHelp("An evidence folder whose own frameworks (kind: framework) are listed too.", valueName: "evidence"))
        var evidence: String?

        @Flag(help: "Print JSON instead of a table.")
        var json = false

        struct Entry: Encodable {
            var framework: String
            var id: String
            var title: String
        }

        func run() throws {
            let catalogs = try evidence.map(userCatalogs) ?? CatalogReader.builtIn
            if json {
                let entries = catalogs.flatMap { catalog in
                    catalog.controls.map { Entry(framework: catalog.framework, id: $0.id, title: $0.title) }
                }
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
                print(String(decoding: try encoder.encode(entries), as: UTF8.self))
                return
            }
            for catalog in catalogs {
                print("\(catalog.name) (\(catalog.framework)) — \(catalog.controls.count) controls")
                let width = catalog.controls.map(\.id.count).max() ?? 0
                for control in catalog.controls {
                    print("  " + control.id.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + control.title)
                }
                print("")
            }
        }

        /// Built-in catalogs plus the evidence folder's own, after reporting problems in the latter.
        private func userCatalogs(_ folder: String) throws -> [DossierCore.Catalog] {
            let url = URL(fileURLWithPath: folder)
            do {
                let result = try BuildPipeline(options: BuildOptions(evidence: url, output: url)).check()
                let formatter = DiagnosticConsoleFormatter(pathPrefix: folder)
                for diagnostic in result.diagnostics where diagnostic.identifier.hasPrefix("dossier.framework.") {
                    printError(formatter.format(diagnostic))
                }
                return result.catalogs
            } catch let error as DossierError {
                ConsoleReporter.fail(error)
                throw ExitCode(2)
            }
        }
    }
}
