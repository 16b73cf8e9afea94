import DossierModel
import DossierPublish
import Foundation

/// The view of every Markdown file's page as the last full build gave it, its body left out
/// (`RenderCapture`), kept beside the pack (`.dossier-cache/<pack>.views`). A patch build gives an
/// edited file's view its new body and hash and renders it again: nothing else on the page can
/// change while the file's facts do not (`MarkdownPart.facts`).
package enum PatchViews {
    private static let version: UInt8 = 1

    /// `key`: the build the views are of (`PatchRecord.viewsKey`).
    package static func encode(_ views: [String: TemplateValue], key: String) -> Data {
        var writer = PartWriter()
        writer.byte(version)
        writer.text(key)
        writer.count(views.count)
        for path in views.keys.sorted() {
            var value = PartWriter()
            views[path]!.write(to: &value)
            writer.text(path)
            writer.count(value.data.count)
            writer.bytes(value.data)
        }
        return writer.data
    }

    /// The views of `paths` in `data`; nil when the data is not what `encode` wrote for `key`, or lacks one of them.
    package static func decode(_ data: Data, key: String, paths: Set<String>) -> [String: TemplateValue]? {
        var reader = PartReader(data)
        guard reader.byte() == version, reader.text() == key, let count = reader.count() else { return nil }
        var found: [String: TemplateValue] = [:]
        for _ in 0..<count {
            guard let path = reader.text(), let length = reader.count(), length <= reader.remaining else { return nil }
            guard paths.contains(path) else {
                _ = reader.skip(length)
                continue
            }
            var view = PartReader(reader.take(length))
            guard let value = TemplateValue.read(from: &view), view.atEnd else { return nil }
            found[path] = value
        }
        return reader.atEnd && found.count == paths.count ? found : nil
    }
}
