import DossierModel
import Foundation

/// Turns evidence bytes into text, reporting what had to be repaired.
package enum TextDecoding {
    package struct Result {
        var text: String
        var diagnostics: [Diagnostic]
    }

    /// Drops a UTF-8 byte-order mark, replaces invalid UTF-8 and NUL bytes, and reports each repair once.
    package static func decode(_ data: Data, file: String) -> Result {
        if let wide = wide(data) { return Result(text: normalisingLineBreaks(wide), diagnostics: []) }
        var bytes = data[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        var diagnostics: [Diagnostic] = []
        var text: String
        // Validated through a buffer pointer: the generic path over Data went byte by byte.
        let validated = bytes.withUnsafeBytes { String(validating: $0.bindMemory(to: UInt8.self), as: UTF8.self) }
        if let valid = validated {
            text = valid
        } else {
            text = String(decoding: bytes, as: UTF8.self)
            let line = firstInvalidLine(in: bytes)
            diagnostics.append(Diagnostic(
                .warning, DiagnosticID.inputInvalidUtf8,
                "File is not valid UTF-8; invalid bytes are shown as \u{FFFD}; save it as UTF-8",
                file: file, at: SourceLocation(line: line, column: 1)))
        }
        // On bytes: String.contains(String) goes through NSString.
        if text.utf8.contains(0) {
            text = text.replacingOccurrences(of: "\0", with: "\u{FFFD}")
            diagnostics.append(Diagnostic(.warning, DiagnosticID.inputNulByte, "File contains NUL bytes; they are replaced", file: file))
        }
        return Result(text: normalisingLineBreaks(text), diagnostics: diagnostics)
    }

    /// CRLF, and a lone CR (classic Mac), are both one line break, as editors and cmark-gfm count
    /// them; as LF, every reader (front matter, YAML, cmark-gfm) numbers lines the same way.
    /// A lone CR left in place was found by the markdown fuzz target: cmark-gfm counted it, the
    /// front-matter split did not, and positions pointed past the end of the file.
    package static func normalisingLineBreaks(_ text: String) -> String {
        guard text.utf8.contains(UInt8(ascii: "\r")) else { return text }
        return text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
    }

    /// The byte-order marks of UTF-32 and UTF-16, longest first (UTF-32 LE starts like UTF-16 LE).
    package static let wideMarks: [([UInt8], String.Encoding)] = [
        ([0xFF, 0xFE, 0x00, 0x00], .utf32LittleEndian), ([0x00, 0x00, 0xFE, 0xFF], .utf32BigEndian),
        ([0xFF, 0xFE], .utf16LittleEndian), ([0xFE, 0xFF], .utf16BigEndian),
    ]

    /// The text of UTF-16 or UTF-32 bytes that open with their byte-order mark; nil for anything else.
    package static func wide(_ data: Data) -> String? {
        guard let (mark, encoding) = wideMarks.first(where: { data.starts(with: $0.0) }) else { return nil }
        return String(data: data.dropFirst(mark.count), encoding: encoding)?.replacingOccurrences(of: "\0", with: "\u{FFFD}")
    }

    /// The text of a file that opens with a UTF-16 or UTF-32 byte-order mark; nil (after four bytes
    /// looked at) for any other file.
    package static func wideText(of bytes: FileBytes) -> String? {
        let head = bytes.prefix(4)
        guard wideMarks.contains(where: { head.starts(with: $0.0) }) else { return nil }
        return wide(bytes.data()).map(normalisingLineBreaks)
    }

    /// The longest line (1-based number, length in bytes without its line break); nil for an empty file.
    package static func longestLine(in data: Data) -> (line: Int, bytes: Int)? {
        guard !data.isEmpty else { return nil }
        return data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) -> (Int, Int) in
            guard let base = buffer.baseAddress else { return (1, 0) }
            var best = (line: 1, bytes: 0), line = 1, start = 0
            while start <= buffer.count {
                // memchr, not a Swift loop: a 50 MB line is scanned in milliseconds even in a debug build.
                let found = memchr(base + start, 0x0A, buffer.count - start)
                let end = found.map { $0 - UnsafeMutableRawPointer(mutating: base) } ?? buffer.count
                if end - start > best.bytes { best = (line, end - start) }
                line += 1
                start = end + 1
            }
            return best
        }
    }

    private static func firstInvalidLine(in bytes: Data.SubSequence) -> Int {
        var line = 1
        var start = bytes.startIndex
        for index in bytes.indices where bytes[index] == 0x0A {
            if String(validating: bytes[start..<index], as: UTF8.self) == nil { return line }
            line += 1
            start = bytes.index(after: index)
        }
        return line
    }
}
