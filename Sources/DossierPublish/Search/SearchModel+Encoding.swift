import DossierModel
import Foundation

/// The model as a patch build keeps it beside the pack (`PatchRecord`).
extension SearchModel {
    static let version: UInt8 = 1

    /// The model as a patch build keeps it, ordered, free slots left out.
    package func encoded() -> Data {
        guard !wordOrder.isEmpty || !pieceOrder.isEmpty else {
            var ordered = self
            ordered.order()
            return ordered.encoded()
        }
        var wordNumber = [Int32](repeating: -1, count: words.count)
        var writer = PartWriter()
        writer.byte(Self.version)
        writer.byte(exact ? 1 : 0)
        let liveWords = words.indices.filter { uses[$0] > 0 }
        writer.count(liveWords.count)
        for (number, slot) in liveWords.enumerated() {
            wordNumber[slot] = Int32(number)
            writer.text(words[slot])
        }
        var pieceNumber = [Int32](repeating: -1, count: pieceStarts.count)
        let livePieces = pieceStarts.indices.filter { shared[$0] > 0 }
        writer.numbers(livePieces.map { pieceKeys[$0] })
        writer.numbers(livePieces.map { pieceLengths[$0] })
        var flat: [Int32] = []
        flat.reserveCapacity(pieceWords.count)
        for (number, slot) in livePieces.enumerated() {
            pieceNumber[slot] = Int32(number)
            for word in wordsOf(slot) { flat.append(wordNumber[Int(word)]) }
        }
        writer.numbers(flat)
        writer.count(pages.count)
        for page in pages {
            writer.text(page.title)
            writer.text(page.kind)
            writer.text(page.href)
            writer.numbers(page.pieces.map { pieceNumber[Int($0)] })
        }
        writer.numbers(pieceOrder.map { pieceNumber[Int($0)] })
        writer.numbers(wordOrder.map { wordNumber[Int($0)] })
        return writer.data
    }

    /// The model `encoded` wrote; nil when the bytes are not one this version wrote whole and sound
    /// (every number in range, every count what the references say).
    package init?(encoded data: Data) {
        var reader = PartReader(data)
        guard reader.byte() == Self.version, let flag = reader.byte(), flag <= 1, let wordCount = reader.count(), wordCount <= data.count else { return nil }
        exact = flag == 1
        words = []
        words.reserveCapacity(wordCount)
        for _ in 0..<wordCount {
            guard let word = reader.text() else { return nil }
            // A model kept as exact holds no word out of NFC (checked again: it is not trusted).
            if exact, !word.utf8.allSatisfy({ $0 < 0x80 }), !word.utf8.elementsEqual(word.precomposedStringWithCanonicalMapping.utf8) { return nil }
            words.append(word)
        }
        uses = [Int32](repeating: 0, count: wordCount)
        guard let keys = reader.uint64s(), let lengths = reader.int32s(), let flat = reader.int32s(),
              lengths.count == keys.count, lengths.allSatisfy({ $0 >= 0 }), lengths.reduce(0, { $0 + Int($1) }) == flat.count else { return nil }
        pieceKeys = keys
        pieceLengths = lengths
        pieceWords = flat
        pieceStarts = []
        pieceStarts.reserveCapacity(keys.count)
        var start = 0
        for length in lengths {
            pieceStarts.append(start)
            start += Int(length)
        }
        for word in flat {
            guard word >= 0, Int(word) < wordCount else { return nil }
            uses[Int(word)] += 1
        }
        shared = [Int32](repeating: 0, count: keys.count)
        guard let pageCount = reader.count(), pageCount <= data.count else { return nil }
        pages = []
        pages.reserveCapacity(pageCount)
        for _ in 0..<pageCount {
            guard let title = reader.text(), let kind = reader.text(), let href = reader.text(), let list = reader.int32s() else { return nil }
            for piece in list {
                guard piece >= 0, Int(piece) < keys.count else { return nil }
                shared[Int(piece)] += 1
            }
            pages.append(Page(title: title, kind: kind, href: href, pieces: list))
        }
        // Every word kept is used and every piece referred to: `encoded` writes nothing else.
        guard let pieceOrder = reader.int32s(), let wordOrder = reader.int32s(), reader.atEnd, !uses.contains(0), !shared.contains(0)
        else { return nil }
        // The orders kept are checked, not trusted: each a sorted arrangement of every slot.
        let before = pieceBefore(firstMet())
        guard Self.isSorted(pieceOrder, count: keys.count, by: before), Self.isSorted(wordOrder, count: wordCount, by: wordBefore) else { return nil }
        self.pieceOrder = pieceOrder
        self.wordOrder = wordOrder
    }

    /// Whether `order` holds each of `count` slots, each coming before the next.
    static func isSorted(_ order: [Int32], count: Int, by before: (Int32, Int32) -> Bool) -> Bool {
        guard order.count == count, order.allSatisfy({ $0 >= 0 && Int($0) < count }) else { return false }
        return zip(order, order.dropFirst()).allSatisfy { before($0, $1) }
    }
}
