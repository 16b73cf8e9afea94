import ArgumentParser
import DossierCore

@main
struct Dossier: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dossier",
        abstract: "Build a linked, static HTML audit pack from a folder of compliance evidence.",
        discussion: """
            EXIT STATUS
              0   success
              1   findings at or above the failing severity (default: error)
              2   cannot continue: missing evidence folder, unreadable configuration or templates, output refused
              64  usage error: unknown command, flag or value
            """,
        version: DossierVersion.current,
        subcommands: [Build.self, Check.self, Catalog.self, Init.self, Keygen.self, Verify.self, Diff.self, Bundle.self],
        defaultSubcommand: Build.self
    )
}
