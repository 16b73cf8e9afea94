import DossierIntake
import DossierModel
import Foundation

/// A log extract on its evidence page: what it holds by kind of event, over which period, by whom,
/// and its first events as a table.
package struct LogView: Sendable, Encodable, Hashable {
    package struct KindRow: Sendable, Encodable, Hashable {
        var kind: String
        var count: Int
        var failures: Int
    }

    package struct EventRow: Sendable, Encodable, Hashable {
        var line: Int
        var time: String
        var kind: String
        var identity: String
        var outcome: String
        var failed: Bool
        var details: String
    }

    package var formatName: String
    package var format: String
    package var events: Int
    package var failures: Int
    package var period: String
    package var undated: Int
    package var identities: String
    package var malformed: Int
    package var kinds: [KindRow]
    package var sample: [EventRow]
    package var sampleNote: String

    package init(_ extract: LogExtract) {
        formatName = extract.formatName
        format = extract.format
        events = extract.events
        failures = extract.failures
        period = switch (extract.first, extract.last) {
        case let (first?, last?): "\(LogTimestamp.text(first)) to \(LogTimestamp.text(last))"
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
                line: event.location.line, time: event.timestamp.map(LogTimestamp.text) ?? "—", kind: event.kind.label,
                identity: event.identity ?? "—", outcome: event.failed ? "failed" : "ok", failed: event.failed,
                details: LogEventField.allCases.compactMap { field in event.fields[field].map { Self.detail(field, $0) } }.joined(separator: " "))
        }
        sampleNote = extract.events > extract.sample.count
            ? "The first \(extract.sample.count) of \(extract.events) events." : "All \(extract.events) events."
    }

    /// `field=value` for the sample table; the prompt text itself is never shown (it is what the
    /// extract should not hold, and may hold personal data), only how long it is.
    static func detail(_ field: LogEventField, _ value: String) -> String {
        field == .rawPrompt ? "\(field.rawValue)=(prompt text, \(value.count) characters, not shown)" : "\(field.rawValue)=\(value)"
    }
}
