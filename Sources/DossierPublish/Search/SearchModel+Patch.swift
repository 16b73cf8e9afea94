import Foundation

/// Replacing a page's text in a kept model, as a patch build does.
extension SearchModel {
    /// Gives the page at `href` the text `text`, as a full build of the edited pages would have met
    /// it; false, the model unchanged, when the model is not `exact`, there is no such page, or the new
    /// text is not exact either.
    package mutating func replaceText(of href: String, with text: SearchText?) -> Bool {
        let pieces = text?.pieces ?? []
        guard exact, pieces.allSatisfy(Self.isExact), let index = pages.firstIndex(where: { $0.href == href }) else { return false }
        if pieceSlots.isEmpty, !indexSlots() {
            exact = false
            return false
        }
        var touchedWords: Set<Int32> = []
        for slot in pages[index].pieces where release(Int(slot)) { touchedWords.formUnion(wordsOf(Int(slot))) }
        var slots: [Int32] = []
        for piece in pieces {
            let (slot, fresh) = retain(piece)
            if fresh { touchedWords.formUnion(wordsOf(Int(slot))) }
            slots.append(slot)
        }
        let touchedPieces = Set(pages[index].pieces + slots)
        pages[index].pieces = slots
        if !wordOrder.isEmpty || !pieceOrder.isEmpty { reorder(pieces: touchedPieces, words: touchedWords) }
        return true
    }

    /// Puts the touched pieces and words back in their places in the kept orders. Every other one kept
    /// its count and (for a piece) the page and place it is first met at, so the orders without the
    /// touched ones are still sorted, and inserting each touched one where it belongs gives the order a
    /// full sort would.
    mutating func reorder(pieces: Set<Int32>, words touched: Set<Int32>) {
        let before = pieceBefore(firstMet())
        pieceOrder.removeAll { pieces.contains($0) }
        for slot in pieces.sorted() where shared[Int(slot)] > 0 {
            pieceOrder.insert(slot, at: Self.place(of: slot, in: pieceOrder, by: before))
        }
        wordOrder.removeAll { touched.contains($0) }
        for slot in touched.sorted() where uses[Int(slot)] > 0 {
            wordOrder.insert(slot, at: Self.place(of: slot, in: wordOrder, by: wordBefore))
        }
    }

    /// The first position in sorted `order` whose slot does not come before `slot`.
    static func place(of slot: Int32, in order: [Int32], by before: (Int32, Int32) -> Bool) -> Int {
        var (low, high) = (0, order.count)
        while low < high {
            let middle = (low + high) / 2
            if before(order[middle], slot) { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// Indexes the slots by their bytes' hash; false when two slots hold the same bytes, which no build
    /// writes (a model read back damaged), and the model is then not patched.
    mutating func indexSlots() -> Bool {
        pieceSlots.reserveCapacity(pieceStarts.count)
        for slot in pieceStarts.indices where shared[slot] > 0 {
            let same = pieceSlots[pieceKeys[slot], default: []]
            guard !same.contains(where: { joined(Int($0)) == joined(slot) }) else { return false }
            pieceSlots[pieceKeys[slot], default: []].append(Int32(slot))
        }
        wordSlots.reserveCapacity(words.count)
        for slot in words.indices where uses[slot] > 0 {
            let key = Self.key(words[slot].utf8)
            guard !(wordSlots[key] ?? []).contains(where: { words[Int($0)].utf8.elementsEqual(words[slot].utf8) }) else { return false }
            wordSlots[key, default: []].append(Int32(slot))
        }
        return true
    }

    /// One reference fewer to the piece; a piece no page refers to any more frees its slot and its words' uses.
    @discardableResult
    mutating func release(_ slot: Int) -> Bool {
        shared[slot] -= 1
        guard shared[slot] == 0 else { return false }
        pieceSlots[pieceKeys[slot]]?.removeAll { $0 == Int32(slot) }
        for word in wordsOf(slot) {
            uses[Int(word)] -= 1
            if uses[Int(word)] == 0 { wordSlots[Self.key(words[Int(word)].utf8)]?.removeAll { $0 == word } }
        }
        return true
    }

    /// The piece's slot, one reference more; a new piece takes a new slot and counts its words.
    mutating func retain(_ piece: String) -> (slot: Int32, fresh: Bool) {
        let key = Self.key(piece.utf8)
        if let slot = pieceSlots[key]?.first(where: { joined(Int($0)).elementsEqual(piece.utf8) }) {
            shared[Int(slot)] += 1
            return (slot, false)
        }
        let slot = Int32(pieceStarts.count)
        pieceStarts.append(pieceWords.count)
        for bytes in piece.utf8.split(separator: UInt8(ascii: " ")) {
            let word = String(Substring(bytes))
            let wordKey = Self.key(word.utf8)
            let found = wordSlots[wordKey]?.first { words[Int($0)].utf8.elementsEqual(word.utf8) }
            let wordSlot = found ?? {
                let fresh = Int32(words.count)
                words.append(word)
                uses.append(0)
                wordSlots[wordKey, default: []].append(fresh)
                return fresh
            }()
            uses[Int(wordSlot)] += 1
            pieceWords.append(wordSlot)
        }
        pieceLengths.append(Int32(pieceWords.count - pieceStarts[Int(slot)]))
        shared.append(1)
        pieceKeys.append(key)
        pieceSlots[key, default: []].append(slot)
        return (slot, true)
    }

    /// The piece's bytes, from its words (an exact model's pieces are their words joined by spaces).
    func joined(_ slot: Int) -> [UInt8] {
        var bytes: [UInt8] = []
        for (position, word) in wordsOf(slot).enumerated() {
            if position > 0 { bytes.append(0x20) }
            bytes.append(contentsOf: words[Int(word)].utf8)
        }
        return bytes
    }

    static let basis: UInt64 = 0xcbf2_9ce4_8422_2325

    static func step(_ hash: UInt64, _ byte: UInt8) -> UInt64 {
        (hash ^ UInt64(byte)) &* 0x100_0000_01b3
    }

    /// FNV-1a over the bytes: slots are confirmed by comparing bytes, so a collision costs only a comparison.
    static func key(_ bytes: some Sequence<UInt8>) -> UInt64 {
        bytes.reduce(basis, step)
    }
}
