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
        let sources = Repository.root.appendingPathComponent("Sources/DossierAssess/Rules")
        let text = try FileManager.default.contentsOfDirectory(atPath: sources.path)
            .map { try String(contentsOf: sources.appendingPathComponent($0), encoding: .utf8) }.joined()
        for rule in RuleContext.rules {
            for id in type(of: rule).identifiers {
                // Reported through its constant in DiagnosticID.swift: `dossier.approval.hash-mismatch` is `.approvalHashMismatch`.
                let words = id.rawValue.dropFirst("dossier.".count).split(whereSeparator: { $0 == "." || $0 == "-" }).map(String.init)
                var constant = words[0] + words.dropFirst().map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
                if constant.hasSuffix("Id") { constant = constant.dropLast(2) + "ID" }
                #expect(text.contains(".\(constant)"), "\(id) is declared but never reported")
            }
        }
    }
}
