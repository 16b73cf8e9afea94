import DossierIntake
import DossierModel
import Foundation

/// Keeps found secret values out of everything Dossier writes: messages say `[secret withheld]`, and
/// a path whose name holds a secret is published under a name derived from the secret's hash, so two
/// such files stay apart and nothing of the secret is left.
package enum SecretScrub {
    package static let marker = "[secret withheld]"

    /// Longest first, so a secret holding another is replaced whole; a fixed order keeps builds identical.
    package static func ordered(_ secrets: Set<String>) -> [String] {
        secrets.sorted { ($0.count, $0) > ($1.count, $1) }
    }

    package static func message(_ text: String, secrets: Set<String>) -> String {
        message(text, index: Index(secrets))
    }

    /// The secrets found, looked up by their first four bytes: a message is searched only for those
    /// whose start it holds. Searching every message for every secret took 33 s for 2 000 files with a
    /// key each; made once per build.
    package struct Index: Sendable {
        package let secrets: Set<String>
        private let byStart: [UInt32: [String]]
        /// Secrets under four bytes, looked for in every text.
        private let short: [String]

        package init(_ secrets: Set<String>) {
            self.secrets = secrets
            var byStart: [UInt32: [String]] = [:]
            var short: [String] = []
            for secret in secrets {
                let bytes = Array(secret.utf8)
                if bytes.count < 4 { short.append(secret) } else { byStart[Self.key(bytes[0], bytes[1], bytes[2], bytes[3]), default: []].append(secret) }
            }
            (self.byStart, self.short) = (byStart, short)
        }

        private static func key(_ a: UInt8, _ b: UInt8, _ c: UInt8, _ d: UInt8) -> UInt32 {
            UInt32(a) | UInt32(b) << 8 | UInt32(c) << 16 | UInt32(d) << 24
        }

        /// The secrets `text` may hold, longest first (so that one holding another is replaced whole).
        func candidates(in text: String) -> [String] {
            guard !secrets.isEmpty else { return [] }
            var found = Set(short)
            let bytes = Array(text.utf8)
            if bytes.count >= 4 {
                for start in 0...(bytes.count - 4) {
                    if let list = byStart[Self.key(bytes[start], bytes[start + 1], bytes[start + 2], bytes[start + 3])] { found.formUnion(list) }
                }
            }
            return SecretScrub.ordered(found)
        }

        /// Whether `text` holds one of the secrets.
        func holdsOne(_ text: String) -> Bool {
            candidates(in: text).contains(where: text.contains)
        }
    }

    package static func message(_ text: String, index: Index) -> String {
        guard !index.secrets.isEmpty else { return text }
        // A message quoting a URL or a path shows it percent-encoded (`AKIA%52…`): read decoded, if
        // a secret is there, so that the secret is withheld in either form.
        let read = EncodedRuns.percentDecoded(text).flatMap { decoded in index.holdsOne(decoded) ? decoded : nil } ?? text
        let replaced = index.candidates(in: read).reduce(read) { text, secret in text.contains(secret) ? text.replacingOccurrences(of: secret, with: marker) : text }
        return withholdingHiddenForms(replaced, index: index)
    }

    /// A message may quote a secret in a form that holds it without its bytes: split by a zero-width
    /// space, in full-width letters, in base64 (one word, or a run a space cuts in two), behind
    /// escapes (a rule quoting a value as written). The words that show it, to a reader or a decoder,
    /// are withheld whole.
    private static func withholdingHiddenForms(_ text: String, index: Index) -> String {
        // Most messages are plain ASCII with no run long enough to decode: nothing can hide there.
        guard mayHide(Substring(text)) else { return text }
        // Words are cut at white space, quotes and brackets only: a key may hold `/`, `+`, `.` or `-`.
        let words = text.split { $0.isWhitespace || "'\"`()[]{}<>,;".contains($0) }
        // The text as written holds none of them any more (they were replaced): only its other readings can.
        var hidden = words.map { mayHide($0) && shows(String($0), index: index, asWritten: false) }
        if !hidden.contains(true), shows(text, index: index, asWritten: false) {
            // Across words: the fewest neighbours whose text shows it, from the first.
            search: for size in 2...max(2, min(8, words.count)) where size <= words.count {
                for first in 0...(words.count - size)
                where shows(String(text[words[first].startIndex..<words[first + size - 1].endIndex]), index: index, asWritten: false) {
                    for position in first..<(first + size) { hidden[position] = true }
                    break search
                }
            }
        }
        guard hidden.contains(true) else { return text }
        var out = ""
        var start = text.startIndex
        for (word, hides) in zip(words, hidden) {
            out += text[start..<word.startIndex]
            out += hides ? marker : String(word)
            start = word.endIndex
        }
        return out + text[start...]
    }

    /// Whether a text could hold a secret in a form other than its bytes: it reads differently
    /// (non-ASCII, a control character, `%`, `\`, `&`), or it is long enough to hold an encoded run.
    private static func mayHide(_ text: Substring) -> Bool {
        text.utf8.count >= EncodedRuns.shortest || text.utf8.contains { $0 >= 0x80 || $0 < 0x20 || $0 == UInt8(ascii: "%") || $0 == UInt8(ascii: "\\") || $0 == UInt8(ascii: "&") }
    }

    /// Whether a text, as written, as it reads or as its runs decode, holds one of the secrets.
    static func shows(_ text: String, secrets: Set<String>) -> Bool {
        shows(text, index: Index(secrets), asWritten: true)
    }

    /// `asWritten: false`: only its other readings and decodings are looked at.
    static func shows(_ text: String, index: Index, asWritten: Bool) -> Bool {
        SecretScanner.forms(of: text).dropFirst(asWritten ? 0 : 1).contains(where: index.holdsOne)
    }

    /// The name a file whose path holds a secret is listed under in the manifest: derived from the
    /// file's content hash, which the manifest lists anyway, never from the secret (a hash of a short
    /// secret could be checked against guesses).
    package static func listedPath(_ path: String, sha256: String, secrets: Set<String>) -> String {
        listedPath(path, sha256: sha256, index: Index(secrets))
    }

    package static func listedPath(_ path: String, sha256: String, index: Index) -> String {
        guard !index.secrets.isEmpty, shows(path, index: index, asWritten: true) else { return path }
        let folder = path.split(separator: "/").dropLast().filter { folder in !shows(String(folder), index: index, asWritten: true) }
        return (folder + ["withheld-" + sha256.prefix(16)]).joined(separator: "/")
    }

    /// The forms a value takes in a page or a report: as written, HTML-escaped, JSON-escaped.
    package static func publishedForms(of secret: String) -> [String] {
        let html = secret.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;").replacingOccurrences(of: "'", with: "&#39;")
        let json = secret.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
        return Array(Set([secret, html, json])).sorted { ($0.count, $0) > ($1.count, $1) }
    }
}

/// The last check before anything is written: every page, report, search index and manifest is
/// searched for the secret values the scan found and, with every detector, for any it did not (a
/// value could reach a page by a path the evidence scan does not follow). A known value is replaced
/// where it stands; a new one too, and it is reported as `dossier.secret.published`.
package final class PublishedSecretCheck: @unchecked Sendable {
    private let known: [(secret: String, bytes: [UInt8])]
    private let scanner: SecretScanner
    private let lock = NSLock()
    private var found: [Diagnostic] = []

    package init(known: Set<String>, policy: PackConfiguration.SecretPolicy) {
        self.known = SecretScrub.ordered(known).flatMap(SecretScrub.publishedForms).map { ($0, Array($0.utf8)) }
        scanner = SecretScanner(policy: policy)
    }

    /// Findings of values the evidence scan missed, one per output file and detector.
    package var diagnostics: [Diagnostic] { lock.withLock { found.sorted() } }

    package func apply(_ file: RenderedFile) -> RenderedFile {
        let (clean, findings) = check(file)
        record(findings)
        return clean
    }

    /// Records findings `check` returned: kept apart so that a page an earlier build checked
    /// reports what it found again (`PageMemory`).
    package func record(_ findings: [Diagnostic]) {
        if !findings.isEmpty { lock.withLock { found += findings } }
    }

    /// The file with every secret in it replaced, and a finding for each the evidence scan missed.
    package func check(_ file: RenderedFile) -> (RenderedFile, [Diagnostic]) {
        guard file.stored == nil, !file.contents.isEmpty else { return (file, []) }
        var text: String?
        for (secret, bytes) in known where file.contents.withUnsafeBytes({ out in bytes.withUnsafeBytes { ByteSearch.contains(out, $0) } }) {
            text = (text ?? String(decoding: file.contents, as: UTF8.self)).replacingOccurrences(of: secret, with: SecretScrub.marker)
        }
        var fresh: [Diagnostic] = []
        for (line, detectors) in Self.candidateLines(text.map { Data($0.utf8) } ?? file.contents) {
            for finding in scanner.scan(line: Self.decoded(line), number: 1, detectors: detectors) {
                let current = text ?? String(decoding: file.contents, as: UTF8.self)
                guard current.contains(finding.value) else { continue }
                text = current.replacingOccurrences(of: finding.value, with: SecretScrub.marker)
                fresh.append(Diagnostic(
                    .error, DiagnosticID.secretPublished,
                    "A \(finding.detector.name) reached this output by a path the evidence scan does not cover; it was replaced by \(SecretScrub.marker) (please report this)",
                    file: file.path))
            }
        }
        guard let text else { return (file, fresh) }
        var clean = file
        clean.contents = Data(text.utf8)
        return (clean, fresh)
    }

    /// The lines of an output that may hold a provider-shaped credential, with the detectors to run
    /// on each. Only those: a page is full of `name="value"` markup, and every assignment it shows
    /// was scanned as evidence before it was rendered.
    private static func candidateLines(_ data: Data) -> [(String, [SecretDetector])] {
        let specific = SecretPrefixIndex.providerShaped
        var lowered: [UInt8] = []
        var lines: [(String, [SecretDetector])] = []
        // Lines found with memchr in the bytes themselves: slicing Data line by line cost more than the search.
        data.withUnsafeBytes { (all: UnsafeRawBufferPointer) in
            guard let base = all.baseAddress else { return }
            var start = 0
            while start < all.count {
                let end = memchr(base + start, 0x0A, all.count - start).map { base.distance(to: UnsafeRawPointer($0)) } ?? all.count
                let line = UnsafeRawBufferPointer(rebasing: all[start..<end])
                if SecretPrefixIndex.shared.detectors(in: line) & specific != 0 {
                    let detectors = SecretScanner.candidates(line, lowered: &lowered).filter { !$0.judgesByName }
                    if !detectors.isEmpty { lines.append((String(decoding: line, as: UTF8.self), detectors)) }
                }
                start = end + 1
            }
        }
        return lines
    }

    /// The line as a reader sees it: the theme's HTML escapes and JSON's escaped slashes undone.
    private static func decoded(_ line: String) -> String {
        guard line.contains("&") || line.contains("\\/") else { return line }
        return line.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&amp;", with: "&").replacingOccurrences(of: "\\/", with: "/")
    }
}
