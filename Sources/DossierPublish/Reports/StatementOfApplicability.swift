import DossierAssess
import DossierModel
import Foundation

/// The ISO/IEC 27001 Statement of Applicability: every Annex A control with its applicability, the
/// justification, its status and the evidence behind it, as CSV (for spreadsheets) and JSON (for tools).
public struct StatementOfApplicability: Sendable {
    public static let framework = "iso27001-2022"
    public static let csvPath = "statement-of-applicability.csv"
    public static let jsonPath = "statement-of-applicability.json"

    public struct Row: Codable, Sendable, Hashable {
        public var control: String
        public var title: String
        /// `yes`, `no`, or `undecided` when no applicability decision or checklist item covers it.
        public var applicable: String
        public var justification: String
        public var status: String
        public var evidence: [String]
    }

    public var rows: [Row]

    public init?(assessment: ComplianceAssessment) {
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
    public var csv: String {
        func field(_ text: String) -> String { "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
        let header = ["control", "title", "applicable", "justification", "status", "evidence"].map(field).joined(separator: ",")
        let lines = rows.map { row in
            [row.control, row.title, row.applicable, row.justification, row.status, row.evidence.joined(separator: "; ")].map(field).joined(separator: ",")
        }
        return ([header] + lines).joined(separator: "\r\n") + "\r\n"
    }

    public func json() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(Document(framework: Self.framework, controls: rows)) + Data("\n".utf8)
    }

    private struct Document: Encodable {
        var framework: String
        var controls: [Row]
    }

    public func files() throws -> [RenderedFile] {
        [RenderedFile(path: Self.csvPath, text: csv), RenderedFile(path: Self.jsonPath, contents: try json())]
    }
}
