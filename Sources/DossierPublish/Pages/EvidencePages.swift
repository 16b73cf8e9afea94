import DossierAssess
import DossierIntake
import DossierModel
import Foundation

/// Builds each evidence file's page: its content (Markdown, a typed record, a log summary, a
/// diagram, or structured data as tables), its hash, its findings, and what cites it.
///
/// Everything a page looks up by file (its findings, what cites it, where its links go) is indexed
/// once here: searched per page, the lists made a build quadratic in the number of files.
package struct EvidencePages: Sendable {
    package var links: PageLinks
    private let resolver: EvidenceLinkResolver
    /// Per evidence file: the verdicts citing it, then the checklist items linking to it, in assessment order.
    private let citingVerdicts: [String: [ControlVerdict]]
    private let citingItems: [String: [ItemAssessment]]
    /// Draws a data-flow file's diagram as its activity's page does; it holds the documents, findings and assessment.
    private let activityPages: ActivityPages

    /// Each answers file's item statuses by ID, for its answers table.
    package let answerVerdicts: [String: [String: ItemStatus]]
    /// The pack's freshness windows and build date, for each file's review facts.
    private let freshness: PackConfiguration.Freshness
    private let buildDate: Date
    /// The zone a `reviewed_at` written without one is read in, as the freshness rule reads it.
    private let timeZone: TimeZone
    /// Bodies an earlier build of this process rendered (`dossier serve`).
    private let bodies: BodyMemory?
    /// The bodies the last `dossier build` kept on disk, under the same key as `bodies`.
    private let parts: DiskParts?
    /// Where every evidence link can lead: the files there are and their published names.
    private let filesDigest: String

    /// A Markdown body's HTML depends on its file's name and bytes, and on which files its links can
    /// reach (and by what published names); not on findings, verdicts or anything else in the pack.
    package struct BodyKey: Hashable, Sendable {
        var file: EvidenceFile
        var sha256: String
        var files: String
    }

    package typealias BodyMemory = BuildMemo<BodyKey, String>

    package init(
        _ activityPages: ActivityPages, freshness: PackConfiguration.Freshness = .init(), buildDate: Date = Date(timeIntervalSince1970: 0),
        timeZone: TimeZone = ISODate.utc, bodies: BodyMemory? = nil, parts: DiskParts? = nil
    ) {
        self.bodies = bodies
        self.parts = parts
        self.freshness = freshness
        self.buildDate = buildDate
        self.timeZone = timeZone
        let (documents, assessment) = (activityPages.documents, activityPages.assessment)
        self.activityPages = activityPages
        links = activityPages.links
        resolver = EvidenceLinkResolver(files: documents.map(\.file))
        filesDigest = ContentHash.sha256(Data(documents.map { "\($0.file.path)\u{0}\($0.file.published)" }.joined(separator: "\n").utf8))
        var verdicts: [String: [ControlVerdict]] = [:]
        for verdict in assessment.verdicts {
            for file in Set(verdict.evidence) { verdicts[file, default: []].append(verdict) }
        }
        citingVerdicts = verdicts
        var items: [String: [ItemAssessment]] = [:]
        for item in assessment.items {
            for file in Set(item.acceptedEvidence + item.otherEvidence) { items[file, default: []].append(item) }
        }
        citingItems = items
        var answered: [String: [String: ItemStatus]] = [:]
        for item in assessment.items { answered[item.answersFile, default: [:]][item.item.id] = item.status }
        answerVerdicts = answered
    }

    /// A Markdown file's body, left out of its page's view until the page is rendered: the page's
    /// part is found by `key` (what the body is made from) instead of by the body's HTML, so that a
    /// page kept on disk is recalled without its body being read or hashed.
    package struct DeferredBody: Sendable {
        package var key: PartKey
        /// The evidence file the body is made from.
        package var file: String
        package var fill: @Sendable (inout EvidencePageView) -> Void

        /// `view` with the body in.
        package func filled(_ view: EvidencePageView) -> EvidencePageView {
            var full = view
            fill(&full)
            return full
        }
    }

    /// The page's view with its body left out (an empty HTML body stands for it, so that the view has
    /// the shape the template is given), and how to put the body in; nil for a file with no Markdown body.
    package func pageDeferringBody(_ document: EvidenceDocument) -> (view: EvidencePageView, body: DeferredBody)? {
        guard case .markdown(let markdown) = document.content else { return nil }
        let key = BodyKey(file: document.file, sha256: document.sha256, files: filesDigest)
        var view = page(document, body: false)
        view.html = ""
        return (view, DeferredBody(key: Self.diskKey(key), file: document.path) { view in view.html = bodies?.value(for: key) { html(of: markdown, in: key.file) } ?? kept(markdown, key) })
    }

    package func page(_ document: EvidenceDocument) -> EvidencePageView {
        page(document, body: true)
    }

    private func page(_ document: EvidenceDocument, body: Bool) -> EvidencePageView {
        let path = PackPaths.page(forEvidence: document.file)
        let own = activityPages.diagnosticsByFile[document.path] ?? []
        var view = EvidencePageView(
            site: links.site(path), title: document.title, path: document.path, sha256: document.sha256,
            html: nil, text: nil, signOff: document.signOff.map { SignOffView($0, heading: "Sign-off") }, record: nil, log: nil, hasDiagnostics: !own.isEmpty,
            diagnostics: own.map { DiagnosticView($0, from: path, links: links, remediation: activityPages.assessment.remediation) })
        view.record = document.record.map { record in
            RecordView(record, verdicts: answerVerdicts[document.path] ?? [:]) { target in
                resolver.page(forEvidencePath: target).map { PackPaths.link(from: path, to: $0) }
            }
        }
        if case .dataFlow(let graph)? = document.record {
            // The diagram's own table states every fact of the graph: the record table would repeat it.
            view.diagram = activityPages.diagramView(graph, file: document, from: path)
            view.record = nil
        }
        view.review = review(of: document)
        view.backlinks = backlinks(to: document.path, from: path)
        view.hasBacklinks = !view.backlinks.isEmpty
        switch document.content {
        case .markdown(let markdown):
            guard body else { break }
            let key = BodyKey(file: document.file, sha256: document.sha256, files: filesDigest)
            view.html = bodies?.value(for: key) { html(of: markdown, in: document.file) } ?? kept(markdown, key)
        case .text(let text):
            if let image = PackPaths.image(forEvidence: document.file) {
                view.image = PackPaths.link(from: path, to: image)
            } else if document.record == nil, let tree = document.tree {
                view.tree = TreeView.make(tree)
            } else {
                view.text = text
            }
        case .log(let extract):
            view.log = LogView(extract)
        }
        return view
    }

    /// The body's HTML as the last `dossier build` kept it on disk, else made now and kept.
    private func kept(_ markdown: MarkdownEvidence, _ key: BodyKey) -> String {
        guard let parts else { return html(of: markdown, in: key.file) }
        let diskKey = Self.diskKey(key)
        if let data = parts.data(diskKey) { return String(decoding: data, as: UTF8.self) }
        let html = html(of: markdown, in: key.file)
        parts.store(Data(html.utf8), diskKey, from: key.file.path)
        return html
    }

    private static func diskKey(_ key: BodyKey) -> PartKey {
        PartKey("body") { part in
            part.add(key.file)
            part.add(key.sha256)
            part.add(key.files)
        }
    }

    /// The body is parsed again from its text (holding every tree for the whole build costs more),
    /// converted to Swift values, and its links rewritten on them; the offset maps body lines back to
    /// file lines for lookup.
    private func html(of markdown: MarkdownEvidence, in file: EvidenceFile) -> String {
        Self.bodyHTML(of: markdown, in: file, resolver: resolver)
    }

    /// A Markdown file's body as its page shows it, its links resolved by `resolver` (which knows
    /// every evidence file): a patch build renders an edited file's body with it alone.
    package static func bodyHTML(of markdown: MarkdownEvidence, in file: EvidenceFile, resolver: EvidenceLinkResolver) -> String {
        var body = markdown.parsedBody().tree()
        body.rewriteLinks { link in
            var located = link
            located.location.line += markdown.bodyLineOffset
            return resolver.resolve(located, in: file).rewrite
        }
        body.demoteHeadings()
        return MarkdownHTML.render(body)
    }

    /// Every control whose verdict cites the file, and every checklist item that links to it.
    package func backlinks(to file: String, from page: String) -> [BacklinkView] {
        let controls = (citingVerdicts[file] ?? []).map { verdict in
            BacklinkView(
                title: "\(FrameworkName.of(verdict.framework)) \(verdict.control)", detail: verdict.status.label,
                href: PackPaths.link(from: page, to: PackPaths.control(verdict.framework, verdict.control)))
        }
        let items = (citingItems[file] ?? []).compactMap { item -> BacklinkView? in
            guard let answers = links.evidence(item.answersFile, from: page) else { return nil }
            return BacklinkView(title: item.reference, detail: item.status.label, href: answers.href)
        }
        return items + controls
    }

    /// The review a Markdown file states, judged as the freshness rule judges it; nil when the file
    /// states no review date or window it can read (the rule reports those).
    private func review(of document: EvidenceDocument) -> ReviewView? {
        guard case .markdown(let markdown) = document.content, let front = markdown.frontMatter,
              let reviewed = front["reviewed_at"]?.string.flatMap({ ISODate.parse($0, zone: timeZone) }), let node = front["freshness"],
              let (days, name) = FreshnessRule.window(of: node, freshness: freshness) else { return nil }
        let state = FreshnessRule.standing(reviewed: reviewed, days: days, buildDate: buildDate)
        let owner = front["owner"]?.string ?? ""
        let label = switch state {
        case .fresh: "Fresh"
        case .stale: "Stale"
        case .future: "Dated after the build"
        }
        return ReviewView(
            owner: owner, hasOwner: !owner.isEmpty, reviewedAt: ISODate.day(reviewed),
            window: name == "\(days)-day" ? "\(name) window" : "\(name) window, \(days) days",
            validUntil: ISODate.day(reviewed.addingTimeInterval(Double(days) * 86_400)),
            state: state.rawValue, stateLabel: label)
    }
}
