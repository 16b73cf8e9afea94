import Foundation

/// Substring search on raw bytes: memchr finds each candidate first byte, memcmp checks the rest.
/// (Glibc's memmem is not visible to Swift here; String.contains bridges through NSString and cost
/// a quarter of a build's CPU time in the secret scanner.)
package enum ByteSearch {
    package static func contains(_ haystack: UnsafeRawBufferPointer, _ needle: UnsafeRawBufferPointer) -> Bool {
        needle.isEmpty || firstOffset(of: needle, in: haystack) != nil
    }

    /// Where `needle` first occurs in `haystack` at or after `start`.
    package static func firstOffset(of needle: UnsafeRawBufferPointer, in haystack: UnsafeRawBufferPointer, from start: Int = 0) -> Int? {
        guard let base = haystack.baseAddress, let first = needle.first, let needleBase = needle.baseAddress else { return nil }
        guard needle.count <= haystack.count else { return nil }
        var start = start
        let lastStart = haystack.count - needle.count
        while start <= lastStart {
            guard let found = memchr(base + start, Int32(first), lastStart - start + 1) else { return nil }
            let offset = base.distance(to: UnsafeRawPointer(found))
            if memcmp(base + offset, needleBase, needle.count) == 0 { return offset }
            start = offset + 1
        }
        return nil
    }
}

extension ByteSearch {
    /// Where `needle` occurs in `haystack`, each occurrence after the end of the one before.
    package static func offsets(of needle: [UInt8], in haystack: [UInt8]) -> [Int] {
        haystack.withUnsafeBytes { haystack in
            needle.withUnsafeBytes { needle in
                var found: [Int] = []
                var start = 0
                while let offset = firstOffset(of: needle, in: haystack, from: start) {
                    found.append(offset)
                    start = offset + max(needle.count, 1)
                }
                return found
            }
        }
    }

    /// `text` with every occurrence of `needle` replaced, or nil when there is none (so the caller keeps
    /// its String as it is). Foundation's `replacingOccurrences` copies the text through NSString and
    /// back, which cost a twentieth of a build when it ran over every rendered Markdown page.
    package static func replacingAll(in text: String, _ needle: String, with replacement: String) -> String? {
        var text = text
        return text.withUTF8 { haystack -> String? in
            var needle = needle
            return needle.withUTF8 { needleBytes -> String? in
                guard let base = haystack.baseAddress, let first = needleBytes.first, needleBytes.count <= haystack.count else { return nil }
                var out: [UInt8] = []
                var copiedUpTo = 0
                var start = 0
                let lastStart = haystack.count - needleBytes.count
                while start <= lastStart, let found = memchr(base + start, Int32(first), lastStart - start + 1) {
                    let offset = UnsafePointer(base).distance(to: found.assumingMemoryBound(to: UInt8.self))
                    if memcmp(base + offset, needleBytes.baseAddress!, needleBytes.count) == 0 {
                        if out.isEmpty { out.reserveCapacity(haystack.count + haystack.count / 8) }
                        out.append(contentsOf: haystack[copiedUpTo..<offset])
                        out.append(contentsOf: replacement.utf8)
                        copiedUpTo = offset + needleBytes.count
                        start = copiedUpTo
                    } else {
                        start = offset + 1
                    }
                }
                guard copiedUpTo > 0 else { return nil }
                out.append(contentsOf: haystack[copiedUpTo...])
                return String(decoding: out, as: UTF8.self)
            }
        }
    }
}
