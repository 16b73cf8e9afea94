import Foundation

/// A log extract on its evidence page: what it holds by kind of event, over which period, by whom,
/// and its first events as a table.
struct LogView: Sendable, Encodable {
    struct KindRow: Sendable, Encodable {
        var kind: String
        var count: Int
        var failures: Int
    }

    struct EventRow: Sendable, Encodable {
        var line: Int
        var time: String
        var kind: String
        var identity: String
        var outcome: String
        var failed: Bool
        var details: String
    }

    var formatName: String
    var format: String
    var events: Int
    var failures: Int
    var period: String
    var undated: Int
    var identities: String
    var malformed: Int
    var kinds: [KindRow]
    var sample: [EventRow]
    var sampleNote: String

    init(_ extract: LogExtract) {
        formatName = extract.formatName
        format = extract.format
        events = extract.events
        failures = extract.failures
        period = switch (extract.first, extract.last) {
        case let (first?, last?): "\(Self.time(first)) to \(Self.time(last))"
        default: "no dated events"
        }
        undated = extract.undated
        identities = extract.identitiesTruncated ? "more than \(extract.identities.count)" : String(extract.identities.count)
        malformed = extract.malformed
        kinds = extract.kinds.keys.sorted().map { kind in
            KindRow(kind: kind.label, count: extract.kinds[kind]!.count, failures: extract.kinds[kind]!.failures)
        }
        sample = extract.sample.map { event in
            EventRow(
                line: event.location.line, time: event.timestamp.map(Self.time) ?? "—", kind: event.kind.label,
                identity: event.identity ?? "—", outcome: event.failed ? "failed" : "ok", failed: event.failed,
                details: LogEventField.allCases.compactMap { field in event.fields[field].map { "\(field.rawValue)=\($0)" } }.joined(separator: " "))
        }
        sampleNote = extract.events > extract.sample.count
            ? "The first \(extract.sample.count) of \(extract.events) events." : "All \(extract.events) events."
    }

    /// UTC, to the second: the same text whatever machine builds the pack.
    static func time(_ seconds: Double) -> String {
        LogTimestamp.text(seconds)
    }
}
