import DossierAssess
import DossierIntake
import DossierModel
import Foundation

/// What publishing one rendered page came to, besides the page: whether redaction changed it, and
/// what the last secret check found in it.
package struct PublishNotes: Sendable, Hashable {
    package var redacted = false
    package var findings: [Diagnostic] = []

    package init(redacted: Bool = false, findings: [Diagnostic] = []) {
        self.redacted = redacted
        self.findings = findings
    }
}

/// What happens to every page as soon as it is rendered: personal data redacted and the last check
/// for secrets (`apply`, which depends only on the page), and the build's record of it (`note`). They
/// are apart so that a page recalled from an earlier build is recorded as if published again.
package struct PageFinish: Sendable {
    package var apply: @Sendable (RenderedFile) -> (RenderedFile, PublishNotes)
    package var note: @Sendable (_ path: String, PublishNotes) -> Void

    package init(apply: @escaping @Sendable (RenderedFile) -> (RenderedFile, PublishNotes), note: @escaping @Sendable (String, PublishNotes) -> Void) {
        self.apply = apply
        self.note = note
    }
}

/// One page as published, with what the build reads from it on the way: the notes of its
/// publishing, its text for the search index, and the names its template was given.
package struct PublishedPage: Sendable {
    package var file: RenderedFile
    package var notes: PublishNotes
    package var text: SearchText?
    package var shape: TemplateShape
}

/// Pages published by an earlier build of this process (`dossier serve`), each under everything it
/// depends on: its path and template, its view model, and `context`. A page whose view is unchanged
/// is not encoded, rendered, redacted, checked or read for search again.
package final class PageMemory: Sendable {
    package struct Key: Hashable, @unchecked Sendable {
        var path: String
        var template: String
        /// The view model itself (every view type is Hashable and Sendable): comparing two is far
        /// cheaper than encoding one.
        var view: AnyHashable
        var context: String
    }

    let pages = BuildMemo<Key, PublishedPage>()
    /// The last search index and what it was made from: an edit that changes no page's text (most
    /// change one page's) leaves it as it was. Recalled pages' texts are the very strings kept, so
    /// comparing the entries is cheap.
    private let lock = NSLock()
    private nonisolated(unsafe) var lastIndex: (entries: [SearchIndex.Entry], script: String)?

    package init() {}

    /// How many pages the last finished build recalled.
    package var lastRecalled: Int { pages.lastRecalled }

    package func finishBuild() { pages.finishBuild() }

    /// The search index of `entries`, made again only when they differ from the last build's.
    package func searchIndex(_ entries: [SearchIndex.Entry]) -> String {
        if let last = lock.withLock({ lastIndex }), last.entries == entries { return last.script }
        let script = SearchIndex.script(entries)
        lock.withLock { lastIndex = (entries, script) }
        return script
    }

    /// What a page depends on besides its view, the same for every page of a build: the theme that
    /// renders it and what the finish does to it (the redaction mode and key, the secrets it
    /// removes and the secret policy).
    package static func context(
        theme: Theme, redaction: PackConfiguration.Redaction?, key: Data?, secrets: Set<String>, policy: PackConfiguration.SecretPolicy
    ) -> String {
        var parts = theme.files.sorted { $0.key < $1.key }.map { "theme \($0.key)\u{0}\($0.value)" }
        parts.append("redaction \(redaction?.rawValue ?? "default") \(key.map { ContentHash.sha256($0) } ?? "none")")
        parts += secrets.sorted().map { "secret \($0)" }
        parts += policy.allow.sorted().map { "allow \($0)" }
        parts += policy.acknowledge.map { "acknowledge \($0.file)\u{0}\($0.detector)\u{0}\($0.reason)" }.sorted()
        return ContentHash.sha256(parts.joined(separator: "\u{1}"))
    }
}
