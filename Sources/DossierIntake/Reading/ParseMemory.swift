import DossierModel
import Foundation

/// The documents an earlier build of this process parsed, and what their parse reported, for a
/// process that builds again and again (`dossier serve`): a file whose bytes, name and limits are
/// what they were is not parsed again.
///
/// A parse depends on nothing but its file (path, published name, format), the file's bytes (by
/// their SHA-256), the limits and the zone date-times without one are read in, so those are the key;
/// what it reported is kept beside the document and reported again, so a remembered file says what
/// it said before.
package final class ParseMemory: Sendable {
    struct Key: Hashable, Sendable {
        var file: EvidenceFile
        var sha256: String
        var limits: InputLimits
        var timeZone: TimeZone
    }

    private struct Entry {
        var document: EvidenceDocument?
        var diagnostics: [Diagnostic]
    }

    /// A JSON Lines log extract is read after the compliance content, with the log formats in force
    /// (and no zone: log timestamps carry their own).
    struct LogKey: Hashable, Sendable {
        var file: EvidenceFile
        var sha256: String
        var limits: InputLimits
        var formats: [LogFormat]
    }

    private let memo = BuildMemo<Key, Entry>()
    private let logs = BuildMemo<LogKey, Entry>()

    package init() {}

    /// How many files the last finished build did not parse again.
    package var lastRecalled: Int { memo.lastRecalled + logs.lastRecalled }

    /// The document for `input`, remembered or parsed now; its findings go to `diagnostics` either way.
    func document(for input: InputFile, limits: InputLimits, timeZone: TimeZone, diagnostics: DiagnosticEngine,
                  parse: (DiagnosticEngine) -> EvidenceDocument?) -> EvidenceDocument? {
        let key = Key(file: input.file, sha256: input.sha256, limits: limits, timeZone: timeZone)
        return Self.recall(memo, key, diagnostics: diagnostics, parse: parse)
    }

    /// The log extract read from a JSON Lines `input` with `formats`, remembered or read now.
    func logDocument(for input: InputFile, formats: [LogFormat], limits: InputLimits, diagnostics: DiagnosticEngine,
                     read: (DiagnosticEngine) -> EvidenceDocument?) -> EvidenceDocument? {
        // An extract too large to hold is hashed in one pass and read in another: its hash need not be
        // of the bytes read, so what was read is not kept under it.
        guard case .whole = input.bytes else { return read(diagnostics) }
        let key = LogKey(file: input.file, sha256: input.sha256, limits: limits, formats: formats)
        return Self.recall(logs, key, diagnostics: diagnostics, parse: read)
    }

    private static func recall<K>(_ memo: BuildMemo<K, Entry>, _ key: K, diagnostics: DiagnosticEngine,
                                  parse: (DiagnosticEngine) -> EvidenceDocument?) -> EvidenceDocument? {
        let entry = memo.value(for: key) {
            let own = DiagnosticEngine()
            let document = parse(own)
            return Entry(document: document, diagnostics: own.diagnostics)
        }
        diagnostics.report(contentsOf: entry.diagnostics)
        return entry.document
    }

    /// Ends a build: what it did not use is forgotten.
    package func finishBuild() {
        memo.finishBuild()
        logs.finishBuild()
    }
}
