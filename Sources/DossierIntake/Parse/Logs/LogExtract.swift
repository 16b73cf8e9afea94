import DossierModel

/// What Dossier learned from one log extract: the summaries an auditor reads first, computed while
/// streaming so no file is ever held whole, plus the first events for a table.
package struct LogExtract: Sendable, Hashable {
    package struct KindSummary: Sendable, Hashable {
        package var count = 0
        package var failures = 0
        /// The earliest and latest times among the kind's dated events: how much of a period it spans.
        package var first: Double?
        package var last: Double?
        /// How many of the kind's events carry each field (an expectation may ask that all do).
        package var fields: [LogEventField: Int] = [:]
        /// The UTC days (days since 1970) with at least one event: how much of a period the kind covers,
        /// gaps included (the span from first to last would count an empty year between two events).
        package var days: Set<Int> = []

        mutating func note(_ event: LogEvent) {
            count += 1
            if event.failed { failures += 1 }
            for field in event.fields.keys { fields[field, default: 0] += 1 }
            if let time = event.timestamp {
                first = min(first ?? time, time)
                last = max(last ?? time, time)
                days.insert(Int((time / 86_400).rounded(.down)))
            }
        }
    }

    /// How many distinct identities are remembered; past it the count says "at least".
    package static let identityLimit = 10_000
    /// How many events are kept for the pack's table.
    package static let sampleLimit = 200

    package var format: String
    package var formatName: String
    package var events = 0
    package var kinds: [LogEventKind: KindSummary] = [:]
    package var failures = 0
    package var first: Double?
    package var last: Double?
    /// Events without a readable time.
    package var undated = 0
    package var identities: Set<String> = []
    package var identitiesTruncated = false
    /// Each identity that signed in (a successful authentication event), with where it first did:
    /// a person among a pipeline's service accounts is a personal login in production. As many as
    /// `identities` holds.
    package var signIns: [String: SourceLocation] = [:]
    package var malformed = 0
    package var sample: [LogEvent] = []
    /// Per kind, how many events lack each of the kind's required fields.
    package var missingFields: [LogEventKind: [LogEventField: Int]] = [:]
    /// Events that carry the prompt text itself, and where the first one is.
    package var rawPrompts = 0
    package var firstRawPrompt: SourceLocation?
    /// Runs of `burstSize` failed authentications within `burstWindow` seconds (an alert the articles ask for).
    package var authFailureBursts = 0
    package var firstBurst: SourceLocation?
    package static let burstSize = 5
    package static let burstWindow = 600.0
    private var recentAuthFailures: [Double] = []

    package init(format: LogFormat) {
        self.format = format.id
        self.formatName = format.name
    }

    package mutating func add(_ event: LogEvent) {
        events += 1
        // Updated in place (the default subscript's modify accessor): a copy taken out and written
        // back would copy the field counts on every event.
        kinds[event.kind, default: KindSummary()].note(event)
        if event.failed { failures += 1 }
        if let time = event.timestamp {
            first = min(first ?? time, time)
            last = max(last ?? time, time)
        }
        if event.timestamp == nil {
            undated += 1
        }
        if let identity = event.identity, !identitiesTruncated || identities.contains(identity) {
            if identities.count < Self.identityLimit {
                identities.insert(identity)
            } else if !identities.contains(identity) {
                identitiesTruncated = true
            }
        }
        // A sign-in that names no identity (none of the fields the format reads it from) is nobody's
        // the record lists: kept under the empty name.
        if event.kind == .authentication, !event.failed, signIns[event.identity ?? ""] == nil, signIns.count < Self.identityLimit {
            signIns[event.identity ?? ""] = event.location
        }
        if sample.count < Self.sampleLimit { sample.append(event) }
        for field in event.kind.requiredFields where event.fields[field] == nil {
            missingFields[event.kind, default: [:]][field, default: 0] += 1
        }
        if event.fields[.rawPrompt] != nil {
            rawPrompts += 1
            if firstRawPrompt == nil { firstRawPrompt = event.location }
        }
        if event.kind == .authentication, event.failed, let time = event.timestamp { noteAuthFailure(at: time, event.location) }
    }

    /// Keeps the last few failure times; a full window inside `burstWindow` is one burst, then starts afresh.
    private mutating func noteAuthFailure(at time: Double, _ location: SourceLocation) {
        recentAuthFailures.append(time)
        if recentAuthFailures.count > Self.burstSize { recentAuthFailures.removeFirst() }
        guard recentAuthFailures.count == Self.burstSize,
              let earliest = recentAuthFailures.min(), let latest = recentAuthFailures.max(), latest - earliest <= Self.burstWindow else { return }
        authFailureBursts += 1
        if firstBurst == nil { firstBurst = location }
        recentAuthFailures.removeAll()
    }

    /// Events of a kind Dossier understands (not `other`).
    package var mappedEvents: Int { events - (kinds[.other]?.count ?? 0) }
}
