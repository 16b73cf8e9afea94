import DossierModel

/// The kinds of event the source articles ask logs to show, plus `other` for everything else a log holds.
package enum LogEventKind: String, Sendable, Hashable, CaseIterable, Comparable {
    case externalAPICall = "external-api-call"
    case dataWrite = "data-write"
    case llmInference = "llm-inference"
    case authentication
    case personalDataAccess = "personal-data-access"
    case other

    package var label: String {
        switch self {
        case .externalAPICall: "External API call"
        case .dataWrite: "Data write"
        case .llmInference: "LLM inference"
        case .authentication: "Authentication"
        case .personalDataAccess: "Access to personal data"
        case .other: "Other"
        }
    }

    package static func < (lhs: LogEventKind, rhs: LogEventKind) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// The detail fields an event of each kind may carry (what the articles say each log line should show).
package enum LogEventField: String, Sendable, Hashable, CaseIterable {
    case endpoint, method, status
    case latencyMs = "latency_ms"
    case record, workflow, trigger
    case modelVersion = "model_version"
    case promptHash = "prompt_hash"
    case outputClass = "output_class"
    case result
    case sourceIP = "source_ip"
    case dataSubject = "data_subject"
    /// The prompt text itself: logs should carry its hash instead, so its presence is a finding.
    case rawPrompt = "prompt"
}

extension LogEventKind {
    /// What an event of this kind must show to be useful evidence (from the articles' logging layer).
    package var requiredFields: [LogEventField] {
        switch self {
        case .externalAPICall: [.endpoint, .method]
        case .dataWrite: [.record]
        case .llmInference: [.modelVersion, .promptHash, .outputClass]
        case .authentication: [.sourceIP]
        case .personalDataAccess: [.record]
        case .other: []
        }
    }
}

/// One log record, normalised through a log format.
package struct LogEvent: Sendable, Hashable {
    package var kind: LogEventKind
    /// Seconds since 1970 (UTC); nil when the record has no readable time.
    package var timestamp: Double?
    /// Who acted: a user, a service account or a role, as the log names it.
    package var identity: String?
    package var failed: Bool
    package var fields: [LogEventField: String]
    /// Where the record starts in its file.
    package var location: SourceLocation
}
