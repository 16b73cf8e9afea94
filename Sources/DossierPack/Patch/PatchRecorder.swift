import DossierAssess
import DossierIntake
import DossierModel
import DossierPublish
import Foundation

/// What a full build keeps beside its pack for the next build to patch it (`PatchBuild`), and which
/// files such a patch may change: a Markdown file whose page shows its body and hash and nothing
/// else of its bytes, and whose hash is quoted only where a patch finds it (the print page, the OSCAL
/// results). Not the subject of an approval (whose verdict reads its hash), nor one sharing its hash
/// with another file (a patch finds a file's row by it). Whether redaction changed its page is kept:
/// the manifest says so, and a patch that would change that builds in full.
/// Nothing is kept from a build that found a secret anywhere: its pages were checked against the
/// values found, which a patch build, knowing none, could not check against.
package enum PatchRecorder {
    /// Writes the record and the views beside the pack; nil when this build leaves nothing to patch.
    package static func keep(
        _ written: WrittenPack, snapshot: EvidenceSnapshot, options: BuildOptions, baseKey: String, key: String, cache: BuildCache,
        listing: [String]
    ) -> (patch: KeptFile, views: KeptFile)? {
        let assessment = written.assessment
        guard PatchBuild.mayFollow(options), let capture = written.capture, let model = capture.searchModel, model.exact,
              assessment.secretValues.isEmpty, assessment.withheld.isEmpty, assessment.acknowledgedSecrets.isEmpty,
              written.publishedFindings.isEmpty, PackSpare.Layout(listing: listing) != nil,
              // A patch changes a line of these; redaction, which looks around what it replaced, must have had nothing to do in them.
              !written.redactedPages.contains(PackPaths.print), !written.redactedPages.contains(OSCALReport.path) else { return nil }
        let views = capture.bodilessViews
        let files = patchable(written, snapshot: snapshot, views: views)
        guard files.contains(where: { $0.facts != nil }) else { return nil }
        let record = PatchRecord(
            baseKey: baseKey, viewsKey: key, context: written.pageContext, files: files, search: model, listing: listing, spare: nil)
        let folder = cache.folder, name = cache.output.lastPathComponent
        let changeable = Set(files.filter { $0.facts != nil }.map(\.path))
        guard let patch = KeptFile.write(record.encoded(), to: folder.appendingPathComponent(name + ".patch")),
              let kept = KeptFile.write(PatchViews.encode(views.filter { changeable.contains($0.key) }, key: key),
                                        to: folder.appendingPathComponent(name + ".views")) else { return nil }
        return (patch, kept)
    }

    /// Every file of the snapshot, with the facts of those a patch may change.
    static func patchable(_ written: WrittenPack, snapshot: EvidenceSnapshot, views: [String: TemplateValue]) -> [PatchRecord.File] {
        let assessment = written.assessment
        // An approval names its subject by a path that may be spelled otherwise (`./`, `\`): its name is enough to leave a file out.
        let subjects = Set(assessment.documents.compactMap { document -> Substring? in
            guard case .approval(let approval)? = document.record, case .file(let subject, _, _) = approval.subject else { return nil }
            return Self.name(subject)
        })
        let published = Set(PagePathRule.published(assessment.documents.excluding(assessment.withheld)).map(\.path))
        let examined = Set(assessment.compliance.verdicts.filter { ![.notApplicable, .outOfScope, .undecided].contains($0.status) }.flatMap(\.evidence))
        let documents = Dictionary(assessment.documents.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
        let findings = Dictionary(grouping: assessment.parseFindings) { $0.file ?? "" }
        let holders = Dictionary(snapshot.files.map { ($0.sha256, 1) }, uniquingKeysWith: +)
        return snapshot.files.map { input in
            var facts: String?
            if let document = documents[input.path], case .markdown(let markdown) = document.content, views[input.path] != nil,
               case .whole = input.bytes, holders[input.sha256] == 1, !subjects.contains(Self.name(input.path)) {
                facts = MarkdownPart.facts(markdown, diagnostics: findings[input.path] ?? [])
            }
            let page = documents[input.path].map { PackPaths.page(forEvidence: $0.file) }
            return PatchRecord.File(
                path: input.path, sha256: input.sha256, facts: facts, published: published.contains(input.path), examined: examined.contains(input.path),
                redacted: page.map(written.redactedPages.contains) ?? false)
        }
    }

    private static func name(_ path: String) -> Substring {
        path.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last ?? Substring(path)
    }
}
