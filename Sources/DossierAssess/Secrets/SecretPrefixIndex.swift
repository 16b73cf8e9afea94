/// Every detector's prefixes, indexed by their first two bytes (lowercased), so that one pass over a
/// line or a whole page finds which detectors could match: one table lookup per byte, which almost
/// always finds nothing, and a short comparison when it does. Searching each of some hundred prefixes
/// separately made the scan of every page and report cost more than rendering them.
package struct SecretPrefixIndex: Sendable {
    /// For each two-byte key, where its entries start in the arrays below (`keyStart[key + 1]` is the end).
    private let keyStart: [Int32]
    /// The entries, flat: each prefix's bytes (lowercased when it is matched without case), its length,
    /// whether case is ignored, and the detectors (a mask over `SecretDetector.all`) it stands for: a
    /// prefix several detectors share (`password` for those judging by a name) is compared once.
    private let bytes: [UInt8]
    private let offset: [Int32]
    private let length: [Int32]
    private let caseInsensitive: [Bool]
    private let detectors: [UInt64]
    /// The detectors whose patterns fold non-ASCII letters (Kelvin sign, long s, dotted I) under
    /// `(?i)`, which an ASCII prefix cannot see: a line holding one is a candidate for each of them.
    package let foldingDetectors: UInt64

    package static let shared = SecretPrefixIndex(SecretDetector.all)
    /// Every detector that judges a value by its own shape, not by the name it is given (`judgesByName`), as a mask.
    package static let providerShaped: UInt64 = SecretDetector.all.enumerated().reduce(0) { mask, element in
        element.element.judgesByName ? mask : mask | (1 << UInt64(element.offset))
    }

    package init(_ detectors: [SecretDetector]) {
        precondition(detectors.count <= 64, "the detector set is a 64-bit mask")
        var masks: [[UInt8]: [Bool: UInt64]] = [:]
        var folding: UInt64 = 0
        for (index, detector) in detectors.enumerated() {
            for prefix in detector.prefixBytes {
                precondition(prefix.count >= 2, "a prefix of one byte would make every line a candidate")
                masks[prefix, default: [:]][detector.caseInsensitivePrefixes, default: 0] |= 1 << UInt64(index)
            }
            if detector.caseInsensitivePrefixes { folding |= 1 << UInt64(index) }
        }
        var entries: [(key: Int, bytes: [UInt8], caseInsensitive: Bool, detectors: UInt64)] = masks.flatMap { prefix, byCase in
            byCase.map { (Self.key(prefix[0], prefix[1]), prefix, $0.key, $0.value) }
        }
        // In a fixed order, whatever the dictionary's: the key, then the bytes, then case.
        entries.sort { one, other in
            if one.key != other.key { return one.key < other.key }
            if one.bytes != other.bytes { return one.bytes.lexicographicallyPrecedes(other.bytes) }
            return !one.caseInsensitive && other.caseInsensitive
        }
        var keyStart = [Int32](repeating: 0, count: 65_537)
        var bytes: [UInt8] = [], offset: [Int32] = [], length: [Int32] = [], caseInsensitive: [Bool] = [], masked: [UInt64] = []
        var next = 0
        for key in 0..<65_536 {
            keyStart[key] = Int32(offset.count)
            while next < entries.count, entries[next].key == key {
                offset.append(Int32(bytes.count))
                bytes += entries[next].bytes
                length.append(Int32(entries[next].bytes.count))
                caseInsensitive.append(entries[next].caseInsensitive)
                masked.append(entries[next].detectors)
                next += 1
            }
        }
        keyStart[65_536] = Int32(offset.count)
        (self.keyStart, self.bytes, self.offset, self.length, self.caseInsensitive, self.detectors) =
            (keyStart, bytes, offset, length, caseInsensitive, masked)
        foldingDetectors = folding
    }

    @inline(__always) package static func lower(_ byte: UInt8) -> UInt8 { byte &- 65 < 26 ? byte | 0x20 : byte }
    @inline(__always) private static func key(_ first: UInt8, _ second: UInt8) -> Int { Int(lower(first)) << 8 | Int(lower(second)) }

    /// The detectors (as a bit mask over `SecretDetector.all`) one of whose prefixes occurs in `haystack`.
    package func detectors(in haystack: UnsafeRawBufferPointer) -> UInt64 {
        let count = haystack.count
        guard count >= 2 else { return 0 }
        var found: UInt64 = 0
        keyStart.withUnsafeBufferPointer { starts in
            bytes.withUnsafeBufferPointer { prefixes in
                for index in 0..<(count - 1) {
                    let byte = haystack[index]
                    // The lead bytes of the Kelvin sign (E2 84 AA), long s (C5 BF) and dotted I (C4 B0).
                    if byte >= 0xC4, Self.folds(haystack, at: index) { found |= foldingDetectors }
                    let key = Self.key(byte, haystack[index + 1])
                    var entry = Int(starts[key])
                    let end = Int(starts[key + 1])
                    while entry < end {
                        defer { entry += 1 }
                        let bit = detectors[entry]
                        guard found & bit != bit else { continue }
                        let size = Int(length[entry]), start = Int(offset[entry])
                        guard index + size <= count else { continue }
                        let ignoreCase = caseInsensitive[entry]
                        var position = 0
                        while position < size {
                            let other = haystack[index + position]
                            if (ignoreCase ? Self.lower(other) : other) != prefixes[start + position] { break }
                            position += 1
                        }
                        if position == size { found |= bit }
                    }
                }
            }
        }
        return found
    }

    private static func folds(_ bytes: UnsafeRawBufferPointer, at index: Int) -> Bool {
        func at(_ offset: Int) -> UInt8? { index + offset < bytes.count ? bytes[index + offset] : nil }
        switch bytes[index] {
        case 0xE2: return at(1) == 0x84 && at(2) == 0xAA
        case 0xC5: return at(1) == 0xBF
        case 0xC4: return at(1) == 0xB0
        default: return false
        }
    }
}
