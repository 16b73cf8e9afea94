import DossierModel
import Foundation

/// A table with a column headed like a secret (`| Account | Password |` in Markdown, `username,password`
/// in a CSV export) holds one in each row's cell of that column, though no line of its bytes pairs
/// the name with the value: each such cell is read as `Password: <cell>`, at its row's line.
package enum TableAssignments {
    /// The files whose tables are read: Markdown, CSV and plain text (a JSON or YAML file's names and
    /// values are read from its tree, a log's from its events).
    private static let extensions: Set<String> = ["md", "markdown", "csv", "tsv", "txt"]

    package static func lines(in data: Data, path: String) -> [(text: String, location: SourceLocation?)] {
        let suffix = path.split(separator: ".").last.map { $0.lowercased() } ?? ""
        guard extensions.contains(suffix) else { return [] }
        let csv = suffix == "csv" || suffix == "tsv"
        let separator = UInt8(ascii: suffix == "tsv" ? "\t" : csv ? "," : "|")
        guard data.contains(separator) else { return [] }
        var found: [(text: String, location: SourceLocation?)] = []
        var header: (names: [String], secret: [Int])?
        var inTable = false
        var lowered: [UInt8] = []
        // As an array: splitting and reading `Data` byte by byte cost ten times as much.
        let bytes = [UInt8](data)
        for (index, line) in bytes.split(separator: 0x0A, omittingEmptySubsequences: false).enumerated() {
            guard line.contains(separator) else {
                (header, inTable) = (nil, false)
                continue
            }
            // Only a table's first row is its header (a CSV file's first line): a row that says
            // `Shared secret` is a value, not a column's name.
            let firstRow = !inTable && (!csv || index == 0)
            inTable = true
            guard let known = header else {
                guard firstRow else { continue }
                // Most tables name no secret: a header is split into cells only when it holds a secret's word.
                lowered.removeAll(keepingCapacity: true)
                lowered.append(contentsOf: line.lazy.map(SecretPrefixIndex.lower))
                let holds = lowered.withUnsafeBytes { low in
                    Self.words.contains { word in word.withUnsafeBytes { ByteSearch.contains(low, $0) } }
                }
                guard holds else { continue }
                let cells = Self.cells(of: line, separator: separator, trimmingEdges: !csv)
                let secret = cells.indices.filter { Self.namesSecret(cells[$0]) }
                header = cells.count < 2 || secret.isEmpty ? nil : (cells, secret)
                continue
            }
            let cells = Self.cells(of: line, separator: separator, trimmingEdges: !csv)
            // Markdown's delimiter row (`|---|:--:|`).
            if cells.allSatisfy({ !$0.isEmpty && $0.allSatisfy { "-: ".contains($0) } }) { continue }
            for column in known.secret where column < cells.count && !cells[column].isEmpty {
                found.append(("\(Self.assignable(known.names[column])): \(cells[column])", SourceLocation(line: index + 1, column: 1)))
            }
        }
        return found
    }

    private static func cells(of line: ArraySlice<UInt8>, separator: UInt8, trimmingEdges: Bool) -> [String] {
        var cells = line.split(separator: separator, omittingEmptySubsequences: false).map { bytes in
            String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines.union(.init(charactersIn: "\"`*")))
        }
        if trimmingEdges {
            if cells.first?.isEmpty == true { cells.removeFirst() }
            if cells.last?.isEmpty == true { cells.removeLast() }
        }
        return cells
    }

    /// The words a secret's column header holds, lowered (`namesSecret` judges the header itself).
    private static let words: [[UInt8]] = ["passw", "passphrase", "pwd", "psk", "secret", "token", "key"].map { Array($0.utf8) }

    /// The header as a name an assignment can have: `API key` → `api_key`.
    private static func assignable(_ header: String) -> String {
        header.lowercased().split { !$0.isLetter && !$0.isNumber }.joined(separator: "_")
    }

    /// A header such as `Password`, `API key`, `client_secret` (a short name, not a sentence).
    private static func namesSecret(_ header: String) -> Bool {
        guard header.count <= 40 else { return false }
        let name = assignable(header)
        let words = SecretDetector.nameWords(name)
        // `Pass` alone heads test results (`| Suite | Pass | Fail |`), not passwords.
        return words.contains { ["password", "passwd", "passphrase", "pwd", "secret", "token", "psk"].contains($0) }
            || name.contains("api_key") || name.contains("apikey") || name.contains("access_key") || name.contains("private_key")
    }
}
