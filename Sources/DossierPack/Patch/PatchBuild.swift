import DossierAssess
import DossierIntake
import DossierModel
import DossierPublish
import Foundation

/// A build that patches the last pack instead of making it again, when all that changed since is the
/// body of a few Markdown files: the facts every other stage reads of them are those the last build
/// read (`MarkdownPart.facts`), so the assessment, the reports and every other page are as they were.
/// What their bodies and hashes show is made again: each file's page (from the view the last build
/// gave it), its row of the print page, the search index (from its model), the manifest and the
/// checksums. The pack is then the one a full build would write, byte for byte (tested on sequences
/// of edits), and it is swapped in whole (`PackSpare`).
///
/// Anything it cannot be sure of makes it step aside for a full build: a record that does not
/// decode, a pack or spare not as recorded, a file whose facts, parse findings or secrets changed,
/// a page that redaction would now change where it did not (or the reverse), a finding of the last
/// secret check.
package struct PatchBuild {
    package let options: BuildOptions
    package let snapshot: EvidenceSnapshot
    package let theme: Theme
    package let cache: BuildCache

    /// At most this many files changed: past it, a full build with the cache is as quick.
    static let maxChanged = 16

    package init(options: BuildOptions, snapshot: EvidenceSnapshot, theme: Theme, cache: BuildCache) {
        self.options = options
        self.snapshot = snapshot
        self.theme = theme
        self.cache = cache
    }

    /// Whether a build with these options can be patched next time: the built-in theme, no diff page,
    /// no PDF, not `serve`, and parts kept beside the pack.
    package static func mayFollow(_ options: BuildOptions) -> Bool {
        options.parts != nil && options.memory == nil && options.preview == nil && options.templates == nil
            && options.previous == nil && options.printer == nil
    }

    /// The patched pack's messages, the last build's with the manifest's new hash.
    package struct Outcome: Sendable {
        package var standardOutput: String
        package var standardError: String
        package var status: Int32
    }

    /// Patches the pack and records it for the next build; nil, the pack untouched, when a full build must run.
    /// `last`: the build cache's record of the last build.
    package func run(baseKey: String, key: String, last: BuildCache.Record?) -> Outcome? {
        let clock = StageClock(environment: options.environment)
        // Why a full build runs instead, for `DOSSIER_TIMINGS`.
        func decline(_ reason: String) -> Outcome? {
            clock.mark("patch: not taken (\(reason))")
            return nil
        }
        guard Self.mayFollow(options), let last, let patchFile = last.patch, let viewsFile = last.views else {
            return decline("the last build kept no record for it")
        }
        // The pack must be the one recorded (a page edited in it by hand would be carried on): walked
        // on the other core while the record is read.
        let output = cache.output
        let walked = Background { () -> (listing: [String], folders: [String: UInt64])? in
            guard let tree = BuildCache.packTree(output) else { return nil }
            var folders = Dictionary(tree.entries.filter { $0.kind == .folder }.map { ($0.path, $0.inode) }, uniquingKeysWith: { first, _ in first })
            var status = stat()
            guard lstat(output.path, &status) == 0 else { return nil }
            folders[""] = UInt64(status.st_ino)
            return (BuildCache.listing(of: tree), folders)
        }
        guard let data = patchFile.read(in: cache.folder), var record = PatchRecord(encoded: data),
              BuildCache.fingerprint(ofListing: record.listing) == last.pack, let layout = PackSpare.Layout(listing: record.listing) else {
            return decline("no sound record")
        }
        guard record.baseKey == baseKey else { return decline("more than Markdown changed") }
        guard let changes = changes(record) else { return decline("a file changed that a patch cannot change") }
        guard let pack = (try? walked.value()) ?? nil, pack.listing == record.listing else { return decline("the pack is not as the last build wrote it") }
        clock.mark("patch: record read, pack checked")
        // The spare's files but those the last patch wrote must be the pack's own (shared inodes): checked
        // on the other core while the pages are made, and again, for the files linked anew, once it is locked.
        let spare = PackSpare(pack: cache.output, cacheFolder: cache.folder)
        let recorded = record.listing, differing = Set(record.spare?.differing ?? []), kept = record.spare != nil
        let shared = Background { kept && spare.holds(recorded, paths: nil, except: differing) }
        guard let views = viewsFile.read(in: cache.folder).flatMap({ PatchViews.decode($0, key: record.viewsKey, paths: Set(changes.map(\.path))) })
        else { return decline("no sound views") }
        guard let files = try? patchedFiles(changes, views: views, record: &record, clock: clock) else {
            return decline("an edit changes more than its body")
        }
        clock.mark("patch: pages, print page, search index, manifest")
        // Another build patching this pack at the same time would fill the same spare.
        let spareShared = (try? shared.value()) ?? false
        let written = files.files.map(\.path)
        let swapped = spare.locked(waiting: false) { () -> (ok: Bool, anew: Bool, state: PackSpare.State?) in
            let prepared = spare.prepare(record.spare, layout: layout, shared: spareShared)
            // Each file linked from the pack's path is the pack's as recorded, not another build's.
            let linked = prepared.anew ? nil : Set(record.spare?.differing ?? [])
            guard prepared.ok, spare.holds(record.listing, paths: linked), files.files.allSatisfy(spare.replace),
                  spare.swap(written: written) == .done else { return (false, prepared.anew, nil) }
            // The spare is now the pack this build checked, its very folders, unless another build's
            // pack was swapped in meanwhile: then no state, and the next patch makes the spare anew.
            return (true, prepared.anew, spare.state(folders: layout.folders, written: written, ofPack: pack.folders))
        }
        guard let swapped else { return decline("another build is patching this pack") }
        guard swapped.ok else {
            spare.discard()
            return decline("the spare beside the pack could not be swapped in")
        }
        clock.mark("patch: swapped in")
        // The new pack is the spare's folders and inodes: the files linked or written again are listed anew.
        let touched = swapped.anew ? nil : Set(written + (record.spare?.differing ?? []))
        guard let listing = touched.map({ relisted(record.listing, paths: $0) }) ?? BuildCache.packListing(cache.output) else { return nil }
        record.listing = listing
        record.spare = swapped.state
        var next = last
        next.key = key
        next.pack = BuildCache.fingerprint(ofListing: listing)
        next.standardOutput = last.standardOutput.replacingOccurrences(of: files.oldManifestHash, with: files.manifestHash)
        next.patch = KeptFile.write(record.encoded(search: try? files.search.value()), to: cache.folder.appendingPathComponent(patchFile.name))
        if next.patch != nil { cache.write(next) }
        clock.mark("patch: recorded")
        return Outcome(standardOutput: next.standardOutput, standardError: last.standardError, status: last.status)
    }

    /// The files whose bytes changed, each with its record; nil when any is not one a patch may change.
    private func changes(_ record: PatchRecord) -> [(input: InputFile, path: String)]? {
        guard snapshot.files.count == record.files.count else { return nil }
        var changed: [(input: InputFile, path: String)] = []
        for (input, kept) in zip(snapshot.files, record.files) {
            guard input.path == kept.path else { return nil }
            guard input.sha256 != kept.sha256 else { continue }
            guard kept.facts != nil, case .whole = input.bytes, changed.count < Self.maxChanged else { return nil }
            changed.append((input, input.path))
        }
        return changed.isEmpty ? nil : changed
    }

    private struct Patched {
        var files: [RenderedFile]
        var manifestHash: String
        var oldManifestHash: String
        /// The updated search model as the record keeps it, encoded on the other core meanwhile.
        var search: Background<Data>
    }

    private struct CannotPatch: Error {}

    /// The pack's files the changes make anew, `record` brought up to date with them.
    private func patchedFiles(
        _ changes: [(input: InputFile, path: String)], views: [String: TemplateValue], record: inout PatchRecord, clock: StageClock? = nil
    ) throws -> Patched {
        let configuration = snapshot.earlyConfiguration
        guard snapshot.configuration == nil || configuration != nil else { throw CannotPatch() }
        let policy = configuration?.secrets ?? .init()
        let context = PageMemory.context(theme: theme, redaction: configuration?.redaction, key: snapshot.redactionKey, secrets: [], policy: policy)
        guard context == record.context, let compiled = theme.compiled() else { throw CannotPatch() }
        let finish = PageFinish(
            redaction: RedactionPass(redactor: PersonalDataRedactor.forPolicy(configuration?.redaction, key: snapshot.redactionKey)),
            published: PublishedSecretCheck(known: [], policy: policy))
        var parser = EvidenceParser(limits: snapshot.limits)
        parser.keepsShownText = SecretScanner.mayHoldSecret
        parser.timeZone = configuration?.timeZone ?? ISODate.utc
        let published = Set(record.files.filter(\.published).map(\.path))
        let resolver = EvidenceLinkResolver(files: snapshot.files.filter { published.contains($0.path) }.map(\.file))
        let kept = Dictionary(record.files.enumerated().map { ($1.path, $0) }, uniquingKeysWith: { first, _ in first })

        var files: [RenderedFile] = []
        var documents: [EvidenceDocument] = []
        // What quotes each edited file's hash, old and new: the print page's evidence index, the OSCAL
        // results' evidence examined (`OSCALReport`: "Evidence file <path>, SHA-256 <hash>", as JSON).
        var rows: [(old: String, new: String)] = []
        var examined: [(old: String, new: String)] = []
        for change in changes {
            guard let position = kept[change.path] else { throw CannotPatch() }
            let findings = DiagnosticEngine()
            guard let document = parser.parse(change.input, diagnostics: findings), case .markdown(let markdown) = document.content,
                  MarkdownPart.facts(markdown, diagnostics: findings.inReportingOrder) == record.files[position].facts,
                  let view = views[change.path]?.setting("sha256", to: .text(document.sha256))?
                      .setting("html", to: .text(EvidencePages.bodyHTML(of: markdown, in: document.file, resolver: resolver))),
                  let html = compiled.render(view, template: "evidence") else { throw CannotPatch() }
            let page = PackPaths.page(forEvidence: document.file)
            let (file, notes) = finish.apply(RenderedFile(path: page, text: html))
            // Redacted as before, or not as before: the manifest names the pages redaction changed.
            guard notes.redacted == record.files[position].redacted, notes.findings.isEmpty,
                  record.search.replaceText(of: page, with: SearchText(html: file.contents)) else {
                throw CannotPatch()
            }
            files.append(file)
            documents.append(document)
            rows.append((record.files[position].sha256, document.sha256))
            if record.files[position].examined {
                examined.append((try Self.oscalQuote(document.path, record.files[position].sha256), try Self.oscalQuote(document.path, document.sha256)))
            }
            record.files[position].sha256 = document.sha256
        }
        // A secret in an edited file withholds it, which changes every page that lists it.
        let secrets = DiagnosticEngine()
        let found = SecretScanner(policy: policy).scan(documents, in: snapshot, diagnostics: secrets)
        guard found.values.isEmpty, found.withheld.isEmpty, found.acknowledged.isEmpty, secrets.inReportingOrder.isEmpty else { throw CannotPatch() }

        let model = record.search
        let search = Background { model.encoded() }
        let (index, indexNotes) = Self.finished(RenderedFile(path: PackPaths.searchIndex, text: model.script()), by: finish)
        guard indexNotes.findings.isEmpty else { throw CannotPatch() }
        files.append(index)
        files += try [(PackPaths.print, rows), (OSCALReport.path, examined)].compactMap { path, quotes in
            quotes.isEmpty ? nil : try rehashed(path, rows: quotes, finish: finish)
        }
        let manifest = try PatchManifest(pack: cache.output).patched(
            files: files, inputs: documents.map { (path: $0.file.published, size: $0.file.size, sha256: $0.sha256) }, signer: options.signer)
        return Patched(files: files + manifest.files, manifestHash: manifest.hash, oldManifestHash: manifest.oldHash, search: search)
    }

    /// `file` (not a page) finished by `finish` in two halves cut at a line break, one on each core:
    /// the last secret check reads line by line, and redaction's first pass matches nothing across a
    /// line (`PersonalDataRedactor.lines`), so when neither half has anything redacted the halves give
    /// the whole file's result.
    static func finished(_ file: RenderedFile, by finish: PageFinish) -> (RenderedFile, PublishNotes) {
        let bytes = file.contents
        guard bytes.count > 1 << 20, !file.path.hasSuffix(".html"), let cut = bytes[(bytes.startIndex + bytes.count / 2)...].firstIndex(of: 0x0A) else { return finish.apply(file) }
        let halves = [bytes[..<(cut + 1)], bytes[(cut + 1)...]].map { RenderedFile(path: file.path, contents: Data($0)) }
        let done = ParallelMap.map(halves) { finish.apply($0) }
        // Something redacted: redaction looks again around what it replaced, across lines, so the
        // whole file is finished as a full build finishes it.
        guard !done.contains(where: { $0.1.redacted || !$0.1.findings.isEmpty }) else { return finish.apply(file) }
        var whole = file
        whole.contents = done[0].0.contents + done[1].0.contents
        return (whole, PublishNotes())
    }

    /// The pack's file at `path` with each old quote of an edited file's hash replaced by the new one,
    /// each found exactly once. Each line changed must be one that redaction and the last check leave as
    /// it is; the file had nothing redacted in the last build (`PatchRecorder`), so no other line can
    /// change either.
    /// How the OSCAL results quote an examined file's hash, as its JSON writes it (`OSCALReport`).
    private static func oscalQuote(_ path: String, _ sha256: String) throws -> String {
        String(decoding: try PatchManifest.quoted("Evidence file \(path), SHA-256 \(sha256)"), as: UTF8.self)
    }

    private func rehashed(_ path: String, rows: [(old: String, new: String)], finish: PageFinish) throws -> RenderedFile {
        guard case .success(let read) = FileReader.read(cache.output.appendingPathComponent(path).path) else { throw CannotPatch() }
        var bytes = [UInt8](read.bytes.data())
        for row in rows {
            let old = Array(row.old.utf8), new = Array(row.new.utf8)
            let found = ByteSearch.offsets(of: old, in: bytes)
            guard found.count == 1, old.count == new.count else { throw CannotPatch() }
            let at = found[0]
            bytes.replaceSubrange(at..<at + old.count, with: new)
            let start = bytes[..<at].lastIndex(of: 0x0A).map { $0 + 1 } ?? 0
            let end = bytes[at...].firstIndex(of: 0x0A) ?? bytes.count
            let line = RenderedFile(path: path, contents: Data(bytes[start..<end]))
            let (checked, notes) = finish.apply(line)
            guard checked.contents == line.contents, !notes.redacted, notes.findings.isEmpty else { throw CannotPatch() }
        }
        return RenderedFile(path: path, contents: Data(bytes))
    }

    /// `listing` with the lines of `paths` made again from the pack as it now is.
    private func relisted(_ listing: [String], paths: Set<String>) -> [String]? {
        var lines: [String] = []
        lines.reserveCapacity(listing.count)
        for line in listing {
            // Few paths change: a line is split only when it may be one of theirs.
            guard paths.contains(where: { line.hasPrefix($0) }), let path = BuildCache.path(ofFileLine: line), paths.contains(path) else {
                lines.append(line)
                continue
            }
            guard let fresh = BuildCache.identity(of: cache.output.appendingPathComponent(path).path, as: path) else { return nil }
            lines.append(fresh)
        }
        return lines
    }
}
