import Foundation

/// What a build keeps of its rendering for the next build to patch the pack with (`PatchRecord`):
/// each Markdown file's page view without its body, and the search index's model. Filled from the
/// threads that render pages.
package final class RenderCapture: @unchecked Sendable {
    private let lock = NSLock()
    private var views: [String: TemplateValue] = [:]
    private var model: SearchModel?

    package init() {}

    /// The view of the page of the evidence file at `path`, its body left out.
    func keep(view: TemplateValue, of path: String) {
        lock.withLock { views[path] = view }
    }

    func keep(_ searchModel: SearchModel) {
        lock.withLock { model = searchModel }
    }

    package var bodilessViews: [String: TemplateValue] { lock.withLock { views } }
    package var searchModel: SearchModel? { lock.withLock { model } }
}
