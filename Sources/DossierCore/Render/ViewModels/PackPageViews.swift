/// View models of the pages about the whole pack: overview, processing activities, about.
struct ActivityLinkView: Sendable, Encodable {
    var name: String
    var id: String
    var href: String
}

struct OverviewPageView: Sendable, Encodable {
    var site: SiteView
    var title: String
    var scope: ScopeView
    var evidenceCount: Int
    var errorCount: Int
    var warningCount: Int
    var noteCount: Int
    /// `1 error · 2 warnings · 0 notes`.
    var countsSummary: String
    var hasCoverage: Bool
    var coverage: [CoverageView]
    /// Whether ISO/IEC 27001 is assessed, so the Statement of Applicability exists.
    var hasApplicability: Bool
    var hasActivities: Bool
    var activities: [ActivityLinkView]
    var sourceCommit: String?
    var groups: [EvidenceGroupView]
    /// Whether `diff.html` compares this pack with an earlier one.
    var hasDiff: Bool = false
}

struct ChecklistSummaryView: Sendable, Encodable {
    var title: String
    var href: String
    var answered: Int
    var total: Int
    var open: Int
}

struct DiagramView: Sendable, Encodable {
    var title: String
    var href: String
    /// Sanitised SVG from Graphviz; nil when the diagram could not be laid out.
    var svg: String?
    var rows: [RecordView.Row]
    /// Findings of the data-flow rules, each drawn in red on its flow or system.
    var hasViolations: Bool = false
    var violations: [ViolationView] = []
}

struct ViolationView: Sendable, Encodable {
    var subject: String
    var severity: String
    var summary: String
    var rule: String
    var href: String
}

/// Lays a data-flow graph out as SVG with the given systems and flows marked as violations; nil when it cannot.
typealias DiagramDrawing = @Sendable (DataFlowGraph, _ violatingSystems: Set<String>, _ violatingFlows: Set<String>) -> String?

struct LogSummaryView: Sendable, Encodable {
    var title: String
    var href: String
    var format: String
    var events: Int
    var failures: Int
    var period: String
}

struct ApprovalRowView: Sendable, Encodable {
    var date: String
    var id: String
    var decision: String
    var approver: String
    var subject: String
    var href: String
}

struct AgreementRowView: Sendable, Encodable {
    var recipient: String
    var agreement: String
    var counterparty: String
    var expires: String
    var href: String?
}

struct ActivityPageView: Sendable, Encodable {
    var site: SiteView
    var title: String
    var recordHref: String
    var record: RecordView
    var hasChecklists: Bool
    var checklists: [ChecklistSummaryView]
    var hasDiagrams: Bool
    var diagrams: [DiagramView]
    var hasLogs: Bool
    var logs: [LogSummaryView]
    var hasApprovals: Bool
    var approvals: [ApprovalRowView]
    var hasAgreements: Bool
    var agreements: [AgreementRowView]
}

struct CountRowView: Sendable, Encodable {
    var label: String
    var count: Int
}

struct SourceRowView: Sendable, Encodable {
    var name: String
    var origin: String
    var source: String
}

struct AboutPageView: Sendable, Encodable {
    var site: SiteView
    var title: String
    var buildDate: String
    var buildDateSource: String
    var sourceCommit: String?
    var evidenceCount: Int
    var kinds: [CountRowView]
    var frameworks: [SourceRowView]
    var checklists: [SourceRowView]
    var mappings: [SourceRowView]
    var pageCount: Int
    /// Whether the pack carries signatures, and the signing key's fingerprint.
    var signed: Bool = false
    var fingerprint: String?
}

/// A page that cites an evidence file, listed on that file's page.
struct BacklinkView: Sendable, Encodable {
    var title: String
    var detail: String
    var href: String
}

/// What changed since an earlier pack.
struct DiffPageView: Sendable, Encodable {
    struct Change: Sendable, Encodable {
        var control: String
        var old: String
        var new: String
        var href: String
    }

    /// A checklist item's change; a side without the item reads `absent`.
    struct ItemChange: Sendable, Encodable {
        var item: String
        var old: String
        var new: String
    }

    var site: SiteView
    var title: String
    var regressions: [Change]
    var itemRegressions: [ItemChange]
    var others: [Change]
    var itemOthers: [ItemChange]
    var added: [String]
    var removed: [String]
    var changed: [String]
    var lapsed: [String]
    var findings: [String]
}
