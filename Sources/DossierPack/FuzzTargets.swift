import DossierAssess
import DossierIntake
import DossierModel
import DossierPublish
import Foundation

/// The parsers that read untrusted evidence, each behind one entry point taking raw bytes.
///
/// `Fuzz/` builds these into libFuzzer binaries (`make fuzz`); `FuzzRegressionTests` replays every
/// input that once crashed one of them, so a fixed crash stays fixed. Each entry point also checks
/// what must hold for any input — every diagnostic points inside the file, redaction leaves nothing
/// to redact — and returns what did not hold: the fuzz binary traps on it, the tests assert on it.
public enum FuzzTargets {
    public static let names = ["markdown", "checklist", "json", "yaml", "log", "threat-dragon", "pytm", "secrets", "decoded-secrets", "personal-data", "template"]
        + boundTargets

    /// The structured targets over issue 25's input bounds: each generates an input around its bound
    /// from a few bytes of parameters (FuzzTargets+MarkdownBounds.swift, FuzzTargets+Bounds.swift).
    public static let boundTargets = ["tables", "nesting", "limits", "data-flow", "file-names"]

    /// Runs the named target on one input and returns the invariants it broke (nil: no such target).
    public static func run(_ name: String, _ bytes: [UInt8]) -> [String]? {
        var broken: [String] = []
        func check(_ condition: Bool, _ message: @autoclosure () -> String) {
            if !condition { broken.append(message()) }
        }
        switch name {
        case "markdown": parse(bytes, as: "fuzz/input.md", check)
        case "checklist": parse(Array("---\nkind: checklist\nchecklist: pre-launch\n---\n".utf8) + bytes, as: "fuzz/checklist.md", check)
        case "json": parse(bytes, as: "fuzz/input.json", check)
        case "yaml": parse(bytes, as: "fuzz/input.yml", check)
        case "log": logs(bytes, check)
        case "threat-dragon": importer(bytes, check) { ThreatDragonImporter().read($0, file: "fuzz/model.json").1 }
        case "pytm": importer(bytes, check) { PytmImporter().read($0, file: "fuzz/model.json").1 }
        case "secrets": secrets(bytes, check)
        case "decoded-secrets": decodedSecrets(bytes, check)
        case "personal-data": personalData(bytes, check)
        case "template": template(bytes, check)
        case "tables": tables(bytes, check)
        case "nesting": nesting(bytes, check)
        case "limits": limits(bytes, check)
        case "data-flow": dataFlow(bytes, check)
        case "file-names": fileNames(bytes, check)
        default: return nil
        }
        return broken
    }

    package typealias Check = (Bool, @autoclosure () -> String) -> Void

    /// The whole parse stage for one file: decoding, front matter, YAML, cmark-gfm, JSON and every record reader.
    package static func parse(_ bytes: [UInt8], as path: String, _ check: Check) {
        let file = EvidenceFile(path: path, url: URL(fileURLWithPath: "/nonexistent/" + path), size: bytes.count)
        let diagnostics = DiagnosticEngine()
        let document = EvidenceParser().parse(Data(bytes), file: file, diagnostics: diagnostics)
        checkPositions(diagnostics.diagnostics, in: bytes, check)
        if case .markdown(let markdown)? = document?.content {
            // Pages render from the Swift tree; it must give cmark-gfm's HTML (plus the task-list class).
            let body = markdown.parsedBody()
            check(MarkdownHTML.render(body.tree()) == cmarkHTML(body), "the Swift renderer and cmark-gfm disagree on this Markdown")
        }
    }

    /// Log extracts both ways: streamed as JSON Lines through the chunked reader, and as one JSON document.
    package static func logs(_ bytes: [UInt8], _ check: Check) {
        let reader = LogExtractReader(formats: LogFormatReader.builtIn)
        let lines = DiagnosticEngine()
        if case .log(let extract)? = reader.readLines(InputFile(path: "logs/fuzz.jsonl", data: Data(bytes)), diagnostics: lines)?.content {
            _ = LogView(extract)
        }
        checkPositions(lines.diagnostics, in: bytes, check)
        guard let tree = try? JSONReader().read(bytes) else { return }
        let whole = DiagnosticEngine()
        // The page's view of the extract too: it formats every event's time (a trap on 1e30 was found in review).
        if let extract = reader.read(tree: tree, path: "logs/fuzz.json", diagnostics: whole) { _ = LogView(extract) }
        for format in LogFormatReader.builtIn { _ = format.event(from: tree) }
        // The same tree read as a user's `kind: log-format` definition, then applied to itself.
        if let format = LogFormatReader().read(tree, reader: FieldReader(file: "fuzz/format.yml", area: "log-format"), origin: "fuzz/format.yml") {
            _ = format.event(from: tree)
        }
    }

    package static func importer(_ bytes: [UInt8], _ check: Check, read: (JSONNode) -> [Diagnostic]) {
        guard let tree = try? JSONReader().read(bytes) else { return }
        checkPositions(read(tree), in: bytes, check)
    }

    package static func secrets(_ bytes: [UInt8], _ check: Check) {
        let text = String(decoding: bytes, as: UTF8.self)
        for finding in SecretScanner().scan(line: text, number: 1) {
            check(text.contains(finding.value), "a secret finding names a value that is not in the line")
            let column = finding.location?.column ?? 0
            check(column >= 1 && column <= text.count, "a secret finding's column is outside the line")
        }
    }

    /// The same bytes parsed as Markdown, JSON and YAML, and every string each reading publishes
    /// scanned once decoded: a finding names a value that the reading really shows — in a published
    /// string (a text file's whole text too) as written, as a reader sees it or with its escapes
    /// undone, or in what a run in one decodes to — at a line the file has.
    package static func decodedSecrets(_ bytes: [UInt8], _ check: Check) {
        let lines = bytes.count { $0 == 0x0A } + 1
        for path in ["fuzz/input.md", "fuzz/input.json", "fuzz/input.yml"] {
            let file = EvidenceFile(path: path, url: URL(fileURLWithPath: "/nonexistent/" + path), size: bytes.count)
            guard let document = EvidenceParser().parse(Data(bytes), file: file, diagnostics: DiagnosticEngine()) else { continue }
            var published = document.publishedStrings.map(\.text)
            if case .text(let text) = document.content { published.append(text) }
            let read = published + published.flatMap { SecretScanner.readings(of: $0) }
            // A table's cells under a secret's column are read with their header (`TableAssignments`).
            let tables = TableAssignments.lines(in: Data(bytes), path: path).map(\.text)
            let decoded = read.flatMap(SecretScanner.decodedRuns) + SecretScanner.decodedRuns(in: String(decoding: bytes, as: UTF8.self))
                + tables.flatMap(SecretScanner.decodedRuns)
            let shown = read + tables + decoded + decoded.flatMap { SecretScanner.readings(of: $0) }
            for finding in SecretScanner().findings(in: document, bytes: .whole(Data(bytes))) where finding.place == .decoded {
                check(shown.contains { $0.contains(finding.value) }, "a decoded secret finding names a value no published string holds")
                check((finding.location?.line ?? 1) >= 1 && (finding.location?.line ?? 1) <= lines, "a decoded secret finding points past the file's lines")
            }
        }
    }

    package static func personalData(_ bytes: [UInt8], _ check: Check) {
        let text = String(decoding: bytes, as: UTF8.self)
        let (redacted, counts) = PersonalDataRedactor(mode: .redact).redact(text)
        // Redacting what is already redacted finds nothing more: the markers themselves are not personal data.
        let (again, more) = PersonalDataRedactor(mode: .redact).redact(redacted)
        check(counts.isEmpty || redacted != text, "redaction counted a finding but changed nothing")
        check(more.isEmpty && again == redacted, "redacted text still holds personal data: \(more)")
    }

    /// A view with every kind of value a template meets: escaped text, flags, numbers, an empty list,
    /// a list of objects with a nested list, nested objects. `CompiledThemeTests` renders it too.
    package static let templateView: TemplateValue = .object([
        "title": .text("A <b>bold</b> & 'quoted' \"title\""), "yes": .flag(true), "no": .flag(false), "count": .integer(3),
        "ratio": .real(0.25), "empty": .list([]),
        "items": .list([.object(["name": .text("one"), "tags": .list([.text("x"), .text("y")])]), .object(["name": .text("two")])]),
        "nested": .object(["inner": .object(["value": .text("deep")]), "name": .text("nested-name")]),
    ])

    /// A theme template (`--templates` takes them from the user): wherever swift-mustache and Dossier's
    /// own renderer both accept it, they must write the same bytes for the same view.
    package static func template(_ bytes: [UInt8], _ check: Check) {
        let source = String(decoding: bytes, as: UTF8.self)
        // A partial naming its own template recurses for ever in both renderers alike, and so does a
        // section nested thousands deep in their recursive parsers: neither is a difference.
        guard bytes.count <= 4_096, !source.contains("main") else { return }
        guard let (mine, theirs) = renderWithBoth(["main": source, "row": "<{{name}}>\n{{#tags}}\n  - {{.}}\n{{/tags}}\n"], templateView) else { return }
        check(mine == theirs, "the compiled renderer wrote \(String(describing: mine).debugDescription), swift-mustache \(String(describing: theirs).debugDescription)")
    }

    /// Template `main` of a theme made of `templates` (names without `.mustache`), rendered over `view`
    /// by Dossier's renderer and by swift-mustache; nil when either does not take the theme.
    package static func renderWithBoth(_ templates: [String: String], _ view: TemplateValue) -> (compiled: String?, library: String?)? {
        let theme = Theme(files: Dictionary(uniqueKeysWithValues: templates.map { ($0.key + ".mustache", $0.value) }))
        guard let library = try? theme.library(), let compiled = theme.compiled() else { return nil }
        return (compiled.render(view, template: "main"), library.render(view.mustacheObject, withTemplate: "main"))
    }

    /// Every diagnostic about the input must point at a line the input has.
    package static func checkPositions(_ diagnostics: [Diagnostic], in bytes: [UInt8], _ check: Check) {
        // Lines as an editor counts them: LF, CRLF and a lone CR each end one.
        var lines = 1
        for (index, byte) in bytes.enumerated() {
            if byte == UInt8(ascii: "\n") || (byte == UInt8(ascii: "\r") && (index + 1 == bytes.count || bytes[index + 1] != UInt8(ascii: "\n"))) {
                lines += 1
            }
        }
        for diagnostic in diagnostics {
            guard let location = diagnostic.location else { continue }
            check(location.line >= 1 && location.line <= lines + 1 && location.column >= 1,
                         "\(diagnostic.identifier) points at \(location.line):\(location.column); the input has \(lines) lines")
        }
    }
}
