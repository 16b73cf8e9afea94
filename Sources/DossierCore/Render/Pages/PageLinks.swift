/// Everything a page builder needs to link across the pack from the page it is building.
struct PageLinks: Sendable {
    var documents: [String: EvidenceDocument]
    var assessedFrameworks: Set<String>
    var site: @Sendable (String) -> SiteView

    init(documents: [EvidenceDocument], assessment: ComplianceAssessment, site: @escaping @Sendable (String) -> SiteView) {
        self.documents = Dictionary(documents.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
        self.assessedFrameworks = Set(assessment.frameworks)
        self.site = site
    }

    /// A link to an evidence file's page, titled with its path; nil when the file has no page.
    func evidence(_ path: String, from page: String, line: Int? = nil) -> LinkView? {
        guard let document = documents[path] else { return nil }
        let title = path + (line.map { ":\($0)" } ?? "")
        return LinkView(title: title, href: PackPaths.link(from: page, to: PackPaths.page(forEvidence: document.file)))
    }

    /// A control's page, when its framework is assessed in this pack.
    func control(_ framework: String, _ control: String, from page: String) -> String? {
        assessedFrameworks.contains(framework) ? PackPaths.link(from: page, to: PackPaths.control(framework, control)) : nil
    }
}
