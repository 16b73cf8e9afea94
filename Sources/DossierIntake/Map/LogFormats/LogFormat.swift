import DossierModel

/// How to read one kind of log export: how to recognise it, where each record's time, identity and
/// outcome are, and which records are which kind of event. Built-in formats (AWS CloudTrail, GCP,
/// Azure, Okta, Kubernetes, GitHub) and a user's own (`kind: log-format`) use the same description.
package struct LogFormat: Sendable, Hashable {
    /// A dotted path into a record (`userIdentity.arn`, `sourceIPs.0`).
    package struct FieldPath: Sendable, Hashable, CustomStringConvertible {
        package var segments: [String]

        package init(_ text: String) {
            segments = text.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        }

        package var description: String { segments.joined(separator: ".") }

        package func value(in record: JSONNode) -> JSONNode? {
            var current = record
            for segment in segments {
                switch current.value {
                case .object:
                    guard let next = current[segment] else { return nil }
                    current = next
                case .array(let elements):
                    guard let index = Int(segment), elements.indices.contains(index) else { return nil }
                    current = elements[index]
                default:
                    return nil
                }
            }
            return current.value == .null ? nil : current
        }

        /// The value as text: strings as they are, numbers as written, booleans as true/false.
        package func text(in record: JSONNode) -> String? {
            guard let node = value(in: record) else { return nil }
            switch node.value {
            case .string(let text): return text
            case .number(let text): return text
            case .bool(let flag): return flag ? "true" : "false"
            default: return nil
            }
        }
    }

    /// A test on one field of a record.
    package struct Condition: Sendable, Hashable {
        package enum Test: Sendable, Hashable {
            case present(Bool)
            case equals(String)
            case oneOf([String])
            case prefix(String)
            case contains(String)
            case atLeast(Double)
        }

        package var field: FieldPath
        package var test: Test

        package func holds(for record: JSONNode) -> Bool {
            switch test {
            case .present(let wanted):
                return (field.value(in: record) != nil) == wanted
            case .equals(let expected):
                return field.text(in: record) == expected
            case .oneOf(let choices):
                return field.text(in: record).map(choices.contains) ?? false
            case .prefix(let start):
                return field.text(in: record)?.hasPrefix(start) ?? false
            case .contains(let part):
                return field.text(in: record)?.contains(part) ?? false
            case .atLeast(let minimum):
                return field.text(in: record).flatMap(Double.init).map { $0 >= minimum } ?? false
            }
        }
    }

    /// A record is of `kind` when every condition of `when` holds; the first matching rule wins.
    package struct KindRule: Sendable, Hashable {
        package var kind: LogEventKind
        package var when: [Condition]
    }

    package var id: String
    package var name: String
    /// Conditions the first record must meet for an export to be recognised as this format; a format
    /// without any is used only for the files its `paths` name.
    package var recognise: [Condition]
    /// Evidence paths (`*` matches within a folder, `**` across folders) always read with this format.
    package var paths: [String]
    /// Keys of the array that wraps the records in a JSON document (CloudTrail's `Records`).
    package var recordsKeys: [String]
    package var timestamp: [FieldPath]
    package var timestampUnit: LogTimestamp.Unit?
    /// Paths tried in order for who acted.
    package var identity: [FieldPath]
    /// A record failed when any of these holds.
    package var failure: [Condition]
    package var kinds: [KindRule]
    /// Where each detail field is, tried in order.
    package var fields: [LogEventField: [FieldPath]]
    /// `catalogs/log-formats/…` for built-in formats, the evidence path for a user's.
    package var origin: String

    package func recognises(_ record: JSONNode) -> Bool {
        !recognise.isEmpty && recognise.allSatisfy { $0.holds(for: record) }
    }

    /// The keys under which LLM request logs carry the prompt text itself (not its hash, nor the
    /// template's name): `prompt_template`, `prompt_sha256` and the like are not among them.
    static let promptKeys: Set<String> = ["prompt", "prompt_text", "raw_prompt", "user_prompt", "system_prompt", "input_prompt", "messages"]

    /// Prompt text a record carries under one of `promptKeys`, at its top level or one object down
    /// (`request.prompt`): words (a single token, `summarise-v4`, names a template; `[REDACTED]` is
    /// none), or `messages` as a list of objects with a `content`.
    static func unmappedPrompt(in record: JSONNode) -> String? {
        func prompt(_ node: JSONNode, depth: Int) -> String? {
            for member in node.members ?? [] {
                let key = member.key.lowercased()
                if promptKeys.contains(key) {
                    if let text = member.value.string, isWords(text) { return text }
                    if key == "messages", let texts = member.value.elements?.compactMap({ $0["content"]?.string }), !texts.isEmpty {
                        return texts.joined(separator: "\n")
                    }
                }
                if depth > 0, member.value.members != nil, let found = prompt(member.value, depth: depth - 1) { return found }
            }
            return nil
        }
        return prompt(record, depth: 1)
    }

    /// Text of two words or more that is not a redaction marker (`[REDACTED]`, `<redacted>`, `***`).
    static func isWords(_ text: String) -> Bool {
        let trimmed = text.trimmingBlanks
        guard trimmed.contains(where: \.isWhitespace), let first = trimmed.first, let last = trimmed.last else { return false }
        return !("[<*(".contains(first) && "]>*)".contains(last))
    }

    /// One record as an event; never fails: what the record lacks stays nil.
    package func event(from record: JSONNode) -> LogEvent {
        let kind = kinds.first { rule in rule.when.allSatisfy { $0.holds(for: record) } }?.kind ?? .other
        var details: [LogEventField: String] = [:]
        for (field, paths) in fields {
            // A field holding nothing (`""`, `-`, `TBD`, `unknown`) is not carried.
            if let text = paths.lazy.compactMap({ $0.text(in: record) }).first, !Self.holdsNothing(text) { details[field] = text }
        }
        // What stands where the prompt's hash should be must be a hash: the prompt itself there is a raw prompt.
        if let hash = details[.promptHash], !Self.isHash(hash) {
            details[.promptHash] = nil
            if Self.isWords(hash), details[.rawPrompt] == nil { details[.rawPrompt] = hash }
        }
        // A format that maps no `prompt` still has its extracts' prompts caught under the names logs give them.
        if fields[.rawPrompt] == nil, details[.rawPrompt] == nil, let text = Self.unmappedPrompt(in: record) { details[.rawPrompt] = text }
        return LogEvent(
            kind: kind,
            timestamp: timestamp.lazy.compactMap { $0.value(in: record) }.first.flatMap { LogTimestamp.seconds($0, unit: timestampUnit) },
            identity: identity.lazy.compactMap { $0.text(in: record) }.first,
            failed: failure.contains { $0.holds(for: record) } || details[.result].map(Self.saysFailed) == true,
            fields: details, location: record.location)
    }

    /// A value that carries nothing: blank, filler, or a word for "not known".
    static func holdsNothing(_ text: String) -> Bool {
        let utf8 = text.utf8
        guard utf8.count <= 24 else { return false }
        // Most values are a word, a number or an identifier, which says nothing only as one of the words.
        func isAlphanumeric(_ byte: UInt8) -> Bool { (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A) || (byte >= 0x30 && byte <= 0x39) }
        if let first = utf8.first, let last = utf8.last, isAlphanumeric(first), isAlphanumeric(last) {
            return nothingWords.contains(text.lowercased())
        }
        let trimmed = text.trimmingBlanks
        // `*` is a value (every resource); `none` may be one too (an output class).
        return trimmed.isEmpty || (trimmed != "*" && FillerText.isFiller(trimmed)) || nothingWords.contains(trimmed.lowercased())
    }

    private static let nothingWords: Set<String> = ["unknown", "undefined", "n/a", "tbd", "tbc", "tba", "todo", "fixme", "xxx", "placeholder"]

    /// A digest as logs write one: 12 or more hex digits (some keep a hash's start only), or 22 or
    /// more base64 characters (a SHA-256 is 43), optionally behind its algorithm's name (`sha256:…`),
    /// with no blank in it.
    static func isHash(_ text: String) -> Bool {
        let digest = text.split(separator: ":", maxSplits: 1).last.map(String.init) ?? text
        if digest.count >= 12, digest.allSatisfy(\.isHexDigit) { return true }
        return digest.count >= 22 && digest.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "+/=_-".contains($0)) }
            && digest.contains(where: \.isNumber)
    }

    /// A result that says the attempt did not succeed, whatever the format's own failure test says.
    static func saysFailed(_ result: String) -> Bool {
        result.utf8.count <= 16 && failedWords.contains(result.trimmingBlanks.lowercased())
    }

    private static let failedWords: Set<String> = [
        "denied", "deny", "failed", "fail", "failure", "error", "rejected", "reject", "forbidden", "unauthorized", "unauthorised",
        "invalid", "blocked", "refused", "expired", "locked", "401", "403",
    ]
}
