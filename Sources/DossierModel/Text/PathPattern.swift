/// Shell-style patterns over evidence paths: `*` matches within one folder, `**` across folders,
/// `?` one character. Used where configuration names groups of files (`logs/app/*.jsonl`).
package struct PathPattern: Sendable, Hashable {
    package let pattern: [Character]

    package init(_ text: String) { pattern = Array(text) }

    package func matches(_ path: String) -> Bool { Self.match(pattern[...], Array(path)[...]) }

    private static func match(_ pattern: ArraySlice<Character>, _ path: ArraySlice<Character>) -> Bool {
        guard let head = pattern.first else { return path.isEmpty }
        if head == "*" {
            let crossesFolders = pattern.dropFirst().first == "*"
            var rest = pattern.dropFirst(crossesFolders ? 2 : 1)
            if crossesFolders && rest.first == "/" {
                // `**/` also matches no folder at all.
                if match(rest.dropFirst(), path) { return true }
                rest = pattern.dropFirst(2)
            }
            var index = path.startIndex
            while true {
                if match(rest, path[index...]) { return true }
                guard index < path.endIndex, crossesFolders || path[index] != "/" else { return false }
                index += 1
            }
        }
        guard let first = path.first, head == "?" ? first != "/" : head == first else { return false }
        return match(pattern.dropFirst(), path.dropFirst())
    }
}
