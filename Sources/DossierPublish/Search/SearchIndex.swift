import Foundation

/// `assets/search-index.js`: every page's title, kind, address and searchable text (`SearchText`),
/// as a script that sets `window.DOSSIER_SEARCH` (browsers refuse to fetch a JSON file over `file://`).
///
/// The text is stored twice over compactly: each distinct piece once for the whole pack (a finding
/// shown on a control page and on its evidence page is one piece), and each piece as codes into one
/// dictionary of words, the commonest words the shortest codes. A page lists its pieces' codes.
/// At 10 000 files this is 7 % of the pack's HTML (docs/performance.md); dossier.js decodes it once,
/// when a reader first uses the search box.
package enum SearchIndex {
    package struct Entry: Sendable, Equatable {
        package var title: String
        package var kind: String
        /// From the pack's root.
        package var href: String
        package var text: SearchText?

        package init(title: String, kind: String, href: String, text: SearchText?) {
            self.title = title
            self.kind = kind
            self.href = href
            self.text = text
        }
    }

    package static func script(_ entries: [Entry]) -> String {
        SearchModel(entries).script()
    }

    /// A JSON string; `<` escaped so that a title such as `</script>` could not end a script element
    /// if the index were ever inlined, and the line separators JavaScript once refused.
    static func json(_ text: Substring, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        // Most words are printable ASCII with nothing to escape: copied as they are.
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\") && $0 != UInt8(ascii: "<") }) {
            out.append(contentsOf: text.utf8)
            out.append(UInt8(ascii: "\""))
            return
        }
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out.append(contentsOf: #"\""#.utf8)
            case "\\": out.append(contentsOf: #"\\"#.utf8)
            case "<": out.append(contentsOf: #"\u003c"#.utf8)
            case "\u{2028}", "\u{2029}", "\u{0}"..."\u{1F}": out.append(contentsOf: String(format: "\\u%04x", scalar.value).utf8)
            default: if scalar.isASCII { out.append(UInt8(truncatingIfNeeded: scalar.value)) } else { out.append(contentsOf: String(scalar).utf8) }
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}

/// Numbers written as short codes with no separator: a code is any number of continuation characters
/// then one final letter. Letters and a few marks only, no digit, `@`, `.`, `-`, `_`, `:` or `=`, so
/// that no run of codes can look like an e-mail address, a phone or card number, or a token or an
/// assignment to the personal-data redactor and the secret check, which read this file like any other.
package enum SearchCodes {
    static let finals = Array("abcdefghijklmnopqrstuvwxyz")
    static let continuations = Array("!#$(),;?[]^`{|}")
    private static let finalBytes = Array("abcdefghijklmnopqrstuvwxyz".utf8)
    private static let continuationBytes = Array("!#$(),;?[]^`{|}".utf8)

    package static func encode(_ number: Int) -> String {
        var bytes: [UInt8] = []
        encode(number, into: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends the code of `number`: its continuation characters most significant first, then its final letter.
    static func encode(_ number: Int, into out: inout [UInt8]) {
        let start = out.count
        var value = number / finalBytes.count
        while value > 0 {
            value -= 1
            out.append(continuationBytes[value % continuationBytes.count])
            value /= continuationBytes.count
        }
        var (low, high) = (start, out.count - 1)
        while low < high {
            out.swapAt(low, high)
            (low, high) = (low + 1, high - 1)
        }
        out.append(finalBytes[number % finalBytes.count])
    }

    /// The numbers of a string of codes (what dossier.js does when it loads the index).
    package static func decode(_ codes: String) -> [Int] {
        var numbers: [Int] = []
        var prefix = 0
        for character in codes {
            if let digit = continuations.firstIndex(of: character) {
                prefix = prefix * continuations.count + digit + 1
            } else if let digit = finals.firstIndex(of: character) {
                numbers.append(prefix * finals.count + digit)
                prefix = 0
            }
        }
        return numbers
    }
}
