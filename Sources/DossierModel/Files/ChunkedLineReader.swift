import Foundation

/// Reads a file of any size line by line in fixed-size chunks, so memory stays bounded: a line
/// longer than `maxLineBytes` is not held but reported by its length, and the reading goes on.
package struct ChunkedLineReader {
    package static let chunkSize = 1 << 20

    package enum Line {
        /// The line's bytes, without its `\n`, and its number from 1.
        case text(ArraySlice<UInt8>, number: Int)
        case tooLong(number: Int, bytes: Int)
        /// With `overlap` set, a window of a line longer than `maxLineBytes`, starting `offset` bytes into
        /// it; consecutive windows share `overlap` bytes, so nothing shorter than that is cut in two.
        case piece(ArraySlice<UInt8>, number: Int, offset: Int)
    }

    package var maxLineBytes: Int
    /// When set, an over-long line is handed over in overlapping windows instead of as `tooLong`
    /// (the secret scan must see every byte the readers might publish, whatever the line limit).
    package var overlap: Int? = nil

    package init(maxLineBytes: Int, overlap: Int? = nil) {
        self.maxLineBytes = maxLineBytes
        self.overlap = overlap
    }

    /// Calls `line` with each line until it returns false; the rest of the file is not read.
    package func read(_ bytes: FileBytes, line handle: (Line) -> Bool) {
        precondition(overlap.map { $0 < maxLineBytes } ?? true, "windows must move forward")
        var pending: [UInt8] = []
        var number = 1
        var reading = true
        var skippedBytes: Int?
        // Bytes of the current over-long line already handed over in windows (windowed mode only).
        var windowed = 0

        bytes.forEachChunk(size: Self.chunkSize) { data in
            // One copy of the chunk into an array; each line is then a slice of it, found with memchr.
            // (Slicing and searching Data itself went byte by byte and copied every line.)
            let chunk = [UInt8](data)
            var start = 0
            while reading, let newline = Self.newline(in: chunk, from: start) {
                if let skipped = skippedBytes {
                    reading = handle(.tooLong(number: number, bytes: skipped + (newline - start)))
                    skippedBytes = nil
                } else if pending.isEmpty, windowed == 0 {
                    reading = handle(.text(chunk[start..<newline], number: number))
                } else {
                    pending.append(contentsOf: chunk[start..<newline])
                    reading = windowed == 0 ? handle(.text(pending[...], number: number)) : handle(.piece(pending[...], number: number, offset: windowed))
                    pending.removeAll(keepingCapacity: true)
                    windowed = 0
                }
                number += 1
                start = newline + 1
            }
            guard reading else { return false }
            if let skipped = skippedBytes {
                skippedBytes = skipped + (chunk.count - start)
            } else {
                pending.append(contentsOf: chunk[start...])
                if let overlap {
                    // Hand over full windows, keeping the last `overlap` bytes to start the next one.
                    while reading, pending.count > maxLineBytes {
                        reading = handle(.piece(pending[..<maxLineBytes], number: number, offset: windowed))
                        let kept = maxLineBytes - overlap
                        pending.removeFirst(kept)
                        windowed += kept
                    }
                } else if pending.count > maxLineBytes {
                    skippedBytes = pending.count
                    pending.removeAll(keepingCapacity: false)
                }
            }
            return reading
        }
        guard reading else { return }
        if let skipped = skippedBytes {
            _ = handle(.tooLong(number: number, bytes: skipped))
        } else if windowed > 0 {
            _ = handle(.piece(pending[...], number: number, offset: windowed))
        } else if !pending.isEmpty {
            _ = handle(.text(pending[...], number: number))
        }
    }

    private static func newline(in chunk: [UInt8], from start: Int) -> Int? {
        guard start < chunk.count else { return nil }
        return chunk.withUnsafeBytes { bytes in
            memchr(bytes.baseAddress! + start, 0x0A, bytes.count - start).map { bytes.baseAddress!.distance(to: UnsafeRawPointer($0)) }
        }
    }
}
