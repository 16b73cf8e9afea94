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
            let cases = result.compliance.verdicts(for: framework).map { verdict -> TestCase in
                let name = "\(verdict.control) \(verdict.title)"
                let reasons = verdict.chain.map(\.text).joined(separator: "\n")
                let (body, outcome): (String, TestCase.Outcome)
                switch (verdict.status, verdict.waiver) {
                case (.satisfied, _):
                    (body, outcome) = ("", .passed)
                case (.notApplicable, _), (.outOfScope, _), (.undecided, _):
                    (body, outcome) = ("<skipped message=\"\(Self.escape(verdict.status.label))\"/>", .skipped)
                case (_, let waiver?):
                    (body, outcome) = ("<system-out>\(Self.escape("gap accepted by waiver \(waiver)\n" + reasons))</system-out>", .passed)
                case (_, nil):
                    (body, outcome) = ("<failure message=\"\(Self.escape(verdict.status.label))\" type=\"\(verdict.status.rawValue)\">\(Self.escape(reasons))</failure>", .failed)
                }
                return TestCase(xml: "    <testcase classname=\"\(Self.escape(framework))\" name=\"\(Self.escape(name))\">\(body)</testcase>", outcome: outcome)
            }
            suites.append(suite(name: framework, cases: cases))
        }
        let threshold = result.failingSeverity
        let byRule = Dictionary(grouping: result.diagnostics, by: \.identifier)
        let known = Set(RuleContext.recordRules.flatMap { type(of: $0).identifiers.map(\.rawValue) }).union(byRule.keys)
        let ruleCases = known.sorted().map { id -> TestCase in
            let found = byRule[id] ?? []
            let failing = found.filter { $0.severity >= threshold }
            let lines = found.map { diagnostic in
                "\(diagnostic.file.map(context.uri) ?? "pack")\(diagnostic.location.map { ":\($0)" } ?? ""): \(diagnostic.severity): \(diagnostic.summary)"
            }.joined(separator: "\n")
            let body = failing.isEmpty
                ? (found.isEmpty ? "" : "<system-out>\(Self.escape(lines))</system-out>")
                : "<failure message=\"\(failing.count) finding\(failing.count == 1 ? "" : "s")\" type=\"\(id)\">\(Self.escape(lines))</failure>"
            return TestCase(xml: "    <testcase classname=\"rules\" name=\"\(Self.escape(id))\">\(body)</testcase>", outcome: failing.isEmpty ? .passed : .failed)
        }
        suites.append(suite(name: "rules", cases: ruleCases))
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"\(Self.escape(context.packName))\">\n"
            + suites.joined(separator: "\n") + "\n</testsuites>\n"
    }

    /// One test case as written, and how it ended (counted for its suite without searching the XML).
    private struct TestCase {
        enum Outcome { case passed, failed, skipped }
        var xml: String
        var outcome: Outcome
    }

    private func suite(name: String, cases: [TestCase]) -> String {
        let failures = cases.count { $0.outcome == .failed }
        let skipped = cases.count { $0.outcome == .skipped }
        return "  <testsuite name=\"\(Self.escape(name))\" tests=\"\(cases.count)\" failures=\"\(failures)\" errors=\"0\" skipped=\"\(skipped)\">\n"
            + cases.map(\.xml).joined(separator: "\n") + "\n  </testsuite>"
    }

    /// XML text and attribute escaping; characters XML 1.0 forbids are dropped. Worked on the UTF-8
    /// bytes (the rules' findings run to megabytes at 10 000 files): `&<>"'` become references,
    /// control characters but tab, line feed and carriage return go, and so do U+FFFE and U+FFFF
    /// (EF BF BE, EF BF BF); every other byte is kept.
    package static func escape(_ text: String) -> String {
        let bytes = Array(text.utf8)
        func special(_ index: Int) -> Bool {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "&"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "\""), UInt8(ascii: "'"): return true
            case 0x09, 0x0A, 0x0D: return false
            case ..<0x20: return true
            case 0xEF: return index + 2 < bytes.count && bytes[index + 1] == 0xBF && (bytes[index + 2] == 0xBE || bytes[index + 2] == 0xBF)
            default: return false
            }
        }
        guard let first = bytes.indices.first(where: special) else { return text }
        var out = Array(bytes[..<first])
        out.reserveCapacity(bytes.count + bytes.count / 8)
        var index = first
        while index < bytes.count {
            guard special(index) else {
                out.append(bytes[index])
                index += 1
                continue
            }
            switch bytes[index] {
            case UInt8(ascii: "&"): out += Array("&amp;".utf8)
            case UInt8(ascii: "<"): out += Array("&lt;".utf8)
            case UInt8(ascii: ">"): out += Array("&gt;".utf8)
            case UInt8(ascii: "\""): out += Array("&quot;".utf8)
            case UInt8(ascii: "'"): out += Array("&apos;".utf8)
            case 0xEF: index += 2  // U+FFFE or U+FFFF: dropped
            default: break  // a forbidden control character: dropped
            }
            index += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    package func file() -> RenderedFile { RenderedFile(path: Self.path, text: xml) }
}
