import Foundation
import Mustache

/// Stage 5: turns parsed evidence and findings into the pages and assets of the pack.
public struct PackRenderer: Sendable {
    public struct Context: Sendable {
        public var configuration: PackConfiguration?
        public var buildDate: BuildDate
        public var generator: String

        public init(configuration: PackConfiguration?, buildDate: BuildDate, generator: String) {
            self.configuration = configuration
            self.buildDate = buildDate
            self.generator = generator
        }
    }

    private let library: MustacheLibrary
    private let theme: Theme
    private let context: Context

    public init(theme: Theme, context: Context) throws {
        self.theme = theme
        self.library = try theme.library()
        self.context = context
    }

    public func render(_ allDocuments: [EvidenceDocument], diagnostics: [Diagnostic]) throws -> [RenderedFile] {
        let left = Set(PagePathChecker.clashing(allDocuments).map(\.document.path))
        let documents = allDocuments.filter { !left.contains($0.path) }
        let resolver = EvidenceLinkResolver(files: documents.map(\.file))
        let byFile = Dictionary(grouping: diagnostics.filter { $0.file != nil }, by: { $0.file! })
        let evidencePages = try ParallelMap.map(documents) { document in
            Result { try evidencePage(document, resolver: resolver, diagnostics: byFile[document.path] ?? []) }
        }.map { try $0.get() }
        var files = evidencePages
        files.append(try page(PackPaths.index, "index", indexView(documents, diagnostics)))
        files.append(try page(PackPaths.evidenceIndex, "evidence-index", EvidenceIndexPageView(
            site: site(for: PackPaths.evidenceIndex), title: "Evidence", groups: groups(documents, from: PackPaths.evidenceIndex))))
        files.append(try page(PackPaths.findings, "findings", findingsView(documents, diagnostics)))
        for (path, text) in theme.assets { files.append(RenderedFile(path: path, text: text)) }
        return files.sorted { $0.path < $1.path }
    }

    // MARK: - Pages

    private func evidencePage(_ document: EvidenceDocument, resolver: EvidenceLinkResolver, diagnostics: [Diagnostic]) throws -> RenderedFile {
        let path = PackPaths.page(forEvidence: document.file)
        var view = EvidencePageView(
            site: site(for: path), title: document.title, path: document.path, sha256: document.sha256,
            html: nil, text: nil, record: nil, log: nil, hasDiagnostics: !diagnostics.isEmpty,
            diagnostics: diagnostics.map { diagnosticView($0, from: path) })
        view.record = document.record.map { record in
            RecordView(record) { target in
                resolver.page(forEvidencePath: target).map { PackPaths.link(from: path, to: $0) }
            }
        }
        switch document.content {
        case .markdown(let markdown):
            // Links are rewritten on the tree in place; the offset maps body lines back to file lines for lookup.
            markdown.document.rewriteLinks { link in
                var located = link
                located.location.line += markdown.bodyLineOffset
                return resolver.resolve(located, in: document.file).rewrite
            }
            markdown.document.demoteHeadings()
            view.html = markdown.document.html()
        case .text(let text):
            view.text = text
        case .log(let extract):
            view.log = LogView(extract)
        }
        return try page(path, "evidence", view)
    }

    private func indexView(_ documents: [EvidenceDocument], _ diagnostics: [Diagnostic]) -> IndexPageView {
        IndexPageView(
            site: site(for: PackPaths.index), title: "Overview", evidenceCount: documents.count,
            errorCount: diagnostics.count { $0.severity == .error },
            warningCount: diagnostics.count { $0.severity == .warning },
            noteCount: diagnostics.count { $0.severity == .note },
            groups: groups(documents, from: PackPaths.index),
            scope: ScopeView(context.configuration))
    }

    private func findingsView(_ documents: [EvidenceDocument], _ diagnostics: [Diagnostic]) -> FindingsPageView {
        FindingsPageView(
            site: site(for: PackPaths.findings), title: "Findings",
            errorCount: diagnostics.count { $0.severity == .error },
            warningCount: diagnostics.count { $0.severity == .warning },
            noteCount: diagnostics.count { $0.severity == .note },
            hasDiagnostics: !diagnostics.isEmpty,
            diagnostics: diagnostics.map { diagnosticView($0, from: PackPaths.findings, pages: documents) })
    }

    // MARK: - Pieces

    private func page(_ path: String, _ template: String, _ view: Any) throws -> RenderedFile {
        guard let html = library.render(view, withTemplate: template) else {
            throw DossierError(path: template + ".mustache", reason: .templatesInvalid("the theme has no '\(template)' template"))
        }
        return RenderedFile(path: path, text: html)
    }

    private var packTitle: String {
        context.configuration.map { "\($0.organisation) audit pack" } ?? "Audit pack"
    }

    private func site(for page: String) -> SiteView {
        SiteView(
            root: PackPaths.root(from: page), packTitle: packTitle,
            buildDate: context.buildDate.isoDay, buildDateSource: context.buildDate.source.description,
            generator: context.generator)
    }

    private func groups(_ documents: [EvidenceDocument], from page: String) -> [EvidenceGroupView] {
        let byFolder = Dictionary(grouping: documents) { document -> String in
            let folder = (document.path as NSString).deletingLastPathComponent
            return folder.isEmpty ? "(top level)" : folder
        }
        return byFolder.keys.sorted().map { folder in
            EvidenceGroupView(folder: folder, items: byFolder[folder]!.sorted { $0.path < $1.path }.map { document in
                EvidenceGroupView.Item(
                    title: document.title, path: document.path,
                    href: PackPaths.link(from: page, to: PackPaths.page(forEvidence: document.file)))
            })
        }
    }

    private func diagnosticView(_ diagnostic: Diagnostic, from page: String, pages: [EvidenceDocument] = []) -> DiagnosticView {
        let place = diagnostic.file.map { file in file + (diagnostic.location.map { ":\($0)" } ?? "") } ?? "pack"
        let href = pages.first { $0.path == diagnostic.file }.map {
            PackPaths.link(from: page, to: PackPaths.page(forEvidence: $0.file))
        }
        return DiagnosticView(
            severity: diagnostic.severity.description, place: place, href: href,
            summary: diagnostic.summary, identifier: diagnostic.identifier)
    }
}
