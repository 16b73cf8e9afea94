@testable import DossierAssess
@testable import DossierIntake
@testable import DossierModel
@testable import DossierPack
@testable import DossierPublish
@testable import DossierResources
import Mustache
import Foundation
import Testing

/// Mustache renders an unknown key as nothing, silently. Every key a template names must exist in the
/// view model it is rendered with (or, inside a section, in the section's element type).
@Suite struct TemplateKeyTests {
    /// Field names of each view model, nested types included, gathered by reflection over sample values.
    private static let knownKeys: Set<String> = {
        let site = SiteView(root: "", packTitle: "", buildDate: "", buildDateSource: "", generator: "")
        let diagnostic = DiagnosticView(severity: "", place: "", href: "", summary: "", identifier: "")
        let link = LinkView(title: "", href: "")
        let coverage = CoverageView(name: "", href: "", percent: 0, satisfied: 0, inScope: 0, segments: [.init(status: "", label: "", count: 0, width: 0)])
        let group = EvidenceGroupView(folder: "", items: [.init(title: "", path: "", href: "")])
        let decision = DecisionView(
            applicable: "", applicableLabel: "", justification: "", implementation: "", implementationLabel: "", hasDocuments: false,
            documents: [], decidedIn: link)
        let samples: [Any] = [
            site, diagnostic, group, group.items[0],
            OverviewPageView(site: site, title: "", scope: ScopeView(nil), evidenceCount: 0, errorCount: 0, warningCount: 0, noteCount: 0,
                             countsSummary: "", hasCoverage: false, coverage: [], hasApplicability: false, hasActivities: false, activities: [], sourceCommit: nil, groups: []),
            link, coverage, coverage.segments[0],
            ControlRowView(id: "", title: "", status: "", statusLabel: "", href: "", waiver: nil, summary: ""),
            FrameworkPageView(site: site, title: "", name: "", source: "", coverage: coverage, controls: []),
            ChainStepView(text: "", evidence: []),
            ItemRowView(reference: "", text: "", status: "", statusLabel: "", reason: "", answers: link, hasExpectations: false, expectations: []),
            ExpectationRowView(ExpectationOutcome(expectation: .waiver, state: .met, evidence: [], reason: ""), evidence: [link]),
            MappedRowView(framework: "", control: "", relationship: "", mapping: "", href: nil),
            ControlPageView(site: site, title: "", framework: link, control: "", controlTitle: "", status: "", statusLabel: "", waiver: nil,
                            decision: decision, chain: [], hasItems: false, items: [], hasEvidence: false, evidence: [], hasMapped: false, mapped: [],
                            hasDiagnostics: false, diagnostics: []),
            decision, ReferenceView(title: "", href: nil),
            ReviewView(owner: "", hasOwner: false, reviewedAt: "", window: "", validUntil: "", state: "", stateLabel: ""),
            ApplicabilityRowView(control: "", title: "", href: "", decision: decision, status: "", statusLabel: "", reason: "", evidence: []),
            ApplicabilityPageView(site: site, title: "", applicable: 0, notApplicable: 0, undecided: 0, hasRows: false, rows: [], csvHref: "", jsonHref: ""),
            ActivityLinkView(name: "", id: "", href: ""),
            ChecklistSummaryView(title: "", href: "", answered: 0, total: 0, open: 0),
            DiagramView(title: "", href: "", svg: nil, rows: []),
            ViolationView(subject: "", severity: "", summary: "", rule: "", href: ""),
            LogSummaryView(title: "", href: "", format: "", events: 0, failures: 0, period: ""),
            ApprovalRowView(date: "", id: "", decision: "", approver: "", subject: "", href: ""),
            AgreementRowView(recipient: "", agreement: "", counterparty: "", expires: "", href: nil),
            ActivityPageView(site: site, title: "", recordHref: "", record: RecordView(.checklist(ChecklistAnswers(checklist: nil, integration: nil, answers: [])), link: { _ in nil }),
                             hasChecklists: false, checklists: [], hasDiagrams: false, diagrams: [], hasLogs: false, logs: [],
                             hasApprovals: false, approvals: [], hasAgreements: false, agreements: []),
            CountRowView(label: "", count: 0), SourceRowView(name: "", origin: "", source: ""),
            AboutPageView(site: site, title: "", buildDate: "", buildDateSource: "", sourceCommit: nil, evidenceCount: 0, kinds: [],
                          frameworks: [], checklists: [], mappings: [], pageCount: 0),
            BacklinkView(title: "", detail: "", href: ""),
            DiffPageView(site: site, title: "", regressions: [], itemRegressions: [], others: [], itemOthers: [], added: [], removed: [],
                         changed: [], lapsed: [], findings: []),
            DiffPageView.Change(control: "", old: "", new: "", href: ""), DiffPageView.ItemChange(item: "", old: "", new: ""),
            TreeView(key: "", value: nil, isList: false, children: []),
            ScopeView(nil),
            SignOffView(SignOff(file: ""), heading: ""),
            RecordView(.checklist(ChecklistAnswers(checklist: nil, integration: nil, answers: [])), link: { _ in nil }),
            RecordView.Row(label: "", value: "", href: nil),
            RecordView.AnswerRow(id: "", state: "", stateClass: "", text: "", evidenceCount: 0, verdict: "", verdictClass: ""),
            EvidenceIndexPageView(site: site, title: "", groups: []),
            LogView(LogExtract(format: LogFormatReader.builtIn[0])),
            LogView.KindRow(kind: "", count: 0, failures: 0),
            LogView.EventRow(line: 0, time: "", kind: "", identity: "", outcome: "", failed: false, details: ""),
            EvidencePageView(site: site, title: "", path: "", sha256: "", html: "", text: "", record: nil, log: nil, hasDiagnostics: false, diagnostics: []),
            FindingsPageView(site: site, title: "", errorCount: 0, warningCount: 0, noteCount: 0, countsSummary: "", hasDiagnostics: false, diagnostics: []),
            RemediationListView(),
            PrintPageView(site: site, title: "", scope: ScopeView(nil), sourceCommit: nil, evidenceCount: 0, countsSummary: "", hasCoverage: false,
                          coverage: [], hasApplicability: false, applicable: 0, notApplicable: 0, undecided: 0, rows: [], frameworks: [],
                          hasDiagnostics: false, diagnostics: [], evidence: []),
            PrintFrameworkView(name: "", source: "", controls: []),
            PrintControlView(anchor: "", control: "", controlTitle: "", status: "", statusLabel: "", reason: "", waiver: "", hasWaiver: false, chain: []),
            PrintFindingView(severity: "", place: "", linked: false, target: "", summary: "", identifier: "", remediations: []),
            PrintEvidenceView(anchor: "", path: "", title: "", kind: "", sha256: ""),
            RemediationView(id: "", title: "", href: "", hasHref: false, status: "", statusClass: "", owner: "", due: "", overdue: false, ticket: "",
                            ticketHref: "", hasTicketHref: false, names: "", outstanding: "", hasOutstanding: false),
        ]
        var keys: Set<String> = []
        for sample in samples {
            for child in Mirror(reflecting: sample).children { if let label = child.label { keys.insert(label) } }
        }
        return keys
    }()

    @Test func everyTemplateKeyExistsInAViewModel() throws {
        // Names may start with '-' too: `{{#-first}}` once slipped past this check and never rendered.
        let tag = try NSRegularExpression(pattern: #"\{\{\{?\s*[#^/&]?\s*([A-Za-z_\-][A-Za-z0-9_.\-]*)\s*\}?\}\}"#)
        var unknown: [String] = []
        for (path, source) in DefaultTheme.files where path.hasSuffix(".mustache") {
            for match in tag.matches(in: source, range: NSRange(source.startIndex..., in: source)) {
                guard let range = Range(match.range(at: 1), in: source) else { continue }
                for key in source[range].split(separator: ".") where !Self.knownKeys.contains(String(key)) {
                    unknown.append("\(path): \(key)")
                }
            }
        }
        #expect(unknown.isEmpty, "templates name keys no view model has: \(unknown)")
    }
}

/// Dossier's HTML escaping gives what swift-mustache's own gives, on every kind of text.
@Suite struct FastHTMLEscapingTests {
    private func render(_ text: String, pragma: String) throws -> String {
        MustacheContentTypes.register(FastHTMLEscaping(), named: FastHTMLEscaping.name)
        return try MustacheTemplate(string: pragma + "[{{value}}]").render(["value": text])
    }

    @Test func matchesTheLibrarysEscaping() throws {
        var samples = ["", "plain", "<script>alert('x')</script>", "a & b \"quoted\" 'single'", "ünïcödé — “quotes” <&>", "<<>>&&"]
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("ab <>&\"'é—\n\t")
        for _ in 0..<2000 {
            samples.append(String((0..<Int.random(in: 0...30, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }))
        }
        for text in samples {
            #expect(try render(text, pragma: FastHTMLEscaping.pragma) == (try render(text, pragma: "")), "for \(text.debugDescription)")
        }
    }

    @Test func escapesALessThanJoinedByACombiningMark() {
        #expect(FastHTMLEscaping.escape("<\u{338}b>") == "&lt;\u{338}b&gt;")
    }

    /// HTML forbids control characters, C1 ones too; Latin-1 letters and signs beside them stay.
    @Test func writesEveryControlCharacterAsAReplacementCharacter() {
        #expect(FastHTMLEscaping.escape("AK\u{01}IA\u{85}Q3\u{9F}EG\u{7F}") == "AK\u{FFFD}IA\u{FFFD}Q3\u{FFFD}EG\u{FFFD}")
        #expect(FastHTMLEscaping.escape("§ 3 ©\u{A0}é °C") == "§ 3 ©\u{A0}é °C")
    }
}
