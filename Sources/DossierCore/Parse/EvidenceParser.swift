import Foundation
import Yams

/// Stage 2: reads each discovered file and turns it into an `EvidenceDocument`.
///
/// One unreadable or malformed file never stops the others: its problems become diagnostics.
public struct EvidenceParser: Sendable {
    public init() {}

    public func parse(_ files: [EvidenceFile], diagnostics: DiagnosticCollector) -> [EvidenceDocument] {
        let results = ParallelMap.map(files) { file in parse(file, diagnostics: diagnostics) }
        return results.compactMap { $0 }
    }

    public func parse(_ file: EvidenceFile, diagnostics: DiagnosticCollector) -> EvidenceDocument? {
        let data: Data
        do {
            data = try Data(contentsOf: file.url)
        } catch {
            diagnostics.report(Diagnostic(.error, "dossier.input.unreadable", "File cannot be read: \(error.localizedDescription)", file: file.path))
            return nil
        }
        let decoded = TextDecoding.decode(data, file: file.path)
        diagnostics.report(contentsOf: decoded.diagnostics)
        let hash = ContentHash.sha256(data)
        switch file.format {
        case .markdown:
            let markdown = parseMarkdown(decoded.text, file: file, diagnostics: diagnostics)
            let title = markdown.frontMatter?["title"]?.string ?? markdown.document.title ?? file.path
            return EvidenceDocument(file: file, title: title, sha256: hash, content: .markdown(markdown))
        default:
            return EvidenceDocument(file: file, title: file.path, sha256: hash, content: .text(decoded.text))
        }
    }

    func parseMarkdown(_ text: String, file: EvidenceFile, diagnostics: DiagnosticCollector) -> MarkdownEvidence {
        let (frontMatter, unclosed) = FrontMatter.split(text)
        if unclosed {
            diagnostics.report(Diagnostic(
                .error, "dossier.frontmatter.unclosed",
                "Front matter opened with '---' on line 1 is never closed; add a '---' line after it",
                file: file.path, at: SourceLocation(line: 1, column: 1)))
        }
        var node: Yams.Node?
        if let yaml = frontMatter.yaml {
            do {
                node = try Yams.compose(yaml: yaml)
                if let found = node, found.mapping == nil {
                    diagnostics.report(Diagnostic(
                        .error, "dossier.frontmatter.not-a-mapping",
                        "Front matter must be 'key: value' lines", file: file.path, at: SourceLocation(line: 2, column: 1)))
                    node = nil
                }
            } catch {
                let problem = YAMLProblem(error, lineOffset: 1)
                diagnostics.report(Diagnostic(
                    .error, "dossier.frontmatter.malformed", "Front matter is not valid YAML: \(problem.message)",
                    file: file.path, at: problem.location))
            }
        }
        let document = CommonMarkDocument(markdown: frontMatter.body)
        return MarkdownEvidence(frontMatter: node, document: document, bodyLineOffset: frontMatter.bodyLineOffset)
    }
}
