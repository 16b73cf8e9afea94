import DossierAssess
import DossierIntake
import DossierModel

/// Everything a page builder needs to link across the pack from the page it is building.
package struct PageLinks: Sendable {
    /// The published documents, shared with the renderer (a dictionary of copies held 10 MB at 10 000 files).
    private let documents: [EvidenceDocument]
    private let indexByPath: [String: Int]
    /// Each published file's page, by the file's path.
    private let pageByPath: [String: String]
    package var assessedFrameworks: Set<String>
    package var site: @Sendable (String) -> SiteView

    package init(documents: [EvidenceDocument], assessment: ComplianceAssessment, site: @escaping @Sendable (String) -> SiteView) {
        self.documents = documents
        self.indexByPath = Dictionary(documents.indices.map { (documents[$0].path, $0) }, uniquingKeysWith: { first, _ in first })
        self.pageByPath = indexByPath.mapValues { PackPaths.page(forEvidence: documents[$0].file) }
        self.assessedFrameworks = Set(assessment.frameworks)
        self.site = site
    }

    /// The published document at an evidence path.
    package func document(_ path: String) -> EvidenceDocument? {
        indexByPath[path].map { documents[$0] }
    }

    /// A link to an evidence file's page, titled with its path; nil when the file has no page.
    package func evidence(_ path: String, from page: String, line: Int? = nil) -> LinkView? {
        // The page's path, made once per file: links to evidence are made thousands of times a page at 10 000 files.
        guard let target = pageByPath[path] else { return nil }
        let title = path + (line.map { ":\($0)" } ?? "")
        return LinkView(title: title, href: PackPaths.link(from: page, to: target))
    }

    /// A control's page, when its framework is assessed in this pack.
    package func control(_ framework: String, _ control: String, from page: String) -> String? {
        assessedFrameworks.contains(framework) ? PackPaths.link(from: page, to: PackPaths.control(framework, control)) : nil
    }
}
