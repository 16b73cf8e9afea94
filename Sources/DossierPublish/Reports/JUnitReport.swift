import DossierAssess
import DossierModel

/// `junit.xml`: one test case per control (failed when missing, partial or stale without an active
/// waiver; skipped when not applicable or out of scope) and one per rule (failed when it found
/// something at or above the failing severity), for CI test views.
package struct JUnitReport: Sendable {
    package static let path = "junit.xml"

    package var context: ReportContext

    package init(_ context: ReportContext) { self.context = context }

    package var xml: String {
        let result = context.result
        var suites: [String] = []
        for framework in result.compliance.frameworks {
            let cases = result.compliance.verdicts(for: framework).map { verdict -> String in
                let name = "\(verdict.control) \(verdict.title)"
                let reasons = verdict.chain.map(\.text).joined(separator: "\n")
                let body: String
                switch (verdict.status, verdict.waiver) {
                case (.satisfied, _):
                    body = ""
                case (.notApplicable, _), (.outOfScope, _), (.undecided, _):
                    body = "<skipped message=\"\(Self.escape(verdict.status.label))\"/>"
                case (_, let waiver?):
                    body = "<system-out>\(Self.escape("gap accepted by waiver \(waiver)\n" + reasons))</system-out>"
                case (_, nil):
                    body = "<failure message=\"\(Self.escape(verdict.status.label))\" type=\"\(verdict.status.rawValue)\">\(Self.escape(reasons))</failure>"
                }
                return "    <testcase classname=\"\(Self.escape(framework))\" name=\"\(Self.escape(name))\">\(body)</testcase>"
            }
            suites.append(suite(name: framework, cases: cases))
        }
        let threshold = result.failingSeverity
        let byRule = Dictionary(grouping: result.diagnostics, by: \.identifier)
        let known = Set(RuleContext.recordRules.flatMap { type(of: $0).identifiers.map(\.rawValue) }).union(byRule.keys)
        let ruleCases = known.sorted().map { id -> String in
            let found = byRule[id] ?? []
            let failing = found.filter { $0.severity >= threshold }
            let lines = found.map { diagnostic in
                "\(diagnostic.file.map(context.uri) ?? "pack")\(diagnostic.location.map { ":\($0)" } ?? ""): \(diagnostic.severity): \(diagnostic.summary)"
            }.joined(separator: "\n")
            let body = failing.isEmpty
                ? (found.isEmpty ? "" : "<system-out>\(Self.escape(lines))</system-out>")
                : "<failure message=\"\(failing.count) finding\(failing.count == 1 ? "" : "s")\" type=\"\(id)\">\(Self.escape(lines))</failure>"
            return "    <testcase classname=\"rules\" name=\"\(Self.escape(id))\">\(body)</testcase>"
        }
        suites.append(suite(name: "rules", cases: ruleCases))
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"\(Self.escape(context.packName))\">\n"
            + suites.joined(separator: "\n") + "\n</testsuites>\n"
    }

    private func suite(name: String, cases: [String]) -> String {
        let failures = cases.count { $0.contains("<failure") }
        let skipped = cases.count { $0.contains("<skipped") }
        return "  <testsuite name=\"\(Self.escape(name))\" tests=\"\(cases.count)\" failures=\"\(failures)\" errors=\"0\" skipped=\"\(skipped)\">\n"
            + cases.joined(separator: "\n") + "\n  </testsuite>"
    }

    /// XML text and attribute escaping; characters XML 1.0 forbids are dropped.
    package static func escape(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            default:
                if scalar.value >= 0x20 && !(0xFFFE...0xFFFF).contains(scalar.value) { out.unicodeScalars.append(scalar) }
            }
        }
        return out
    }

    package func file() -> RenderedFile { RenderedFile(path: Self.path, text: xml) }
}
