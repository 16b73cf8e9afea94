import DossierModel
import Foundation

/// A Markdown file's parse as `DiskParts` keeps it between builds (`dossier build` after an edit):
/// the front matter's tree, the body, its task items, links and the shown texts kept for the secret
/// scan, with the findings the parse made (front matter, tables). What is read from it afterwards
/// (checklist answers or a record, the sign-off, the title) is read again: that is quick, and its
/// many types then need no format of their own.
package enum MarkdownPart {
    private static let version: UInt8 = 1

    /// A parse depends on the file (its names and format), its bytes, and the limits (the front
    /// matter's depth); the shown texts kept depend on the secret scan's prefilter, which is code.
    static func key(file: EvidenceFile, sha256: String, limits: InputLimits) -> PartKey {
        PartKey("markdown parse") { key in
            key.add(file)
            key.add(sha256)
            key.add(limits)
        }
    }

    /// nil when a finding carries what this format does not keep (a suggestion, controls, a field):
    /// such a parse is simply made again next time.
    static func encode(_ markdown: MarkdownEvidence, diagnostics: [Diagnostic]) -> Data? {
        guard diagnostics.allSatisfy({ $0.suggestion == nil && $0.weighsOn.isEmpty && $0.field == nil }) else { return nil }
        var writer = PartWriter()
        writer.byte(version)
        writer.count(diagnostics.count)
        for diagnostic in diagnostics {
            writer.byte(UInt8(diagnostic.severity.rawValue))
            writer.text(diagnostic.identifier)
            writer.text(diagnostic.summary)
            writer.optional(diagnostic.file) { $0.text($1) }
            writer.optional(diagnostic.location) { $0.location($1) }
        }
        writer.optional(markdown.frontMatter) { $0.node($1) }
        writer.text(markdown.body)
        writer.count(markdown.bodyLineOffset)
        writer.optional(markdown.title) { $0.text($1) }
        writer.count(markdown.taskItems.count)
        for item in markdown.taskItems {
            writer.byte(item.checked ? 1 : 0)
            writer.location(item.location)
            writer.text(item.text)
            writer.links(item.links)
        }
        writer.links(markdown.links)
        writer.count(markdown.shownCandidates.count)
        for shown in markdown.shownCandidates {
            writer.text(shown.text)
            writer.location(shown.location)
        }
        writer.count(markdown.depth)
        writer.byte(markdown.tables ? 1 : 0)
        return writer.data
    }

    /// A digest of everything the parse gives but the body's text: the facts every later stage reads
    /// of the file (its front matter, task items, links, shown candidates, depth, the findings made
    /// while parsing it). Two parses with the same facts differ only in the body their page shows.
    /// nil when the findings carry what the format does not keep.
    package static func facts(_ markdown: MarkdownEvidence, diagnostics: [Diagnostic]) -> String? {
        var bodiless = markdown
        bodiless.body = ""
        return encode(bodiless, diagnostics: diagnostics.sorted()).map(ContentHash.sha256)
    }

    /// The parse kept in `data`; nil when it is not one this version wrote whole.
    static func decode(_ data: Data) -> (MarkdownEvidence, [Diagnostic])? {
        var reader = PartReader(data)
        guard reader.byte() == version, let count = reader.count() else { return nil }
        var diagnostics: [Diagnostic] = []
        for _ in 0..<count {
            guard let raw = reader.byte(), let severity = DiagnosticSeverity(rawValue: Int(raw)), let identifier = reader.text(),
                  let summary = reader.text(), let file = reader.optional({ $0.text() }), let location = reader.optional({ $0.location() })
            else { return nil }
            diagnostics.append(Diagnostic(severity, identifier: identifier, summary, file: file, at: location))
        }
        guard let frontMatter = reader.optional({ $0.node() }), let body = reader.text(), let offset = reader.count(),
              let title = reader.optional({ $0.text() }), let itemCount = reader.count() else { return nil }
        var items: [CommonMarkDocument.TaskItem] = []
        for _ in 0..<itemCount {
            guard let checked = reader.byte(), let location = reader.location(), let text = reader.text(), let links = reader.links() else { return nil }
            items.append(CommonMarkDocument.TaskItem(checked: checked == 1, location: location, text: text, links: links))
        }
        guard let links = reader.links(), let shownCount = reader.count() else { return nil }
        var shown: [(text: String, location: SourceLocation)] = []
        for _ in 0..<shownCount {
            guard let text = reader.text(), let location = reader.location() else { return nil }
            shown.append((text, location))
        }
        guard let depth = reader.count(), let tables = reader.byte(), reader.atEnd else { return nil }
        let markdown = MarkdownEvidence(
            frontMatter: frontMatter, body: body, bodyLineOffset: offset, title: title, taskItems: items, links: links,
            shownCandidates: shown, depth: depth, tables: tables == 1)
        return (markdown, diagnostics)
    }
}

private enum NodeTag: UInt8 {
    case object, array, string, number, bool, null
}

extension PartWriter {
    mutating func optional<T>(_ value: T?, _ write: (inout PartWriter, T) -> Void) {
        byte(value == nil ? 0 : 1)
        if let value { write(&self, value) }
    }

    mutating func location(_ location: SourceLocation) {
        count(location.line)
        count(location.column)
    }

    mutating func links(_ links: [CommonMarkDocument.Link]) {
        count(links.count)
        for link in links {
            text(link.destination)
            location(link.location)
            byte(link.isImage ? 1 : 0)
        }
    }

    mutating func node(_ node: JSONNode) {
        location(node.location)
        switch node.value {
        case .object(let members):
            byte(NodeTag.object.rawValue)
            count(members.count)
            for member in members {
                text(member.key)
                location(member.keyLocation)
                self.node(member.value)
            }
        case .array(let elements):
            byte(NodeTag.array.rawValue)
            count(elements.count)
            elements.forEach { self.node($0) }
        case .string(let string):
            byte(NodeTag.string.rawValue)
            text(string)
        case .number(let number):
            byte(NodeTag.number.rawValue)
            text(number)
        case .bool(let flag):
            byte(NodeTag.bool.rawValue)
            byte(flag ? 1 : 0)
        case .null:
            byte(NodeTag.null.rawValue)
        }
    }
}

extension PartReader {
    /// `.some(nil)` for a value written as absent, nil when the bytes are not what `optional` wrote.
    mutating func optional<T>(_ read: (inout PartReader) -> T?) -> T?? {
        switch byte() {
        case 0: return .some(nil)
        case 1: return read(&self).map { .some($0) }
        default: return nil
        }
    }

    mutating func location() -> SourceLocation? {
        guard let line = count(), let column = count() else { return nil }
        return SourceLocation(line: line, column: column)
    }

    mutating func links() -> [CommonMarkDocument.Link]? {
        guard let count = count() else { return nil }
        var links: [CommonMarkDocument.Link] = []
        for _ in 0..<count {
            guard let destination = text(), let location = location(), let image = byte() else { return nil }
            links.append(CommonMarkDocument.Link(destination: destination, location: location, isImage: image == 1))
        }
        return links
    }

    /// Nested no deeper than the depth the tree was read within: a crafted part cannot recurse forever.
    mutating func node(depth: Int = 0) -> JSONNode? {
        guard depth <= InputLimits.depthCeiling, let location = location(), let raw = byte(), let tag = NodeTag(rawValue: raw) else { return nil }
        let value: JSONNode.Value
        switch tag {
        case .object:
            guard let count = count() else { return nil }
            var members: [JSONNode.Member] = []
            for _ in 0..<count {
                guard let key = text(), let keyLocation = self.location(), let member = node(depth: depth + 1) else { return nil }
                members.append(JSONNode.Member(key: key, keyLocation: keyLocation, value: member))
            }
            value = .object(members)
        case .array:
            guard let count = count() else { return nil }
            var elements: [JSONNode] = []
            for _ in 0..<count {
                guard let element = node(depth: depth + 1) else { return nil }
                elements.append(element)
            }
            value = .array(elements)
        case .string:
            guard let string = text() else { return nil }
            value = .string(string)
        case .number:
            guard let number = text() else { return nil }
            value = .number(number)
        case .bool:
            guard let flag = byte() else { return nil }
            value = .bool(flag == 1)
        case .null:
            value = .null
        }
        return JSONNode(value: value, location: location)
    }
}
