import DossierIntake
import DossierModel
import Foundation

/// Scans every evidence file for credentials before anything is published: its bytes whatever its
/// name (an image too), its text when it is UTF-16 or UTF-32, its name, and every string its parsed
/// reading will show once decoded (entities, escapes and markup can hide a key from the raw bytes).
/// A file with a secret is withheld from the pack, and the diagnostic names the file, line and kind
/// of secret but never the secret itself.
package struct SecretScanner: Sendable {
    /// Values published as examples in vendor documentation; never real credentials.
    package static let knownTestValues: Set<String> = ["AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"]
    /// Long lines are scanned in windows of this size, overlapping by `windowOverlap` bytes: longer
    /// than any credential shape, so none is cut in two.
    package static let window = 1 << 16
    package static let windowOverlap = 1 << 12

    package struct Outcome: Sendable {
        /// Evidence paths withheld from the pack.
        package var withheld: Set<String> = []
        /// The secret values found, so no message, page or report can repeat one.
        package var values: Set<String> = []
        /// For each withheld path, the ID of the first finding that withheld it.
        package var reasons: [String: String] = [:]
        /// The look-alikes `dossier.yml` acknowledges, published as they are: the last check on the
        /// pack's files lets them through.
        package var acknowledged: Set<String> = []

        package func merging(_ other: Outcome) -> Outcome {
            Outcome(withheld: withheld.union(other.withheld), values: values.union(other.values), reasons: reasons.merging(other.reasons) { own, _ in own },
                    acknowledged: acknowledged.union(other.acknowledged))
        }
    }

    package var policy: PackConfiguration.SecretPolicy

    package var progress: BuildProgress?
    /// Each document's findings from an earlier build of this process (`dossier serve`).
    package var memory: Memory?
    /// Each document's findings as the last `dossier build` kept them on disk, under the same key as `memory`.
    package var parts: DiskParts?

    /// A document's findings depend on its name and bytes, on the strings its parse publishes and on
    /// the policy's allowed values. The limits decide those strings (past one, a file is published as
    /// its text), and for a log extract so do the log formats found elsewhere in the folder: a log's
    /// strings are in the key as a digest (`publishedDigest`).
    package struct MemoryKey: Hashable, Sendable {
        var file: EvidenceFile
        var sha256: String
        var limits: InputLimits
        var policy: PackConfiguration.SecretPolicy
        var published: String
    }

    package typealias Memory = BuildMemo<MemoryKey, [Finding]>

    package init(policy: PackConfiguration.SecretPolicy = .init()) {
        self.policy = policy
    }

    /// Where a finding was made: in the file's bytes, in a decoded value, or in the file's name.
    package enum Place: Equatable {
        case bytes
        case decoded
        case name
    }

    package struct Finding {
        package var detector: SecretDetector
        package var value: String
        package var location: SourceLocation?
        package var place: Place = .bytes
    }

    /// Scans the parsed documents: their files' bytes and names, and the decoded strings they publish.
    /// `snapshot` gives each document's bytes, as the file layer read them.
    package func scan(_ documents: [EvidenceDocument], in snapshot: EvidenceSnapshot, diagnostics: DiagnosticEngine) -> Outcome {
        let results = ParallelMap.map(documents, progress: progress) { document in
            let bytes = snapshot.file(document.path)?.bytes ?? .whole(Data())
            // Only a log extract publishes strings that its bytes and the limits do not decide (the log
            // formats found elsewhere choose them): only its key needs them, and making them costs.
            let strings: [(text: String, location: SourceLocation?)]?
            if case .log = document.content { strings = document.publishedStrings } else { strings = nil }
            let key = MemoryKey(
                file: document.file, sha256: document.sha256, limits: snapshot.limits, policy: policy,
                published: strings.map(Self.publishedDigest) ?? "")
            let make = { findings(in: document, bytes: bytes, strings: strings ?? document.publishedStrings) }
            // A file too large to hold was read twice (hashed, then scanned): what the scan saw need not be what was hashed.
            guard case .whole = bytes else { return make() }
            guard let memory else { return kept(under: key, make: make) }
            return memory.value(for: key, make: make)
        }
        return report(zip(documents.map(\.file), results), diagnostics: diagnostics)
    }

    /// Scans the names of files that were not read (too large, unreadable): their paths still appear in messages.
    package func scanNames(_ files: [EvidenceFile], diagnostics: DiagnosticEngine) -> Outcome {
        report(zip(files, files.map { scanName($0.path) }), diagnostics: diagnostics)
    }

    /// Scans files that have not been parsed: their bytes and names only.
    package func scan(_ files: [InputFile], diagnostics: DiagnosticEngine) -> Outcome {
        let results = ParallelMap.map(files, progress: progress) { file in scanName(file.path) + scan(file.bytes) }
        return report(zip(files.map(\.file), results), diagnostics: diagnostics)
    }

    package func findings(in document: EvidenceDocument, bytes: FileBytes) -> [Finding] {
        findings(in: document, bytes: bytes, strings: document.publishedStrings)
    }

    /// `strings`: the document's `publishedStrings`, made once by the caller that keys on them.
    func findings(in document: EvidenceDocument, bytes: FileBytes, strings: [(text: String, location: SourceLocation?)]) -> [Finding] {
        let raw = scanName(document.path) + scan(bytes)
        // A value already found in the bytes is reported there; decoding only adds what the bytes hide.
        let seen = Set(raw.map(\.value))
        var decoded: [Finding] = []
        // Keys with their values, and what runs of base64 or hex decode to, when that is text.
        var strings = strings + Self.assignments(in: document)
        // Each string's other readings too (`readings`), and what runs in any of them decode to: a
        // JSON escape or a `%2B` hides base64 from a byte search as well as from a reader.
        strings += strings.flatMap { string in Self.readings(of: string.text).map { ($0, string.location) } }
        strings += strings.flatMap { string in Self.decodedRuns(in: string.text).map { ($0, string.location) } }
        if case .whole(let data) = bytes {
            let runs = EncodedRuns.decoded(in: data).map { ($0.text, SourceLocation(line: $0.line, column: 1)) }
            strings += runs + runs.flatMap { run in Self.readings(of: run.0).map { ($0, run.1) } }
            strings += TableAssignments.lines(in: data, path: document.path)
        }
        // A text file's text as a reader sees it, and with its escapes undone when it is shown as
        // written: a JSON or YAML file that could not be parsed is shown as text, `\u0041KIA…` and
        // all (a parsed one's strings are in its tree, decoded).
        if case .text(let text) = document.content {
            strings += (document.tree == nil ? Self.readings(of: text) : [Self.visible(text)].compactMap { $0 }).map { ($0, nil) }
        }
        // Most files publish nothing with a credential's prefix: one pass over all their strings says so.
        let all = strings.map(\.text).joined(separator: "\n")
        guard Array(all.utf8).withUnsafeBytes({ SecretPrefixIndex.shared.detectors(in: $0) }) != 0 else { return raw }
        // Each reading is in `strings` already: a prefix is looked for in each as it is.
        // A reading's lines are not the file's (a decoded run may hold more), and cmark-gfm places some
        // nodes it makes itself on line 0: a place is always one of the file's lines.
        let lastLine = if case .whole(let data) = bytes { data.count { $0 == 0x0A } + 1 } else { Int.max }
        for string in strings where Self.holdsPrefix(string.text) {
            for (offset, line) in string.text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let location = string.location.map { SourceLocation(line: max(1, min($0.line + offset, lastLine)), column: offset == 0 ? max(1, $0.column) : 1) }
                for var finding in scan(line: String(line), number: location?.line ?? 1) where !seen.contains(finding.value) {
                    finding.location = location
                    finding.place = .decoded
                    decoded.append(finding)
                }
            }
        }
        return raw + decoded
    }

    /// Each key of a record or front matter with each string value under it, as a `key: value` line:
    /// the tree joins what the bytes keep apart (a block scalar, an escaped line break, a tag, a
    /// complex key, an escape in the key, a list of values), and a secret's name and value must be
    /// seen together to be known as one.
    static func assignments(in document: EvidenceDocument) -> [(text: String, location: SourceLocation?)] {
        var lines: [(text: String, location: SourceLocation?)] = []
        func walk(_ node: JSONNode) {
            switch node.value {
            case .object(let members):
                for member in members {
                    // A list under a singular name (`password: [x]`) is its values; under a plural one
                    // (`revoked_tokens: [name]`) it lists things, not the secret the name is.
                    let listed = member.key.lowercased().hasSuffix("s") ? [] : member.value.elements ?? []
                    let values = member.value.string.map { [($0, member.value.location)] }
                        ?? listed.compactMap { element in element.string.map { ($0, element.location) } }
                    lines += values.map { (value, location) in ("\(member.key): \(value)", location) }
                    // Terraform's `"db_password": {"sensitive": true, "value": "…"}`.
                    if let value = member.value["value"], let text = value.string { lines.append(("\(member.key): \(text)", value.location)) }
                    walk(member.value)
                }
                // A name and its value as sibling fields: Kubernetes' `env: [{name: DB_PASSWORD, value: …}]`,
                // SSM's `{"Name": "/prod/db_password", "Value": …}`, CloudFormation's `ParameterKey`/`ParameterValue`.
                let named = members.first { ["name", "key", "parameterkey", "variable"].contains($0.key.lowercased()) }?.value.string
                if let named, let value = members.first(where: { ["value", "parametervalue"].contains($0.key.lowercased()) })?.value, let text = value.string {
                    lines.append(("\(named): \(text)", value.location))
                }
            case .array(let elements):
                elements.forEach(walk)
            case .string, .number, .bool, .null:
                break
            }
        }
        [document.tree, document.frontMatter].compactMap { $0 }.forEach(walk)
        return lines
    }

    private func report<S: Sequence>(_ scanned: S, diagnostics: DiagnosticEngine) -> Outcome where S.Element == (EvidenceFile, [Finding]) {
        var outcome = Outcome()
        for (file, findings) in scanned {
            var reported: Set<String> = []
            for finding in findings where reported.insert("\(finding.detector.id) \(finding.value) \(finding.location?.line ?? 0)").inserted {
                if finding.place != .name, let reason = policy.acknowledged(file: file.path, detector: finding.detector.id) {
                    diagnostics.report(Diagnostic(
                        .note, DiagnosticID.secretAcknowledged,
                        "A \(finding.detector.name) look-alike is published as acknowledged in dossier.yml: \(reason)",
                        file: file.path, at: finding.location))
                    outcome.acknowledged.insert(finding.value)
                    continue
                }
                // Only what is withheld is kept out of every output; an acknowledged look-alike is published.
                outcome.values.insert(finding.value)
                outcome.withheld.insert(file.path)
                if outcome.reasons[file.path] == nil { outcome.reasons[file.path] = DiagnosticID.secret(finding.detector.id).rawValue }
                let found = switch finding.place {
                case .bytes: "\(finding.detector.name.capitalisedFirst) found"
                case .decoded: "\(finding.detector.name.capitalisedFirst) found once the text is decoded (an escape, an entity, markup or a character no one sees hides it from a plain search)"
                case .name: "The file's name holds a \(finding.detector.name)"
                }
                let fix = finding.place == .name ? "rename the file (and rotate the secret)" : "remove it (and rotate it), or acknowledge a false positive under secrets in dossier.yml"
                diagnostics.report(Diagnostic(
                    .error, .secret(finding.detector.id), "\(found), so this file is not published; \(fix)",
                    file: file.path, at: finding.location))
            }
        }
        return outcome
    }

    /// A secret in a path is published wherever the path is: pages, the manifest, the checksums.
    /// A name is scanned as written and as it reads (`readings`): a zero-width space or full-width
    /// letters in a file's name hide a key from the bytes, not from whoever reads the listing.
    package func scanName(_ path: String) -> [Finding] {
        var values: Set<String> = []
        let readings = [path] + Self.readings(of: path)
        // A folder named `QUtJQ…=` or a file named in hex publishes the key to whoever decodes it: each
        // name of the path is decoded on its own (`/` is a base64 letter, but no name holds one).
        let decoded = readings.flatMap { $0.split(separator: "/").flatMap { Self.decodedRuns(in: String($0)) } }
        return (readings + decoded).flatMap { scan(line: $0, number: 1) }.filter { values.insert($0.value).inserted }.map { finding in
            var named = finding
            named.location = nil
            named.place = .name
            return named
        }
    }

    /// Reads the file in 1 MiB chunks and checks each line, long lines in overlapping windows: prefixes
    /// first, patterns only on candidates. A file opening with a UTF-16 or UTF-32 byte-order mark is
    /// checked as the text it decodes to.
    package func scan(_ bytes: FileBytes) -> [Finding] {
        if let text = TextDecoding.wideText(of: bytes) {
            return text.split(separator: "\n", omittingEmptySubsequences: false).enumerated().flatMap { index, line in
                scan(line: String(line), number: index + 1)
            }
        }
        var findings: [Finding] = []
        var lowered: [UInt8] = []
        ChunkedLineReader(maxLineBytes: Self.window, overlap: Self.windowOverlap).read(bytes) { line in
            let (bytes, number, offset): (ArraySlice<UInt8>, Int, Int)
            switch line {
            case .text(let text, let at): (bytes, number, offset) = (text, at, 0)
            case .piece(let piece, let at, let from): (bytes, number, offset) = (piece, at, from)
            case .tooLong: return true
            }
            // Most lines hold no prefix at all: they are dismissed on bytes, before any String is made.
            let candidates = bytes.withUnsafeBytes { Self.candidates($0, lowered: &lowered) }
            if !candidates.isEmpty {
                findings += scan(line: String(decoding: bytes, as: UTF8.self), number: number, detectors: candidates).map { finding in
                    var placed = finding
                    placed.location?.column += offset
                    return placed
                }
            }
            return true
        }
        return findings
    }

    /// The detectors whose prefixes occur in a line of bytes (one pass over it, see `SecretPrefixIndex`),
    /// less those whose cheap extra tests (an assignment sign, a long enough run) the line fails.
    /// `lowered` is scratch space reused across lines, kept for the detectors' own tests.
    package static func candidates(_ bytes: UnsafeRawBufferPointer, lowered: inout [UInt8]) -> [SecretDetector] {
        let mask = SecretPrefixIndex.shared.detectors(in: bytes)
        guard mask != 0 else { return [] }
        lowered.removeAll(keepingCapacity: true)
        lowered.append(contentsOf: bytes.lazy.map(SecretPrefixIndex.lower))
        return lowered.withUnsafeBytes { low in
            SecretDetector.all.enumerated().compactMap { index, detector in
                guard mask & (1 << UInt64(index)) != 0 else { return nil }
                return detector.passesExtraTests(bytes: bytes, lowered: low) ? detector : nil
            }
        }
    }

    /// Whether a text holds any detector's prefix: the cheap test a parser runs before keeping a
    /// decoded string for the scan.
    package static func mayHoldSecret(_ text: String) -> Bool {
        forms(of: text).contains(where: holdsPrefix)
    }

    /// Whether the text as it is holds a detector's prefix (and passes its cheap tests).
    static func holdsPrefix(_ text: String) -> Bool {
        var lowered: [UInt8] = []
        return !Array(text.utf8).withUnsafeBytes { candidates($0, lowered: &lowered) }.isEmpty
    }

    /// One line of text; the fuzz targets call this directly.
    package func scan(line text: String, number: Int) -> [Finding] {
        var lowered: [UInt8] = []
        let detectors = Array(text.utf8).withUnsafeBytes { Self.candidates($0, lowered: &lowered) }
        return scan(line: text, number: number, detectors: detectors)
    }

    package func scan(line text: String, number: Int, detectors: [SecretDetector]) -> [Finding] {
        var findings: [Finding] = []
        for detector in detectors {
            for match in detector.pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                guard let valueRange = Range(match.range(at: detector.valueGroup(in: match)), in: text) else { continue }
                let value = String(text[valueRange])
                let whole = Range(match.range, in: text).map { String(text[$0]) } ?? value
                guard detector.accept(value, whole), !Self.knownTestValues.contains(value), !policy.allows(value) else { continue }
                let column = text.distance(from: text.startIndex, to: valueRange.lowerBound) + 1
                findings.append(Finding(detector: detector, value: value, location: SourceLocation(line: number, column: column)))
            }
        }
        // `OPENAI_API_KEY=sk-proj-…` is one OpenAI key, not also a generic assignment: a provider's own
        // detector names it better. Of two detectors judging by a name that find one value, the first says it.
        func overlaps(_ one: Finding, _ other: Finding) -> Bool { one.value.contains(other.value) || other.value.contains(one.value) }
        let specific = findings.filter { !$0.detector.judgesByName }
        var byName: [Finding] = []
        return findings.filter { finding in
            guard finding.detector.judgesByName else { return true }
            guard !(specific + byName).contains(where: { overlaps($0, finding) }) else { return false }
            byName.append(finding)
            return true
        }
    }
}
