import DossierAssess
import DossierModel
import DossierPack
import Foundation

/// Everything the command line prints: diagnostics on standard error, summaries on standard output.
struct ConsoleReporter {
    var evidencePath: String
    var quiet: Bool
    /// The least severe finding printed (`--severity`): 77 notes of open items can bury 2 errors.
    var shown: DiagnosticSeverity = .note

    /// The terminal's consumers of the findings: the console always, annotations in GitHub Actions.
    func report(_ all: [Diagnostic]) {
        let diagnostics = shown == .note ? all : all.filter { $0.severity >= shown }
        var consumers: [any DiagnosticConsumer] = [ConsoleDiagnostics(formatter: DiagnosticConsoleFormatter(pathPrefix: evidencePath))]
        // In GitHub Actions, each finding also becomes an annotation at its file and line.
        if ProcessInfo.processInfo.environment["GITHUB_ACTIONS"] == "true" {
            consumers.append(AnnotatedDiagnostics(annotations: GitHubAnnotations(
                evidencePrefix: evidencePath.hasSuffix("/") ? evidencePath : evidencePath + "/")))
        }
        for index in consumers.indices { consumers[index].consume(diagnostics) }
    }

    /// Per checklist, coverage and counts; with `written`, what the build wrote (its findings include
    /// the last check on the written files).
    func summary(_ result: Assessment, written: (pack: WrittenPack, output: String)? = nil) {
        guard !quiet else { return }
        let counts = (written?.pack.diagnostics ?? result.diagnostics).countsSummary
        let itemsByFile = Dictionary(grouping: result.compliance.items, by: \.answersFile)
        for document in result.documents {
            guard case .checklist(let checklist)? = document.record else { continue }
            // Counted against the checklist's definition: an item left out of the file is not answered.
            guard let items = itemsByFile[document.path] else {
                let open = checklist.answers.filter { $0.state == .open }.count
                printOutput(result.scrubbed("\(document.path): \(checklist.answers.count - open) of \(checklist.answers.count) items answered, \(open) open"))
                continue
            }
            let open = items.count { $0.status == .open }, absent = items.count { $0.status == .unanswered }
            printOutput(result.scrubbed("\(document.path): \(items.count - open - absent) of \(items.count) items answered, \(open) open"
                + (absent > 0 ? ", \(absent) missing from the file" : "")))
        }
        for line in CoverageSummary(assessment: result.compliance, content: result.content, evidencePrefix: evidencePath).lines() {
            printOutput(result.scrubbed(line))
        }
        printOutput("\(Self.plural(result.documents.count, "evidence file")) read · \(counts)")
        if let (pack, output) = written {
            printOutput("Wrote \(pack.writtenFiles.count) files to \(output)/ — open \(output)/index.html")
        }
    }

    /// `1 error`, `2 errors`.
    static func plural(_ count: Int, _ word: String) -> String { "\(count) \(word)\(count == 1 ? "" : "s")" }

    static func fail(_ error: DossierError) {
        printError(error.compilerStyle ?? "dossier: error: \(error)")
        if ProcessInfo.processInfo.environment["GITHUB_ACTIONS"] == "true", let diagnostic = error.diagnostic {
            printOutput(GitHubAnnotations(evidencePrefix: "").line(for: diagnostic))
        }
    }
}

/// Each finding on standard error, as a compiler writes it (`file:line:column: error: … [id]`).
struct ConsoleDiagnostics: DiagnosticConsumer {
    let formatter: DiagnosticConsoleFormatter
    mutating func consume(_ diagnostics: [Diagnostic]) {
        for diagnostic in diagnostics { printError(formatter.format(diagnostic)) }
    }
}

/// Each finding as a GitHub Actions workflow command on standard output.
struct AnnotatedDiagnostics: DiagnosticConsumer {
    let annotations: GitHubAnnotations
    mutating func consume(_ diagnostics: [Diagnostic]) {
        for diagnostic in diagnostics { printOutput(annotations.line(for: diagnostic)) }
    }
}

/// One line on standard error. Whatever it quotes from evidence or a report is made inert first
/// (`TerminalText`): a newline or an escape sequence in a file name cannot forge a line of its own.
func printError(_ line: String) {
    let safe = TerminalText.escaped(line)
    FileHandle.standardError.write(Data((safe + "\n").utf8))
    Transcript.shared.error += safe + "\n"
}

/// One line on standard output, made inert like `printError`'s, and recorded so that a build the
/// cache skips can say exactly what it said before.
func printOutput(_ line: String) {
    let safe = TerminalText.escaped(line)
    print(safe)
    // Standard error is not buffered: a line here waits for no more, so that piped to a log (`serve`
    // running for hours), each line keeps its place among the findings.
    fflush(nil)
    Transcript.shared.output += safe + "\n"
}

/// What this run printed, for the build cache (`BuildCache`).
final class Transcript: @unchecked Sendable {
    static let shared = Transcript()
    var output = ""
    var error = ""

    /// `serve` builds for hours: each build's lines are printed, then forgotten. Standard output is
    /// flushed (`fflush(nil)`: every stream), since a script or test reading it (for the address) does not read from a terminal.
    func clear() {
        output = ""
        error = ""
        fflush(nil)
    }
}
