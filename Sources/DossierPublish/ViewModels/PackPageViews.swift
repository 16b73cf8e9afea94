import DossierIntake

/// View models of the pages about the whole pack: overview, processing activities, about.
package struct ActivityLinkView: Sendable, Encodable, Hashable {
    package var name: String
    package var id: String
    package var href: String
}

package struct OverviewPageView: Sendable, Encodable, Hashable {
    package var site: SiteView
    package var title: String
    package var scope: ScopeView
    /// Who prepared and reviewed the pack as a whole (`sign_off:` in `dossier.yml`); nil when nobody is named.
    package var signOff: SignOffView?
    package var evidenceCount: Int
    package var errorCount: Int
    package var warningCount: Int
    package var noteCount: Int
    /// `1 error · 2 warnings · 0 notes`.
    package var countsSummary: String
    package var hasCoverage: Bool
    package var coverage: [CoverageView]
    /// Whether ISO/IEC 27001 is assessed, so the Statement of Applicability exists.
    package var hasApplicability: Bool
    package var hasActivities: Bool
    package var activities: [ActivityLinkView]
    package var sourceCommit: String?
    package var groups: [EvidenceGroupView]
    /// Whether `diff.html` compares this pack with an earlier one.
    package var hasDiff: Bool = false
}

package struct ChecklistSummaryView: Sendable, Encodable, Hashable {
    package var title: String
    package var href: String
    package var answered: Int
    package var total: Int
    package var open: Int
}

package struct DiagramView: Sendable, Encodable, Hashable {
    package var title: String
    package var href: String
    /// Sanitised SVG from Graphviz; nil when the diagram could not be laid out.
    package var svg: String?
    package var rows: [RecordView.Row]
    /// Findings of the data-flow rules, each drawn in red on its flow or system.
    package var hasViolations: Bool = false
    package var violations: [ViolationView] = []
}

package struct ViolationView: Sendable, Encodable, Hashable {
    package var subject: String
    package var severity: String
    package var summary: String
    package var rule: String
    package var href: String
}

/// Lays a data-flow graph out as SVG with the given systems and flows marked as violations; nil when it cannot.
package typealias DiagramDrawing = @Sendable (DataFlowGraph, _ violatingSystems: Set<String>, _ violatingFlows: Set<String>) -> String?

package struct LogSummaryView: Sendable, Encodable, Hashable {
    package var title: String
    package var href: String
    package var format: String
    package var events: Int
    package var failures: Int
    package var period: String
}

package struct ApprovalRowView: Sendable, Encodable, Hashable {
    package var date: String
    package var id: String
    package var decision: String
    package var approver: String
    package var subject: String
    package var href: String
}

package struct AgreementRowView: Sendable, Encodable, Hashable {
    package var recipient: String
    package var agreement: String
    package var counterparty: String
    package var expires: String
    package var href: String?
}

package struct ActivityPageView: Sendable, Encodable, Hashable {
    package var site: SiteView
    package var title: String
    package var recordHref: String
    package var record: RecordView
    /// Who prepared and reviewed the record of processing, when its file says.
    package var signOff: SignOffView?
    package var hasChecklists: Bool
    package var checklists: [ChecklistSummaryView]
    package var hasDiagrams: Bool
    package var diagrams: [DiagramView]
    package var hasLogs: Bool
    package var logs: [LogSummaryView]
    package var hasApprovals: Bool
    package var approvals: [ApprovalRowView]
    package var hasAgreements: Bool
    package var agreements: [AgreementRowView]
}

package struct CountRowView: Sendable, Encodable, Hashable {
    package var label: String
    package var count: Int
}

package struct SourceRowView: Sendable, Encodable, Hashable {
    package var name: String
    package var origin: String
    package var source: String
}

package struct AboutPageView: Sendable, Encodable, Hashable {
    package var site: SiteView
    package var title: String
    package var buildDate: String
    package var buildDateSource: String
    package var sourceCommit: String?
    package var evidenceCount: Int
    package var kinds: [CountRowView]
    package var frameworks: [SourceRowView]
    package var checklists: [SourceRowView]
    package var mappings: [SourceRowView]
    package var pageCount: Int
    /// Whether the pack carries signatures, and the signing key's fingerprint.
    package var signed: Bool = false
    package var fingerprint: String?
}

/// A page that cites an evidence file, listed on that file's page.
package struct BacklinkView: Sendable, Encodable, Hashable {
    package var title: String
    package var detail: String
    package var href: String
}

/// What changed since an earlier pack.
package struct DiffPageView: Sendable, Encodable, Hashable {
    package struct Change: Sendable, Encodable, Hashable {
        var control: String
        var old: String
        var new: String
        var href: String
    }

    /// A checklist item's change; a side without the item reads `absent`.
    package struct ItemChange: Sendable, Encodable, Hashable {
        var item: String
        var old: String
        var new: String
    }

    package var site: SiteView
    package var title: String
    package var regressions: [Change]
    package var itemRegressions: [ItemChange]
    package var others: [Change]
    package var itemOthers: [ItemChange]
    package var added: [String]
    package var removed: [String]
    package var changed: [String]
    package var lapsed: [String]
    package var findings: [String]
}
