import Crypto
import Foundation

/// Reads a JSON Lines file in fixed-size chunks, handing each non-blank line to a callback and
/// hashing every byte on the way, so a file of any size is read once in bounded memory.
struct JSONLinesStream {
    static let chunkSize = 1 << 20

    var maxLineBytes: Int

    enum Line {
        case record(JSONNode)
        case malformed(JSONSyntaxError)
        case tooLong(line: Int, bytes: Int)
    }

    /// Calls `handle` for each line in order and returns the file's SHA-256. `handle` returns false to
    /// stop parsing (the rest is still hashed).
    func read(_ url: URL, handle: (Line) -> Bool) throws -> String {
        let file = try FileHandle(forReadingFrom: url)
        defer { try? file.close() }
        var hasher = SHA256()
        var pending: [UInt8] = []
        var lineNumber = 1
        var parsing = true
        var skippingLongLine = false
        var longLineBytes = 0
        var atStart = true

        func finish(_ bytes: ArraySlice<UInt8>) {
            defer { lineNumber += 1 }
            guard parsing else { return }
            var line = bytes
            if atStart {
                atStart = false
                if line.starts(with: [0xEF, 0xBB, 0xBF]) { line = line.dropFirst(3) }
            }
            if line.last == 0x0D { line = line.dropLast() }
            guard line.contains(where: { $0 != 0x20 && $0 != 0x09 }) else { return }
            do {
                let node = try JSONReader().read(line, startingAt: SourceLocation(line: lineNumber, column: 1))
                parsing = handle(.record(node))
            } catch {
                parsing = handle(.malformed(error))
            }
        }

        while let chunk = try file.read(upToCount: Self.chunkSize), !chunk.isEmpty {
            hasher.update(data: chunk)
            guard parsing else { continue }
            var start = chunk.startIndex
            while let newline = chunk[start...].firstIndex(of: 0x0A) {
                if skippingLongLine {
                    longLineBytes += newline - start
                    parsing = handle(.tooLong(line: lineNumber, bytes: longLineBytes))
                    skippingLongLine = false
                    lineNumber += 1
                } else if pending.isEmpty {
                    finish(ArraySlice(chunk[start..<newline]))
                } else {
                    pending.append(contentsOf: chunk[start..<newline])
                    finish(pending[...])
                    pending.removeAll(keepingCapacity: true)
                }
                start = newline + 1
            }
            if skippingLongLine {
                longLineBytes += chunk.endIndex - start
            } else {
                pending.append(contentsOf: chunk[start...])
                if pending.count > maxLineBytes {
                    skippingLongLine = true
                    longLineBytes = pending.count
                    pending.removeAll(keepingCapacity: false)
                }
            }
        }
        if skippingLongLine {
            _ = handle(.tooLong(line: lineNumber, bytes: longLineBytes))
        } else if !pending.isEmpty {
            finish(pending[...])
        }
        return ContentHash.hex(hasher.finalize())
    }
}
