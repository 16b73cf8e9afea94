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
        subcommands: [Build.self, Check.self, Catalog.self, Init.self, Keygen.self, Verify.self, Diff.self, Bundle.self, Serve.self],
        defaultSubcommand: Build.self
    )

    /// `build` is the default, so `dossier chek evidence` would otherwise be read as building a folder
    /// called `chek`. A first word that is no option, no existing path and close to a command's name is
    /// a misspelt command: a usage error (64) naming the command meant.
    public static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        if let word = arguments.first, let meant = misspeltCommand(word) {
            printError("Error: unknown command '\(TerminalText.escaped(word))'; did you mean '\(meant)'? (There is no evidence folder '\(TerminalText.escaped(word))' either.)")
            printError("See 'dossier --help' for the commands.")
            Self.exit(withError: ExitCode(64))
        }
        // `dossier sample --help` asks for a command's help: `build`'s (the default command) would answer
        // a question nobody asked. A word that is no command, no option and no folder, before a help flag, is a usage error.
        if let word = arguments.first, isUnknownCommand(word), arguments.dropFirst().contains(where: { ["--help", "-h", "help"].contains($0) }) {
            let hint = Spelling.closest(to: word, among: commandNames).map { " Did you mean '\($0)'?" } ?? ""
            printError("Error: unknown command '\(TerminalText.escaped(word))'.\(hint) The commands are \(commandNames.filter { $0 != "help" }.joined(separator: ", ")).")
            printError("See 'dossier --help', or 'dossier help COMMAND'.")
            Self.exit(withError: ExitCode(64))
        }
        main(nil)
    }

    static var commandNames: [String] { configuration.subcommands.map { $0._commandName } + ["help"] }

    /// A first word that is no option, no command and no existing path.
    static func isUnknownCommand(_ word: String) -> Bool {
        !word.hasPrefix("-") && !commandNames.contains(word) && !FileManager.default.fileExists(atPath: word)
    }

    static func misspeltCommand(_ word: String) -> String? {
        guard isUnknownCommand(word) else { return nil }
        return Spelling.closest(to: word, among: commandNames)
    }
}
