import ArgumentParser
import DossierModel
import DossierIntake
import DossierPack
import Foundation

/// The evidence folder argument shared by every subcommand that reads evidence.
struct EvidenceOptions: ParsableArguments {
    @Argument(help: ArgumentHelp("The folder of evidence to read.", valueName: "evidence"))
    var evidence: String = "evidence"

    @Option(help: ArgumentHelp("The release this pack is for (e.g. v1.4.0), shown in the pack and its reports; overrides dossier.yml.", valueName: "name"))
    var release: String?

    @Option(name: .customLong("source-root"), help: ArgumentHelp(
        "A folder approvals may cite as NAME:path, wherever it is (dossier.yml may only name folders inside the evidence's repository). Repeatable.",
        valueName: "name=path"))
    var sourceRoots: [String] = []

    @Option(help: ArgumentHelp(
        "The key for policy.redaction: hash, wherever it is (dossier.yml may only name a key inside the evidence's repository).",
        valueName: "file"))
    var redactionKey: String?

    var evidenceURL: URL { URL(fileURLWithPath: evidence) }

    func validate() throws {
        for root in sourceRoots where parsed(root) == nil {
            throw ValidationError("--source-root takes NAME=PATH, with a name of letters, digits, '-' and '_'; got '\(root)'")
        }
    }

    private func parsed(_ text: String) -> PackConfiguration.SourceRoot? {
        guard let equals = text.firstIndex(of: "="), equals != text.startIndex else { return nil }
        let name = String(text[..<equals]), path = String(text[text.index(after: equals)...])
        guard !path.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) else { return nil }
        return PackConfiguration.SourceRoot(name: name, path: path, url: URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath())
    }

    /// The inputs the command line trusts, into the build's options.
    func apply(to options: inout BuildOptions) {
        options.sourceRoots = sourceRoots.compactMap(parsed)
        options.redactionKeyFile = redactionKey.map { URL(fileURLWithPath: $0) }
    }
}

/// How findings decide the exit status.
struct FindingsOptions: ParsableArguments {
    @Flag(help: "Fail on warnings too, whatever policy.failing_severity in dossier.yml says.")
    var strict = false

    @Flag(name: .shortAndLong, help: "Print only diagnostics, no summary.")
    var quiet = false

    @Option(help: ArgumentHelp(
        "Print only findings at or above this severity: note (every finding, the default), warning or error. The pack, its reports and the exit status keep every finding.",
        valueName: "level"))
    var severity: DiagnosticSeverity = .note

    /// The console reporter these options ask for.
    func reporter(evidence: String) -> ConsoleReporter {
        ConsoleReporter(evidencePath: evidence, quiet: quiet, shown: severity)
    }
}

extension DiagnosticSeverity: ExpressibleByArgument {
    package init?(argument: String) {
        guard let found = Self.allCases.first(where: { $0.description == argument.lowercased() }) else { return nil }
        self = found
    }

    package static var allValueStrings: [String] { allCases.map(\.description) }
}

/// Where a pack goes and which theme renders it: `build` and `serve`.
struct PackOptions: ParsableArguments {
    @Option(name: .shortAndLong, help: ArgumentHelp("The folder to write the pack to.", valueName: "dir"))
    var output: String = "output"

    @Option(help: ArgumentHelp("A folder of templates and assets overriding the built-in theme.", valueName: "dir"))
    var templates: String?

    /// The build's options from the command line's evidence, pack and findings options.
    func buildOptions(_ input: EvidenceOptions, _ findings: FindingsOptions) -> BuildOptions {
        var options = BuildOptions(
            evidence: input.evidenceURL, output: URL(fileURLWithPath: output),
            templates: templates.map { URL(fileURLWithPath: $0) }, release: input.release)
        options.strict = findings.strict
        input.apply(to: &options)
        return options
    }
}
