import DossierModel
import Foundation

/// Reads log extracts through the log formats: JSON Lines streamed from disk, JSON documents
/// (an array, or an object wrapping one such as CloudTrail's `{"Records": […]}`) from their tree.
///
/// A file bound to a format by the format's `paths` is read with it; otherwise the first record
/// picks the format that recognises it. Bad records are reported where they start and skipped.
package struct LogExtractReader: Sendable {
    /// How many malformed records are listed one by one before the rest are counted in one note.
    package static let listedProblems = 20

    package var formats: [LogFormat]
    package var limits: InputLimits

    package init(formats: [LogFormat], limits: InputLimits = InputLimits()) {
        self.formats = formats
        self.limits = limits
    }

    package func format(for path: String, first record: JSONNode?) -> LogFormat? {
        if let bound = formats.first(where: { $0.paths.contains { PathPattern($0).matches(path) } }) { return bound }
        return record.flatMap { first in formats.first { $0.recognises(first) } }
    }

    /// Streams a JSON Lines file; always returns a document (its hash is needed whatever it holds).
    package func readLines(_ input: InputFile, diagnostics: DiagnosticEngine) -> EvidenceDocument? {
        let file = input.file, hash = input.sha256
        // A compressed extract would be one malformed record per line: it is named instead, as the parser does.
        // Only a compressed file is read whole; an extract is otherwise streamed.
        if EvidenceParser.compression(of: input.bytes.prefix(16), path: file.path) != nil {
            return EvidenceParser(limits: limits).parse(input, diagnostics: diagnostics)
        }
        var extract: LogExtract?
        var chosen: LogFormat?
        var problems = ProblemList(file: file.path, diagnostics: diagnostics)
        let stream = JSONLinesStream(maxLineBytes: limits.maxLineBytes)
        stream.read(input.bytes) { line in
            switch line {
            case .malformed(let error):
                extract?.malformed += 1
                problems.add(Diagnostic(.error, DiagnosticID.logMalformedRecord, "Record is not valid JSON: \(error.message); it is skipped", file: file.path, at: error.location))
                if extract == nil { problems.malformedBeforeFirst += 1 }
            case .tooLong(let line, let bytes):
                extract?.malformed += 1
                problems.add(Diagnostic(
                    .error, DiagnosticID.limitsLineTooLong,
                    "Line is \(bytes) bytes, more than the limit of \(limits.maxLineBytes); it is skipped",
                    file: file.path, at: SourceLocation(line: line, column: 1)))
            case .record(let record):
                if chosen == nil {
                    guard let format = format(for: file.path, first: record) else { return false }
                    chosen = format
                    extract = LogExtract(format: format)
                    extract?.malformed = problems.malformedBeforeFirst
                }
                extract?.add(chosen!.event(from: record))
            }
            return true
        }
        problems.finish()
        guard let extract else {
            if problems.malformedBeforeFirst == 0 {
                diagnostics.report(Diagnostic(
                    .warning, DiagnosticID.logUnrecognised,
                    "No log format recognises this file's records; describe them with a 'kind: log-format' file whose 'paths' name this file",
                    file: file.path))
            }
            return EvidenceDocument(file: file, title: file.path, sha256: hash, content: .text(""))
        }
        checkMapped(extract, file: file.path, diagnostics: diagnostics)
        return EvidenceDocument(file: file, title: file.path, sha256: hash, content: .log(extract))
    }

    /// The log read from a parsed JSON document, or nil when no format claims it (it stays plain evidence).
    package func read(tree: JSONNode, path: String, diagnostics: DiagnosticEngine) -> LogExtract? {
        let candidates = formats.flatMap(\.recordsKeys) + ["Records", "records"]
        let records: [JSONNode]
        if let elements = tree.elements {
            records = elements
        } else if let key = candidates.first(where: { tree[$0]?.elements != nil }), let elements = tree[key]?.elements {
            records = elements
        } else {
            records = [tree]
        }
        guard let format = format(for: path, first: records.first) else { return nil }
        var extract = LogExtract(format: format)
        var problems = ProblemList(file: path, diagnostics: diagnostics)
        for record in records {
            guard record.members != nil else {
                extract.malformed += 1
                problems.add(Diagnostic(.error, DiagnosticID.logMalformedRecord, "Record must be an object, found \(record.typeName); it is skipped", file: path, at: record.location))
                continue
            }
            extract.add(format.event(from: record))
        }
        problems.finish()
        checkMapped(extract, file: path, diagnostics: diagnostics)
        return extract
    }

    /// A format that maps no record to a known kind is describing some other log: say so.
    private func checkMapped(_ extract: LogExtract, file: String, diagnostics: DiagnosticEngine) {
        if extract.events == 0 {
            diagnostics.report(Diagnostic(.warning, DiagnosticID.logEmpty, "Log extract holds no records", file: file))
        } else if extract.mappedEvents == 0 {
            diagnostics.report(Diagnostic(
                .error, DiagnosticID.logNothingMapped,
                "None of the \(extract.events) records matched a kind of log format '\(extract.format)'; check its 'kinds' rules",
                file: file))
        }
    }
}

/// Reports the first problems of a file one by one and the rest as a count, so a broken gigabyte
/// does not bury every other diagnostic.
package struct ProblemList {
    package let file: String
    package let diagnostics: DiagnosticEngine
    package var count = 0
    package var malformedBeforeFirst = 0

    package mutating func add(_ diagnostic: Diagnostic) {
        count += 1
        if count <= LogExtractReader.listedProblems { diagnostics.report(diagnostic) }
    }

    package func finish() {
        guard count > LogExtractReader.listedProblems else { return }
        diagnostics.report(Diagnostic(
            .error, DiagnosticID.logMoreMalformed,
            "\(count - LogExtractReader.listedProblems) more bad records are not listed (\(count) in all)", file: file))
    }
}
