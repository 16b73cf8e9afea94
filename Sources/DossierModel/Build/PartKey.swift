import Crypto
import Foundation

/// The SHA-256 of everything a value depends on, for `DiskParts`: unlike Swift's `Hasher`, which is
/// seeded anew in every process, the same inputs give the same key in the next build. Each piece is
/// written with its length first, so that ("ab", "c") and ("a", "bc") never meet.
package struct PartKey: Sendable, Hashable {
    package let hex: String

    package init(_ kind: String, _ build: (inout Builder) -> Void) {
        var builder = Builder()
        builder.add(kind)
        build(&builder)
        builder.flush()
        hex = ContentHash.hex(builder.hasher.finalize())
    }

    /// Pieces are gathered and hashed in large blocks: a view is thousands of short texts, and
    /// hashing each on its own cost more than the rest of the key.
    package struct Builder {
        fileprivate var hasher = SHA256()
        private var buffer: [UInt8] = []

        init() {
            buffer.reserveCapacity(Self.block)
        }

        private static let block = 1 << 16

        package mutating func add(_ text: String) {
            count(text.utf8.count)
            buffer.append(contentsOf: text.utf8)
            if buffer.count >= Self.block { flush() }
        }

        package mutating func add(_ bytes: some DataProtocol) {
            count(bytes.count)
            // A report of megabytes is hashed where it is, not copied into the buffer first.
            guard bytes.count < Self.block else {
                flush()
                return hasher.update(data: bytes)
            }
            buffer.append(contentsOf: bytes)
            if buffer.count >= Self.block { flush() }
        }

        package mutating func add(_ number: Int) {
            count(number)
        }

        package mutating func add(_ flag: Bool) {
            count(flag ? 1 : 0)
        }

        /// Everything about a file that a value made from it may show: its names, format and size.
        package mutating func add(_ file: EvidenceFile) {
            add(file.path)
            add(file.published)
            add(file.source)
            add(file.format.rawValue)
            add(file.size)
        }

        /// Every limit is a whole number: their description is the same from one process to the next.
        package mutating func add(_ limits: InputLimits) {
            add(String(describing: limits))
        }

        /// Eight bytes, little-endian.
        private mutating func count(_ number: Int) {
            let value = UInt64(bitPattern: Int64(number))
            for shift in stride(from: 0, to: 64, by: 8) { buffer.append(UInt8(truncatingIfNeeded: value >> UInt64(shift))) }
        }

        fileprivate mutating func flush() {
            buffer.withUnsafeBytes { hasher.update(bufferPointer: $0) }
            buffer.removeAll(keepingCapacity: true)
        }
    }
}

/// Writes a part's payload: bytes, counts (4 bytes, little-endian) and texts (a count, then UTF-8).
package struct PartWriter {
    /// Bytes in an array, made Data once at the end: appending to Data byte by byte cost most of the
    /// time spent keeping a patch build's record of 10 000 files.
    private var buffer: [UInt8] = []

    package var data: Data { Data(buffer) }

    package init() {}

    package mutating func byte(_ value: UInt8) {
        buffer.append(value)
    }

    package mutating func count(_ value: Int) {
        withUnsafeBytes(of: UInt32(clamping: value).littleEndian) { buffer.append(contentsOf: $0) }
    }

    /// Eight bytes, little-endian: offsets into files larger than a count can hold.
    package mutating func number(_ value: Int) {
        word(UInt64(bitPattern: Int64(value)))
    }

    package mutating func word(_ value: UInt64) {
        withUnsafeBytes(of: value.littleEndian) { buffer.append(contentsOf: $0) }
    }

    package mutating func text(_ text: String) {
        count(text.utf8.count)
        buffer.append(contentsOf: text.utf8)
    }

    package mutating func bytes(_ bytes: Data) {
        buffer.append(contentsOf: bytes)
    }

    /// A count, then the numbers little-endian, copied in one go: a patch build writes millions.
    package mutating func numbers(_ numbers: [Int32]) { append(numbers) }
    package mutating func numbers(_ numbers: [UInt64]) { append(numbers) }

    private mutating func append<N: FixedWidthInteger>(_ numbers: [N]) {
        count(numbers.count)
        let ordered = 1.littleEndian == 1 ? numbers : numbers.map(\.littleEndian)
        ordered.withUnsafeBytes { buffer.append(contentsOf: $0) }
    }
}

/// Reads what `PartWriter` wrote, each step nil past the end.
package struct PartReader {
    private let bytes: Data
    private var offset: Int

    package init(_ bytes: Data) {
        self.bytes = bytes
        offset = bytes.startIndex
    }

    package var atEnd: Bool { offset == bytes.endIndex }

    /// How many bytes are left: no count read can ask for more items than that.
    package var remaining: Int { bytes.endIndex - offset }

    package mutating func byte() -> UInt8? {
        guard offset < bytes.endIndex else { return nil }
        defer { offset += 1 }
        return bytes[offset]
    }

    package mutating func count() -> Int? {
        guard bytes.endIndex - offset >= 4 else { return nil }
        let start = offset - bytes.startIndex
        offset += 4
        return Int(UInt32(littleEndian: bytes.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: start, as: UInt32.self) }))
    }

    /// What `PartWriter.number` wrote; nil past the end or for a negative value.
    package mutating func number() -> Int? {
        guard let value = word() else { return nil }
        let number = Int64(bitPattern: value)
        return number >= 0 ? Int(number) : nil
    }

    /// Eight bytes as `PartWriter.number` or `word` wrote them, whatever they hold; nil past the end.
    package mutating func word() -> UInt64? {
        guard bytes.endIndex - offset >= 8 else { return nil }
        let start = offset - bytes.startIndex
        offset += 8
        return UInt64(littleEndian: bytes.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: start, as: UInt64.self) })
    }

    package mutating func text() -> String? {
        guard let count = count(), bytes.endIndex - offset >= count else { return nil }
        defer { offset += count }
        return String(decoding: bytes[offset..<offset + count], as: UTF8.self)
    }

    /// What `PartWriter.numbers` wrote; nil past the end. Copied in one go, not number by number:
    /// a patch build reads millions.
    package mutating func int32s() -> [Int32]? { numbers(Int32.self) }
    package mutating func uint64s() -> [UInt64]? { numbers(UInt64.self) }

    private mutating func numbers<N: FixedWidthInteger>(_: N.Type) -> [N]? {
        let size = MemoryLayout<N>.size
        guard let count = count(), count <= (bytes.endIndex - offset) / size else { return nil }
        let start = offset - bytes.startIndex
        offset += count * size
        let numbers = [N](unsafeUninitializedCapacity: count) { buffer, initialised in
            bytes.withUnsafeBytes { raw in
                UnsafeMutableRawBufferPointer(buffer).copyMemory(from: UnsafeRawBufferPointer(rebasing: raw[start..<start + count * size]))
            }
            initialised = count
        }
        return N.zero.littleEndian == N.zero && 1.littleEndian == 1 ? numbers : numbers.map { N(littleEndian: $0) }
    }

    /// Moves past the next `count` bytes; false when there are fewer.
    package mutating func skip(_ count: Int) -> Bool {
        guard count >= 0, bytes.endIndex - offset >= count else { return false }
        offset += count
        return true
    }

    /// The next `count` bytes (fewer past the end).
    package mutating func take(_ count: Int) -> Data {
        let end = min(offset + max(count, 0), bytes.endIndex)
        defer { offset = end }
        return bytes.subdata(in: offset..<end)
    }

    /// Everything not read yet.
    package mutating func rest() -> Data {
        defer { offset = bytes.endIndex }
        return bytes.subdata(in: offset..<bytes.endIndex)
    }
}
