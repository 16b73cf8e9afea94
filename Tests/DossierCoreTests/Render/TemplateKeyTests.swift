@testable import DossierCore
import Foundation
import Testing

/// Mustache renders an unknown key as nothing, silently. Every key a template names must exist in the
/// view model it is rendered with (or, inside a section, in the section's element type).
@Suite struct TemplateKeyTests {
    /// Field names of each view model, nested types included, gathered by reflection over sample values.
    private static let knownKeys: Set<String> = {
        let site = SiteView(root: "", packTitle: "", buildDate: "", buildDateSource: "", generator: "")
        let diagnostic = DiagnosticView(severity: "", place: "", href: "", summary: "", identifier: "")
        let group = EvidenceGroupView(folder: "", items: [.init(title: "", path: "", href: "")])
        let samples: [Any] = [
            site, diagnostic, group, group.items[0],
            IndexPageView(site: site, title: "", evidenceCount: 0, errorCount: 0, warningCount: 0, noteCount: 0, groups: [],
                          scope: ScopeView(nil)),
            ScopeView(nil),
            RecordView(.checklist(ChecklistAnswers(checklist: nil, integration: nil, answers: [])), link: { _ in nil }),
            RecordView.Row(label: "", value: "", href: nil),
            RecordView.AnswerRow(id: "", state: "", stateClass: "", text: "", evidenceCount: 0),
            EvidenceIndexPageView(site: site, title: "", groups: []),
            LogView(LogExtract(format: LogFormatReader.builtIn[0])),
            LogView.KindRow(kind: "", count: 0, failures: 0),
            LogView.EventRow(line: 0, time: "", kind: "", identity: "", outcome: "", failed: false, details: ""),
            EvidencePageView(site: site, title: "", path: "", sha256: "", html: "", text: "", record: nil, log: nil, hasDiagnostics: false, diagnostics: []),
            FindingsPageView(site: site, title: "", errorCount: 0, warningCount: 0, noteCount: 0, hasDiagnostics: false, diagnostics: []),
        ]
        var keys: Set<String> = []
        for sample in samples {
            for child in Mirror(reflecting: sample).children { if let label = child.label { keys.insert(label) } }
        }
        return keys
    }()

    @Test func everyTemplateKeyExistsInAViewModel() throws {
        let tag = try NSRegularExpression(pattern: #"\{\{\{?\s*[#^/&]?\s*([A-Za-z_][A-Za-z0-9_.]*)\s*\}?\}\}"#)
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
