import DossierTestSupport
import Foundation
import Testing

/// Every page of the sample pack as it prints (issue 26): nothing wider than the printed page, no box
/// that scrolls (on paper it shows its visible part alone: a data-flow diagram lost a node so), every
/// diagram node inside the page, and no word split inside a badge or a table cell.
///
/// Each page is laid out in a frame as wide as the printable width of its sheet — A4 portrait with
/// 12 mm margins (186 mm, 703 px), the Statement of Applicability A4 landscape with 10 mm (277 mm,
/// 1047 px) — with its `@media print` rules made unconditional where they stand, so the cascade is the
/// printed one (a screen rule after the print block still wins, as on paper), and no scrollbar. The
/// narrow-screen rules match that width, as they do when printing. A word is a run of two or more
/// letters outside `code` and outside a link leaving the pack: identifiers, paths and addresses have no
/// spaces to break at, and may break anywhere on paper.
@Suite(.serialized, .enabled(if: Chromium.suitesRun, Chromium.skipReason)) struct PrintLayoutTests {
    static let portrait = 703, landscape = 1047

    private static let script = PrintEmulation.script + """
        function measure(doc) {
          const root = doc.documentElement, width = root.clientWidth, scrolls = [], outside = [];
          let nodes = 0;
          for (const el of doc.querySelectorAll("body *")) {
            const style = doc.defaultView.getComputedStyle(el);
            if (style.display !== "none" && style.overflowX !== "visible" && el.scrollWidth > el.clientWidth + 1)
              scrolls.push(el.tagName.toLowerCase() + "." + el.getAttribute("class") + " " + el.scrollWidth + ">" + el.clientWidth);
          }
          for (const node of doc.querySelectorAll("svg g.node")) {
            nodes++; const box = node.getBoundingClientRect();
            if (box.left < -0.5 || box.right > width + 0.5) outside.push(node.id + " " + Math.round(box.left) + ".." + Math.round(box.right));
          }
          const { split, measured: words } = splitWords(doc, "td, th, .status, .badge");
          return { wider: root.scrollWidth - width, scrolls, outside, split, words, nodes };
        }
        for (const [page, width] of pages) {
          const frame = document.createElement("iframe");
          frame.style.width = width + "px"; frame.style.height = "1000px"; frame.src = page; frame.title = page;
          document.body.appendChild(frame);
        }
        window.addEventListener("load", () => {
          const frames = Array.from(document.querySelectorAll("iframe"));
          for (const frame of frames) promotePrintRules(frame.contentDocument);
          requestAnimationFrame(() => requestAnimationFrame(() => {
            document.getElementById("out").textContent = JSON.stringify(frames.map(frame => Object.assign({ page: frame.title }, measure(frame.contentDocument))));
          }));
        });
        """

    struct Measure: Decodable {
        var page: String
        var wider: Int
        var scrolls: [String]
        var outside: [String]
        var split: [String]
        var words: Int
        var nodes: Int
    }

    /// The printed width of a page: the Statement of Applicability is a landscape sheet.
    static func width(of page: String) -> Int { page == "statement-of-applicability.html" ? landscape : portrait }

    static func measure(_ pages: [String], in pack: URL) throws -> [Measure] {
        let chromium = try #require(Chromium.url, "chromium is missing: run `make test`")
        let list = pages.map { "[\"\($0)\", \(width(of: $0))]" }.joined(separator: ",")
        let harness = pack.appendingPathComponent("print-\(UUID().uuidString).html")
        try ("<!DOCTYPE html><html lang=\"en\"><title>print</title><pre id=\"out\"></pre><script>const pages = [\(list)];\n" + script + "</script></html>")
            .write(to: harness, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: harness) }
        let arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run",
                         "--allow-file-access-from-files", "--virtual-time-budget=120000", "--dump-dom", harness.absoluteString]
        // A loaded machine sometimes ends Chromium before the harness writes: that run measured nothing and is run once more.
        var outcome = try CommandRunner.run(chromium, arguments)
        if !outcome.stdout.contains("<pre id=\"out\">[") { outcome = try CommandRunner.run(chromium, arguments) }
        let start = try #require(outcome.stdout.range(of: "<pre id=\"out\">["), "the harness wrote nothing: \(outcome.stderr.suffix(500))")
        let end = try #require(outcome.stdout.range(of: "</pre>", range: start.upperBound..<outcome.stdout.endIndex))
        let json = "[" + String(outcome.stdout[start.upperBound..<end.lowerBound]).replacingOccurrences(of: "&quot;", with: "\"")
            .replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&amp;", with: "&")
        return try JSONDecoder().decode([Measure].self, from: Data(json.utf8))
    }

    /// The sample pack, and a second build of it compared with the first, so that it has a diff page too.
    static func packWithEveryKindOfPage() throws -> (TemporaryFolder, URL) {
        let folder = try SamplePackTests.build()
        var environment = ProcessInfo.processInfo.environment
        environment["SOURCE_DATE_EPOCH"] = "1795392000"
        let outcome = try CommandRunner.run(Repository.dossierBinary, [
            "build", Repository.root.appendingPathComponent("evidence").path, "--output", folder.subfolder("compared").path,
            "--previous", folder.subfolder("pack").path, "--quiet",
        ], environment: environment)
        #expect(outcome.status == 1, "\(outcome.stderr)")
        return (folder, folder.subfolder("compared"))
    }

    @Test func everyPageOfEveryKindFitsThePrintedPage() throws {
        let (folder, pack) = try Self.packWithEveryKindOfPage()
        defer { folder.remove() }
        let pages = PackLinkWalker(root: pack).pages()
        for kind in ["index.html", "print.html", "diff.html", "about.html", "findings.html", "evidence.html", "statement-of-applicability.html",
                     "frameworks/soc2.html", "controls/soc2/CC6.1.html", "activities/ticket-summariser.html",
                     "evidence/data-flows/ticket-summariser.yml.html", "evidence/logs/2026-10-13-go-live.jsonl.html", "evidence/checklists/pre-launch.html"] {
            #expect(pages.contains(kind), "\(kind) is not in the pack")
        }
        let measures = try Self.measure(pages, in: pack)
        #expect(measures.map(\.page) == pages, "every page was measured")
        for measure in measures {
            #expect(measure.wider <= 0, "\(measure.page) is \(measure.wider) px wider than the printed page")
            #expect(measure.scrolls.isEmpty, "\(measure.page): boxes that scroll on paper: \(measure.scrolls.prefix(5))")
            #expect(measure.outside.isEmpty, "\(measure.page): diagram nodes off the page: \(measure.outside)")
            #expect(measure.split.isEmpty, "\(measure.page): words split across lines: \(measure.split.prefix(10))")
        }
        // The measure saw what it judges: the data-flow diagram's seven systems on two pages, and tens of thousands of words.
        #expect(measures.reduce(0) { $0 + $1.nodes } >= 14)
        #expect(measures.reduce(0) { $0 + $1.words } > 30_000)
    }

    /// The measure must be able to fail: the screen's scrolling diagram and cells that break anywhere,
    /// laid over the print rules, are seen as a scrolling box, a node off the page and split words.
    @Test func aScrollingDiagramAndWordsBrokenAnywhereAreSeen() throws {
        let folder = try SamplePackTests.build()
        defer { folder.remove() }
        let pack = folder.subfolder("pack")
        try folder.write(
            ".diagram-drawing { overflow-x: auto !important; } .diagram-drawing svg { max-width: none !important; width: auto !important; } "
                + "td { overflow-wrap: anywhere !important; }",
            to: "pack/assets/screen-only.css")
        let pages = ["evidence/data-flows/ticket-summariser.yml.html", "frameworks/iso27001-2022.html"]
        for page in pages {
            let html = try folder.read("pack/" + page)
            try folder.write(html.replacingOccurrences(of: "</head>", with: "<link rel=\"stylesheet\" href=\"\(PackRoot.of(page))assets/screen-only.css\"></head>"),
                             to: "pack/" + page)
        }
        let measures = try Self.measure(pages, in: pack)
        #expect(measures.count == 2)
        #expect(!measures[0].scrolls.isEmpty && !measures[0].outside.isEmpty, "\(measures[0])")
        #expect(!measures[1].split.isEmpty, "\(measures[1].page): \(measures[1].words) words, none split")
    }
}
