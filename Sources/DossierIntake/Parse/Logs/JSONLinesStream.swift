import DossierModel
import Foundation

/// Reads a JSON Lines file in fixed-size chunks, handing each non-blank line to a callback, so a file
/// of any size is read in bounded memory.
package struct JSONLinesStream {
    package var maxLineBytes: Int

    package enum Line {
        case record(JSONNode)
        case malformed(JSONSyntaxError)
        case tooLong(line: Int, bytes: Int)
    }

    /// Calls `handle` for each line in order; `handle` returns false to stop.
    package func read(_ bytes: FileBytes, handle: (Line) -> Bool) {
        var atStart = true
        ChunkedLineReader(maxLineBytes: maxLineBytes).read(bytes) { line in
            switch line {
            case .tooLong(let number, let bytes):
                atStart = false
                return handle(.tooLong(line: number, bytes: bytes))
            case .piece:
                return true  // windows come only in the secret scan's mode (`overlap`), never here
            case .text(var bytes, let number):
                if atStart {
                    atStart = false
                    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
                }
                if bytes.last == 0x0D { bytes = bytes.dropLast() }
                guard bytes.contains(where: { $0 != 0x20 && $0 != 0x09 }) else { return true }
                let node: JSONNode
                do throws(JSONSyntaxError) {
                    node = try JSONReader().read(bytes, startingAt: SourceLocation(line: number, column: 1))
                } catch {
                    return handle(.malformed(error))
                }
                return handle(.record(node))
            }
        }
    }
}
