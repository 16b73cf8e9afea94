import Foundation

/// Substring search on raw bytes: memchr finds each candidate first byte, memcmp checks the rest.
/// (Glibc's memmem is not visible to Swift here; String.contains bridges through NSString and cost
/// a quarter of a build's CPU time in the secret scanner.)
enum ByteSearch {
    static func contains(_ haystack: UnsafeRawBufferPointer, _ needle: UnsafeRawBufferPointer) -> Bool {
        guard let base = haystack.baseAddress, let first = needle.first, let needleBase = needle.baseAddress else { return needle.isEmpty }
        guard needle.count <= haystack.count else { return false }
        var start = 0
        let lastStart = haystack.count - needle.count
        while start <= lastStart {
            guard let found = memchr(base + start, Int32(first), lastStart - start + 1) else { return false }
            let offset = base.distance(to: UnsafeRawPointer(found))
            if memcmp(base + offset, needleBase, needle.count) == 0 { return true }
            start = offset + 1
        }
        return false
    }
}
