import DossierAssess
import DossierIntake
import DossierModel
import DossierPublish
import Foundation

/// The build's last product: the assessment it was made from and the pack as written.
package struct WrittenPack: Sendable {
    package let assessment: Assessment
    /// Paths of the files written into the pack.
    package let writtenFiles: [String]
    /// SHA-256 of the pack's manifest.json, printed at the end of a build so it can be recorded elsewhere.
    package let manifestHash: String
    /// The assessment's findings and those of the last check on the written files (a secret that
    /// reached an output).
    package let diagnostics: [Diagnostic]
    /// What a patch build of the next edit starts from (`PatchRecorder`): the pages redaction changed,
    /// the findings of the last check on the pack's files, what the renderer kept, and what every
    /// page's finishing depended on (`PageMemory.context`).
    package var redactedPages: Set<String> = []
    package var publishedFindings: [Diagnostic] = []
    package var capture: RenderCapture?
    package var pageContext = ""

    /// Whether any finding is at least as serious as `threshold`.
    package func fails(at threshold: DiagnosticSeverity) -> Bool {
        diagnostics.contains { $0.severity >= threshold }
    }
}

/// Stages 5 and 6: pages, reports and redaction from an assessment, then the manifest and the
/// staging folder swapped in.
struct PackPublishing {
    let pipeline: BuildPipeline
    let assessment: Assessment
    let theme: Theme
    /// The inputs not in Unicode NFC (`PageMemory.unnormalised`), for the pages' context.
    var unnormalised: [String] = []
    var options: BuildOptions { pipeline.options }

    func publish(with renderer: inout PackRenderer, into staging: PackStaging) throws -> WrittenPack {
        // A file with a secret is judged like any other, but nothing built from it is published.
        renderer.progress = options.progress
        let redaction = RedactionPass(redactor: redactor())
        // Evidence pages, most of the pack, go to the staging folder as soon as they are redacted; the
        // few other files stay in memory until the end, since the reports and the diff read them.
        // A theme may ship a file at an evidence page's path, which then takes the page's place (the last
        // file of a path wins): such a page is kept in memory like the rest, not stored.
        let themeFiles = Set(theme.assets.keys)
        // A look-alike acknowledged for its file is published there as decided, and so in the pages
        // and reports that show that file's text: the last check lets those values through.
        var publishedPolicy = assessment.configuration?.secrets ?? .init()
        publishedPolicy.allow += assessment.acknowledgedSecrets.sorted()
        let published = PublishedSecretCheck(known: assessment.secretValues, policy: publishedPolicy)
        let finish = PageFinish(redaction: redaction, published: published)
        renderer.finish = finish
        if let show = options.preview {
            let images = assessment.documents.compactMap { document in
                PackPaths.image(forEvidence: document.file).map { (path: $0, sha256: document.sha256) }
            }
            let preview = PagePreview(theme: theme, images: images)
            let clock = pipeline.clock
            let saved = assessment.documents.filter { options.savedFiles.contains($0.path) }.map { PackPaths.page(forEvidence: $0.file) }
            renderer.preview = PreviewHandover(pages: preview, first: options.openPages.union(saved), goOn: goOn) { stage in
                clock.mark(stage == .first ? "saved and open pages (shown)" : "pages (shown by serve)")
                show(preview)
            }
        }
        renderer.pageContext = PageMemory.context(
            theme: theme, redaction: assessment.configuration?.redaction, key: assessment.redactionKey, secrets: assessment.secretValues,
            policy: assessment.configuration?.secrets ?? .init(), unnormalised: unnormalised)
        // After the search index has read the page as published. Not under `serve`: its memory holds
        // every page already, and writing them waits until they are shown.
        if options.memory == nil {
            renderer.store = { clean in
                guard clean.path.hasPrefix(PackPaths.evidencePagesFolder), !themeFiles.contains(clean.path) else { return clean }
                return try staging.store(clean)
            }
        }
        // The Statement of Applicability and the reports need only the assessment: they are made while
        // the pages are rendered, in the moments the renderer leaves a core idle.
        let assessed = assessment
        let makeReports: @Sendable () throws -> (files: [RenderedFile], report: BuildReport) = {
            let made = try self.reports()
            return (files: (try StatementOfApplicability(assessment: assessed.compliance)?.files() ?? []) + made.files, report: made.report)
        }
        // Except under `serve`, which shows the pages first: they then have both cores.
        let reports = options.preview == nil ? Background(makeReports) : nil
        var files = try renderer.render(
            assessment.documents.excluding(assessment.withheld), diagnostics: assessment.diagnostics,
            assessment: assessment.compliance, content: assessment.content)
        pipeline.clock.mark("render pages")
        try goOn()
        options.progress?.begin("Writing reports and the manifest")
        let made = try reports?.value() ?? makeReports()
        files += made.files
        pipeline.clock.mark("soa, reports (waited)")
        try goOn()
        if let diff = try diffPage(report: made.report, renderer: renderer) { files.append(diff) }
        let templateFindings = renderer.templateDiagnostics()
        // Pages were redacted as they were rendered; the reports, tables and search index are now.
        let finished = FinishedFiles(parts: pipeline.parts, context: renderer.pageContext, finish: finish, redactionReads: redaction.redactor.reads)
        files = ParallelMap.map(files) { redaction.isDone($0.path) ? $0 : finished.finish($0) }
        pipeline.clock.mark("personal-data redaction, secret check")
        try goOn()
        files = RenderedFile.lastOfEachPath(files)
        // `--pdf`: printed from the finished print.html, before the manifest, which lists pack.pdf too.
        if let printer = options.printer {
            files.append(try printer.pdf(of: files, buildDate: assessment.buildDate.date))
            pipeline.clock.mark("pdf")
        }
        // Last, because they hash every other file of the pack.
        let integrity = try PackIntegrity(pipeline: pipeline, assessment: assessment).files(for: files, redactedPages: redaction.redacted)
        pipeline.clock.mark("manifest")
        // Not rewritten by the last check: they hash and sign the files above, and list their paths scrubbed.
        files += integrity.files
        files.sort { $0.path < $1.path }
        try staging.finish(files)
        options.progress?.finish()
        pipeline.clock.mark("write")
        var written = WrittenPack(
            assessment: assessment, writtenFiles: files.map(\.path), manifestHash: integrity.manifestHash,
            diagnostics: assessment.diagnostics + templateFindings + published.diagnostics)
        written.redactedPages = redaction.redacted
        written.publishedFindings = published.diagnostics + templateFindings
        written.capture = renderer.capture
        written.pageContext = renderer.pageContext
        return written
    }

    /// Throws `BuildSuperseded` when a newer save is waiting (`serve`).
    private var goOn: @Sendable () throws -> Void {
        let superseded = options.superseded
        return { if superseded?() == true { throw BuildSuperseded() } }
    }

    private func redactor() -> PersonalDataRedactor {
        PersonalDataRedactor.forPolicy(assessment.configuration?.redaction, key: assessment.redactionKey)
    }

    /// The machine-readable reports written into every pack, and report.json's model for the diff page.
    private func reports() throws -> (files: [RenderedFile], report: BuildReport) {
        let context = ReportContext(
            result: assessment, generator: BuildPipeline.generator,
            evidencePrefix: ReportContext.prefix(
                forEvidence: options.evidence, workingDirectory: URL(fileURLWithPath: FileManager.default.currentDirectoryPath)))
        let report = BuildReport(context)
        // Four independent encodings, the larger ones seconds long for 10 000 files: one per core.
        let makers: [@Sendable () throws -> RenderedFile] = [
            { try report.file() }, { JUnitReport(context).file() }, { try SARIFReport(context).file() }, { try OSCALReport(context).file() },
        ]
        let files = try ParallelMap.map(Array(makers.indices)) { index in Result { try makers[index]() } }.map { try $0.get() }
        return (files, report)
    }

    /// What changed since the pack at `options.previous`, as the new pack's diff page.
    private func diffPage(report: BuildReport, renderer: PackRenderer) throws -> RenderedFile? {
        guard let previous = options.previous else { return nil }
        let manifest = PackManifest(
            generator: BuildPipeline.generator, buildDate: assessment.buildDate.isoTimestamp, release: assessment.configuration?.release,
            inputs: PackIntegrity(pipeline: pipeline, assessment: assessment).inputs(), outputs: [])
        return try renderer.diffPage(
            try PackDiff(old: previous, newReport: report, newManifest: manifest), frameworks: assessment.compliance.frameworks)
    }
}
