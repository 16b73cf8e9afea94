import DossierModel

/// What Dossier learned from one log extract: the summaries an auditor reads first, computed while
/// streaming so no file is ever held whole, plus the first events for a table.
public struct LogExtract: Sendable, Hashable {
    public struct KindSummary: Sendable, Hashable {
        public var count = 0
        public var failures = 0
        /// The earliest and latest times among the kind's dated events: how much of a period it spans.
        public var first: Double?
        public var last: Double?
        /// How many of the kind's events carry each field (an expectation may ask that all do).
        public var fields: [LogEventField: Int] = [:]
        /// The UTC days (days since 1970) with at least one event: how much of a period the kind covers,
        /// gaps included (the span from first to last would count an empty year between two events).
        public var days: Set<Int> = []

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
    public static let identityLimit = 10_000
    /// How many events are kept for the pack's table.
    public static let sampleLimit = 200

    public var format: String
    public var formatName: String
    public var events = 0
    public var kinds: [LogEventKind: KindSummary] = [:]
    public var failures = 0
    public var first: Double?
    public var last: Double?
    /// Events without a readable time.
    public var undated = 0
    public var identities: Set<String> = []
    public var identitiesTruncated = false
    public var malformed = 0
    public var sample: [LogEvent] = []
    /// Per kind, how many events lack each of the kind's required fields.
    public var missingFields: [LogEventKind: [LogEventField: Int]] = [:]
    /// Events that carry the prompt text itself, and where the first one is.
    public var rawPrompts = 0
    public var firstRawPrompt: SourceLocation?
    /// Runs of `burstSize` failed authentications within `burstWindow` seconds (an alert the articles ask for).
    public var authFailureBursts = 0
    public var firstBurst: SourceLocation?
    public static let burstSize = 5
    public static let burstWindow = 600.0
    private var recentAuthFailures: [Double] = []

    public init(format: LogFormat) {
        self.format = format.id
        self.formatName = format.name
    }

    public mutating func add(_ event: LogEvent) {
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
    public var mappedEvents: Int { events - (kinds[.other]?.count ?? 0) }
}
