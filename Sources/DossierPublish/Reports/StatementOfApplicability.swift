import DossierAssess
import DossierModel
import Foundation

/// The ISO/IEC 27001 Statement of Applicability: for every Annex A control, the organisation's own
/// decision — whether it applies, its justification (verbatim, either way), its implementation and
/// the documents that implement it — beside, and kept apart from, the verdict Dossier reaches on the
/// evidence. As CSV (for spreadsheets) and JSON (for tools); the HTML page is made from the same rows.
package struct StatementOfApplicability: Sendable {
    package static let framework = "iso27001-2022"
    package static let csvPath = "statement-of-applicability.csv"
    package static let jsonPath = "statement-of-applicability.json"

    package struct Row: Codable, Sendable, Hashable {
        package var control: String
        package var title: String
        /// `yes`, `no`, or `undecided` when no decision covers it.
        package var applicable: String
        /// The organisation's justification for including or excluding it, as written; empty when undecided.
        package var justification: String
        /// The organisation's implementation statement (`in-place`, `in-progress`, `planned`, `none`), or empty.
        package var implementation: String
        /// The organisation's documents implementing it, as written in the decision.
        package var documents: [String]
        /// Where the decision is (`applicability/soa.yml:12`), or empty.
        package var decidedIn: String
        /// Dossier's verdict on the evidence (a `ControlStatus`), and the reason it gives first.
        package var status: String
        package var reason: String
        package var evidence: [String]

        enum CodingKeys: String, CodingKey {
            case control, title, applicable, justification, implementation, documents, status, reason, evidence
            case decidedIn = "decided_in"
        }
    }

    package var rows: [Row]

    package init?(assessment: ComplianceAssessment) {
        let verdicts = assessment.verdicts(for: Self.framework)
        guard !verdicts.isEmpty else { return nil }
        rows = verdicts.map { verdict in
            let decision = verdict.decision?.decision
            return Row(
                control: verdict.control, title: verdict.title, applicable: ControlDecision.applicable(verdict.decision),
                justification: decision?.justification ?? "", implementation: decision?.implementation?.rawValue ?? "",
                documents: decision?.documents ?? [],
                decidedIn: verdict.decision.map { "\($0.file):\($0.decision.location.line)" } ?? "",
                status: verdict.status.rawValue, reason: verdict.headline, evidence: verdict.evidence)
        }
    }

    /// How many controls are applicable, not applicable and undecided, for the page's summary line.
    package var counts: (applicable: Int, notApplicable: Int, undecided: Int) {
        (rows.count { $0.applicable == "yes" }, rows.count { $0.applicable == "no" }, rows.count { $0.applicable == "undecided" })
    }

    /// RFC 4180: every field quoted, quotes doubled, CRLF line ends; lists joined by `; `.
    package var csv: String {
        func field(_ text: String) -> String { "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
        let header = ["control", "title", "applicable", "justification", "implementation", "documents", "decided_in", "status", "reason", "evidence"]
        let lines = rows.map { row in
            [row.control, row.title, row.applicable, row.justification, row.implementation, row.documents.joined(separator: "; "),
             row.decidedIn, row.status, row.reason, row.evidence.joined(separator: "; ")].map(field).joined(separator: ",")
        }
        return ([header.map(field).joined(separator: ",")] + lines).joined(separator: "\r\n") + "\r\n"
    }

    package func json() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let (applicable, notApplicable, undecided) = counts
        let document = Document(framework: Self.framework, applicable: applicable, notApplicable: notApplicable, undecided: undecided, controls: rows)
        return try encoder.encode(document) + Data("\n".utf8)
    }

    private struct Document: Encodable {
        var framework: String
        var applicable: Int
        var notApplicable: Int
        var undecided: Int
        var controls: [Row]

        enum CodingKeys: String, CodingKey {
            case framework, applicable, undecided, controls
            case notApplicable = "not_applicable"
        }
    }

    package func files() throws -> [RenderedFile] {
        [RenderedFile(path: Self.csvPath, text: csv), RenderedFile(path: Self.jsonPath, contents: try json())]
    }
}
