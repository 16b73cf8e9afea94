import Crypto
import DossierIntake
import DossierModel
import Foundation

/// Finds personal data in what is about to be published (e-mail addresses, IP addresses, phone
/// numbers in international form, Luhn-valid payment card numbers) and redacts it, or replaces it by
/// a keyed hash so the same value stays recognisable across pages without being readable, as the
/// pack's `policy.redaction` says. The key comes from a file or the environment, never the clock, so
/// builds stay reproducible.
package struct PersonalDataRedactor: Sendable {
    package enum Kind: String, Sendable, CaseIterable, Comparable {
        case email = "e-mail address"
        case ipAddress = "IP address"
        case phone = "phone number"
        case card = "payment card number"

        package static func < (lhs: Kind, rhs: Kind) -> Bool { allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)! }
    }

    package struct Detector: Sendable {
        var kind: Kind
        var pattern: NSRegularExpression
        var accept: @Sendable (String) -> Bool
        /// A byte scan that any match must pass; the pattern runs only on text that passes it.
        var mayMatch: @Sendable (UnsafeBufferPointer<UInt8>) -> Bool
    }

    package static let detectors: [Detector] = [
        Detector(kind: .email, pattern: try! NSRegularExpression(pattern: #"(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}(?![A-Za-z0-9-])"#), accept: { _ in true },
                 mayMatch: RedactionPrefilter.hasAtSign),
        Detector(kind: .ipAddress, pattern: try! NSRegularExpression(pattern: #"(?<![\d.])(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?![\d.])"#), accept: { _ in true },
                 mayMatch: RedactionPrefilter.hasDottedQuad),
        Detector(kind: .phone, pattern: try! NSRegularExpression(pattern: #"(?<![\w+])\+\d{1,3}(?:[ .-]?\(?\d{1,4}\)?){2,5}(?![\w])"#),
                 accept: { (8...15).contains($0.filter(\.isNumber).count) }, mayMatch: RedactionPrefilter.hasPlusDigit),
        Detector(kind: .card, pattern: try! NSRegularExpression(pattern: #"(?<![\dA-Za-z.])[2-6](?:[ -]?\d){12,18}(?![\dA-Za-z])"#),
                 accept: { PersonalDataRedactor.luhn($0.filter(\.isNumber)) }, mayMatch: RedactionPrefilter.hasLongDigitRun),
    ]

    package var mode: PackConfiguration.Redaction
    package var key: Data?

    package init(mode: PackConfiguration.Redaction, key: Data? = nil) {
        self.mode = mode
        self.key = key
    }

    /// The text with every finding replaced, and how many of each kind were replaced.
    ///
    /// Removing one value can expose another that its neighbour hid: a phone number right after a
    /// card number only starts at a word boundary once the card is gone. The personal-data fuzz
    /// target found this, then built chains of such pairs, each link needing one more pass. So after
    /// the first pass over the whole text, each further pass looks only around the markers the pass
    /// before inserted (a value can only have been hidden by a neighbour that is now a marker), until
    /// one inserts none: every link of a chain is found, at a cost that grows with the chain, not with
    /// the page times the chain. No detector matches a marker, so every pass removes values and the
    /// loop ends.
    package func redact(_ text: String) -> (text: String, counts: [Kind: Int]) {
        guard mode != .keep else { return (text, [:]) }
        var counts: [Kind: Int] = [:]
        var (result, markers) = redactOnce(text, counts: &counts)
        while !markers.isEmpty {
            let whole = result as NSString
            var found: [[NSRange]] = []
            let (rebuilt, windows) = Self.splice(result, Self.windows(around: markers, in: whole).map { window in
                let (piece, inPiece) = redactOnce(whole.substring(with: window), counts: &counts)
                found.append(inPiece)
                return (window, piece)
            })
            markers = zip(windows, found).flatMap { window, inPiece in
                inPiece.map { NSRange(location: $0.location + window.location, length: $0.length) }
            }
            result = rebuilt
        }
        return (result, counts)
    }

    /// One pass of every detector over `text`; returns the new text and where its new markers are (UTF-16 ranges).
    private func redactOnce(_ text: String, counts: inout [Kind: Int]) -> (String, [NSRange]) {
        // The byte scans first: most pages have no candidate at all, and a regular expression over a
        // whole page cost an eighth of a build's CPU time before they were added.
        let candidates = text.utf8.withContiguousStorageIfAvailable { RedactionPrefilter.all($0) }
            ?? Array(repeating: true, count: Self.detectors.count)
        var result = text
        var markers: [NSRange] = []
        for (detector, candidate) in zip(Self.detectors, candidates) where candidate {
            var edits: [(range: NSRange, marker: String)] = []
            // No pattern matches across a line break: each runs only on the lines its scan passes (a
            // search index or report of megabytes has a handful), its matches moved to the text's offsets.
            for (offset, line) in Self.lines(of: result, passing: detector.mayMatch) {
                let current = line as NSString
                for match in detector.pattern.matches(in: line, range: NSRange(location: 0, length: current.length)) {
                    let value = current.substring(with: match.range)
                    guard detector.accept(value) else { continue }
                    counts[detector.kind, default: 0] += 1
                    edits.append((NSRange(location: match.range.location + offset, length: match.range.length), replacement(for: value, kind: detector.kind)))
                }
            }
            guard !edits.isEmpty else { continue }
            // Splice the markers in, and move the earlier detectors' markers by what changed before them.
            let (rebuilt, placed) = Self.splice(result, edits.map { ($0.range, $0.marker) })
            var shift = 0, next = 0
            markers = markers.sorted { $0.location < $1.location }.map { marker in
                while next < edits.count && edits[next].range.location < marker.location {
                    shift += edits[next].marker.utf16.count - edits[next].range.length
                    next += 1
                }
                return NSRange(location: marker.location + shift, length: marker.length)
            } + placed
            result = rebuilt
        }
        return (result, markers.sorted { $0.location < $1.location })
    }

    /// The lines of `text` that `scan` passes, each with the UTF-16 offset it starts at.
    static func lines(of text: String, passing scan: (UnsafeBufferPointer<UInt8>) -> Bool) -> [(offset: Int, line: String)] {
        var text = text
        return text.withUTF8 { bytes in
            var found: [(offset: Int, line: String)] = []
            var start = 0, units = 0
            while start <= bytes.count {
                let end = bytes[start...].firstIndex(of: 0x0A) ?? bytes.count
                let line = UnsafeBufferPointer(rebasing: bytes[start..<end])
                if scan(line) { found.append((units, String(decoding: line, as: UTF8.self))) }
                // A UTF-16 unit for every character's first byte, two for a character past the BMP (a 4-byte one).
                for byte in line where byte & 0xC0 != 0x80 { units += byte >= 0xF0 ? 2 : 1 }
                units += 1
                start = end + 1
            }
            return found
        }
    }

    /// `text` with each range (ascending, not overlapping) replaced by its string, and where each
    /// replacement now lies (UTF-16 ranges in the result). One walk over the text, copying UTF-8
    /// between the replacements: cutting an `NSString` into substrings instead cost a tenth of a
    /// build's CPU time on reports with thousands of addresses.
    package static func splice(_ text: String, _ replacements: [(range: NSRange, with: String)]) -> (String, [NSRange]) {
        guard !replacements.isEmpty else { return (text, []) }
        let units = text.utf16
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count + replacements.count * 16)
        var placed: [NSRange] = []
        var cursor = units.startIndex, cursorOffset = 0, length = 0
        for (range, replacement) in replacements {
            let start = units.index(cursor, offsetBy: range.location - cursorOffset)
            bytes.append(contentsOf: text.utf8[cursor..<start])
            length += range.location - cursorOffset
            let replaced = replacement.utf16.count
            placed.append(NSRange(location: length, length: replaced))
            bytes.append(contentsOf: replacement.utf8)
            length += replaced
            cursor = units.index(start, offsetBy: range.length)
            cursorOffset = range.location + range.length
        }
        bytes.append(contentsOf: text.utf8[cursor...])
        return (String(decoding: bytes, as: UTF8.self), placed)
    }

    /// Where to look again: 64 UTF-16 units either side of each marker (longer than any phone, card or
    /// IP address), widened to the nearest whitespace or HTML delimiter (an e-mail address has
    /// neither) within 1 024 more, never inside a surrogate pair, overlapping windows merged.
    package static func windows(around markers: [NSRange], in text: NSString) -> [NSRange] {
        // Whitespace, or a character no value can hold (an HTML delimiter): a cut there splits no value.
        func isSpace(_ unit: unichar) -> Bool { [32, 9, 10, 13, 60, 62, 34, 39].contains(unit) }
        func isLowSurrogate(_ index: Int) -> Bool { index > 0 && index < text.length && (0xDC00...0xDFFF).contains(text.character(at: index)) }
        var windows: [NSRange] = []
        for marker in markers.sorted(by: { $0.location < $1.location }) {
            var lower = max(0, marker.location - 64)
            let lowest = max(0, lower - 1024)
            while lower > lowest && !isSpace(text.character(at: lower - 1)) { lower -= 1 }
            var upper = min(text.length, marker.location + marker.length + 64)
            let highest = min(text.length, upper + 1024)
            while upper < highest && !isSpace(text.character(at: upper)) { upper += 1 }
            // Never cut a character written as two UTF-16 units (an emoji) in half.
            if isLowSurrogate(lower) { lower -= 1 }
            if isLowSurrogate(upper) { upper += 1 }
            if let last = windows.last, lower <= last.location + last.length {
                windows[windows.count - 1] = NSRange(location: last.location, length: max(last.location + last.length, upper) - last.location)
            } else {
                windows.append(NSRange(location: lower, length: upper - lower))
            }
        }
        return windows
    }

    package func replacement(for value: String, kind: Kind) -> String {
        let label = kind == .email ? "email" : kind == .ipAddress ? "ip" : kind == .phone ? "phone" : "card"
        guard mode == .hash, let key else { return "[\(label) redacted]" }
        let digest = HMAC<SHA256>.authenticationCode(for: Data(value.utf8), using: SymmetricKey(data: key))
        return "[\(label) " + ContentHash.hex(digest).prefix(10) + "]"
    }

    /// The Luhn check every payment card number passes (and most other long numbers fail).
    package static func luhn(_ digits: String) -> Bool {
        guard (13...19).contains(digits.count) else { return false }
        var sum = 0
        for (index, character) in digits.reversed().enumerated() {
            guard var digit = character.wholeNumberValue else { return false }
            if index % 2 == 1 {
                digit *= 2
                if digit > 9 { digit -= 9 }
            }
            sum += digit
        }
        return sum % 10 == 0
    }

    package static let textExtensions: Set<String> = ["html", "json", "xml", "sarif", "csv", "js", "txt"]

    /// Whether the file at `path` is one redaction reads. The theme's own assets are not evidence;
    /// only pages, reports and the search index carry values.
    package func reads(_ path: String) -> Bool {
        Self.textExtensions.contains(PackPaths.pathExtension(path)) && !path.hasPrefix("assets/dossier")
    }

    /// A file of the pack with its personal data handled; pages also say what was redacted, and why.
    package func apply(to file: RenderedFile) -> (file: RenderedFile, counts: [Kind: Int]) {
        guard mode != .keep, reads(file.path) else { return (file, [:]) }
        var (text, counts) = redact(String(decoding: file.contents, as: UTF8.self))
        if PackPaths.pathExtension(file.path) == "html", let note = Self.note(counts, mode: mode), let heading = text.range(of: "</h1>") {
            text.insert(contentsOf: "\n<p class=\"redaction-note\">\(note)</p>", at: heading.upperBound)
        }
        return (RenderedFile(path: file.path, text: text), counts)
    }


    /// One sentence for a page: what was redacted, and why.
    package static func note(_ counts: [Kind: Int], mode: PackConfiguration.Redaction) -> String? {
        guard !counts.isEmpty else { return nil }
        let parts = counts.keys.sorted().map { kind in
            "\(counts[kind]!) \(kind.rawValue)" + (counts[kind]! == 1 ? "" : kind.rawValue.hasSuffix("s") ? "es" : "s")
        }
        let how = mode == .hash ? "replaced by keyed hashes" : "redacted"
        return "Personal data on this page is \(how) under the pack's policy (policy.redaction: \(mode.rawValue)): \(parts.joined(separator: ", "))."
    }
}

/// Byte scans that every match of a personal-data pattern must pass (so they may say yes wrongly, never no).
///
/// Each scan is a small state machine fed one byte at a time: a detector's own scan feeds one, and
/// `all` feeds the four together in a single pass over the page (four passes took as long as the patterns).
package enum RedactionPrefilter {
    /// An ASCII digit, or any byte of a non-ASCII character: the patterns' `\d` also takes other scripts' digits.
    package static func isDigit(_ byte: UInt8) -> Bool { byte &- 48 < 10 || byte >= 0x80 }

    /// A scan fed one byte at a time; `found` once its shape was seen (after `finish` at the end).
    protocol Scan {
        init()
        var found: Bool { get }
        mutating func step(_ byte: UInt8)
        mutating func finish()
    }

    /// Runs one scan over a page, stopping at its first yes.
    static func run<S: Scan>(_: S.Type, over bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var scan = S()
        for byte in bytes where !scan.found { scan.step(byte) }
        scan.finish()
        return scan.found
    }

    /// An `@`, as every e-mail address has.
    package struct AtSign: Scan {
        var found = false
        mutating func step(_ byte: UInt8) { if byte == UInt8(ascii: "@") { found = true } }
        mutating func finish() {}
    }

    /// `+` then a digit: every international phone number starts so.
    package struct PlusDigit: Scan {
        var found = false
        private var previousWasPlus = false
        mutating func step(_ byte: UInt8) {
            if previousWasPlus && isDigit(byte) { found = true }
            previousWasPlus = byte == UInt8(ascii: "+")
        }
        mutating func finish() {}
    }

    /// Four dot-separated runs of digits, as in an IPv4 address (runs of any length: a yes may be wrong).
    package struct DottedQuad: Scan {
        var found = false
        private var groups = 0, digits = 0
        mutating func step(_ byte: UInt8) {
            if isDigit(byte) {
                digits += 1
            } else if byte == UInt8(ascii: "."), digits > 0 {
                groups += 1
                digits = 0
            } else {
                finish()
                groups = 0
                digits = 0
            }
        }
        mutating func finish() { if digits > 0 && groups >= 3 { found = true } }
    }

    /// Thirteen or more digits with at most single spaces or hyphens between them, as in a card number.
    package struct LongDigitRun: Scan {
        var found = false
        private var digits = 0, separated = false
        mutating func step(_ byte: UInt8) {
            if isDigit(byte) {
                digits += 1
                separated = false
                if digits >= 13 { found = true }
            } else if (byte == UInt8(ascii: " ") || byte == UInt8(ascii: "-")) && digits > 0 && !separated {
                separated = true
            } else {
                digits = 0
                separated = false
            }
        }
        mutating func finish() {}
    }

    @Sendable static package func hasAtSign(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool { bytes.contains(UInt8(ascii: "@")) }

    @Sendable static package func hasPlusDigit(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool { run(PlusDigit.self, over: bytes) }
    @Sendable static package func hasDottedQuad(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool { run(DottedQuad.self, over: bytes) }
    @Sendable static package func hasLongDigitRun(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool { run(LongDigitRun.self, over: bytes) }

    /// Every detector's scan at once, in `PersonalDataRedactor.detectors` order (e-mail, IP address,
    /// phone, card), in one pass; each detector's own scan gives the same answer (tested).
    package static func all(_ bytes: UnsafeBufferPointer<UInt8>) -> [Bool] {
        var email = AtSign(), address = DottedQuad(), phone = PlusDigit(), card = LongDigitRun()
        for byte in bytes {
            email.step(byte)
            address.step(byte)
            phone.step(byte)
            card.step(byte)
            if email.found && address.found && phone.found && card.found { break }
        }
        address.finish()
        return [email.found, address.found, phone.found, card.found]
    }
}

/// Personal data handled in every published file exactly once, from whichever thread made the file;
/// remembers which files were handled and which of them had something redacted (each page says so,
/// and the manifest names them).
package final class RedactionPass: @unchecked Sendable {
    package let redactor: PersonalDataRedactor
    private let lock = NSLock()
    private var done: Set<String> = []
    private var changed: Set<String> = []

    package init(redactor: PersonalDataRedactor) {
        self.redactor = redactor
    }

    package func apply(_ file: RenderedFile) -> RenderedFile {
        let (clean, redacted) = redact(file)
        record(file.path, redacted: redacted)
        return clean
    }

    /// The file redacted, and whether anything in it was; recorded by `record`, so a page an earlier
    /// build redacted can be counted as if it were redacted again (`PageMemory`).
    package func redact(_ file: RenderedFile) -> (RenderedFile, redacted: Bool) {
        let (clean, counts) = redactor.apply(to: file)
        return (clean, !counts.isEmpty)
    }

    package func record(_ path: String, redacted: Bool) {
        lock.withLock {
            done.insert(path)
            if redacted { changed.insert(path) }
        }
    }

    package func isDone(_ path: String) -> Bool { lock.withLock { done.contains(path) } }

    package var redacted: Set<String> { lock.withLock { changed } }
}
