import DossierTestSupport
import Foundation
import Testing

/// The Statement of Applicability as an auditor reads it — on a desk screen, on a phone and on
/// paper — never splits a word inside a badge or a table cell ("Parti al", "Out of scop e").
///
/// Each layout is measured in a frame of its width in headless Chromium: 1280 px, 390 px, and for
/// paper the printable width of A4 landscape (277 mm, 1047 px) with the stylesheet's print rules
/// applied to the frame where they stand, as if it were printed (`PrintEmulation`).
/// A word is split when its glyphs lie on more than one line: the test asks the layout engine for
/// the boxes of every word of two or more letters.
@Suite(.serialized, .enabled(if: Chromium.suitesRun, Chromium.skipReason)) struct StatementLayoutTests {
    /// For each frame: the words found split, each as `text@line-tops`, and how many words were measured.
    private static let script = PrintEmulation.script + """
        const wanted = location.hash.slice(1).split(",");
        const frames = [["wide", 1280, false], ["narrow", 390, false], ["print", 1047, true]].filter(f => wanted.includes(f[0])), out = [];
        let i = 0;
        function measure(doc) { return splitWords(doc, "#soa-table td, #soa-table th, .status, .badge"); }
        function next() {
          // Written after every frame: a run that Chromium ends early still hands over the frames it measured.
          document.getElementById("out").textContent = JSON.stringify(out);
          if (i >= frames.length) return;
          const [name, width, print] = frames[i];
          const frame = document.createElement("iframe");
          frame.style.width = width + "px"; frame.style.height = "900px"; frame.src = "statement-of-applicability.html";
          frame.onload = () => {
            const doc = frame.contentDocument;
            if (print) promotePrintRules(doc);
            requestAnimationFrame(() => { out.push(Object.assign({ name }, measure(doc))); frame.remove(); i++; next(); });
          };
          document.body.appendChild(frame);
        }
        next();
        """

    private struct Measure: Decodable {
        var name: String
        var split: [String]
        var measured: Int
    }

    private static let frames = ["wide", "narrow", "print"]

    /// Chromium on the harness, measuring the frames named.
    private static func arguments(_ harness: URL, frames: [String]) -> [String] {
        ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run",
         "--allow-file-access-from-files", "--virtual-time-budget=120000", "--dump-dom", harness.absoluteString + "#" + frames.joined(separator: ",")]
    }

    private func measure(pack: URL) throws -> [Measure] {
        let chromium = try #require(Chromium.url, "chromium is missing: run `make test`")
        let harness = pack.appendingPathComponent("layout-\(UUID().uuidString).html")
        try ("<!DOCTYPE html><html lang=\"en\"><title>layout</title><pre id=\"out\"></pre><script>" + Self.script + "</script></html>")
            .write(to: harness, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: harness) }
        // A loaded machine sometimes ends Chromium before the harness has measured every frame (a
        // clean-clone CI run met three short runs in a row with the three frames in one run). The
        // harness writes what it measured after each frame, and only the frames still missing are
        // measured again, in a new run, up to five runs: every run that measures a frame gets closer.
        var measured: [Measure] = []
        for _ in 0..<5 {
            let missing = Self.frames.filter { name in !measured.contains { $0.name == name } }
            if missing.isEmpty { break }
            let outcome = try CommandRunner.run(chromium, Self.arguments(harness, frames: missing))
            guard let start = outcome.stdout.range(of: "<pre id=\"out\">"),
                  let end = outcome.stdout.range(of: "</pre>", range: start.upperBound..<outcome.stdout.endIndex) else { continue }
            let json = String(outcome.stdout[start.upperBound..<end.lowerBound]).replacingOccurrences(of: "&quot;", with: "\"")
            measured += (try? JSONDecoder().decode([Measure].self, from: Data(json.utf8))) ?? []
        }
        // In the frames' order, whichever run measured each.
        let ordered = Self.frames.compactMap { name in measured.first { $0.name == name } }
        try #require(ordered.count == Self.frames.count, "the harness did not measure every frame in five runs: \(ordered.map(\.name))")
        return ordered
    }

    @Test func noBadgeOrCellSplitsAWordOnAScreenAPhoneOrPaper() throws {
        let folder = try SamplePackTests.build()
        defer { folder.remove() }
        let measures = try measure(pack: folder.subfolder("pack"))
        #expect(measures.map(\.name) == ["wide", "narrow", "print"])
        for measure in measures {
            // 93 rows of justifications and verdicts: thousands of words, or the measure saw nothing.
            #expect(measure.measured > 3_000, "\(measure.name): only \(measure.measured) words measured")
            #expect(measure.split.isEmpty, "\(measure.name): words split across lines: \(measure.split.prefix(20))")
        }
    }

    /// The measure must be able to fail: a cell narrower than its word, allowed to break anywhere, splits it.
    @Test func aWordSqueezedIntoANarrowCellIsSeenSplit() throws {
        let folder = try SamplePackTests.build()
        defer { folder.remove() }
        let page = try folder.read("pack/statement-of-applicability.html")
        // A stylesheet of the pack's own (the pages' Content-Security-Policy refuses inline styles).
        try folder.write(
            "table.soa td, table.soa th, .status, .badge { overflow-wrap: anywhere !important; white-space: normal !important; } table.soa { min-width: 0 !important; width: 200px !important; }",
            to: "pack/assets/squeeze.css")
        try folder.write(page.replacingOccurrences(of: "</head>", with: "<link rel=\"stylesheet\" href=\"assets/squeeze.css\"></head>"),
                         to: "pack/statement-of-applicability.html")
        let measures = try measure(pack: folder.subfolder("pack"))
        #expect(measures.allSatisfy { !$0.split.isEmpty }, "\(measures.map { "\($0.name): \($0.split.count)" })")
    }
}
