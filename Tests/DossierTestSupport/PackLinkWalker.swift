import Foundation

/// Walks every HTML page of a pack the way a link checker would.
package struct PackLinkWalker {
    package struct Problem: Sendable, CustomStringConvertible, Hashable {
        package var page: String
        package var reference: String
        package var why: String
        package var description: String { "\(page): \(reference) (\(why))" }
    }

    package let root: URL

    package init(root: URL) { self.root = root }

    /// Every `.html` file in the pack, relative to its root, sorted.
    package func pages() -> [String] {
        let base = root.standardizedFileURL.path
        let enumerator = FileManager.default.enumerator(atPath: base)
        var found: [String] = []
        while let path = enumerator?.nextObject() as? String {
            if path.hasSuffix(".html") { found.append(path) }
        }
        return found.sorted()
    }

    /// `href`/`src` values of one page.
    package func references(in page: String) throws -> [String] {
        let html = try String(contentsOf: root.appendingPathComponent(page), encoding: .utf8)
        let pattern = try NSRegularExpression(pattern: #"\b(?:href|src)\s*=\s*"([^"]*)""#)
        let range = NSRange(html.startIndex..., in: html)
        return pattern.matches(in: html, range: range).compactMap { match in
            Range(match.range(at: 1), in: html).map { String(html[$0]).replacingOccurrences(of: "&amp;", with: "&") }
        }
    }

    /// Internal references that lead nowhere, and references that would load something from outside the pack.
    package func problems(allowingExternalLinks: Bool = true) throws -> [Problem] {
        var problems: [Problem] = []
        for page in pages() {
            let html = try String(contentsOf: root.appendingPathComponent(page), encoding: .utf8)
            for reference in try references(in: page) {
                if reference.hasPrefix("#") || reference.isEmpty { continue }
                if reference.contains(":") {
                    let isResource = html.contains("src=\"\(reference)\"") || html.contains("<link rel=\"stylesheet\" href=\"\(reference)\"")
                    if isResource || !allowingExternalLinks {
                        problems.append(Problem(page: page, reference: reference, why: "outside the pack"))
                    }
                    continue
                }
                let path = String(reference.prefix { $0 != "#" && $0 != "?" })
                let decoded = path.removingPercentEncoding ?? path
                let target = root.appendingPathComponent(page).deletingLastPathComponent().appendingPathComponent(decoded).standardizedFileURL
                if !target.path.hasPrefix(root.standardizedFileURL.path + "/") {
                    problems.append(Problem(page: page, reference: reference, why: "leaves the pack"))
                } else if !FileManager.default.fileExists(atPath: target.path) {
                    problems.append(Problem(page: page, reference: reference, why: "missing"))
                }
            }
        }
        return problems
    }

    /// Pages reachable from `start` by following `<a href>` links only, with every script removed:
    /// what a reader without JavaScript can get to.
    package func reachable(from start: String = "index.html") throws -> Set<String> {
        let anchor = try NSRegularExpression(pattern: ##"<a\b[^>]*\bhref\s*=\s*"([^"#?]*)[^"]*""##)
        let script = try NSRegularExpression(pattern: #"<script\b.*?</script>"#, options: [.dotMatchesLineSeparators])
        var seen: Set<String> = [start]
        var queue = [start]
        let base = root.standardizedFileURL.path + "/"
        while let page = queue.popLast() {
            var html = try String(contentsOf: root.appendingPathComponent(page), encoding: .utf8)
            html = script.stringByReplacingMatches(in: html, range: NSRange(html.startIndex..., in: html), withTemplate: "")
            for match in anchor.matches(in: html, range: NSRange(html.startIndex..., in: html)) {
                guard let range = Range(match.range(at: 1), in: html) else { continue }
                let reference = String(html[range])
                guard !reference.isEmpty, !reference.contains(":") else { continue }
                let decoded = reference.removingPercentEncoding ?? reference
                let target = root.appendingPathComponent(page).deletingLastPathComponent().appendingPathComponent(decoded).standardizedFileURL.path
                guard target.hasPrefix(base), target.hasSuffix(".html") else { continue }
                let relative = String(target.dropFirst(base.count))
                if seen.insert(relative).inserted { queue.append(relative) }
            }
        }
        return seen
    }
}
