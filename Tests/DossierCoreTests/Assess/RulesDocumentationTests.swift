@testable import DossierAssess
@testable import DossierIntake
@testable import DossierModel
@testable import DossierPack
@testable import DossierPublish
@testable import DossierResources
import DossierTestSupport
import Foundation
import Testing

/// docs/rules.md lists every diagnostic ID Dossier can report, so users can look up any finding.
@Suite struct RulesDocumentationTests {
    /// `dossier.area.problem` literals in the sources, plus each rule's declared identifiers.
    static var identifiersInCode: Set<String> {
        var found: Set<String> = Set(RuleContext.rules.flatMap { type(of: $0).identifiers.map(\.rawValue) })
        let pattern = try! NSRegularExpression(pattern: #""(dossier\.[a-z0-9-]+\.[a-z0-9-]+)""#)
        let sources = Repository.root.appendingPathComponent("Sources")
        for case let path as String in FileManager.default.enumerator(atPath: sources.path) ?? NSEnumerator() where path.hasSuffix(".swift") {
            let text = (try? String(contentsOf: sources.appendingPathComponent(path), encoding: .utf8)) ?? ""
            for match in pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                found.insert(String(text[Range(match.range(at: 1), in: text)!]))
            }
        }
        return found
    }

    /// IDs in the first cell of a table row of docs/rules.md.
    static var documented: [String] {
        let text = (try? String(contentsOf: Repository.root.appendingPathComponent("docs/rules.md"), encoding: .utf8)) ?? ""
        return text.split(separator: "\n").compactMap { line -> String? in
            guard line.hasPrefix("| `dossier.") else { return nil }
            return line.dropFirst(3).prefix { $0 != "`" }.description
        }
    }

    @Test func everyIdentifierInTheCodeIsDocumentedOnce() {
        let documented = Self.documented
        #expect(Self.identifiersInCode.count > 60, "the scan found the identifiers")
        for id in Self.identifiersInCode.sorted() {
            #expect(documented.contains(id), "\(id) is reported by the code but missing from docs/rules.md")
        }
        let repeated = Dictionary(grouping: documented, by: { $0 }).filter { $0.value.count > 1 }.keys
        #expect(repeated.isEmpty, "listed more than once: \(repeated.sorted())")
    }

    @Test func everyRuleIdentifierIsReportedSomewhere() throws {
        // Every source file but the catalog of IDs, without the rules' own lists of what they report.
        let sources = Repository.root.appendingPathComponent("Sources")
        let files = (FileManager.default.subpaths(atPath: sources.path) ?? []).filter { $0.hasSuffix(".swift") && !$0.hasSuffix("DiagnosticID.swift") }
        let declared = try Regex(#"static let identifiers: \[DiagnosticID\] = \[[^\]]*\]"#)
        let text = try files.map { try String(contentsOf: sources.appendingPathComponent($0), encoding: .utf8).replacing(declared, with: "") }.joined()
        for rule in RuleContext.rules {
            for id in type(of: rule).identifiers {
                // Reported through its constant in DiagnosticID.swift: `dossier.approval.hash-mismatch` is `.approvalHashMismatch`.
                let words = id.rawValue.dropFirst("dossier.".count).split(whereSeparator: { $0 == "." || $0 == "-" }).map(String.init)
                var constant = words[0] + words.dropFirst().map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
                if constant.hasSuffix("Id") { constant = constant.dropLast(2) + "ID" }
                // A field reader's problem (`dossier.freshness.bad-window`) is reported as `.badWindow` of its area.
                let problem = id.rawValue.split(separator: ".").last!.split(separator: "-").enumerated().map { $0.offset == 0 ? String($0.element) : $0.element.prefix(1).uppercased() + $0.element.dropFirst() }.joined()
                let family = DiagnosticID.FieldProblem.allCases.contains { $0.rawValue == id.rawValue.split(separator: ".").last.map(String.init) }
                #expect(text.contains(".\(constant)") || (family && text.contains(".\(problem)")), "\(id) is declared but never reported")
            }
        }
    }
}
