import DossierAssess
import DossierModel
import DossierPublish
import Foundation

/// The files of the pack that are not pages (the reports, the Statement of Applicability's tables,
/// the search index) redacted and checked for secrets before they are written, or, with `parts`,
/// taken as the last build finished them when they were made byte for byte as then.
///
/// An edit to one evidence file leaves the four reports as they were (tens of megabytes at 10 000
/// files), and redacting and checking them again was the largest cost of such a build after the
/// pages. A part is kept only when the check found nothing: a finding is reported by every build.
struct FinishedFiles: Sendable {
    private static let version: UInt8 = 1

    let parts: DiskParts?
    /// What finishing depends on besides the bytes: the redaction mode and key, the secrets found
    /// and the secret policy (`PageMemory.context`).
    let context: String
    let redaction: RedactionPass
    let published: PublishedSecretCheck

    func finish(_ file: RenderedFile) -> RenderedFile {
        // Only what redaction reads: an evidence image or a theme's script is checked as it comes,
        // and copying it into a part would keep a second copy for nothing.
        guard let parts, file.stored == nil, redaction.redactor.reads(file.path) else { return published.apply(redaction.apply(file)) }
        let key = PartKey("finished file") { key in
            key.add(file.path)
            key.add(context)
            key.add(file.contents)
        }
        if let data = parts.data(key) {
            var reader = PartReader(data)
            if reader.byte() == Self.version, let redacted = reader.byte(), redacted <= 1 {
                redaction.record(file.path, redacted: redacted == 1)
                return RenderedFile(path: file.path, contents: reader.rest())
            }
        }
        let (clean, redacted) = redaction.redact(file)
        redaction.record(file.path, redacted: redacted)
        let (checked, findings) = published.check(clean)
        published.record(findings)
        if findings.isEmpty {
            var part = PartWriter()
            part.byte(Self.version)
            part.byte(redacted ? 1 : 0)
            part.bytes(checked.contents)
            parts.store(part.data, key)
        }
        return checked
    }
}
