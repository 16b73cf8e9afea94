import DossierTestSupport
import Foundation
import Testing

/// `print.html` holds the whole sample pack for working papers: the overview, the Statement of
/// Applicability, every control with its verdict and reasons, every finding and every evidence file,
/// and links only within itself (so `pack.pdf` names no path of the machine that printed it).
@Suite struct PrintPageTests {
    private struct Report: Decodable {
        struct Control: Decodable {
            var control: String
            var status: String
            var reasons: [String]
        }
        struct Finding: Decodable {
            var id: String
            var message: String
        }
        var controls: [Control]
        var findings: [Finding]
    }

    private static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
            .replacingOccurrences(of: "\"", with: "&quot;").replacingOccurrences(of: "'", with: "&#39;")
    }

    private static func captures(_ pattern: String, in text: String) throws -> [[String]] {
        let expression = try NSRegularExpression(pattern: pattern, options: [.dotMatchesLineSeparators])
        return expression.matches(in: text, range: NSRange(text.startIndex..., in: text)).map { match in
            (1..<match.numberOfRanges).map { Range(match.range(at: $0), in: text).map { String(text[$0]) } ?? "" }
        }
    }

    /// The part of the page from the section with `id` to the end of that section.
    private static func section(_ id: String, of page: String) throws -> String {
        let start = try #require(page.range(of: "<section id=\"\(id)\""), "print.html has no section \(id)")
        let end = try #require(page.range(of: "</section>", range: start.upperBound..<page.endIndex))
        return String(page[start.lowerBound..<end.upperBound])
    }

    @Test func thePrintPageHoldsThePackForWorkingPapers() throws {
        let folder = try SamplePackTests.build()
        defer { folder.remove() }
        let page = try folder.read("pack/print.html")
        let report = try JSONDecoder().decode(Report.self, from: Data(try folder.read("pack/report.json").utf8))

        let overview = try Self.section("overview", of: page)
        for fact in ["Northwind Support Ltd", "Audit period", "2026-11-23", "3 errors"] { #expect(overview.contains(fact), "overview lacks \(fact)") }

        // Every control of every framework, with its verdict and every step of its reasons.
        let controls = try Self.section("controls", of: page)
        let rows = try Self.captures(#"<tr id="(control-\d+)"><th scope="row">([^<]*)<br>.*?<span class="status status-([a-z-]+)">.*?</tr>"#, in: controls)
        #expect(rows.count == report.controls.count && report.controls.count == 14 + 11 + 93, "\(rows.count) control rows")
        let rowText = try Self.captures(#"(<tr id="control-\d+">.*?</tr>)"#, in: controls).map { $0[0] }
        for (index, control) in report.controls.enumerated() where index < rows.count {
            #expect(rows[index][1] == control.control && rows[index][2] == control.status, "row \(index): \(rows[index]) for \(control.control)")
            for reason in control.reasons { #expect(rowText[index].contains(Self.escaped(reason)), "\(control.control) lacks the reason \(reason)") }
        }

        // The Statement of Applicability: one row per Annex A control, each leading to that control's row above.
        let statement = try Self.section("soa", of: page)
        let soaRows = try Self.captures(##"<tr><th scope="row"><a href="#(control-\d+)">([^<]*)</a>"##, in: statement)
        #expect(soaRows.count == 93)
        #expect(statement.contains("<strong>83</strong> applicable"))

        let findings = try Self.section("findings", of: page)
        for finding in report.findings {
            #expect(findings.contains(Self.escaped(finding.message)) && findings.contains("<code>\(finding.id)</code>"), "findings lack \(finding.id)")
        }

        // Every evidence file the evidence index page lists, with its SHA-256.
        let evidence = try Self.section("evidence", of: page)
        let listed = try Self.captures(#"<code>([^<]*)</code></li>"#, in: try folder.read("pack/evidence.html")).map { $0[0] }
        #expect(listed.count > 25)
        for path in listed { #expect(evidence.contains("<td><code>\(path)</code></td>"), "the evidence index lacks \(path)") }
        #expect(try Self.captures(#"<code class="hash">([0-9a-f]{64})</code>"#, in: evidence).count == listed.count)

        // Links stay on the page (every anchor exists) or leave the pack; only the stylesheet and the way back are files.
        let ids = Set(try Self.captures(#" id="([^"]+)""#, in: page).map { $0[0] })
        let references = try Self.captures(#"href="([^"]*)""#, in: page).map { $0[0] }
        for reference in references where reference.hasPrefix("#") { #expect(ids.contains(String(reference.dropFirst())), "\(reference) leads nowhere") }
        #expect(Set(references.filter { !$0.hasPrefix("#") && !$0.hasPrefix("https://") }) == ["assets/dossier.css", "index.html"])
        #expect(try folder.read("pack/index.html").contains("<a href=\"print.html\">"), "the overview does not link to print.html")
        #expect(try folder.read("pack/about.html").contains("<a href=\"print.html\">"), "the about page does not link to print.html")
    }
}
