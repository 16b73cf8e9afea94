import ArgumentParser
import DossierIntake
import DossierModel
import DossierPack
import Foundation

public struct Dossier: ParsableCommand {
    public init() {}
    public static let configuration = CommandConfiguration(
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

    /// `build` is the default, so `dossier chek evidence` would otherwise be read as building a folder
    /// called `chek`. A first word that is no option, no existing path and close to a command's name is
    /// a misspelt command: a usage error (64) naming the command meant.
    public static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        if let word = arguments.first, let meant = misspeltCommand(word) {
            printError("Error: unknown command '\(word)'; did you mean '\(meant)'? (There is no evidence folder '\(word)' either.)")
            printError("See 'dossier --help' for the commands.")
            Self.exit(withError: ExitCode(64))
        }
        main(nil)
    }

    static func misspeltCommand(_ word: String) -> String? {
        let names = configuration.subcommands.map { $0._commandName } + ["help"]
        guard !word.hasPrefix("-"), !names.contains(word), !FileManager.default.fileExists(atPath: word) else { return nil }
        return Spelling.closest(to: word, among: names)
    }
}
