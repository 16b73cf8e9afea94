import DossierModel
import Foundation

/// Every file the renderer published, as published, by path: `dossier serve` shows the pages of a
/// rebuild from here as soon as they are rendered, while the reports, the manifest and the pack on
/// disk are still being made. The bytes are those the pack will hold (redacted and checked).
package final class PagePreview: @unchecked Sendable {
    private let lock = NSLock()
    private var files: [String: Data] = [:]
    /// The theme's digest (`Theme.digest`): a page is shown again when the theme changed, even if
    /// its own bytes did not (a stylesheet edited under `--templates`).
    package let theme: String

    package init(theme: Theme) {
        self.theme = theme.digest
    }

    package func add(_ file: RenderedFile) {
        guard file.stored == nil else { return }
        lock.withLock { files[file.path] = file.contents }
    }

    package func contents(_ path: String) -> Data? {
        lock.withLock { files[path] }
    }

    package var count: Int { lock.withLock { files.count } }
}
