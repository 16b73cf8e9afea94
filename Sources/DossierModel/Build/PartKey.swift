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
    package private(set) var data = Data()

    package init() {}

    package mutating func byte(_ value: UInt8) {
        data.append(value)
    }

    package mutating func count(_ value: Int) {
        let value = UInt32(clamping: value)
        for shift in stride(from: 0, to: 32, by: 8) { data.append(UInt8(truncatingIfNeeded: value >> UInt32(shift))) }
    }

    /// Eight bytes, little-endian: offsets into files larger than a count can hold.
    package mutating func number(_ value: Int) {
        let value = UInt64(bitPattern: Int64(value))
        for shift in stride(from: 0, to: 64, by: 8) { data.append(UInt8(truncatingIfNeeded: value >> UInt64(shift))) }
    }

    package mutating func text(_ text: String) {
        count(text.utf8.count)
        data.append(contentsOf: text.utf8)
    }

    package mutating func bytes(_ bytes: Data) {
        data.append(bytes)
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

    package mutating func byte() -> UInt8? {
        guard offset < bytes.endIndex else { return nil }
        defer { offset += 1 }
        return bytes[offset]
    }

    package mutating func count() -> Int? {
        guard bytes.endIndex - offset >= 4 else { return nil }
        var value: UInt32 = 0
        for shift in 0..<4 { value |= UInt32(bytes[offset + shift]) << (8 * shift) }
        offset += 4
        return Int(value)
    }

    /// What `PartWriter.number` wrote; nil past the end or for a negative value.
    package mutating func number() -> Int? {
        guard bytes.endIndex - offset >= 8 else { return nil }
        var value: UInt64 = 0
        for shift in 0..<8 { value |= UInt64(bytes[offset + shift]) << (8 * UInt64(shift)) }
        offset += 8
        let number = Int64(bitPattern: value)
        return number >= 0 ? Int(number) : nil
    }

    package mutating func text() -> String? {
        guard let count = count(), bytes.endIndex - offset >= count else { return nil }
        defer { offset += count }
        return String(decoding: bytes[offset..<offset + count], as: UTF8.self)
    }

    /// Everything not read yet.
    package mutating func rest() -> Data {
        defer { offset = bytes.endIndex }
        return bytes.subdata(in: offset..<bytes.endIndex)
    }
}
