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

    /// A build's finish: personal data redacted by `redaction`, then the last secret check.
    package init(redaction: RedactionPass, published: PublishedSecretCheck) {
        self.init(
            apply: { rendered in
                let (clean, redacted) = redaction.redact(rendered)
                let (checked, findings) = published.check(clean)
                return (checked, PublishNotes(redacted: redacted, findings: findings))
            },
            note: { path, notes in
                redaction.record(path, redacted: notes.redacted)
                published.record(notes.findings)
            })
    }
}

/// One page as published, with what the build reads from it on the way: the notes of its
/// publishing, its text for the search index, and the names its template was given.
package struct PublishedPage: Sendable {
    package var file: RenderedFile
    package var notes: PublishNotes
    package var text: SearchText?
    package var shape: InternedShape
}

/// Pages published by an earlier build of this process (`dossier serve`), each with everything it
/// depends on: its template, its view model, and `context`. A page whose view is equal to the one
/// its path had is not encoded, rendered, redacted, checked or read for search again. Views are
/// compared, never hashed: hashing a String normalises it first, and hashing every view cost more
/// than comparing them.
package final class PageMemory: @unchecked Sendable {
    private struct Entry {
        var template: String
        var context: String
        /// The view model itself (every view type is Hashable and Sendable).
        var view: AnyHashable
        var page: PublishedPage
    }

    private let pages = BuildMemo<String, Entry>()
    private let lock = NSLock()
    /// The last search index and what it was made from: an edit that changes no page's text leaves
    /// it as it was. Recalled pages' texts are the very strings kept, so comparing them is cheap.
    private var lastIndex: (entries: [SearchIndex.Entry], context: String, script: String)?
    /// Whether each input, by its SHA-256, is in Unicode NFC.
    private var normalised: [String: Bool] = [:]

    package init() {}

    /// How many pages the last finished build recalled.
    package var lastRecalled: Int { pages.lastRecalled }

    /// The page at `path`, recalled when its template, view and context are those it last had,
    /// else made now (outside the lock: pages are made on every core at once). A page `make` throws
    /// for is not kept.
    package func page(
        _ path: String, template: String, view: some Hashable & Sendable, context: String, make: () throws -> PublishedPage
    ) rethrows -> PublishedPage {
        let view = AnyHashable(view)
        // The path's bytes too: a dictionary finds a path by canonical equivalence (see `unnormalised`).
        return try pages.value(
            for: path,
            if: { $0.page.file.path.utf8.elementsEqual(path.utf8) && $0.template == template && $0.context == context && $0.view == view }
        ) { Entry(template: template, context: context, view: view, page: try make()) }.page
    }

    /// Ends a build: what it did not use is forgotten.
    package func finishBuild() { pages.finishBuild() }

    /// The search index of `entries`, made again only when they or the context differ from the last build's.
    package func searchIndex(_ entries: [SearchIndex.Entry], context: String) -> String {
        if let last = lock.withLock({ lastIndex }), last.context == context, last.entries == entries { return last.script }
        let script = SearchIndex.script(entries)
        lock.withLock { lastIndex = (entries, context, script) }
        return script
    }

    /// The inputs not in Unicode NFC, by path and hash, for the context. Swift compares strings by
    /// canonical equivalence: a precomposed "é" equals "e" with a combining accent. Two views can
    /// then be equal while their bytes differ only if some input is not in NFC (in NFC, canonically
    /// equal text is equal byte for byte). Such inputs are rare (text is typed in NFC, and ASCII
    /// always is); while one is in the folder, a build in which it changed renders every page again.
    package func unnormalised(_ snapshot: EvidenceSnapshot) -> [String] {
        let inputs = snapshot.files + [snapshot.configuration].compactMap { $0 }
        return inputs.filter { input in
            if let known = lock.withLock({ normalised[input.sha256] }) { return !known || !Self.isNFC(input.path) }
            let text = String(decoding: input.bytes.prefix(FileReader.wholeLimit), as: UTF8.self)
            let nfc = Self.isNFC(text)
            lock.withLock { normalised[input.sha256] = nfc }
            return !nfc || !Self.isNFC(input.path)
        }.map { "\($0.path) \($0.sha256)" }
    }

    private static func isNFC(_ text: String) -> Bool {
        text.utf8.allSatisfy { $0 < 0x80 } || text.precomposedStringWithCanonicalMapping.utf8.elementsEqual(text.utf8)
    }

    /// What a page depends on besides its view, the same for every page of a build: the theme that
    /// renders it and what the finish does to it (the redaction mode and key, the secrets it
    /// removes and the secret policy).
    package static func context(
        theme: Theme, redaction: PackConfiguration.Redaction?, key: Data?, secrets: Set<String>, policy: PackConfiguration.SecretPolicy,
        unnormalised: [String] = []
    ) -> String {
        var parts = ["theme \(theme.digest)"] + unnormalised.map { "not NFC \($0)" }
        parts.append("redaction \(redaction?.rawValue ?? "default") \(key.map { ContentHash.sha256($0) } ?? "none")")
        parts += secrets.sorted().map { "secret \($0)" }
        parts += policy.allow.sorted().map { "allow \($0)" }
        parts += policy.acknowledge.sorted { ($0.file, $0.detector, $0.reason) < ($1.file, $1.detector, $1.reason) }
            .flatMap { ["acknowledge", $0.file, $0.detector, $0.reason] }
        // Each part with its length: joined with a separator, a value holding the separator could pass for two.
        return PartKey("page context") { key in parts.forEach { key.add($0) } }.hex
    }
}
