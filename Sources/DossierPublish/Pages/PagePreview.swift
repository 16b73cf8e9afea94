import DossierModel
import Foundation

/// The pages a rebuild rendered, as published (redacted and checked), by path: `dossier serve` shows
/// them as soon as they are rendered, while the rest of the pack is still being made. Only pages:
/// the theme's files and evidence images are shown from the pack on disk, and a page whose path a
/// theme file takes is left out, as the pack leaves it out.
package final class PagePreview: @unchecked Sendable {
    private let lock = NSLock()
    private var files: [String: Data] = [:]
    /// The preview of a rebuild a newer save stopped before it wrote its pack: its pages are newer
    /// than the pack on disk, so they are served until this rebuild has its own (one level only).
    private var earlier: PagePreview?
    private let themeFiles: Set<String>
    /// What every page shows besides its own bytes: the theme's files and the evidence images (a
    /// digest of their paths and bytes). A page is shown again when these changed, even if its own
    /// bytes did not (a stylesheet edited under `--templates`, an image saved again).
    package let assets: String

    package init(theme: Theme, images: [(path: String, sha256: String)]) {
        themeFiles = Set(theme.assets.keys)
        assets = ContentHash.sha256(([theme.digest] + images.map { "\($0.path)\u{0}\($0.sha256)" }.sorted()).joined(separator: "\n"))
    }

    package func add(_ page: RenderedFile) {
        guard page.stored == nil, !themeFiles.contains(page.path) else { return }
        lock.withLock { files[page.path] = page.contents }
    }

    package func contents(_ path: String) -> Data? {
        let (own, fallback): (Data?, PagePreview?) = lock.withLock { (files[path], earlier) }
        return own ?? fallback?.contents(path)
    }

    /// Serves `preview`'s pages until this one has its own; what `preview` itself fell back on is let go.
    package func follow(_ preview: PagePreview) {
        guard preview !== self else { return }
        preview.lock.withLock { preview.earlier = nil }
        lock.withLock { earlier = preview }
    }
}

/// How a rebuild's pages reach `dossier serve` while the pack is still being made: the pages to
/// render first, and what to tell once they are rendered, then once every page of a single file,
/// control or activity is.
package struct PreviewHandover: Sendable {
    package enum Stage: Sendable { case first, singles }

    package let pages: PagePreview
    /// Pack paths of the pages to render before the others: those of the files just saved and
    /// those open in a browser. Empty: no page goes first.
    package let first: Set<String>
    package let ready: @Sendable (Stage) -> Void
    /// Asked once the single pages are shown: throws to stop a build a newer save supersedes.
    package let goOn: @Sendable () throws -> Void

    package init(pages: PagePreview, first: Set<String>, goOn: @escaping @Sendable () throws -> Void = {}, ready: @escaping @Sendable (Stage) -> Void) {
        self.pages = pages
        self.first = first
        self.goOn = goOn
        self.ready = ready
    }
}
