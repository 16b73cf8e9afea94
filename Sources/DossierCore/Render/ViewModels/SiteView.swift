/// What every page's frame (head, masthead, footer) shows.
struct SiteView: Sendable, Encodable {
    /// `../` prefix from the page to the pack's root; every link in the frame starts with it.
    var root: String
    var packTitle: String
    var buildDate: String
    var buildDateSource: String
    var generator: String
    /// The assessed frameworks, for the navigation bar.
    var frameworks: [LinkView] = []
}

struct DiagnosticView: Sendable, Encodable {
    var severity: String
    var place: String
    var href: String?
    var summary: String
    var identifier: String
}

struct EvidenceGroupView: Sendable, Encodable {
    struct Item: Sendable, Encodable {
        var title: String
        var path: String
        var href: String
    }

    var folder: String
    var items: [Item]
}
