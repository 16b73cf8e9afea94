/// Builds one page per processing activity, gathering everything about it: its Art. 30 record,
/// the checklists answered for it, its data-flow diagrams, the logs its answers cite, the approvals
/// behind it and the agreements with its recipients.
struct ActivityPages {
    var documents: [EvidenceDocument]
    var diagnostics: [Diagnostic]
    var assessment: ComplianceAssessment
    var links: PageLinks
    /// Lays a graph out as SVG; nil when it cannot.
    var diagram: DiagramDrawing

    var activities: [(ProcessingActivity, EvidenceDocument)] {
        documents.compactMap { document in
            guard case .processingActivity(let activity)? = document.record else { return nil }
            return (activity, document)
        }.sorted { $0.0.id < $1.0.id }
    }

    func page(_ activity: ProcessingActivity, record document: EvidenceDocument) -> ActivityPageView {
        let path = PackPaths.activity(activity.id)
        let answerFiles = documents.filter { document in
            if case .checklist(let answers)? = document.record { return answers.integration == activity.id }
            return false
        }
        let graphs = documents.compactMap { document -> (DataFlowGraph, EvidenceDocument)? in
            guard case .dataFlow(let graph)? = document.record, graph.activity == activity.id else { return nil }
            return (graph, document)
        }
        // Everything the activity's own answers cite, plus its record and graphs.
        let answered = Set(answerFiles.map(\.path))
        var related = Set(assessment.items.filter { answered.contains($0.answersFile) }.flatMap { $0.acceptedEvidence + $0.otherEvidence })
        related.insert(document.path)
        related.formUnion(graphs.map(\.1.path))
        let logs = logs(related, from: path), approvals = approvals(related, from: path), agreements = agreements(activity, from: path)
        return ActivityPageView(
            site: links.site(path), title: activity.name,
            recordHref: PackPaths.link(from: path, to: PackPaths.page(forEvidence: document.file)),
            record: RecordView(.processingActivity(activity)) { links.evidence($0, from: path)?.href },
            hasChecklists: !answerFiles.isEmpty,
            checklists: answerFiles.compactMap { file in
                guard case .checklist(let answers)? = file.record, let link = links.evidence(file.path, from: path) else { return nil }
                let open = answers.answers.count { $0.state == .open }
                let total = assessment.items.count { $0.answersFile == file.path }
                return ChecklistSummaryView(title: file.title, href: link.href, answered: answers.answers.count - open, total: max(total, answers.answers.count), open: open)
            },
            hasDiagrams: !graphs.isEmpty,
            diagrams: graphs.map { graph, file in diagramView(graph, file: file, from: path) },
            hasLogs: !logs.isEmpty, logs: logs, hasApprovals: !approvals.isEmpty, approvals: approvals,
            hasAgreements: !agreements.isEmpty, agreements: agreements)
    }

    /// The drawing with each data-flow finding marked on the flow or system it concerns, and listed beside.
    func diagramView(_ graph: DataFlowGraph, file: EvidenceDocument, from page: String) -> DiagramView {
        let record = RecordView(.dataFlow(graph)) { links.evidence($0, from: page)?.href }
        let findings = diagnostics.filter { $0.file == file.path && $0.identifier.hasPrefix("dossier.dataflow.") && $0.severity >= .warning }
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
            guard let document = links.documents[path], case .log(let log) = document.content,
                  let link = links.evidence(path, from: page) else { return nil }
            let view = LogView(log)
            return LogSummaryView(title: path, href: link.href, format: log.formatName, events: log.events, failures: log.failures, period: view.period)
        }
    }

    private func approvals(_ paths: Set<String>, from page: String) -> [ApprovalRowView] {
        documents.compactMap { document -> (ApprovalRecord, EvidenceDocument)? in
            guard case .approval(let approval)? = document.record else { return nil }
            if paths.contains(document.path) { return (approval, document) }
            if case .file(let subject, _, _) = approval.subject, paths.contains(subject) { return (approval, document) }
            return nil
        }
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
        let byID = Dictionary(documents.compactMap { document -> (String, (Agreement, EvidenceDocument))? in
            guard case .agreement(let agreement)? = document.record else { return nil }
            return (agreement.id, (agreement, document))
        }, uniquingKeysWith: { first, _ in first })
        return activity.recipients.filter(\.thirdParty).map { recipient in
            let found = recipient.agreement.flatMap { byID[$0] }
            return AgreementRowView(
                recipient: recipient.name, agreement: recipient.agreement ?? "none on file", counterparty: found?.0.counterparty ?? "—",
                expires: found.map { $0.0.expiresAt.map(ISODate.day) ?? "no expiry stated" } ?? "—",
                href: found.flatMap { links.evidence($0.1.path, from: page)?.href })
        }
    }
}
