import Foundation

/// Reads a file of any size line by line in fixed-size chunks, so memory stays bounded: a line
/// longer than `maxLineBytes` is not held but reported by its length, and the reading goes on.
struct ChunkedLineReader {
    static let chunkSize = 1 << 20

    enum Line {
        /// The line's bytes, without its `\n`, and its number from 1.
        case text(ArraySlice<UInt8>, number: Int)
        case tooLong(number: Int, bytes: Int)
    }

    var maxLineBytes: Int

    /// Calls `chunk` with every chunk read (for hashing) and `line` with each line until it returns false;
    /// after that, chunks are still read and passed on, lines no longer split.
    func read(_ url: URL, chunk onChunk: (Data) -> Void = { _ in }, line handle: (Line) -> Bool) throws {
        let file = try FileHandle(forReadingFrom: url)
        defer { try? file.close() }
        var pending: [UInt8] = []
        var number = 1
        var reading = true
        var skippedBytes: Int?

        while let chunk = try file.read(upToCount: Self.chunkSize), !chunk.isEmpty {
            onChunk(chunk)
            guard reading else { continue }
            var start = chunk.startIndex
            while reading, let newline = chunk[start...].firstIndex(of: 0x0A) {
                if let skipped = skippedBytes {
                    reading = handle(.tooLong(number: number, bytes: skipped + (newline - start)))
                    skippedBytes = nil
                } else if pending.isEmpty {
                    reading = handle(.text(ArraySlice(chunk[start..<newline]), number: number))
                } else {
                    pending.append(contentsOf: chunk[start..<newline])
                    reading = handle(.text(pending[...], number: number))
                    pending.removeAll(keepingCapacity: true)
                }
                number += 1
                start = newline + 1
            }
            guard reading else { continue }
            if let skipped = skippedBytes {
                skippedBytes = skipped + (chunk.endIndex - start)
            } else {
                pending.append(contentsOf: chunk[start...])
                if pending.count > maxLineBytes {
                    skippedBytes = pending.count
                    pending.removeAll(keepingCapacity: false)
                }
            }
        }
        guard reading else { return }
        if let skipped = skippedBytes {
            _ = handle(.tooLong(number: number, bytes: skipped))
        } else if !pending.isEmpty {
            _ = handle(.text(pending[...], number: number))
        }
    }
}
