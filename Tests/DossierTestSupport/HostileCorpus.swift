import Foundation

/// `Tests/Fixtures/hostile/` copied into `evidence/` of a temporary folder, plus the cases that
/// cannot be committed: invalid UTF-8, NUL bytes and a symbolic link to `/etc/passwd`.
package enum HostileCorpus {
    package static let fixtures = Repository.root.appendingPathComponent("Tests/Fixtures/hostile")

    package static func make() throws -> TemporaryFolder {
        let folder = try TemporaryFolder()
        let evidence = folder.subfolder("evidence")
        try FileManager.default.copyItem(at: fixtures, to: evidence)
        try folder.write(Data("# Invalid \u{FF}\n\nbytes \u{00}".utf8) + Data([0xC3, 0x28, 0x0A, 0xFF, 0xFE]), to: "evidence/invalid-utf8.md")
        try folder.write(Data([0x61, 0x00, 0x62, 0x0D, 0x0A]), to: "evidence/nul.txt")
        try FileManager.default.createSymbolicLink(
            at: evidence.appendingPathComponent("passwd-link"), withDestinationURL: URL(fileURLWithPath: "/etc/passwd"))
        return folder
    }

    /// A payload ran when the page's title became the canary word or the document gained `data-fired`.
    /// The payloads build both words at run time (`'CAN'+'ARY'`), so escaped payload text never matches.
    package static func canaryFired(in html: String) -> Bool {
        html.contains("CANARY") || html.contains("data-fired=")
    }

    /// Tags carrying an `on…=` attribute. Quoted attribute values are removed first, so an escaped
    /// payload inside a `title="…"` is not mistaken for a handler.
    package static func eventHandlers(in html: String) -> [String] {
        let quoted = try! NSRegularExpression(pattern: #""[^"]*"|'[^']*'"#)
        let handler = try! NSRegularExpression(pattern: #"\son[a-z]+\s*="#, options: .caseInsensitive)
        return tags(in: html).compactMap { text in
            let bare = quoted.stringByReplacingMatches(in: text, range: NSRange(text.startIndex..., in: text), withTemplate: "\"\"")
            return handler.firstMatch(in: bare, range: NSRange(bare.startIndex..., in: bare)) == nil ? nil : text
        }
    }

    /// Every `href`/`src`/`action` value of a tag, for checking that none carries a script scheme.
    /// Only tags are scanned: a browser serialises `"` unescaped in text, so escaped payloads shown
    /// as text would otherwise look like attributes.
    package static func urls(in html: String) -> [String] {
        let attribute = try! NSRegularExpression(
            pattern: #"\s(?:href|src|action|formaction|xlink:href)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))"#, options: .caseInsensitive)
        return tags(in: html).flatMap { tag in
            attribute.matches(in: tag, range: NSRange(tag.startIndex..., in: tag)).compactMap { match in
                (1...3).lazy.compactMap { Range(match.range(at: $0), in: tag) }.first.map { String(tag[$0]) }
            }
        }
    }

    private static func tags(in html: String) -> [String] {
        let tag = try! NSRegularExpression(pattern: #"<[a-zA-Z][^>]*>"#)
        return tag.matches(in: html, range: NSRange(html.startIndex..., in: html)).map { (html as NSString).substring(with: $0.range) }
    }

    /// True when a URL would run script or leave the pack as a document when followed or loaded.
    package static func isDangerous(_ url: String) -> Bool {
        let decoded = (url.removingPercentEncoding ?? url).replacingOccurrences(of: "&#", with: "")
        let squeezed = String(decoded.lowercased().unicodeScalars.filter { $0.value > 0x20 }.map(Character.init))
        return ["javascript:", "vbscript:", "data:text", "data:image/svg", "file:"].contains { squeezed.hasPrefix($0) }
    }
}
