import DossierModel
import Foundation

/// Stage 2's product: the snapshot's files parsed, and the compliance content they add to the
/// built-in one (catalogs, checklist definitions, mappings, log formats).
package struct ParsedEvidence: Sendable {
    /// One document per file that could be parsed, sorted by path.
    package let documents: [EvidenceDocument]
    package let content: ComplianceContent
    /// The findings each file's parse made (not discovery's, nor any made reading files against each
    /// other), in the order reported: a patch build compares an edited file's with them.
    package var parseFindings: [Diagnostic] = []
}

/// Parses a snapshot: Markdown, JSON and YAML first, then the compliance content, then log extracts
/// (the evidence folder may describe its own log formats), then data-flow graphs bound to the
/// activities that list them. Every file is parsed from the snapshot's bytes, once.
package struct EvidenceReading {
    package let snapshot: EvidenceSnapshot
    package var progress: BuildProgress?
    package var clock: StageClock?
    /// Parses an earlier build of this process made, reused where nothing they depend on changed.
    package var memory: ParseMemory?
    /// Markdown parses the last `dossier build` kept on disk (`MarkdownPart`).
    package var parts: DiskParts?

    package init(
        snapshot: EvidenceSnapshot, progress: BuildProgress? = nil, clock: StageClock? = nil, memory: ParseMemory? = nil, parts: DiskParts? = nil
    ) {
        self.snapshot = snapshot
        self.progress = progress
        self.clock = clock
        self.memory = memory
        self.parts = parts
    }

    package func read(diagnostics: DiagnosticEngine, keepsShownText: @escaping @Sendable (String) -> Bool = { _ in true }) -> ParsedEvidence {
        let limits = snapshot.limits
        let streamed = snapshot.files.filter { $0.file.format == .jsonLines }
        var parser = EvidenceParser(limits: limits)
        parser.keepsShownText = keepsShownText
        parser.timeZone = snapshot.earlyConfiguration?.timeZone ?? ISODate.utc
        parser.progress = progress
        parser.memory = memory
        parser.parts = parts
        progress?.begin("Parsing evidence", total: snapshot.files.count - streamed.count)
        let before = diagnostics.inReportingOrder.count
        var documents = parser.parse(snapshot.files.filter { $0.file.format != .jsonLines }, diagnostics: diagnostics)
        let parseFindings = Array(diagnostics.inReportingOrder.dropFirst(before))
        clock?.mark("parse")
        let content = ComplianceContent.assemble(from: documents, diagnostics: diagnostics)
        let logs = LogExtractReader(formats: content.logFormats, limits: limits)
        for index in documents.indices where documents[index].file.format == .json && documents[index].record == nil {
            guard let tree = documents[index].tree,
                  let extract = logs.read(tree: tree, path: documents[index].path, diagnostics: diagnostics) else { continue }
            documents[index].content = .log(extract)
        }
        progress?.begin("Reading log extracts", total: streamed.count)
        documents += ParallelMap.map(streamed, progress: progress) { input in
            guard let memory else { return logs.readLines(input, diagnostics: diagnostics) }
            return memory.logDocument(for: input, formats: logs.formats, limits: limits, diagnostics: diagnostics) { logs.readLines(input, diagnostics: $0) }
        }.compactMap { $0 }
        clock?.mark("logs")
        documents.sort { $0.path < $1.path }
        DataFlowBinding().bind(&documents, diagnostics: diagnostics)
        var parsed = ParsedEvidence(documents: documents, content: content)
        parsed.parseFindings = parseFindings
        return parsed
    }
}
