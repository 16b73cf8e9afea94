import DossierModel

/// Binds imported data-flow graphs to the processing activity that lists them under `data_flows`.
///
/// A `kind: data-flow` file names its activity itself (`activity:`), but a Threat Dragon or pytm
/// model has no such field, and its file is another tool's to write. Without a binding every such
/// graph was reported as naming no activity, and it never reached the record checks or the
/// activity's page. The binding happens once, before any check reads the graphs.
package struct DataFlowBinding {
    package init() {}

    package func bind(_ documents: inout [EvidenceDocument], diagnostics: DiagnosticEngine) {
        let index = Dictionary(documents.indices.map { (documents[$0].path, $0) }, uniquingKeysWith: { first, _ in first })
        let activities = documents.records(\.processingActivity).map { ($0, $1.path) }
        var boundBy: [String: (activity: String, file: String)] = [:]
        for (activity, file) in activities {
            for reference in activity.dataFlows {
                // About one entry of `data_flows`: the record still proves what its other fields state.
                func report(_ id: DiagnosticID, _ summary: String) {
                    var problem = Diagnostic(.error, id, summary, file: file, at: reference.location)
                    problem.field = "data_flows"
                    diagnostics.report(problem)
                }
                // Paths are inside the evidence folder (`./` and `\` tolerated); one written relative to
                // the record's own folder is named back in the evidence folder's terms.
                guard let path = EvidenceLinkResolver.normalise(reference.path, relativeTo: ""), let target = index[path] else {
                    let meant = EvidenceLinkResolver.normalise(reference.path, relativeTo: file).flatMap { index[$0] == nil ? nil : $0 }
                    report(.processingActivityUnknownDataFlow, "No evidence file at '\(reference.path)'"
                        + (meant.map { "; paths are inside the evidence folder: write '\($0)'" } ?? "; give the data-flow file's path inside the evidence folder"))
                    continue
                }
                guard case .dataFlow(var graph)? = documents[target].record else {
                    report(.processingActivityUnknownDataFlow, "'\(reference.path)' is not a data-flow graph (kind: data-flow, Threat Dragon or pytm); list only data-flow files")
                    continue
                }
                if let earlier = boundBy[path], earlier.activity != activity.id {
                    report(.processingActivityDataFlowClaimed, "'\(path)' is also listed by \(earlier.file) (activity '\(earlier.activity)'), which keeps it; a graph maps one activity")
                    continue
                }
                if boundBy[path] == nil, let named = graph.activity, named != activity.id {
                    report(.processingActivityDataFlowClaimed, "'\(path)' names processing activity '\(named)' itself; a graph maps one activity")
                    continue
                }
                boundBy[path] = (activity.id, file)
                graph.activity = activity.id
                documents[target].record = .dataFlow(graph)
            }
        }
    }
}
