import DossierModel
import Foundation

/// The searchable text of one published page, read from its HTML after redaction and the secret
/// check: the index can hold nothing the page does not show, and nothing the redactor removed.
///
/// The text is the page's `<main>` without markup, cut into pieces of a sentence or so at block
/// elements (cells, items, paragraphs, a graph's labels). A piece is kept only when it brings a word
/// the page's earlier pieces did not: every word of the page is still found, with its context, but a
/// note that repeats its vocabulary is not stored whole (its full text was 56 % of the HTML at 10 000
/// files, see docs/performance.md).
package struct SearchText: Sendable, Equatable {
    /// The text of the page's first `<h1>`.
    package var heading: String
    /// Kept pieces, in page order, whitespace collapsed.
    package var pieces: [String]

    /// Pieces end at the last space before this many bytes (a longer word stands alone).
    static let pieceLength = 120

    package init(heading: String, pieces: [String]) {
        self.heading = heading
        self.pieces = pieces
    }

    package init(html: Data) {
        var heading: String?
        // Words are compared by a hash of their normalised bytes: nine million words at 10 000 files,
        // and a String or an array made for each cost seconds.
        var seen = Set<UInt64>()
        var kept: [String] = []
        HTMLText.forEachBlock(in: html) { block, isHeading in
            if isHeading, heading == nil { heading = String(decoding: block, as: UTF8.self) }
            Self.forEachPiece(of: block) { piece in
                var fresh = false
                var start = piece.startIndex
                while start < piece.endIndex {
                    let end = piece[start...].firstIndex(of: 0x20) ?? piece.endIndex
                    if seen.insert(Self.key(piece[start..<end])).inserted { fresh = true }
                    start = end + 1
                }
                if fresh { kept.append(String(decoding: piece, as: UTF8.self)) }
            }
        }
        self.heading = heading ?? ""
        pieces = kept
    }

    /// A block cut at spaces into runs of at most `pieceLength` bytes (or one longer word).
    static func forEachPiece(of block: [UInt8], _ body: (ArraySlice<UInt8>) -> Void) {
        var start = 0
        while start < block.count {
            var end = min(start + pieceLength, block.count)
            if end < block.count, block[end] != 0x20 {
                // Back to the last space inside the run; with none, on to the end of the long word.
                if let space = block[start..<end].lastIndex(of: 0x20), space > start {
                    end = space
                } else {
                    end = block[end...].firstIndex(of: 0x20) ?? block.count
                }
            }
            body(block[start..<end])
            start = end + 1
        }
    }

    /// FNV-1a of a word lowercased (ASCII) and without the ASCII punctuation around it, so that
    /// `Zendesk,` and `zendesk` are one word to the novelty test.
    static func key(_ word: ArraySlice<UInt8>) -> UInt64 {
        func punctuation(_ byte: UInt8) -> Bool {
            (0x21...0x2F).contains(byte) || (0x3A...0x40).contains(byte) || (0x5B...0x60).contains(byte) || (0x7B...0x7E).contains(byte)
        }
        var core = word
        while let first = core.first, punctuation(first) { core = core.dropFirst() }
        while let last = core.last, punctuation(last) { core = core.dropLast() }
        if core.isEmpty { core = word }
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in core {
            hash = (hash ^ UInt64((0x41...0x5A).contains(byte) ? byte | 0x20 : byte)) &* 0x100_0000_01b3
        }
        return hash
    }
}

/// Collects the pages' text as they are finished, from the renderer's worker threads.
package final class SearchTexts: @unchecked Sendable {
    private let lock = NSLock()
    private var byPath: [String: SearchText] = [:]

    package init() {}

    /// Reads a finished page (redacted, checked for secrets) before it is stored away.
    package func add(_ file: RenderedFile) {
        guard file.path.hasSuffix(".html"), file.stored == nil else { return }
        add(file.path, SearchText(html: file.contents))
    }

    package func add(_ path: String, _ text: SearchText) {
        lock.withLock { byPath[path] = text }
    }

    package var pages: [String: SearchText] { lock.withLock { byPath } }
}
