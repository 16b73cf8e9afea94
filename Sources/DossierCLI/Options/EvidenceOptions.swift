import DossierPack
import ArgumentParser
import Foundation

/// The evidence folder argument shared by every subcommand that reads evidence.
struct EvidenceOptions: ParsableArguments {
    @Argument(help: ArgumentHelp("The folder of evidence to read.", valueName: "evidence"))
    var evidence: String = "evidence"

    @Option(help: ArgumentHelp("The release this pack is for (e.g. v1.4.0), shown in the pack and its reports; overrides dossier.yml.", valueName: "name"))
    var release: String?

    var evidenceURL: URL { URL(fileURLWithPath: evidence) }
}

/// How findings decide the exit status.
struct FindingsOptions: ParsableArguments {
    @Flag(help: "Fail on warnings too, whatever policy.failing_severity in dossier.yml says.")
    var strict = false

    @Flag(name: .shortAndLong, help: "Print only diagnostics, no summary.")
    var quiet = false
}
