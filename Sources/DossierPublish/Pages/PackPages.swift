import DossierAssess
import DossierIntake
import DossierModel
import Foundation

/// Builds the pages about the pack as a whole: overview, evidence index, findings, about, and the
/// search index the optional script reads.
package struct PackPages: Sendable {
    package var context: PackRenderer.Context
    package var documents: [EvidenceDocument]
    package var diagnostics: [Diagnostic]
    package var assessment: ComplianceAssessment
    package var content: ComplianceContent
    package var links: PageLinks

    package func overview(compliance: CompliancePages, activities: [ProcessingActivity]) -> OverviewPageView {
        let path = PackPaths.index
        let coverage = assessment.frameworks.map { compliance.coverage($0, from: path) }
        return OverviewPageView(
            site: links.site(path), title: "Overview", scope: ScopeView(context.configuration),
            signOff: context.configuration?.signOff.map { SignOffView($0, heading: "Sign-off of this pack") }, evidenceCount: evidenceCount,
            errorCount: diagnostics.count { $0.severity == .error }, warningCount: diagnostics.count { $0.severity == .warning },
            noteCount: diagnostics.count { $0.severity == .note }, countsSummary: diagnostics.countsSummary, hasCoverage: !coverage.isEmpty, coverage: coverage,
            hasApplicability: assessment.frameworks.contains(StatementOfApplicability.framework),
            hasActivities: !activities.isEmpty,
            activities: activities.map { ActivityLinkView(name: $0.name, id: $0.id, href: PackPaths.link(from: path, to: PackPaths.activity($0.id))) },
            sourceCommit: context.buildDate.sourceCommit, groups: groups(from: path), hasDiff: context.comparedWithPrevious)
    }

    package func groups(from page: String) -> [EvidenceGroupView] {
        func folder(of path: String) -> String {
            let folder = (path as NSString).deletingLastPathComponent
            return folder.isEmpty ? "(top level)" : folder
        }
        // Grouped as indices: grouping the documents themselves copied every one (20 MB at 10 000 files).
        let byFolder = Dictionary(grouping: documents.indices) { folder(of: documents[$0].path) }
        let withheld = Dictionary(grouping: context.withheldPaths, by: folder(of:))
        return Set(byFolder.keys).union(withheld.keys).sorted().map { name in
            let published = (byFolder[name] ?? []).sorted { documents[$0].path < documents[$1].path }.map { index in
                let document = documents[index]
                return EvidenceGroupView.Item(
                    title: document.title, path: document.path, href: PackPaths.link(from: page, to: PackPaths.page(forEvidence: document.file)))
            }
            guard let kept = withheld[name] else { return EvidenceGroupView(folder: name, items: published) }
            let items = published + kept.map { EvidenceGroupView.Item(title: "", path: $0, href: "", withheld: true) }
            return EvidenceGroupView(folder: name, items: items.sorted { $0.path < $1.path })
        }
    }

    /// Every file the evidence index lists: those with a page and those withheld.
    package var evidenceCount: Int { documents.count + context.withheldPaths.count }

    package func findings() -> FindingsPageView {
        let path = PackPaths.findings
        return FindingsPageView(
            site: links.site(path), title: "Findings",
            errorCount: diagnostics.count { $0.severity == .error }, warningCount: diagnostics.count { $0.severity == .warning },
            noteCount: diagnostics.count { $0.severity == .note }, countsSummary: diagnostics.countsSummary, hasDiagnostics: !diagnostics.isEmpty,
            diagnostics: diagnostics.map { DiagnosticView($0, from: path, links: links, remediation: assessment.remediation) },
            hasRemediations: !assessment.remediation.entries.isEmpty,
            remediation: RemediationListView(assessment.remediation.entries, from: path, links: links))
    }

    package func about(pageCount: Int) -> AboutPageView {
        var perKind: [String: Int] = [:]
        for document in documents { perKind[document.evidenceKind, default: 0] += 1 }
        let kinds = perKind.map { CountRowView(label: $0.key, count: $0.value) }.sorted { $0.label < $1.label }
        let inForce = Set(assessment.items.map(\.checklist))
        return AboutPageView(
            site: links.site(PackPaths.about), title: "About this pack", buildDate: context.buildDate.isoTimestamp,
            buildDateSource: context.buildDate.source.description, sourceCommit: context.buildDate.sourceCommit,
            evidenceCount: documents.count, kinds: kinds,
            frameworks: content.catalogs.filter { assessment.frameworks.contains($0.framework) }
                .map { SourceRowView(name: $0.name, origin: $0.origin, source: $0.source) },
            checklists: content.checklists.filter { inForce.contains($0.id) }.map { SourceRowView(name: $0.name, origin: $0.origin, source: $0.source) },
            mappings: content.mappings.map { SourceRowView(name: $0.name, origin: $0.origin, source: $0.source) },
            pageCount: pageCount, signed: context.signingFingerprint != nil, fingerprint: context.signingFingerprint)
    }

    /// The search index: every page's title, kind, root-relative address and text as published
    /// (`texts`, by page path); controls, activities and evidence first, titled as before, then the other pages.
    /// What the search index lists: every control, activity and evidence file, then any other page.
    package func searchEntries(activities: [ProcessingActivity], texts: [String: SearchText]) -> [SearchIndex.Entry] {
        var entries: [SearchIndex.Entry] = []
        func add(_ title: String, _ kind: String, _ href: String) {
            entries.append(SearchIndex.Entry(title: title, kind: kind, href: href, text: texts[href]))
        }
        for verdict in assessment.verdicts {
            add("\(FrameworkName.of(verdict.framework)) \(verdict.control) \(verdict.title)", verdict.status.label,
                PackPaths.control(verdict.framework, verdict.control))
        }
        for activity in activities { add(activity.name, "Processing activity", PackPaths.activity(activity.id)) }
        for document in documents { add("\(document.title) (\(document.path))", "Evidence", PackPaths.page(forEvidence: document.file)) }
        let listed = Set(entries.map(\.href))
        for (path, text) in texts.sorted(by: { $0.key < $1.key }) where !listed.contains(path) {
            add(text.heading.isEmpty ? path : text.heading, "Page", path)
        }
        return entries
    }
}
