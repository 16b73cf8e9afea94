/// Binds imported data-flow graphs to the processing activity that lists them under `data_flows`.
///
/// A `kind: data-flow` file names its activity itself (`activity:`), but a Threat Dragon or pytm
/// model has no such field, and its file is another tool's to write. Without a binding every such
/// graph was reported as naming no activity, and it never reached the record checks or the
/// activity's page. The binding happens once, before any check reads the graphs.
struct DataFlowBinding {
    func bind(_ documents: inout [EvidenceDocument], diagnostics: DiagnosticCollector) {
        let index = Dictionary(documents.indices.map { (documents[$0].path, $0) }, uniquingKeysWith: { first, _ in first })
        let activities = documents.compactMap { document -> (ProcessingActivity, String)? in
            guard case .processingActivity(let activity)? = document.record else { return nil }
            return (activity, document.path)
        }
        for (activity, file) in activities {
            for reference in activity.dataFlows {
                func report(_ id: String, _ summary: String) {
                    diagnostics.report(Diagnostic(.error, "dossier.processing-activity." + id, summary, file: file, at: reference.location))
                }
                guard let target = index[reference.path] else {
                    report("unknown-data-flow", "No evidence file at '\(reference.path)'; give the data-flow file's path inside the evidence folder")
                    continue
                }
                guard case .dataFlow(var graph)? = documents[target].record else {
                    report("unknown-data-flow", "'\(reference.path)' is not a data-flow graph (kind: data-flow, Threat Dragon or pytm); list only data-flow files")
                    continue
                }
                if let named = graph.activity, named != activity.id {
                    report("data-flow-claimed", "'\(reference.path)' already names processing activity '\(named)'; a graph maps one activity")
                    continue
                }
                graph.activity = activity.id
                documents[target].record = .dataFlow(graph)
            }
        }
    }
}
