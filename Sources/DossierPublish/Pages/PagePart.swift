import DossierModel
import Foundation

/// A published page as `DiskParts` keeps it between builds: its bytes as published, whether
/// redaction changed it, and its text for the search index. A page the last secret check found
/// something in is not kept: its findings must be made, and reported, again.
enum PagePart {
    private static let version: UInt8 = 1

    /// The key of the page at `path` rendered from `value` with `template`, in a build whose pages
    /// depend on `context` besides (`PageMemory.context`: the theme, the redaction and the secrets).
    static func key(path: String, template: String, value: TemplateValue, context: String, searched: Bool) -> PartKey {
        PartKey("page") { key in
            key.add(path)
            key.add(template)
            key.add(context)
            key.add(searched)
            value.add(to: &key)
        }
    }

    static func encode(_ page: PublishedPage) -> Data? {
        guard page.notes.findings.isEmpty else { return nil }
        var writer = PartWriter()
        writer.byte(version)
        writer.byte(page.notes.redacted ? 1 : 0)
        writer.byte(page.text == nil ? 0 : 1)
        if let text = page.text {
            writer.text(text.heading)
            writer.count(text.pieces.count)
            text.pieces.forEach { writer.text($0) }
        }
        writer.bytes(page.file.contents)
        return writer.data
    }

    /// The page kept in `data`; nil when it is not one this version wrote whole.
    static func decode(_ data: Data, path: String, shape: InternedShape) -> PublishedPage? {
        var reader = PartReader(data)
        guard reader.byte() == version, let redacted = reader.byte(), let searched = reader.byte(), redacted <= 1, searched <= 1 else { return nil }
        var text: SearchText?
        if searched == 1 {
            guard let heading = reader.text(), let count = reader.count() else { return nil }
            var pieces: [String] = []
            for _ in 0..<count {
                guard let piece = reader.text() else { return nil }
                pieces.append(piece)
            }
            text = SearchText(heading: heading, pieces: pieces)
        }
        let file = RenderedFile(path: path, contents: reader.rest())
        return PublishedPage(file: file, notes: PublishNotes(redacted: redacted == 1), text: text, shape: shape)
    }
}
