import DossierModel
import Foundation

/// What `assets/search-index.js` is written from: every page's entry, each distinct piece of text
/// once with the words it splits into, each word once with how often the pieces use it.
///
/// A build writes the index from it (`script`); a patch build keeps it beside the pack, replaces the
/// text of the pages it edits (`replaceText`) and writes the index again with the bytes a full build
/// would give: the codes depend only on how many references each piece has and where it is first
/// met, and on how often each word is used and its spelling, all of which the model keeps.
///
/// Pieces and words are looked up by their bytes (`exact`): a full build looks them up as Swift
/// Strings, equal when canonically equivalent, which is the same thing only for text in NFC.
package struct SearchModel: Sendable, Equatable {
    package struct Page: Sendable, Equatable {
        package var title: String
        package var kind: String
        /// From the pack's root.
        package var href: String
        /// Piece slots, in the page's order.
        package var pieces: [Int32]
    }

    package internal(set) var pages: [Page]
    /// By piece slot: where its words' slots start in `pieceWords` and how many there are, and how many
    /// references the pages make to it (0: a free slot). One flat array for every piece's words: a
    /// quarter of a million small arrays cost more to make, write and free than all the rest.
    var pieceStarts: [Int]
    var pieceLengths: [Int32]
    var pieceWords: [Int32]
    var shared: [Int32]
    /// By piece slot: the hash of its bytes (`key`), kept so that a patch build need not hash every piece again.
    var pieceKeys: [UInt64]
    /// By word slot: the word, and how many times the live pieces use it (0: a free slot).
    var words: [String]
    var uses: [Int32]
    /// Whether every piece is in NFC and is its words joined by single spaces, so that bytes tell
    /// pieces and words apart exactly as Strings do; a model that is not can be written, not patched.
    package internal(set) var exact: Bool

    /// Live piece and word slots in the codes' order (`order`); both empty until ordered.
    var pieceOrder: [Int32] = []
    var wordOrder: [Int32] = []
    /// Slots by the hash of their bytes, built when a page is first replaced.
    var pieceSlots: [UInt64: [Int32]] = [:]
    var wordSlots: [UInt64: [Int32]] = [:]

    package init(_ entries: [SearchIndex.Entry]) {
        // Sized for the pack up front, and words kept as Strings (most are under 16 bytes, so stored
        // inline): growing the tables and hashing substrings was most of the index's time.
        let pieceCount = entries.reduce(0) { $0 + ($1.text?.pieces.count ?? 0) }
        var pieceNumbers: [String: Int32] = Dictionary(minimumCapacity: pieceCount)
        var wordNumbers: [String: Int32] = Dictionary(minimumCapacity: pieceCount)
        pages = []
        pieceStarts = []
        pieceLengths = []
        pieceWords = []
        shared = []
        pieceKeys = []
        words = []
        uses = []
        exact = true
        pieceStarts.reserveCapacity(pieceCount)
        shared.reserveCapacity(pieceCount)
        for entry in entries {
            let pieces = (entry.text?.pieces ?? []).map { piece -> Int32 in
                if let number = pieceNumbers[piece] {
                    shared[Int(number)] += 1
                    // Met again in another spelling of the same characters (NFD after NFC): a full build
                    // keeps the first spelling it meets, which a patch could not tell.
                    if exact, !piece.utf8.allSatisfy({ $0 < 0x80 }), !Self.isExact(piece) { exact = false }
                    return number
                }
                let number = Int32(pieceStarts.count)
                pieceNumbers[piece] = number
                shared.append(1)
                pieceKeys.append(Self.key(piece.utf8))
                if exact, !Self.isExact(piece) { exact = false }
                // Pieces are cut at single spaces (whitespace is collapsed): cut on the byte, not by Character.
                pieceStarts.append(pieceWords.count)
                for bytes in piece.utf8.split(separator: UInt8(ascii: " ")) {
                    let word = String(Substring(bytes))
                    let slot = wordNumbers[word] ?? {
                        let slot = Int32(words.count)
                        wordNumbers[word] = slot
                        words.append(word)
                        uses.append(0)
                        return slot
                    }()
                    uses[Int(slot)] += 1
                    pieceWords.append(slot)
                }
                pieceLengths.append(Int32(pieceWords.count - pieceStarts[Int(number)]))
                return number
            }
            pages.append(Page(title: entry.title, kind: entry.kind, href: entry.href, pieces: pieces))
        }
    }

    /// In NFC, with no space but single ones between words: its bytes are its identity, and its words
    /// joined by spaces give it back.
    static func isExact(_ piece: String) -> Bool {
        let bytes = piece.utf8
        guard bytes.first != 0x20, bytes.last != 0x20, !piece.contains("  ") else { return false }
        return bytes.allSatisfy { $0 < 0x80 } || bytes.elementsEqual(piece.precomposedStringWithCanonicalMapping.utf8)
    }

    /// Where each piece is first met, page by page (a rank; -1 for a free slot): ties in reference
    /// counts keep that order.
    func firstMet() -> [Int32] {
        var first = [Int32](repeating: -1, count: pieceStarts.count)
        var met: Int32 = 0
        for page in pages {
            for piece in page.pieces where first[Int(piece)] < 0 {
                first[Int(piece)] = met
                met += 1
            }
        }
        return first
    }

    /// The commonest words and the pieces most pages share get the shortest codes; ties in first-met
    /// or alphabetical order, so the bytes depend only on the pages. Each order is strict and total.
    func pieceBefore(_ first: [Int32]) -> (Int32, Int32) -> Bool {
        { (shared[Int($0)], first[Int($1)]) > (shared[Int($1)], first[Int($0)]) }
    }

    func wordBefore(_ one: Int32, _ other: Int32) -> Bool {
        (uses[Int(one)], words[Int(other)]) > (uses[Int(other)], words[Int(one)])
    }

    /// The codes' orders made and kept in the model, so that after `replaceText` only the pieces and
    /// words it touched need to find their places again (sorting every word was a tenth of a patch build).
    package mutating func order() {
        let before = pieceBefore(firstMet())
        pieceOrder = shared.indices.filter { shared[$0] > 0 }.map(Int32.init).sorted(by: before)
        wordOrder = words.indices.filter { uses[$0] > 0 }.map(Int32.init).sorted(by: wordBefore)
    }

    /// The index's script, as `SearchIndex.script` documents it.
    package func script() -> String {
        var model = self
        if wordOrder.isEmpty && pieceOrder.isEmpty { model.order() }
        return model.written()
    }

    func written() -> String {
        let pieceRank = Self.ranks(pieceOrder, slots: pieceStarts.count), wordRank = Self.ranks(wordOrder, slots: words.count)

        var out: [UInt8] = []
        func add(_ text: String) { out.append(contentsOf: text.utf8) }
        add("// Generated by Dossier: the pack's search index, read by dossier.js (see SearchIndex.swift for the format).\n")
        add("window.DOSSIER_SEARCH = {\"format\": 2,\n\"words\": [\n")
        // One string a line: the secret check reads the file line by line.
        for (rank, slot) in wordOrder.enumerated() {
            if rank > 0 { add(",\n") }
            SearchIndex.json(Substring(words[Int(slot)]), into: &out)
        }
        add("],\n\"pieces\": [\n")
        for (rank, slot) in pieceOrder.enumerated() {
            add(rank > 0 ? ",\n\"" : "\"")
            for word in wordsOf(Int(slot)) { SearchCodes.encode(wordRank[Int(word)], into: &out) }
            add("\"")
        }
        add("],\n\"pages\": [\n")
        for (index, page) in pages.enumerated() {
            add(index > 0 ? ",\n{\"title\":" : "{\"title\":")
            SearchIndex.json(Substring(page.title), into: &out)
            add(",\"kind\":")
            SearchIndex.json(Substring(page.kind), into: &out)
            add(",\"href\":")
            SearchIndex.json(Substring(page.href), into: &out)
            add(",\"text\":\"")
            for piece in page.pieces { SearchCodes.encode(pieceRank[Int(piece)], into: &out) }
            add("\"}")
        }
        add("]};\n")
        return String(decoding: out, as: UTF8.self)
    }

    func wordsOf(_ slot: Int) -> ArraySlice<Int32> {
        pieceWords[pieceStarts[slot]..<pieceStarts[slot] + Int(pieceLengths[slot])]
    }

    /// The rank of each slot in `order` (free slots have none).
    static func ranks(_ order: [Int32], slots: Int) -> [Int] {
        var rank = [Int](repeating: 0, count: slots)
        for (position, slot) in order.enumerated() { rank[Int(slot)] = position }
        return rank
    }
}
