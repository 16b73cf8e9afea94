import Foundation

/// Base64, hex, URL and JSON/YAML/HTML escapes, decoded: a key written as `QUtJQ...` or `414b4941...`
/// shows whole to whoever decodes it, so the secret scan reads what such runs decode to. Only runs
/// that decode to text are kept (`text(_:)`): a hash, an image in a data URI or a long identifier
/// decodes to bytes that are not (the chance that 18 random bytes are all printable is about one in 10^8).
enum EncodedRuns {
    /// Shorter runs hold no key worth finding (the shortest detected ones are 20 characters, which
    /// base64 makes 28).
    static let shortest = 24
    /// A longer run is decoded in windows this long, each starting `step` after the last (`decode`).
    static let longest = 4096
    static let step = 4000
    /// Of a run longer still, only the start is read: a megabyte of base64 is an image or an archive.
    static let longestRun = 1 << 20

    /// A run this long or longer may go on after a line break or spaces: base64 wrapped at 64 or 76
    /// characters (PEM, MIME, `base64` without `-w 0`), or folded over the lines of a YAML scalar.
    static let wrappedLine = 16

    /// What each run of base64 (standard or URL-safe) or hex decodes to, with its line, when it is text;
    /// and what runs wrapped over several lines decode to, joined.
    static func decoded(in data: Data) -> [(text: String, line: Int)] {
        data.withUnsafeBytes { decoded(in: $0) }
    }

    /// `depth`: how many more times what a run decodes to is read again (base64 of base64, or of hex).
    static func decoded(in raw: UnsafeRawBufferPointer, depth: Int = 1) -> [(text: String, line: Int)] {
        var found = separatedHex(in: raw)
        let bytes = raw.bindMemory(to: UInt8.self)
        var (index, line) = (0, 1)
        // Runs separated only by white space, each but the last at least `wrappedLine` long and
        // unpadded: where they are, copied and joined only when a second one follows.
        var wrapped: (runs: [Range<Int>], line: Int, open: Bool) = ([], 0, false)
        func endWrapped() {
            if wrapped.runs.count > 1 {
                var joined: [UInt8] = []
                for run in wrapped.runs where joined.count < longestRun {
                    joined += bytes[run.lowerBound..<min(run.upperBound, run.lowerBound + longestRun - joined.count)]
                }
                found += decode(joined).map { ($0, wrapped.line) }
            }
            wrapped = ([], 0, false)
        }
        while index < bytes.count {
            guard isBase64(bytes[index]) else {
                switch bytes[index] {
                case 0x0A: line += 1
                case 0x20, 0x09, 0x0D: break
                default: endWrapped()
                }
                index += 1
                continue
            }
            let start = index
            while index < bytes.count, isBase64(bytes[index]) { index += 1 }
            var end = index
            while end < bytes.count, end - index < 2, bytes[end] == UInt8(ascii: "=") { end += 1 }
            defer { index = end }
            if index - start >= shortest { found += decode(Array(bytes[start..<min(index, start + longestRun)])).map { ($0, line) } }
            if !wrapped.open { endWrapped() }
            if wrapped.runs.isEmpty { wrapped.line = line }
            wrapped.runs.append(start..<index)
            wrapped.open = end == index && index - start >= wrappedLine
        }
        endWrapped()
        guard depth > 0 else { return found }
        return found + found.flatMap { outer in
            Array(outer.text.utf8).withUnsafeBytes { decoded(in: $0, depth: depth - 1) }.map { ($0.text, outer.line) }
        }
    }

    /// Hex written a byte at a time with a separator (`41:4b:49:41…`, `41-4b-…`, `41 4b …` as a hex
    /// dump shows it), at least `shortest / 2` bytes long, decoded when that is text. A fingerprint
    /// (`43:51:43:a1:…`) decodes to bytes that are not.
    static func separatedHex(in raw: UnsafeRawBufferPointer) -> [(text: String, line: Int)] {
        let bytes = raw.bindMemory(to: UInt8.self)
        var found: [(text: String, line: Int)] = []
        var (index, line) = (0, 1)
        func isWordByte(_ byte: UInt8) -> Bool { digit(byte) != nil || (byte | 0x20 >= UInt8(ascii: "a") && byte | 0x20 <= UInt8(ascii: "z")) }
        while index + 4 < bytes.count {
            if bytes[index] == 0x0A { line += 1 }
            let separator = bytes[index + 2]
            guard separator == UInt8(ascii: ":") || separator == UInt8(ascii: "-") || separator == UInt8(ascii: " "),
                  index == 0 || !isWordByte(bytes[index - 1]), let high = digit(bytes[index]), let low = digit(bytes[index + 1]) else {
                index += 1
                continue
            }
            var decoded: [UInt8] = [high << 4 | low]
            var end = index + 2
            while end + 2 < bytes.count, bytes[end] == separator, let high = digit(bytes[end + 1]), let low = digit(bytes[end + 2]),
                  end + 3 == bytes.count || !isWordByte(bytes[end + 3]), decoded.count < longestRun {
                decoded.append(high << 4 | low)
                end += 3
            }
            if decoded.count >= shortest / 2, let text = text(decoded) { found.append((text, line)) }
            index = max(end, index + 1)
        }
        return found
    }

    /// A run as hex, else as base64, when that is text. A run longer than `longest` is decoded a
    /// window at a time, each `longest` characters long and starting `step` after the one before (a
    /// multiple of four, so that each starts on a base64 quantum): a key of up to 72 bytes that one
    /// window's end cuts lies whole in the next. A Kubernetes secret's `data:` value holds a whole
    /// file, its key anywhere in it.
    private static func decode(_ bytes: [UInt8]) -> [String] {
        guard bytes.count >= shortest else { return [] }
        var run = bytes
        if run[0] == UInt8(ascii: "0"), run[1] | 0x20 == UInt8(ascii: "x") { run.removeFirst(2) }  // `0x414b…`
        guard run.count > longest else { return [hex(run) ?? base64(run)].compactMap { $0 } }
        return stride(from: 0, to: run.count - (longest - step), by: step).compactMap { start in
            let window = Array(run[start..<min(start + longest, run.count)])
            return hex(window) ?? base64(window)
        }
    }

    private static func isBase64(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "+"), UInt8(ascii: "/"), UInt8(ascii: "-"), UInt8(ascii: "_"): true
        default: false
        }
    }

    /// An even run of hex digits, decoded; nil for any other run or bytes that are not text.
    static func hex(_ run: [UInt8]) -> String? {
        guard run.count % 2 == 0 else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(run.count / 2)
        for pair in stride(from: 0, to: run.count, by: 2) {
            guard let high = digit(run[pair]), let low = digit(run[pair + 1]) else { return nil }
            out.append(high << 4 | low)
        }
        return text(out)
    }

    /// `text` with every `%XX` (two hex digits) decoded, other `%` signs left; nil when it has none.
    static func percentDecoded(_ text: String) -> String? {
        guard text.utf8.contains(UInt8(ascii: "%")) else { return nil }
        let bytes = Array(text.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "%"), index + 2 < bytes.count, let high = digit(bytes[index + 1]), let low = digit(bytes[index + 2]) {
                out.append(high << 4 | low)
                index += 3
            } else {
                out.append(bytes[index])
                index += 1
            }
        }
        guard out.count < bytes.count else { return nil }
        // An escape that is not UTF-8 (`%FF`) becomes U+FFFD; the rest still reads.
        return String(decoding: out, as: UTF8.self)
    }

    /// `text` with its JSON and YAML escapes (`\u0041`, `\x41`) and HTML character references
    /// (`&#65;`, `&#x41;`) decoded; nil when it has none. A JSON or YAML file that could not be parsed
    /// is shown as written, escapes and all, and a reader undoes them at a glance.
    static func escapesDecoded(_ text: String) -> String? {
        guard text.utf8.contains(where: { $0 == UInt8(ascii: "\\") || $0 == UInt8(ascii: "&") }) else { return nil }
        let bytes = Array(text.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var index = 0, changed = false
        /// The value of the `count` hex (or, with `decimal`, decimal) digits at `start`, and where they end.
        func number(at start: Int, count: Int?, decimal: Bool = false) -> (UInt32, Int)? {
            var value: UInt32 = 0, end = start
            while end < bytes.count, count.map({ end - start < $0 }) ?? (end - start < 7) {
                let byte = bytes[end]
                let digitValue: UInt8? = decimal ? (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) ? byte - UInt8(ascii: "0") : nil : digit(byte)
                guard let digitValue else { break }
                value = value * (decimal ? 10 : 16) + UInt32(digitValue)
                end += 1
            }
            guard end > start, count.map({ end - start == $0 }) ?? true else { return nil }
            return (value, end)
        }
        while index < bytes.count {
            var decoded: (UInt32, Int)?
            if bytes[index] == UInt8(ascii: "\\"), index + 1 < bytes.count {
                switch bytes[index + 1] {
                case UInt8(ascii: "u"): decoded = number(at: index + 2, count: 4)
                case UInt8(ascii: "x"): decoded = number(at: index + 2, count: 2)
                case UInt8(ascii: "U"): decoded = number(at: index + 2, count: 8)
                default: break
                }
            } else if bytes[index] == UInt8(ascii: "&"), index + 2 < bytes.count, bytes[index + 1] == UInt8(ascii: "#") {
                let hex = bytes[index + 2] | 0x20 == UInt8(ascii: "x")
                if let (value, end) = number(at: index + (hex ? 3 : 2), count: nil, decimal: !hex), end < bytes.count, bytes[end] == UInt8(ascii: ";") {
                    decoded = (value, end + 1)
                }
            }
            if let (value, end) = decoded, let scalar = Unicode.Scalar(value) {
                out.append(contentsOf: String(scalar).utf8)
                index = end
                changed = true
            } else {
                out.append(bytes[index])
                index += 1
            }
        }
        return changed ? String(decoding: out, as: UTF8.self) : nil
    }

    private static func digit(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    /// A run as base64, URL-safe letters taken as the standard ones and padding restored.
    static func base64(_ run: [UInt8]) -> String? {
        var standard = String(decoding: run.map { $0 == UInt8(ascii: "-") ? UInt8(ascii: "+") : $0 == UInt8(ascii: "_") ? UInt8(ascii: "/") : $0 }, as: UTF8.self)
        // A last character that completes no byte (a window's or a run's end) is left out.
        if standard.count % 4 == 1 { standard.removeLast() }
        standard += String(repeating: "=", count: (4 - standard.count % 4) % 4)
        return Data(base64Encoded: standard).flatMap { text(Array($0)) }
    }

    /// The bytes as text: printable ASCII (tab and line breaks too); else UTF-8 with no control
    /// character (a configuration with one `—` in it), a sequence a window cut at either end left
    /// out; else UTF-16LE of mostly ASCII (PowerShell's `-EncodedCommand`). Random bytes, a hash's or
    /// an image's, are none of these: the chance that 18 of them are printable ASCII is about one in
    /// 10^8, and UTF-8 or ASCII-heavy UTF-16 are rarer still.
    private static func text(_ bytes: [UInt8]) -> String? {
        func printable(_ byte: UInt8) -> Bool { (0x20...0x7E).contains(byte) || byte == 0x09 || byte == 0x0A || byte == 0x0D }
        if bytes.allSatisfy(printable) { return String(decoding: bytes, as: UTF8.self) }
        func clean(_ text: String) -> String? {
            text.unicodeScalars.allSatisfy { $0 != "\u{FFFD}" && ($0.properties.generalCategory != .control || printable(UInt8(truncatingIfNeeded: $0.value)) && $0.isASCII) }
                ? text : nil
        }
        // UTF-16, little-endian (zero high bytes at odd offsets) or big-endian (at even ones).
        if bytes.count >= 2 * shortest / 3, bytes.count % 2 == 0 {
            for high in [1, 0] where stride(from: high, to: bytes.count, by: 2).filter({ bytes[$0] == 0 }).count * 4 >= bytes.count * 3 / 2 {
                return clean(String(decoding: stride(from: 0, to: bytes.count, by: 2).map {
                    UInt16(bytes[$0 + 1 - high]) | UInt16(bytes[$0 + high]) << 8
                }, as: UTF16.self))
            }
        }
        // A continuation byte opening the bytes, or a sequence left open at their end, belongs to a
        // character the window cut.
        var start = 0, end = bytes.count
        while start < min(3, end), bytes[start] & 0xC0 == 0x80 { start += 1 }
        if let lead = (max(start, end - 3)..<end).last(where: { bytes[$0] & 0xC0 == 0xC0 }) {
            let length = bytes[lead] >= 0xF0 ? 4 : bytes[lead] >= 0xE0 ? 3 : 2
            if lead + length > end { end = lead }
        }
        guard start < end, let text = String(validating: bytes[start..<end], as: UTF8.self) else { return nil }
        return clean(text)
    }
}
