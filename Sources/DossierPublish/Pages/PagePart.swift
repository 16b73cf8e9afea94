import DossierModel
import Foundation

/// A published page, or any other file of the pack as published, as `DiskParts` keeps it between
/// builds: its bytes as published, whether redaction changed it, and a page's text for the search
/// index. A file the last secret check found something in is not kept: its findings must be made,
/// and reported, again.
package enum PagePart {
    private static let version: UInt8 = 1

    /// The key of the page at `path` rendered from `value` with `template`, in a build whose pages
    /// depend on `context` besides (`PageMemory.context`: the theme, the redaction and the secrets).
    /// `body`: the key of a body left out of `value` (`EvidencePages.DeferredBody`), which the page
    /// is made with.
    static func key(path: String, template: String, value: TemplateValue, context: String, searched: Bool, body: String? = nil) -> PartKey {
        PartKey(body == nil ? "page" : "page with body") { key in
            key.add(path)
            key.add(template)
            key.add(context)
            key.add(searched)
            value.add(to: &key)
            if let body { key.add(body) }
        }
    }

    static func encode(_ page: PublishedPage) -> Data? {
        encode(page.file, notes: page.notes, text: page.text)
    }

    /// The page kept in `data`; nil when it is not one this version wrote whole.
    static func decode(_ data: Data, path: String, shape: InternedShape) -> PublishedPage? {
        decode(data, path: path).map { PublishedPage(file: $0.file, notes: $0.notes, text: $0.text, shape: shape) }
    }

    /// Any file of the pack as published (a report has no search text); nil when the last secret
    /// check found something in it.
    package static func encode(_ file: RenderedFile, notes: PublishNotes, text: SearchText?) -> Data? {
        guard notes.findings.isEmpty else { return nil }
        var writer = PartWriter()
        writer.byte(version)
        writer.byte(notes.redacted ? 1 : 0)
        writer.byte(text == nil ? 0 : 1)
        if let text {
            writer.text(text.heading)
            writer.count(text.pieces.count)
            text.pieces.forEach { writer.text($0) }
        }
        writer.bytes(file.contents)
        return writer.data
    }

    /// The file kept in `data` as `encode` wrote it; nil when it is not one this version wrote whole.
    package static func decode(_ data: Data, path: String) -> (file: RenderedFile, notes: PublishNotes, text: SearchText?)? {
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
        return (RenderedFile(path: path, contents: reader.rest()), PublishNotes(redacted: redacted == 1), text)
    }
}
