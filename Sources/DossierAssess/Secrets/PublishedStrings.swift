import DossierIntake
import DossierModel

/// The strings a parsed evidence file will publish, decoded as its page and the reports show them:
/// the secret scan checks these beside the raw bytes, because an escape (`\u0041` in JSON, `\x41` in
/// YAML), an entity (`&#65;` in Markdown) or markup (`AKIA**…**`) hides a key from a byte search.
extension EvidenceDocument {
    package var publishedStrings: [(text: String, location: SourceLocation?)] {
        var strings: [(text: String, location: SourceLocation?)] = []
        if let tree { Self.collect(tree, into: &strings) }
        switch content {
        case .markdown(let markdown):
            if let front = markdown.frontMatter { Self.collect(front, into: &strings) }
            strings += markdown.shownCandidates.map { ($0.text, $0.location) }
        case .log(let log):
            // The log page tables the first events and names the identities that acted.
            for event in log.sample {
                strings += event.fields.values.map { ($0, event.location) }
                if let identity = event.identity { strings.append((identity, event.location)) }
            }
            // Messages quote identities that signed in, which `identities` may have stopped counting.
            strings += log.identities.union(log.signIns.keys).sorted().map { ($0, nil) }
        case .text:
            break
        }
        return strings
    }

    /// Every key and string value of a tree, with its place.
    private static func collect(_ node: JSONNode, into strings: inout [(text: String, location: SourceLocation?)]) {
        switch node.value {
        case .string(let text):
            strings.append((text, node.location))
        case .object(let members):
            for member in members {
                strings.append((member.key, member.keyLocation))
                collect(member.value, into: &strings)
            }
        case .array(let elements):
            for element in elements { collect(element, into: &strings) }
        case .number, .bool, .null:
            break
        }
    }
}
