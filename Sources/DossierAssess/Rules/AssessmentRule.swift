import DossierIntake
import DossierModel
import Foundation

/// What every rule sees: the evidence, the compliance content, the configuration and the build date
/// (the only "now" a rule may use).
package struct RuleContext: Sendable {
    package var documents: [EvidenceDocument] { didSet { index = Self.index(documents) } }
    /// Where each path is in `documents`: rules look a file up by path for every reference they follow.
    private var index: [String: Int]
    package var content: ComplianceContent
    package var configuration: PackConfiguration?
    package var buildDate: Date
    /// Source-root files approvals cite, read once before the rules run (`SubjectReader.readCited`);
    /// a subject missing here is read when asked.
    package var citedSourceFiles: [String: SubjectReader.Outcome] = [:]
    /// Files the secret scan withheld: judged like any other, but they have no page.
    package var withheld: Set<String> = []
    /// Each file's link findings from an earlier build of this process (`dossier serve`).
    package var linkMemory: LinkRule.Memory?
    /// An evidence file's bytes as the snapshot read them (never read again), when held whole: the
    /// approval rule reads them to tell a stale approval whose file only had its line endings rewritten.
    package var bytes: (@Sendable (String) -> Data?)?

    package init(documents: [EvidenceDocument], content: ComplianceContent, configuration: PackConfiguration?, buildDate: Date) {
        self.documents = documents
        self.content = content
        self.configuration = configuration
        self.buildDate = buildDate
        index = Self.index(documents)
    }

    private static func index(_ documents: [EvidenceDocument]) -> [String: Int] {
        Dictionary(documents.indices.map { (documents[$0].path, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The document at `path`, when the folder has one.
    package func document(_ path: String) -> EvidenceDocument? { index[path].map { documents[$0] } }

    /// Every rule, in the order their findings are listed.
    package static let rules: [any AssessmentRule] = recordRules + crossFileRules

    /// The rules that judge what records state (junit.xml gives each of their IDs a test case).
    package static let recordRules: [any AssessmentRule] = [
        FreshnessRule(), ApprovalRule(), AccessRule(), WaiverRule(), AgreementRule(), ProcessingRecordRule(), TransferRule(),
        LogExtractRule(), DataFlowRule(), ApplicabilityRule(), RemediationRule(), SignOffRule(),
    ]

    /// The checks across files: links between evidence, record IDs, page paths, placeholders left in.
    package static let crossFileRules: [any AssessmentRule] = [LinkRule(), RecordIDRule(), PagePathRule(), PlaceholderRule()]

    /// Controls that findings of a rule weigh on, by diagnostic ID and framework: a satisfied control
    /// with such a finding is only partial, and the finding joins its reasons.
    package static let controlsAffected: [String: [String: [String]]] = [DataFlowRule.controls, AgreementRule.controls, TransferRule.controls, AccessRule.controls, FreshnessRule.controls]
        .reduce(into: [:]) { all, controls in all.merge(controls) { own, _ in own } }

    package var freshness: PackConfiguration.Freshness { configuration?.freshness ?? PackConfiguration.Freshness() }
    /// The zone a date-time written without one is read in (`timezone:`).
    package var timeZone: TimeZone { configuration?.timeZone ?? ISODate.utc }

    package func documents<T>(_ extract: (EvidenceRecord) -> T?) -> [(T, EvidenceDocument)] {
        documents.records(extract)
    }

    /// Whether a date-only expiry has passed: an expiry day is still valid, all of it.
    package func hasExpired(_ expiry: Date) -> Bool {
        expiry.addingTimeInterval(86_400) <= buildDate
    }

    /// Whether `date` falls inside the audit period, its last day included; true when there is none.
    package func insideAuditPeriod(_ date: Date) -> Bool {
        guard let period = configuration?.auditPeriod else { return true }
        return date >= period.start && date < period.end.addingTimeInterval(86_400)
    }

    /// Whole days from `date` to the build date (negative when `date` is later).
    /// Whether `date` falls on a day after the build date's (UTC): later the same day is not the future.
    package func isAfterBuildDay(_ date: Date) -> Bool { Self.isAfterBuildDay(date, buildDate: buildDate) }

    package func days(since date: Date) -> Int { Self.days(since: date, buildDate: buildDate) }

    /// Whether `date` falls on a day after the build date's (UTC); pages judge dates as the rules do.
    package static func isAfterBuildDay(_ date: Date, buildDate: Date) -> Bool {
        let day = (buildDate.timeIntervalSince1970 / 86_400).rounded(.down) * 86_400
        return date.timeIntervalSince1970 >= day + 86_400
    }

    package static func days(since date: Date, buildDate: Date) -> Int {
        Int((buildDate.timeIntervalSince(date) / 86_400).rounded(.down))
    }
}

/// A finding, and what it means for the file as proof (nil: the file may still prove things).
package struct RuleFinding: Sendable {
    package var diagnostic: Diagnostic
    package var standing: EvidenceStanding?
    /// Controls this finding leaves unmet, by framework, beyond those its ID weighs on
    /// (`RuleContext.controlsAffected`): a record lacking an Art. 30 point fails that point's control.
    package var fails: [String: [String]] = [:]
    /// The data-flow property this finding shows not to hold on its graph (`Expectation.dataFlow`).
    package var property: DataFlowProperty? = nil

    /// The controls it bears on: those its ID weighs on, and those it fails.
    package var scope: [String: [String]] {
        (RuleContext.controlsAffected[diagnostic.identifier] ?? [:]).merging(fails) { $0 + $1 }
    }
}

/// One check over the evidence, with a stable diagnostic ID per problem it finds.
package protocol AssessmentRule: Sendable {
    /// The diagnostic IDs this rule reports, for docs/rules.md and its tests.
    static var identifiers: [DiagnosticID] { get }
    func check(_ context: RuleContext) -> [RuleFinding]
}
