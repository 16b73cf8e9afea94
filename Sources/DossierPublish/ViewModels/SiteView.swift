/// What every page's frame (head, masthead, footer) shows.
package struct SiteView: Sendable, Encodable, Hashable {
    /// `../` prefix from the page to the pack's root; every link in the frame starts with it.
    package var root: String
    package var packTitle: String
    package var buildDate: String
    package var buildDateSource: String
    package var generator: String
    /// The assessed frameworks, for the navigation bar.
    package var frameworks: [LinkView] = []
    /// Whether the pack's sign-off says `state: draft`: every page then carries a visible Draft mark.
    package var draft: Bool = false
    /// Whether the page is a wide sheet (the Statement of Applicability): it takes the screen's width
    /// and prints on A4 landscape.
    package var sheet: Bool = false
}

package struct DiagnosticView: Sendable, Encodable, Hashable {
    package var severity: String
    package var place: String
    package var href: String?
    package var summary: String
    package var identifier: String
    /// The remediations that cover the finding, shown beside it.
    package var remediations: [RemediationView] = []
}

package struct EvidenceGroupView: Sendable, Encodable, Hashable {
    package struct Item: Sendable, Encodable, Hashable {
        var title: String
        var path: String
        var href: String
        /// A file withheld for a secret: listed with its path, without a page or a title.
        var withheld = false
    }

    package var folder: String
    package var items: [Item]
}
