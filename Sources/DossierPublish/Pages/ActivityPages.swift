import DossierAssess
import DossierIntake
import DossierModel

/// Builds one page per processing activity, gathering everything about it: its Art. 30 record,
/// the checklists answered for it, its data-flow diagrams, the logs its answers cite, the approvals
/// behind it and the agreements with its recipients.
///
/// The records each page gathers are sorted out of the whole evidence folder once, in `init`:
/// searched for every activity, they made the activity pages quadratic in the size of the folder.
package struct ActivityPages {
    package var documents: [EvidenceDocument]
    package var diagnostics: [Diagnostic]
    package var assessment: ComplianceAssessment
    package var links: PageLinks
    /// Lays a graph out as SVG; nil when it cannot.
    package var diagram: DiagramDrawing
    package let activities: [(ProcessingActivity, EvidenceDocument)]
    /// Answered checklists and data-flow graphs by the activity they name; items by their answers file.
    private let checklistsByActivity: [String: [EvidenceDocument]]
    private let graphsByActivity: [String: [(DataFlowGraph, EvidenceDocument)]]
    private let itemsByAnswers: [String: [ItemAssessment]]
    private let approvalRecords: [(ApprovalRecord, EvidenceDocument)]
    /// The positions of the approvals in `approvalRecords` by each path they bear on (their own file's
    /// and the file they approve): an activity looks up its files' approvals instead of scanning all.
    private let approvalsByPath: [String: [Int]]
    private let agreementsByID: [String: (Agreement, EvidenceDocument)]
    /// Findings by file, in order (the evidence pages use them too).
    package let diagnosticsByFile: [String: [Diagnostic]]

    package init(documents: [EvidenceDocument], diagnostics: [Diagnostic], assessment: ComplianceAssessment, links: PageLinks, diagram: @escaping DiagramDrawing) {
        self.documents = documents
        self.diagnostics = diagnostics
        self.assessment = assessment
        self.links = links
        self.diagram = diagram
        var activities: [(ProcessingActivity, EvidenceDocument)] = [], checklists: [String: [EvidenceDocument]] = [:]
        var graphs: [String: [(DataFlowGraph, EvidenceDocument)]] = [:], approvals: [(ApprovalRecord, EvidenceDocument)] = []
        var agreements: [String: (Agreement, EvidenceDocument)] = [:]
        for document in documents {
            switch document.record {
            case .processingActivity(let activity)?: activities.append((activity, document))
            case .checklist(let answers)?: if let integration = answers.integration { checklists[integration, default: []].append(document) }
            case .dataFlow(let graph)?: if let activity = graph.activity { graphs[activity, default: []].append((graph, document)) }
            case .approval(let approval)?: approvals.append((approval, document))
            case .agreement(let agreement)?: if agreements[agreement.id] == nil { agreements[agreement.id] = (agreement, document) }
            default: break
            }
        }
        self.activities = activities.sorted { $0.0.id < $1.0.id }
        checklistsByActivity = checklists
        graphsByActivity = graphs
        approvalRecords = approvals
        var byPath: [String: [Int]] = [:]
        for (index, (approval, document)) in approvals.enumerated() {
            byPath[document.path, default: []].append(index)
            if case .file(let subject, _, _) = approval.subject, subject != document.path { byPath[subject, default: []].append(index) }
        }
        approvalsByPath = byPath
        agreementsByID = agreements
        itemsByAnswers = Dictionary(grouping: assessment.items, by: \.answersFile)
        diagnosticsByFile = Dictionary(grouping: diagnostics.filter { $0.file != nil }, by: { $0.file! })
    }

    package func page(_ activity: ProcessingActivity, record document: EvidenceDocument) -> ActivityPageView {
        let path = PackPaths.activity(activity.id)
        let answerFiles = checklistsByActivity[activity.id] ?? []
        let graphs = graphsByActivity[activity.id] ?? []
        // Everything the activity's own answers cite, plus its record and graphs.
        var related = Set(answerFiles.flatMap { itemsByAnswers[$0.path] ?? [] }.flatMap { $0.acceptedEvidence + $0.otherEvidence })
        related.insert(document.path)
        related.formUnion(graphs.map(\.1.path))
        let logs = logs(related, from: path), approvals = approvals(related, from: path), agreements = agreements(activity, from: path)
        return ActivityPageView(
            site: links.site(path), title: activity.name,
            recordHref: PackPaths.link(from: path, to: PackPaths.page(forEvidence: document.file)),
            record: RecordView(.processingActivity(activity)) { links.evidence($0, from: path)?.href },
            signOff: document.signOff.map { SignOffView($0, heading: "Sign-off of the record") },
            hasChecklists: !answerFiles.isEmpty,
            checklists: answerFiles.compactMap { file in
                guard case .checklist(let answers)? = file.record, let link = links.evidence(file.path, from: path) else { return nil }
                let open = answers.answers.count { $0.state == .open }
                let total = itemsByAnswers[file.path]?.count ?? 0
                return ChecklistSummaryView(title: file.title, href: link.href, answered: answers.answers.count - open, total: max(total, answers.answers.count), open: open)
            },
            hasDiagrams: !graphs.isEmpty,
            diagrams: graphs.map { graph, file in diagramView(graph, file: file, from: path) },
            hasLogs: !logs.isEmpty, logs: logs, hasApprovals: !approvals.isEmpty, approvals: approvals,
            hasAgreements: !agreements.isEmpty, agreements: agreements)
    }

    /// The drawing with each data-flow finding marked on the flow or system it concerns, and listed beside.
    package func diagramView(_ graph: DataFlowGraph, file: EvidenceDocument, from page: String) -> DiagramView {
        let record = RecordView(.dataFlow(graph)) { links.evidence($0, from: page)?.href }
        let findings = (diagnosticsByFile[file.path] ?? []).filter { $0.identifier.hasPrefix("dossier.dataflow.") && $0.severity >= .warning }
        let flowAt = Dictionary(graph.flows.map { ($0.sourceLocation.line, $0.id) }, uniquingKeysWith: { first, _ in first })
        let systemAt = Dictionary(graph.systems.map { ($0.sourceLocation.line, $0.id) }, uniquingKeysWith: { first, _ in first })
        var flows: Set<String> = [], systems: Set<String> = []
        let violations = findings.map { finding -> ViolationView in
            let line = finding.location?.line
            var subject = "the graph"
            if let line, let flow = flowAt[line] {
                flows.insert(flow)
                subject = "flow \(flow)"
            } else if let line, let system = systemAt[line] {
                systems.insert(system)
                subject = "system \(system)"
            }
            return ViolationView(
                subject: subject, severity: finding.severity.description, summary: finding.summary, rule: finding.identifier,
                href: PackPaths.link(from: page, to: PackPaths.findings))
        }
        return DiagramView(
            title: graph.title, href: links.evidence(file.path, from: page)?.href ?? "#", svg: diagram(graph, systems, flows), rows: record.rows,
            hasViolations: !violations.isEmpty, violations: violations)
    }

    private func logs(_ paths: Set<String>, from page: String) -> [LogSummaryView] {
        paths.sorted().compactMap { path in
            guard let document = links.document(path), case .log(let log) = document.content,
                  let link = links.evidence(path, from: page) else { return nil }
            let view = LogView(log)
            return LogSummaryView(title: path, href: link.href, format: log.formatName, events: log.events, failures: log.failures, period: view.period)
        }
    }

    private func approvals(_ paths: Set<String>, from page: String) -> [ApprovalRowView] {
        // In their order among all approvals, each once, as a scan of them all would give them.
        Set(paths.flatMap { approvalsByPath[$0] ?? [] }).sorted().map { approvalRecords[$0] }
        .sorted { ($0.0.decidedAt, $0.0.id) < ($1.0.decidedAt, $1.0.id) }
        .map { approval, document in
            let subject: String = switch approval.subject {
            case .file(let path, _, _): path
            case .release(let release): "release \(release)"
            }
            return ApprovalRowView(
                date: ISODate.day(approval.decidedAt), id: approval.id, decision: approval.decision.rawValue,
                approver: approval.approver.description, subject: subject, href: links.evidence(document.path, from: page)?.href ?? "#")
        }
    }

    private func agreements(_ activity: ProcessingActivity, from page: String) -> [AgreementRowView] {
        activity.recipients.filter(\.thirdParty).map { recipient in
            let found = recipient.agreement.flatMap { agreementsByID[$0] }
            return AgreementRowView(
                recipient: recipient.name, agreement: recipient.agreement ?? "none on file", counterparty: found?.0.counterparty ?? "—",
                expires: found.map { $0.0.expiresAt.map(ISODate.day) ?? "no expiry stated" } ?? "—",
                href: found.flatMap { links.evidence($0.1.path, from: page)?.href })
        }
    }
}
