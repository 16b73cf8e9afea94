import ArgumentParser
import DossierIntake
import DossierModel
import DossierPack
import Foundation

extension Dossier {
    struct Catalog: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the controls, checklists and cross-framework mappings Dossier judges evidence against.",
            discussion: """
                Without options, lists every control of each framework, then the checklists and mappings in force.
                With --json, prints a JSON array of {"framework", "id", "title"} objects, in each framework's own order.
                --checklists lists every checklist item instead, and --mappings every mapping row (both also as --json).
                Given an evidence folder, its own frameworks, checklists and mappings are included.
                """)

        @Argument(help: ArgumentHelp("An evidence folder whose own frameworks, checklists and mappings are listed too.", valueName: "evidence"))
        var evidence: String?

        @Flag(help: "Print JSON instead of a table.")
        var json = false

        @Flag(help: "List every checklist item with the controls it evidences.")
        var checklists = false

        @Flag(help: "List every cross-framework mapping row with its relationship.")
        var mappings = false

        func validate() throws {
            if checklists && mappings { throw ValidationError("Choose one of --checklists and --mappings.") }
        }

        func run() throws {
            let content = try evidence.map(userContent) ?? ComplianceContent.builtIn
            let listing = CatalogListing(content: content)
            if json {
                let data: Data
                if checklists { data = try Self.encode(listing.checklistItems) }
                else if mappings { data = try Self.encode(listing.mappingRows) }
                else { data = try Self.encode(listing.controls) }
                print(String(decoding: data, as: UTF8.self))
            } else {
                print(checklists ? listing.checklistTable : mappings ? listing.mappingTable : listing.overview, terminator: "")
            }
        }

        private static func encode<T: Encodable>(_ value: T) throws -> Data {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            return try encoder.encode(value)
        }

        /// Built-in content plus the evidence folder's own, after reporting problems in the latter.
        private func userContent(_ folder: String) throws -> ComplianceContent {
            let url = URL(fileURLWithPath: folder)
            do {
                let result = try BuildPipeline(options: BuildOptions(evidence: url, output: url)).check()
                let formatter = DiagnosticConsoleFormatter(pathPrefix: folder)
                let areas = ["dossier.framework.", "dossier.checklist-definition.", "dossier.mapping."]
                for diagnostic in result.diagnostics where areas.contains(where: diagnostic.identifier.hasPrefix) {
                    printError(formatter.format(diagnostic))
                }
                return result.content
            } catch let error as DossierError {
                ConsoleReporter.fail(error)
                throw ExitCode(2)
            }
        }
    }
}
