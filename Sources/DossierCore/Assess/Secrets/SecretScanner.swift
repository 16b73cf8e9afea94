import Foundation

/// Scans every evidence file, line by line and in bounded memory, for credentials before anything
/// is published. A file with a secret is withheld from the pack (its page is not written), and the
/// diagnostic names the file, line and kind of secret but never the secret itself.
public struct SecretScanner: Sendable {
    /// Values published as examples in vendor documentation; never real credentials.
    static let knownTestValues: Set<String> = ["AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"]

    public struct Outcome: Sendable {
        /// Evidence paths withheld from the pack.
        public var withheld: Set<String> = []
        /// The secret values found, so no other diagnostic can repeat one.
        var values: Set<String> = []
    }

    var policy: PackConfiguration.SecretPolicy
    /// Lines longer than this are refused by the readers and never published, so they are not scanned.
    var maxLineBytes: Int

    var progress: BuildProgress?

    public init(policy: PackConfiguration.SecretPolicy = .init(), maxLineBytes: Int = InputLimits().maxLineBytes) {
        self.policy = policy
        self.maxLineBytes = maxLineBytes
    }

    public func scan(_ files: [EvidenceFile], diagnostics: DiagnosticCollector) -> Outcome {
        let results = ParallelMap.map(files.filter { PackPaths.image(forEvidence: $0) == nil }, progress: progress) { file in scan(file) }
        var outcome = Outcome()
        for (file, findings) in zip(files.filter { PackPaths.image(forEvidence: $0) == nil }, results) {
            for finding in findings {
                outcome.values.insert(finding.value)
                if let reason = policy.acknowledged(file: file.path, detector: finding.detector.id) {
                    diagnostics.report(Diagnostic(
                        .note, "dossier.secret.acknowledged",
                        "A \(finding.detector.name) look-alike is published as acknowledged in dossier.yml: \(reason)",
                        file: file.path, at: finding.location))
                    continue
                }
                outcome.withheld.insert(file.path)
                diagnostics.report(Diagnostic(
                    .error, "dossier.secret." + finding.detector.id,
                    "\(finding.detector.name.capitalisedFirst) found, so this file is not published; remove it (and rotate it), or acknowledge a false positive under secrets in dossier.yml",
                    file: file.path, at: finding.location))
            }
        }
        return outcome
    }

    struct Finding {
        var detector: SecretDetector
        var value: String
        var location: SourceLocation
    }

    /// Reads the file in 1 MiB chunks and checks each line: prefixes first, patterns only on candidates.
    func scan(_ file: EvidenceFile) -> [Finding] {
        var findings: [Finding] = []
        var lowered: [UInt8] = []
        // Lines past the limit are refused by the readers and never published, so they are skipped here.
        try? ChunkedLineReader(maxLineBytes: maxLineBytes).read(file.url) { line in
            guard case .text(let bytes, let number) = line else { return true }
            // Most lines hold no prefix at all: they are dismissed on bytes, before any String is made.
            let candidates = bytes.withUnsafeBytes { Self.candidates($0, lowered: &lowered) }
            if !candidates.isEmpty { findings += scan(line: String(decoding: bytes, as: UTF8.self), number: number, detectors: candidates) }
            return true
        }
        return findings
    }

    /// The detectors whose prefixes occur in a line of bytes; `lowered` is scratch space reused across lines.
    static func candidates(_ bytes: UnsafeRawBufferPointer, lowered: inout [UInt8]) -> [SecretDetector] {
        lowered.removeAll(keepingCapacity: true)
        lowered.append(contentsOf: bytes.lazy.map { $0 &- 65 < 26 ? $0 | 0x20 : $0 })
        // The patterns' (?i) also folds the Kelvin sign to k, the long s to s and dotted İ to i, which
        // ASCII lowering does not: a line holding one is a candidate for every case-insensitive detector.
        let folds = ([[0xE2, 0x84, 0xAA], [0xC5, 0xBF], [0xC4, 0xB0]] as [[UInt8]]).contains { sequence in
            sequence.withUnsafeBytes { ByteSearch.contains(bytes, $0) }
        }
        return lowered.withUnsafeBytes { low in
            SecretDetector.all.filter { (folds && $0.caseInsensitivePrefixes) || $0.mayMatch(bytes: bytes, lowered: low) }
        }
    }

    /// One line of text; the fuzz targets call this directly.
    func scan(line text: String, number: Int) -> [Finding] {
        var lowered: [UInt8] = []
        let detectors = Array(text.utf8).withUnsafeBytes { Self.candidates($0, lowered: &lowered) }
        return scan(line: text, number: number, detectors: detectors)
    }

    private func scan(line text: String, number: Int, detectors: [SecretDetector]) -> [Finding] {
        var findings: [Finding] = []
        for detector in detectors {
            for match in detector.pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                guard let valueRange = Range(match.range(at: detector.group), in: text) else { continue }
                let value = String(text[valueRange])
                guard detector.accept(value), !Self.knownTestValues.contains(value), !policy.allows(value) else { continue }
                let column = text.distance(from: text.startIndex, to: valueRange.lowerBound) + 1
                findings.append(Finding(detector: detector, value: value, location: SourceLocation(line: number, column: column)))
            }
        }
        return findings
    }
}

extension PackConfiguration {
    /// `secrets:` in dossier.yml: values that are not secrets, and findings a person has looked at.
    public struct SecretPolicy: Sendable, Hashable {
        public struct Acknowledgement: Sendable, Hashable {
            public var file: String
            public var detector: String
            public var reason: String
        }

        /// Exact values, or `sha256:<hex>` of a value, that are known not to be secrets (test fixtures).
        public var allow: [String] = []
        public var acknowledge: [Acknowledgement] = []

        public init() {}

        func allows(_ value: String) -> Bool {
            allow.contains(value) || allow.contains("sha256:" + ContentHash.sha256(value))
        }

        func acknowledged(file: String, detector: String) -> String? {
            acknowledge.first { $0.file == file && ($0.detector == detector || $0.detector == "dossier.secret." + detector) }?.reason
        }
    }
}
