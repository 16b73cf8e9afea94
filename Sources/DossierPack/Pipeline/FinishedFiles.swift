import DossierModel
import DossierPublish
import Foundation

/// The files of the pack that are not pages (the reports, the Statement of Applicability's tables,
/// the search index) finished as pages are (redacted, checked for secrets: `finish`) before they are
/// written, or, with `parts`, taken as the last build finished them when they were made byte for
/// byte as then.
///
/// An edit to one evidence file leaves the four reports as they were (tens of megabytes at 10 000
/// files), and redacting and checking them again was the largest cost of such a build after the
/// pages. A file is kept as pages are (`PagePart`): only when the check found nothing.
struct FinishedFiles: Sendable {
    let parts: DiskParts?
    /// What finishing depends on besides the bytes: the redaction mode and key, the secrets found
    /// and the secret policy (`PageMemory.context`).
    let context: String
    let finish: PageFinish
    /// Whether redaction reads the file: an evidence image or a theme's script is only checked, and
    /// copying it into a part would keep a second copy for nothing.
    let redactionReads: @Sendable (String) -> Bool

    func finish(_ file: RenderedFile) -> RenderedFile {
        guard let parts, file.stored == nil, redactionReads(file.path) else { return finished(file).file }
        let key = PartKey("finished file") { key in
            key.add(file.path)
            key.add(context)
            key.add(file.contents)
        }
        if let data = parts.data(key), let recalled = PagePart.decode(data, path: file.path) {
            finish.note(file.path, recalled.notes)
            return recalled.file
        }
        let (checked, notes) = finished(file)
        if let data = PagePart.encode(checked, notes: notes, text: nil) { parts.store(data, key) }
        return checked
    }

    private func finished(_ file: RenderedFile) -> (file: RenderedFile, notes: PublishNotes) {
        let (checked, notes) = finish.apply(file)
        finish.note(file.path, notes)
        return (checked, notes)
    }
}
