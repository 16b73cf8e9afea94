import DossierAssess
import DossierIntake
import DossierModel
import Foundation
import Mustache

/// Stage 5: turns parsed evidence, findings and verdicts into the pages and assets of the pack.
package struct PackRenderer: Sendable {
    package struct Context: Sendable {
        package var configuration: PackConfiguration?
        package var buildDate: BuildDate
        package var generator: String
        /// The fingerprint of the key that will sign the pack, for the About page's instructions.
        package var signingFingerprint: String?
        /// Whether the pack has a page comparing it with an earlier one (`diff.html`).
        package var comparedWithPrevious: Bool
        /// The published paths of the files withheld for a secret: listed in the evidence index, as
        /// the manifest lists them, so an auditor sees that a file exists and why it has no page.
        package var withheldPaths: [String] = []

        package init(configuration: PackConfiguration?, buildDate: BuildDate, generator: String, signingFingerprint: String? = nil,
                    comparedWithPrevious: Bool = false) {
            self.configuration = configuration
            self.buildDate = buildDate
            self.generator = generator
            self.signingFingerprint = signingFingerprint
            self.comparedWithPrevious = comparedWithPrevious
        }
    }

    private let library: MustacheLibrary
    private let theme: Theme
    package let context: Context
    package var progress: BuildProgress?
    /// Applied to every page as soon as it is rendered, on the thread that rendered it (personal-data
    /// redaction, the last secret check), so that no page is held twice.
    package var finish: PageFinish?
    /// Applied after `finish` and after the search index has read the finished page (the build writes
    /// evidence pages away here and keeps only their digest).
    package var store: (@Sendable (RenderedFile) throws -> RenderedFile)?
    /// Lays a data-flow graph out as inline SVG; nil when it cannot (the table beside it still shows every fact).
    /// A graph of more than `InputLimits.maxDiagramSystems` systems or `maxDiagramFlows` flows is not laid out (the data-flow rule says so).
    package var diagram: DiagramDrawing = PackRenderer.drawDiagram
    /// Evidence bodies rendered by an earlier build of this process (`dossier serve`).
    package var bodies: EvidencePages.BodyMemory?
    /// Pages published by an earlier build of this process, and what every page of this build
    /// depends on besides its view (`PageMemory.context`).
    package var pages: PageMemory?
    package var pageContext = ""
    /// Pages and bodies kept on disk by the last `dossier build` of this pack (`DiskParts`), for a
    /// build in a new process; `pages` and `bodies` serve a process that builds again (`serve`).
    package var parts: DiskParts?
    /// Given every page as it is published, and told when the pages asked for first are there and
    /// again once the pages of single files and controls all are (`dossier serve` shows them before
    /// the rest of the pack is made).
    package var preview: PreviewHandover?
    /// Marks the renderer's own stages for `DOSSIER_TIMINGS`.
    package var clock: StageClock?
    /// Keeps what the next build needs to patch this pack (`RenderCapture`); nil keeps nothing.
    package var capture: RenderCapture?

    /// The default `diagram`: Graphviz's layout, or nil past `InputLimits.drawable` (the `data-flow` fuzz target checks that).
    package static let drawDiagram: DiagramDrawing = { graph, systems, flows in
        guard InputLimits.drawable(systems: graph.systems.count, flows: graph.flows.count) else { return nil }
        return try? DataFlowDOT(graph: graph, violatingSystems: systems, violatingFlows: flows).svg()
    }

    /// An evidence image's bytes, to copy into the pack: the build passes its snapshot's; by default
    /// (tests) the file layer reads the file.
    package var imageBytes: @Sendable (EvidenceFile) -> Data? = { file in
        guard case .success(let read) = FileReader.read(file.url.path) else { return nil }
        return read.bytes.data()
    }

    /// The theme parsed for Dossier's own renderer; nil renders every page with swift-mustache.
    private let compiled: CompiledTheme?
    /// The names each template's pages were rendered with, for `templateDiagnostics`.
    private let shapes = TemplateShapes()

    /// `compiling: false` renders with swift-mustache alone (tests compare the two).
    package init(theme: Theme, context: Context) throws {
        try self.init(theme: theme, context: context, compiling: true)
    }

    package init(theme: Theme, context: Context, compiling: Bool) throws {
        self.theme = theme
        // swift-mustache parses every template even when it will not render them: its errors name the line and column.
        self.library = try theme.library()
        self.compiled = compiling ? theme.compiled() : nil
        self.context = context
    }

    package func render(
        _ allDocuments: [EvidenceDocument], diagnostics: [Diagnostic],
        assessment: ComplianceAssessment = .empty, content: ComplianceContent = .builtIn
    ) throws -> [RenderedFile] {
        let documents = PagePathRule.published(allDocuments)
        // Every page's text as published, for the search index written last.
        let texts = SearchTexts()
        let links = PageLinks(documents: documents, assessment: assessment, site: site(frameworks: assessment.frameworks))
        let activities = ActivityPages(documents: documents, diagnostics: diagnostics, assessment: assessment, links: links, diagram: diagram)
        let evidence = EvidencePages(
            activities, freshness: context.configuration?.freshness ?? .init(), buildDate: context.buildDate.date,
            timeZone: context.configuration?.timeZone ?? ISODate.utc, bodies: bodies, parts: parts)
        progress?.begin("Rendering pages", total: documents.count + assessment.verdicts.count)
        let compliance = CompliancePages(assessment: assessment, content: content, diagnostics: diagnostics, links: links)
        let activityPairs = activities.activities.map { Pair($0.0, $0.1) }
        // The pages of one file, one control or one activity whose path `chosen` takes (nil: all, the
        // lists passed on as they are: filtered, they would be copied for nothing).
        func singlePages(_ chosen: ((String) -> Bool)?) throws -> [RenderedFile] {
            let (chosenDocuments, chosenVerdicts, chosenActivities) = chosen.map { chosen in (
                documents.filter { chosen(PackPaths.page(forEvidence: $0.file)) },
                assessment.verdicts.filter { chosen(PackPaths.control($0.framework, $0.control)) },
                activityPairs.filter { chosen(PackPaths.activity($0.first.id)) })
            } ?? (documents, assessment.verdicts, activityPairs)
            return try ParallelMap.map(chosenDocuments, progress: progress) { document in
                Result { try evidencePage(document) }
            }.map { try $0.get() } + ParallelMap.map(chosenVerdicts, progress: progress) { verdict in
                Result { try page(PackPaths.control(verdict.framework, verdict.control), "control", compliance.controlPage(verdict), into: texts) }
            }.map { try $0.get() } + ParallelMap.map(chosenActivities) { pair in
                Result { try page(PackPaths.activity(pair.first.id), "activity", activities.page(pair.first, record: pair.second), into: texts) }
            }.map { try $0.get() }
        }
        // A Markdown file's page kept on disk is found without its body: the body is read only for a
        // page rendered again (not under `serve`, whose memory compares views and holds every body).
        @Sendable func evidencePage(_ document: EvidenceDocument) throws -> RenderedFile {
            let path = PackPaths.page(forEvidence: document.file)
            guard parts != nil, pages == nil, let (view, body) = evidence.pageDeferringBody(document) else {
                return try page(path, "evidence", evidence.page(document), into: texts)
            }
            return try page(path, "evidence", view, into: texts, deferred: (body.key, body.file, { try TemplateValueEncoder.encode(body.filled(view)) }))
        }
        let pack = PackPages(
            context: context, documents: documents, diagnostics: diagnostics, assessment: assessment, content: content, links: links)
        let listed = activities.activities.map(\.0)
        // The frameworks' pages and the Statement of Applicability, one each.
        var framed: [OwnPage] = assessment.frameworks.map { framework in
            OwnPage(PackPaths.framework(framework)) { try page(PackPaths.framework(framework), "framework", compliance.frameworkPage(framework), into: texts) }
        }
        if assessment.frameworks.contains(StatementOfApplicability.framework) {
            framed.append(OwnPage(PackPaths.statementOfApplicability) {
                try page(PackPaths.statementOfApplicability, "applicability", compliance.applicabilityPage(), into: texts)
            })
        }
        // The print page, the overview, the evidence index and the findings are large single pages,
        // each listing the whole pack: rendered side by side, not one after the other, the print page
        // (the largest) first so that the others fill the other core meanwhile.
        let listing = [
            // Not searched: it repeats every other page, and would be the first result of every search.
            OwnPage(PackPaths.print) { try page(PackPaths.print, "print", PrintPage(pack: pack, compliance: compliance).view()) },
            OwnPage(PackPaths.index) { try page(PackPaths.index, "index", pack.overview(compliance: compliance, activities: listed), into: texts) },
            OwnPage(PackPaths.evidenceIndex) {
                try page(PackPaths.evidenceIndex, "evidence-index", EvidenceIndexPageView(
                    site: links.site(PackPaths.evidenceIndex), title: "Evidence", groups: pack.groups(from: PackPaths.evidenceIndex)), into: texts)
            },
            OwnPage(PackPaths.findings) { try page(PackPaths.findings, "findings", pack.findings(), into: texts) },
        ]
        // The pages open in the browser and those of the files just saved are what the person editing
        // waits for: `serve` shows them before the other pages are rendered. Every page is rendered
        // once either way, and the pack is the same.
        let first = preview?.first ?? []
        var files: [RenderedFile] = []
        if !first.isEmpty {
            files = try singlePages(first.contains) + OwnPage.render((framed + listing).filter { first.contains($0.path) })
            if !files.isEmpty { preview?.ready(.first) }
        }
        files += try singlePages(first.isEmpty ? nil : { !first.contains($0) })
        files += try OwnPage.render(framed.filter { !first.contains($0.path) })
        clock?.mark("pages of files, controls, activities")
        // The pages of single files and controls are what an edit changes first: `serve` shows them now.
        // The pages that list the whole pack follow with the reports, each reloaded once it changed.
        preview?.ready(.singles)
        // A newer save stops `serve`'s rebuild here, or before any of the pages after is begun.
        let goOn: @Sendable () throws -> Void = preview?.goOn ?? { @Sendable in }
        try goOn()
        // After the pages: a theme's file at a page's path takes its place (the last file of a path
        // wins), the listing pages' too; the about page and the search index come after them.
        var assets = theme.assets.map { RenderedFile(path: $0.key, text: $0.value) }
        // Evidence images are copied as they are, for their own page and any Markdown that shows them.
        for document in documents {
            guard let path = PackPaths.image(forEvidence: document.file), let bytes = imageBytes(document.file) else { continue }
            assets.append(RenderedFile(path: path, contents: bytes))
        }
        // The about page counts the HTML pages: those above, the listing pages still to come, the
        // theme's, itself and, with --previous, the diff page (the reports, manifest and checksums are
        // written later, and SHA256SUMS lists every file).
        let listingLeft = listing.filter { !first.contains($0.path) }
        let pageCount = files.count { $0.path.hasSuffix(".html") } + assets.count { $0.path.hasSuffix(".html") }
            + listingLeft.count { $0.path.hasSuffix(".html") } + 1 + (context.comparedWithPrevious ? 1 : 0)
        // The print page, the longest, is not searched: on one core, while the other renders the other
        // listing pages, then the about page and the search index, which holds the text of every page
        // but the print page, as published. One after the other, the index waited for the print page.
        let searched = listingLeft.filter { $0.path != PackPaths.print }
        let lanes: [@Sendable () throws -> (listing: [RenderedFile], last: [RenderedFile])] = [
            { (try OwnPage.render(listingLeft.filter { $0.path == PackPaths.print }, goOn: goOn), []) },
            {
                let listing = try OwnPage.render(searched, goOn: goOn)
                try goOn()
                let about = try page(PackPaths.about, "about", pack.about(pageCount: pageCount), into: texts)
                let entries = pack.searchEntries(activities: listed, texts: texts.pages)
                let index = RenderedFile(path: PackPaths.searchIndex, text: self.pages?.searchIndex(entries, context: pageContext) ?? {
                    var model = SearchModel(entries)
                    model.order()
                    capture?.keep(model)
                    return model.script()
                }())
                return (listing, [about, index])
            },
        ]
        let made = try ParallelMap.map(Array(lanes.indices)) { lane in Result { try lanes[lane]() } }.map { try $0.get() }
        files += made.flatMap(\.listing) + assets + made.flatMap(\.last)
        clock?.mark("listing pages, about page, search index")
        return files.sorted { $0.path < $1.path }
    }

    /// `diff.html`: what changed since an earlier pack, regressions first, controls linked.
    package func diffPage(_ diff: PackDiff, frameworks: [String]) throws -> RenderedFile {
        let path = PackPaths.diff
        let site = site(frameworks: frameworks)(path)
        func rows(_ changes: [PackDiff.StatusChange]) -> [DiffPageView.Change] {
            changes.map { change in
                DiffPageView.Change(
                    control: "\(FrameworkName.of(change.framework)) \(change.control)", old: change.old, new: change.new,
                    href: PackPaths.link(from: path, to: PackPaths.control(change.framework, change.control)))
            }
        }
        func rows(_ changes: [PackDiff.ItemChange]) -> [DiffPageView.ItemChange] {
            changes.map { DiffPageView.ItemChange(item: "\($0.checklist) \($0.id)", old: $0.old ?? "absent", new: $0.new ?? "absent") }
        }
        let view = DiffPageView(
            site: site, title: "Changes since \(diff.oldRelease ?? "the previous pack")", regressions: rows(diff.regressions),
            itemRegressions: rows(diff.itemRegressions), others: rows(diff.statusChanges.filter { !$0.regression }),
            itemOthers: rows(diff.itemChanges.filter { !$0.regression }), added: diff.evidenceAdded, removed: diff.evidenceRemoved,
            changed: diff.evidenceChanged, lapsed: diff.lapsed.map { "\($0.file ?? "pack"): \($0.message)" },
            findings: diff.newFindings.map { "\($0.file ?? "pack"): \($0.severity): \($0.message) [\($0.id)]" })
        return try page(path, "diff", view)
    }

    /// A body a page's view leaves out (`EvidencePages.DeferredBody`): its key, the evidence file it is
    /// made from, and the view's value with it, made only if the page is rendered.
    private typealias DeferredValue = (key: PartKey, file: String, full: () throws -> TemplateValue)

    private func page(
        _ path: String, _ template: String, _ view: some Encodable & Hashable & Sendable, into texts: SearchTexts? = nil, deferred: DeferredValue? = nil
    ) throws -> RenderedFile {
        let make = {
            let value = try TemplateValueEncoder.encode(view)
            if let deferred { capture?.keep(view: value, of: deferred.file) }
            return try kept(path, template, value, searched: texts != nil, body: deferred)
        }
        // A view equal to one an earlier build published is that page: not even encoded again.
        let published = try pages.map { memory in
            try memory.page(path, template: template, view: view, context: pageContext, make: make)
        } ?? make()
        // A page recalled from an earlier build still counts for the template-key check.
        shapes.add(published.shape, template: template)
        finish?.note(path, published.notes)
        if let text = published.text { texts?.add(path, text) }
        preview?.pages.add(published.file)
        return try store?(published.file) ?? published.file
    }

    /// The page the last build kept on disk for this very value (`parts`), else rendered and kept.
    /// `body`: a body `value` leaves out. Its key is its file's hash, which describes the body only when
    /// the file was read once, so the page is kept only as the file's parts are.
    private func kept(_ path: String, _ template: String, _ value: TemplateValue, searched: Bool, body: DeferredValue? = nil) throws -> PublishedPage {
        // The print page lists every file's SHA-256: any edit to the evidence changes it, so a part of
        // it (20 MB at 10 000 files, scanned before it is kept) would never be found again.
        guard let parts, path != PackPaths.print else { return try publish(path, template, try body?.full() ?? value, searched: searched) }
        let key = PagePart.key(path: path, template: template, value: value, context: pageContext, searched: searched, body: body?.key.hex)
        if let data = parts.data(key), let page = PagePart.decode(data, path: path, shape: shapes.add(value, template: template)) {
            if let body { parts.retain(body.key) }
            return page
        }
        let page = try publish(path, template, try body?.full() ?? value, searched: searched)
        if let data = PagePart.encode(page) { parts.store(data, key, from: body?.file) }
        return page
    }

    /// Renders and finishes a page, reading what the build needs from it on the way.
    private func publish(_ path: String, _ template: String, _ value: TemplateValue, searched: Bool) throws -> PublishedPage {
        guard let html = compiled?.render(value, template: template) ?? library.render(value.mustacheObject, withTemplate: template) else {
            throw DossierError(path: template + ".mustache", reason: .templatesInvalid("the theme has no '\(template)' template"))
        }
        let rendered = RenderedFile(path: path, text: html)
        let (file, notes) = finish?.apply(rendered) ?? (rendered, PublishNotes())
        return PublishedPage(
            file: file, notes: notes, text: searched && path.hasSuffix(".html") ? SearchText(html: file.contents) : nil,
            shape: shapes.add(value, template: template))
    }

    /// The names the theme's templates use that none of the pages rendered so far has
    /// (`dossier.template.unknown-key`): asked once every page is rendered.
    package func templateDiagnostics() -> [Diagnostic] {
        theme.keyCheck.diagnostics(shapes: shapes.byTemplate)
    }

    package var packTitle: String {
        context.configuration.map { "\($0.organisation) audit pack" } ?? "Audit pack"
    }

    private func site(frameworks: [String]) -> @Sendable (String) -> SiteView {
        let context = context, title = packTitle
        // Every page links to the same framework pages; only the way up to the root differs.
        let targets = frameworks.map { (FrameworkName.of($0), PackPaths.link(from: PackPaths.index, to: PackPaths.framework($0))) }
        return { page in
            let root = PackPaths.root(from: page)
            return SiteView(
                root: root, packTitle: title,
                buildDate: context.buildDate.isoDay, buildDateSource: context.buildDate.source.description,
                generator: context.generator,
                frameworks: targets.map { LinkView(title: $0.0, href: root + $0.1) },
                draft: context.configuration?.signOff?.state == .draft, sheet: page == PackPaths.statementOfApplicability)
        }
    }
}

/// A page of its own (not one per file, control or activity), by its path, rendered when asked.
private struct OwnPage: Sendable {
    let path: String
    let make: @Sendable () throws -> RenderedFile
    init(_ path: String, _ make: @escaping @Sendable () throws -> RenderedFile) {
        self.path = path
        self.make = make
    }

    /// Side by side; `goOn` is asked before each is begun.
    static func render(_ pages: [OwnPage], goOn: @Sendable () throws -> Void = {}) throws -> [RenderedFile] {
        try ParallelMap.map(pages) { own in
            Result {
                try goOn()
                return try own.make()
            }
        }.map { try $0.get() }
    }
}

/// Two values handed to ParallelMap together (a tuple cannot be declared Sendable).
package struct Pair<First: Sendable, Second: Sendable>: Sendable {
    package var first: First
    package var second: Second
    package init(_ first: First, _ second: Second) {
        self.first = first
        self.second = second
    }
}
