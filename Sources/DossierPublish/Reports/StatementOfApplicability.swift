import DossierAssess
import DossierModel
import Foundation

/// The ISO/IEC 27001 Statement of Applicability: every Annex A control with its applicability, the
/// justification, its status and the evidence behind it, as CSV (for spreadsheets) and JSON (for tools).
package struct StatementOfApplicability: Sendable {
    package static let framework = "iso27001-2022"
    package static let csvPath = "statement-of-applicability.csv"
    package static let jsonPath = "statement-of-applicability.json"

    package struct Row: Codable, Sendable, Hashable {
        package var control: String
        package var title: String
        /// `yes`, `no`, or `undecided` when no applicability decision or checklist item covers it.
        package var applicable: String
        package var justification: String
        package var status: String
        package var evidence: [String]
    }

    package var rows: [Row]

    package init?(assessment: ComplianceAssessment) {
        let verdicts = assessment.verdicts(for: Self.framework)
        guard !verdicts.isEmpty else { return nil }
        rows = verdicts.map { verdict in
            let applicable: String = switch verdict.status {
            case .notApplicable: "no"
            case .outOfScope: "undecided"
            default: "yes"
            }
            return Row(
                control: verdict.control, title: verdict.title, applicable: applicable,
                justification: verdict.chain.map(\.text).joined(separator: "; "), status: verdict.status.rawValue, evidence: verdict.evidence)
        }
    }

    /// RFC 4180: every field quoted, quotes doubled, CRLF line ends; evidence paths joined by `; `.
    package var csv: String {
        func field(_ text: String) -> String { "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
        let header = ["control", "title", "applicable", "justification", "status", "evidence"].map(field).joined(separator: ",")
        let lines = rows.map { row in
            [row.control, row.title, row.applicable, row.justification, row.status, row.evidence.joined(separator: "; ")].map(field).joined(separator: ",")
        }
        return ([header] + lines).joined(separator: "\r\n") + "\r\n"
    }

    package func json() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(Document(framework: Self.framework, controls: rows)) + Data("\n".utf8)
    }

    private struct Document: Encodable {
        var framework: String
        var controls: [Row]
    }

    package func files() throws -> [RenderedFile] {
        [RenderedFile(path: Self.csvPath, text: csv), RenderedFile(path: Self.jsonPath, contents: try json())]
    }
}
