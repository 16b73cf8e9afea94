import DossierModel
import Foundation

/// Stage 2: reads each discovered file and turns it into an `EvidenceDocument`.
///
/// One unreadable or malformed file never stops the others: its problems become diagnostics.
package struct EvidenceParser: Sendable {
    package var limits: InputLimits
    package var progress: BuildProgress?
    /// The zone a date-time written without one is read in: `timezone:` of the configuration read
    /// before the evidence (each parse is handed it; nothing global, since files are parsed in parallel).
    package var timeZone = ISODate.utc
    /// Which of a page's shown texts (decoded, joined) to keep for the secret scan: the scan itself is
    /// a later layer's, so the pipeline passes its cheap prefilter here; by default every text is kept.
    package var keepsShownText: @Sendable (String) -> Bool = { _ in true }
    /// Where a process that builds again and again keeps each file's parse (`dossier serve`).
    package var memory: ParseMemory?
    /// Where the last `dossier build` kept each Markdown file's parse (`MarkdownPart`).
    package var parts: DiskParts?

    package init(limits: InputLimits = InputLimits()) {
        self.limits = limits
    }

    package func parse(_ files: [InputFile], diagnostics: DiagnosticEngine) -> [EvidenceDocument] {
        let results = ParallelMap.map(files, progress: progress) { file in
            guard let memory else { return parse(file, diagnostics: diagnostics) }
            return memory.document(for: file, limits: limits, timeZone: timeZone, diagnostics: diagnostics) { parse(file, diagnostics: $0) }
        }
        return results.compactMap { $0 }
    }

    /// One file from the snapshot: its bytes were read, and hashed, by the file layer.
    package func parse(_ input: InputFile, diagnostics: DiagnosticEngine) -> EvidenceDocument? {
        // Images are evidence too, but not text: they are hashed and shown, never decoded.
        if PackPaths.image(forEvidence: input.file) != nil {
            return EvidenceDocument(file: input.file, title: input.path, sha256: input.sha256, content: .text(""))
        }
        return parse(input.bytes.data(), file: input.file, sha256: input.sha256, diagnostics: diagnostics)
    }

    /// Office and OpenDocument files are zip archives, but not ones to unzip: they are named as documents.
    package static let zipDocuments: Set<String> = ["docx", "xlsx", "pptx", "odt", "ods", "odp", "epub", "jar"]
    package static let zipSignature: [UInt8] = [0x50, 0x4B, 0x03, 0x04]

    /// The compression a file's first bytes announce, if any; `tool` is empty for a document format.
    package static func compression(of data: Data, path: String) -> (name: String, tool: String)? {
        let ext = PackPaths.pathExtension(path).lowercased()
        if data.starts(with: zipSignature), zipDocuments.contains(ext) { return ("\(ext) document", "") }
        let signatures: [([UInt8], String, String)] = [
            ([0x1F, 0x8B], "gzip", "gunzip FILE"), (zipSignature, "zip", "unzip FILE"), ([0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00], "xz", "unxz FILE"), ([0x28, 0xB5, 0x2F, 0xFD], "zstd", "unzstd FILE"),
        ]
        if let found = signatures.first(where: { data.starts(with: $0.0) }) { return (found.1, found.2) }
        // bzip2: "BZh", a block size digit, then the block magic 0x314159265359, which no text opens with.
        if data.count >= 10, data.starts(with: [0x42, 0x5A, 0x68]), (0x31...0x39).contains(data[data.startIndex + 3]),
           Array(data[(data.startIndex + 4)..<(data.startIndex + 10)]) == [0x31, 0x41, 0x59, 0x26, 0x53, 0x59] {
            return ("bzip2", "bunzip2 FILE")
        }
        return nil
    }

    /// The bytes of one file, already read; the fuzz targets call this directly.
    package func parse(_ data: Data, file: EvidenceFile, sha256 known: String? = nil, diagnostics: DiagnosticEngine) -> EvidenceDocument? {
        let hash = known ?? ContentHash.sha256(data)
        if PackPaths.image(forEvidence: file) != nil {
            return EvidenceDocument(file: file, title: file.path, sha256: hash, content: .text(""))
        }
        // A compressed export (CloudTrail delivers `.json.gz` to S3) decoded as text is a page of noise.
        if let compression = Self.compression(of: data, path: file.path) {
            let summary = compression.tool.isEmpty
                ? "File is a \(compression.name), which Dossier does not read; it is hashed and listed, not shown (link it as a signed document, or add a text summary beside it)"
                : "File is \(compression.name)-compressed, and Dossier reads text; decompress it (\(compression.tool)) and keep the decompressed file instead"
            diagnostics.report(Diagnostic(compression.tool.isEmpty ? .note : .warning, DiagnosticID.inputCompressed, summary, file: file.path))
            return EvidenceDocument(file: file, title: file.path, sha256: hash, content: .text(""))
        }
        // Markdown and plain text become one page each: a megabyte line would stall the parser or the browser.
        if file.format == .markdown || file.format == .other, let long = TextDecoding.longestLine(in: data), long.bytes > limits.maxLineBytes {
            diagnostics.report(Diagnostic(
                .error, DiagnosticID.limitsLineTooLong,
                "Line is \(long.bytes) bytes, more than the limit of \(limits.maxLineBytes); the file is not read",
                file: file.path, at: SourceLocation(line: long.line, column: 1)))
            return nil
        }
        let decoded = TextDecoding.decode(data, file: file.path)
        diagnostics.report(contentsOf: decoded.diagnostics)
        if decoded.text.allSatisfy(\.isWhitespace) {
            diagnostics.report(Diagnostic(.warning, DiagnosticID.evidenceEmpty, "File is empty; add its content or remove it", file: file.path))
        }
        switch file.format {
        case .markdown:
            // Nesting is bounded before the tree is built: past it, the file is published as its text.
            func asText(_ depth: Int, _ what: String) -> EvidenceDocument {
                diagnostics.report(Diagnostic(
                    .warning, .limitsMarkdownNesting,
                    "Markdown nests \(what) \(depth) deep, more than \(MarkdownNesting.limit); the file is shown as text",
                    file: file.path))
                return EvidenceDocument(file: file, title: file.path, sha256: hash, content: .text(decoded.text))
            }
            let brackets = MarkdownNesting.bracketDepth(decoded.text)
            if brackets > MarkdownNesting.limit { return asText(brackets, "brackets") }
            let quotes = MarkdownNesting.quoteDepth(decoded.text)
            if quotes > MarkdownNesting.limit { return asText(quotes, "block quotes") }
            let markdown = keptMarkdown(decoded.text, file: file, sha256: hash, diagnostics: diagnostics)
            if markdown.depth > MarkdownNesting.limit { return asText(markdown.depth, "blocks and inlines") }
            let title = markdown.frontMatter?["title"]?.string ?? markdown.title ?? file.path
            let (record, problems) = EvidenceRecordReader(timeZone: timeZone).read(markdown: markdown, file: file.path)
            diagnostics.report(contentsOf: problems)
            var document = EvidenceDocument(file: file, title: title, sha256: hash, content: .markdown(markdown), record: record)
            document.signOff = SignOffReader.read(markdown.frontMatter, of: record, file: file.path, timeZone: timeZone, diagnostics: diagnostics)
            return document
        case .json, .yaml:
            var document = EvidenceDocument(file: file, title: file.path, sha256: hash, content: .text(decoded.text))
            guard let tree = parseStructured(decoded.text, file: file, diagnostics: diagnostics) else { return document }
            let (record, problems) = EvidenceRecordReader(timeZone: timeZone).read(structured: tree, file: file.path)
            diagnostics.report(contentsOf: problems)
            document.record = record
            document.signOff = SignOffReader.read(tree, of: record, file: file.path, timeZone: timeZone, diagnostics: diagnostics)
            document.tree = tree
            document.title = tree["title"]?.string ?? tree["id"]?.string ?? file.path
            return document
        default:
            return EvidenceDocument(file: file, title: file.path, sha256: hash, content: .text(decoded.text))
        }
    }

    /// The Markdown parse the last build kept on disk (`parts`) for these bytes, its findings reported
    /// again; else parsed now and kept.
    private func keptMarkdown(_ text: String, file: EvidenceFile, sha256: String, diagnostics: DiagnosticEngine) -> MarkdownEvidence {
        guard let parts else { return parseMarkdown(text, file: file, diagnostics: diagnostics) }
        let key = MarkdownPart.key(file: file, sha256: sha256, limits: limits)
        if let data = parts.data(key), let (markdown, found) = MarkdownPart.decode(data) {
            diagnostics.report(contentsOf: found)
            return markdown
        }
        let own = DiagnosticEngine()
        let markdown = parseMarkdown(text, file: file, diagnostics: own)
        diagnostics.report(contentsOf: own.diagnostics)
        // Held until the secret scan has said the file is published, and never kept for a file read
        // twice (`DiskParts.allowWrites`).
        if let data = MarkdownPart.encode(markdown, diagnostics: own.diagnostics) { parts.store(data, key, from: file.path) }
        return markdown
    }

    package func parseMarkdown(_ text: String, file: EvidenceFile, diagnostics: DiagnosticEngine) -> MarkdownEvidence {
        let (frontMatter, unclosed) = FrontMatter.split(text)
        if unclosed {
            diagnostics.report(Diagnostic(
                .error, DiagnosticID.frontmatterUnclosed,
                "Front matter opened with '---' on line 1 is never closed; add a '---' line after it",
                file: file.path, at: SourceLocation(line: 1, column: 1)))
        }
        var node: JSONNode?
        if let yaml = frontMatter.yaml {
            do {
                node = try YAMLReader(maxDepth: limits.maxDepth).read(yaml, lineOffset: 1)
                if let found = node, found.members == nil {
                    if found.value != .null {
                        diagnostics.report(Diagnostic(
                            .error, DiagnosticID.frontmatterNotAMapping,
                            "Front matter must be 'key: value' lines", file: file.path, at: SourceLocation(line: 2, column: 1)))
                    }
                    node = nil
                }
            } catch {
                diagnostics.report(Diagnostic(
                    .error, DiagnosticID.frontmatterMalformed, "Front matter is not valid YAML: \(error.message)",
                    file: file.path, at: error.location))
            }
        }
        let cells = MarkdownTables.cells(frontMatter.body)
        if cells > MarkdownTables.limit {
            diagnostics.report(Diagnostic(
                .warning, .limitsTableTooLarge,
                "Tables would expand to more than \(MarkdownTables.limit) cells (each row is padded to the header's width), or a row has more than \(MarkdownTables.rowLimit); they are shown as text",
                file: file.path))
        }
        return MarkdownEvidence(
            frontMatter: node, body: frontMatter.body,
            document: CommonMarkDocument(markdown: frontMatter.body, tables: cells <= MarkdownTables.limit),
            bodyLineOffset: frontMatter.bodyLineOffset, keepingShown: keepsShownText)
    }

    /// A JSON or YAML file as a tree; a syntax error is reported where it breaks and the file is shown as text.
    package func parseStructured(_ text: String, file: EvidenceFile, diagnostics: DiagnosticEngine) -> JSONNode? {
        do {
            if file.format == .json { return try JSONReader(maxDepth: limits.maxDepth).read(Array(text.utf8)) }
            return try YAMLReader(maxDepth: limits.maxDepth).read(text)
        } catch {
            let format = file.format == .json ? "JSON" : "YAML"
            diagnostics.report(Diagnostic(
                .error, file.format == .json ? .jsonMalformed : .yamlMalformed, "File is not valid \(format): \(error.message)",
                file: file.path, at: error.location))
            return nil
        }
    }
}
