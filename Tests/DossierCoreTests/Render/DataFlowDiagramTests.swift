import DossierAssess
import DossierIntake
import DossierModel
import DossierPack
import DossierPublish
import DossierResources
import DossierTestSupport
import Foundation
import Testing

/// Data-flow graphs drawn as inline SVG through Graphviz: DOT escaping, marking of personal data
/// and violations, safety of the SVG, and determinism.
@Suite struct DataFlowDiagramTests {
    typealias System = DataFlowGraph.System
    typealias Flow = DataFlowGraph.Flow

    static let here = DossierModel.SourceLocation(line: 1, column: 1)
    static let samples = Repository.shared?.appendingPathComponent("realworld/dataflow")

    static func graph(systems: [System], flows: [Flow], id: String = "g", title: String = "Test flows") -> DataFlowGraph {
        DataFlowGraph(id: id, title: title, systems: systems, flows: flows, origin: .native)
    }

    static func system(_ id: String, _ name: String? = nil, kind: System.Kind = .service, thirdParty: Known<Bool> = .unknown) -> System {
        System(id: id, name: name ?? id, kind: kind, thirdParty: thirdParty, sourceLocation: here)
    }

    static func flow(_ id: String, _ source: String, _ target: String, personalData: Known<Bool> = .unknown, name: String? = nil) -> Flow {
        Flow(id: id, name: name, source: source, target: target, personalData: personalData, sourceLocation: here)
    }

    /// Every `<g>` Graphviz draws for a node or an edge: its `id` and its class list.
    struct Group: Equatable {
        var id: String
        var classes: [String]
    }

    static func groups(_ svg: String, _ kind: String) -> [Group] {
        let regex = try! NSRegularExpression(pattern: "<g id=\"([^\"]*)\" class=\"([^\"]*)\">")
        return regex.matches(in: svg, range: NSRange(svg.startIndex..., in: svg)).compactMap { match in
            let id = String(svg[Range(match.range(at: 1), in: svg)!])
            let classes = svg[Range(match.range(at: 2), in: svg)!].split(separator: " ").map(String.init)
            return classes.first == kind ? Group(id: id, classes: classes) : nil
        }
    }

    /// The text of every start tag in the SVG, e.g. `<text x="1" fill="black">`.
    static func tags(_ svg: String) -> [String] {
        let regex = try! NSRegularExpression(pattern: "<[^>]*>")
        return regex.matches(in: svg, range: NSRange(svg.startIndex..., in: svg)).map { String(svg[Range($0.range, in: svg)!]) }
    }

    /// What a page must never receive from a diagram, whatever the evidence said.
    static func expectInert(_ svg: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        #expect(svg.hasPrefix("<svg "), sourceLocation: sourceLocation)
        #expect(svg.hasSuffix("</svg>\n"), sourceLocation: sourceLocation)
        for forbidden in ["<?xml", "<!DOCTYPE", "<!--", "<script", "<title", "<a ", "<style", "<foreignObject", "href", "graphviz", "url("] {
            #expect(!svg.localizedCaseInsensitiveContains(forbidden), "\(forbidden) in the SVG", sourceLocation: sourceLocation)
        }
        // Attribute names, read the way a browser would: values are quoted, so text inside them
        // (an aria-label saying `onload=`) is not an attribute.
        let attribute = try! NSRegularExpression(pattern: #"\s([^\s="/>]+)="[^"]*""#)
        let names = tags(svg).flatMap { tag in
            attribute.matches(in: tag, range: NSRange(tag.startIndex..., in: tag)).map { String(tag[Range($0.range(at: 1), in: tag)!]) }
        }
        let refused = names.filter { $0.lowercased().hasPrefix("on") || $0.lowercased().contains("href") || $0 == "style" }
        #expect(refused.isEmpty, "refused attributes: \(refused)", sourceLocation: sourceLocation)
        let allowed = Set(["width", "height", "viewBox", "xmlns", "role", "aria-label", "id", "class", "transform", "fill", "stroke",
                           "stroke-width", "stroke-dasharray", "points", "d", "cx", "cy", "rx", "ry", "x", "y", "text-anchor",
                           "font-family", "font-size", "font-weight", "font-style"])
        #expect(Set(names).subtracting(allowed).isEmpty, "unexpected attributes: \(Set(names).subtracting(allowed))", sourceLocation: sourceLocation)
    }

    // MARK: - DOT text

    @Test func quotedEscapesEverythingGraphvizWouldInterpret() {
        #expect(DataFlowDOT.quoted(#"say "hi""#) == #""say \"hi\"""#)
        // A backslash is doubled, so `\N` (node name) and `\l` (line break) stay literal, and a
        // trailing backslash cannot swallow the closing quote.
        #expect(DataFlowDOT.quoted(#"C:\Nodes\"#) == #""C:\\Nodes\\""#)
        #expect(DataFlowDOT.quoted("a\nb\r\nc\rd") == #""a\nb\nc\nd""#)
        #expect(DataFlowDOT.quoted("tab\there\u{7}bell\u{7F}") == "\"tab here bell \"")
        #expect(DataFlowDOT.quoted("AT&T &amp; <b>") == "\"AT&amp;T &amp;amp; <b>\"")
    }

    @Test func evidenceTextNeverBecomesDOTSyntax() {
        let hostile = #"x"]; n0 -> n1 [label="pwned"#
        let dot = DataFlowDOT(graph: Self.graph(systems: [Self.system(hostile), Self.system("b", "<b>bold</b>")],
                                                flows: [Self.flow(hostile, hostile, "b")])).text
        let body = dot.split(separator: "\n").filter { !$0.hasPrefix("  graph [") && !$0.hasPrefix("  node [") && !$0.hasPrefix("  edge [") }
        // Nodes are named n0, n1 … (in order of system ID: "b" < "x…") and edges join those names;
        // evidence text only appears inside quoted strings.
        #expect(body.map { $0.prefix(7) } == [#"digraph"#, "  n0 [i", "  n1 [i", "  n1 ->", "}"])
        #expect(dot.contains(#"label="x\"]; n0 -> n1 [label=\"pwned\nservice""#))
        #expect(dot.contains(#"id="df-g-system-x____n0_-__n1__label__pwned""#))
        #expect(dot.contains(#"label="<b>bold</b>\nservice""#), "angle brackets only ever inside quotes, never an HTML-like label")
    }

    @Test func systemsAreDrawnByKindAndThirdParty() {
        let dot = DataFlowDOT(graph: Self.graph(systems: [
            Self.system("db", kind: .store), Self.system("llm", kind: .llmProvider, thirdParty: .known(true)),
            Self.system("user", kind: .actor), Self.system("api", kind: .service, thirdParty: .known(false)),
        ], flows: [])).text
        func line(_ id: String) -> String { dot.split(separator: "\n").first { $0.contains("system-\(id)\"") }.map(String.init) ?? "" }
        #expect(line("db").contains("shape=cylinder"))
        #expect(line("llm").contains("shape=hexagon") && line("llm").contains(#"style="filled,dashed""#))
        #expect(line("llm").contains(#"class="system kind-llm-provider third-party""#))
        #expect(line("llm").contains(#"label="llm\nLLM provider · third party""#))
        #expect(line("user").contains("shape=box") && line("user").contains(#"style="filled""#))
        #expect(line("api").contains(#"style="filled,rounded""#) && !line("api").contains("third"))
    }

    @Test func personalDataFlowsAreMarkedAndUnknownIsNotSafe() throws {
        let diagram = DataFlowDOT(graph: Self.graph(systems: [Self.system("a"), Self.system("b")], flows: [
            Self.flow("F1", "a", "b", personalData: .known(true)),
            Self.flow("F2", "a", "b", personalData: .known(false), name: "Heartbeat"),
            Self.flow("F3", "b", "a", personalData: .unknown),
        ]))
        #expect(diagram.text.contains(##"class="flow personal-data", penwidth=2.5, color="#a34700", fontcolor="#a34700", label="PD: F1""##))
        #expect(diagram.text.contains(##"class="flow no-personal-data", penwidth=1.0, color="#333333", fontcolor="#333333", label="Heartbeat""##))
        #expect(diagram.text.contains(##"class="flow personal-data-unknown", style=dashed, penwidth=1.0, color="#6b6b6b""##))
        #expect(diagram.text.contains(#"label="PD?: F3""#))

        let svg = try diagram.svg()
        let edges = Self.groups(svg, "edge")
        #expect(edges.map(\.id) == ["df-g-flow-F1", "df-g-flow-F2", "df-g-flow-F3"])
        #expect(edges.map { $0.classes.dropFirst(2).first } == ["personal-data", "no-personal-data", "personal-data-unknown"])
        #expect(svg.contains(">PD: F1</text>") && svg.contains(">PD?: F3</text>") && svg.contains(">Heartbeat</text>"))
        #expect(svg.contains(##"stroke="#a34700" stroke-width="2.5""##))
        #expect(svg.contains(#"stroke-dasharray="5,2""#), "the unknown flow is dashed")
    }

    @Test func violationsAreRedBoldAndFindableByID() throws {
        let diagram = DataFlowDOT(graph: Self.graph(systems: [Self.system("app"), Self.system("crm", kind: .saas)], flows: [
            Self.flow("F1", "app", "crm", personalData: .known(true)), Self.flow("F2", "crm", "app", personalData: .known(false)),
        ]), violatingSystems: ["crm"], violatingFlows: ["F1", "not-in-graph"])
        let svg = try diagram.svg()
        let nodes = Self.groups(svg, "node"), edges = Self.groups(svg, "edge")
        #expect(nodes.filter { $0.classes.contains("violation") }.map(\.id) == [try #require(diagram.svgID(forSystem: "crm"))])
        #expect(edges.filter { $0.classes.contains("violation") }.map(\.id) == [try #require(diagram.svgID(forFlow: "F1"))])
        #expect(diagram.svgID(forFlow: "F1") == "df-g-flow-F1")
        #expect(diagram.svgID(forSystem: "nope") == nil)
        #expect(svg.contains(">[!] PD: F1</text>") && svg.contains(">[!] crm</text>"))
        #expect(svg.contains(##"stroke="#c00000" stroke-width="3.5""##))
        // The flow that is not a violation keeps its ordinary colour.
        #expect(!diagram.text.split(separator: "\n").contains { $0.contains("flow-F2") && $0.contains("c00000") })
    }

    @Test func undeclaredSystemsAndCollidingIDsStayDistinct() throws {
        let diagram = DataFlowDOT(graph: Self.graph(systems: [Self.system("a b"), Self.system("a_b")],
                                                    flows: [Self.flow("F1", "a b", "ghost")]), idPrefix: "my diagram")
        #expect(diagram.svgID(forSystem: "a b") == "my_diagram-system-a_b")
        #expect(diagram.svgID(forSystem: "a_b") == "my_diagram-system-a_b-2")
        let svg = try diagram.svg()
        let nodes = Self.groups(svg, "node")
        #expect(nodes.map(\.id) == ["my_diagram-system-a_b", "my_diagram-system-a_b-2", "my_diagram-undeclared-ghost"])
        #expect(nodes.last?.classes == ["node", "system", "undeclared"])
        #expect(Self.groups(svg, "edge").map(\.id) == ["my_diagram-flow-F1"])
        #expect(svg.range(of: "class=\"edge")!.lowerBound < svg.range(of: "class=\"node")!.lowerBound, "edges first")
        #expect(svg.contains(">not declared</text>"))
        #expect(Set(nodes.map(\.id)).count == nodes.count, "ids unique on the page")
    }

    // MARK: - SVG safety

    @Test(arguments: ["<script>alert(1)</script>", #"" onload="alert(1)"#, #"x\" onmouseover=\"alert(1)"#,
                      "<img src=x onerror=alert(1)>", "]]><!-- -->&lt;script&gt;", "javascript:alert(1)"])
    func hostileNamesEndUpAsInertText(_ name: String) throws {
        let graph = Self.graph(systems: [Self.system("s1", name, kind: .store), Self.system("s2")],
                               flows: [Self.flow("F1", "s1", "s2", name: name)], title: name)
        let svg = try DataFlowDOT(graph: graph).svg()
        Self.expectInert(svg)
        // The name is drawn as text: XML-escaped in the node and on the edge, and in the aria-label.
        let escaped = name.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
        #expect(svg.components(separatedBy: ">\(escaped)</text>").count == 2, "node label")
        #expect(svg.contains(">PD?: \(escaped)</text>"), "edge label")
        #expect(svg.contains(#"aria-label="Data-flow diagram: \#(escaped)""#))
    }

    @Test func sanitiserKeepsOnlyTheDrawing() {
        let input = """
            <?xml version="1.0" encoding="UTF-8" standalone="no"?>
            <!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">
            <!-- Generated by graphviz version 2.43.0 (0) -->
            <svg width="8pt" height="8pt" viewBox="0 0 8 8" onload="x()" xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">
            <title>G</title><script>alert(1)</script><style>*{}</style>
            <g id="a&#45;1" class="node" style="x"><a xlink:href="javascript:x" href="https://e.example"><text onclick="y" fill="url(https://e.example/x)" stroke="#c00000">1 &amp; 2 &lt; 3 & 4</text></a></g>
            <foreignObject><div><svg><g/></svg></div></foreignObject><image href="x.png"/>
            </svg>
            trailing text
            """
        let expected = """
            <svg width="8pt" height="8pt" viewBox="0 0 8 8" xmlns="http://www.w3.org/2000/svg" role="img" aria-label="a &quot;&lt;b&gt;&quot; &amp;amp;">
            <g id="a-1" class="node"><text stroke="#c00000">1 &amp; 2 &lt; 3 &amp; 4</text></g>
            </svg>

            """
        #expect(SVGSanitiser.sanitise(input, label: #"a "<b>" &amp;"#) == expected)
    }

    // MARK: - Graphviz

    @Test func renderingTwiceAndInAnyInputOrderGivesTheSameSVG() async throws {
        let systems = [Self.system("c", kind: .store), Self.system("a", kind: .actor), Self.system("b")]
        let flows = [Self.flow("F2", "b", "c", personalData: .known(true)), Self.flow("F1", "a", "b"), Self.flow("F3", "c", "b")]
        let first = DataFlowDOT(graph: Self.graph(systems: systems, flows: flows))
        let reordered = DataFlowDOT(graph: Self.graph(systems: systems.reversed(), flows: flows.reversed()))
        #expect(first.text == reordered.text)
        let svg = try first.svg()
        #expect(try first.svg() == svg)
        // Graphviz is not thread-safe: parallel callers must be serialised, not corrupted.
        let results = try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<8 { group.addTask { try reordered.svg() } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(results.allSatisfy { $0 == svg })
    }

    @Test func anEmptyGraphIsAnEmptyDrawing() throws {
        let svg = try DataFlowDOT(graph: Self.graph(systems: [], flows: [])).svg()
        Self.expectInert(svg)
        #expect(Self.groups(svg, "node").isEmpty && Self.groups(svg, "edge").isEmpty)
        // Only the graph's group and its white background polygon remain.
        #expect(Self.tags(svg).filter { !$0.hasPrefix("</") }.map { $0.prefix(4) } == ["<svg", "<g i", "<pol"])
    }

    @Test func graphvizErrorsAreThrownAndDoNotPoisonTheNextCall() throws {
        let error = #expect(throws: GraphvizLayout.Failure.self) { try GraphvizLayout.svg(fromDOT: "digraph { a -> ; }") }
        #expect(error?.stage == .parse)
        #expect(error?.message.contains("syntax error") == true, "\(String(describing: error))")
        #expect(try GraphvizLayout.svg(fromDOT: "digraph { a -> b }").contains("class=\"edge\""))
        #expect(throws: GraphvizLayout.Failure.self) { try GraphvizLayout.svg(fromDOT: "") }
        #expect(try GraphvizLayout.svg(fromDOT: "graph { x }").contains("class=\"node\""))
    }

    // MARK: - Real graphs

    @Test func theSampleTicketSummariserGraphRenders() throws {
        let url = Repository.root.appendingPathComponent("evidence/data-flows/ticket-summariser.yml")
        let (documents, _) = try parseEvidence(["data-flows/ticket-summariser.yml": try String(contentsOf: url, encoding: .utf8)])
        guard case .dataFlow(let graph)? = documents.first?.record else {
            Issue.record("the sample graph did not parse as a data-flow record")
            return
        }
        let svg = try DataFlowDOT(graph: graph, violatingFlows: ["F5"]).svg()
        Self.expectInert(svg)
        let nodes = Self.groups(svg, "node"), edges = Self.groups(svg, "edge")
        #expect(nodes.count == graph.systems.count && nodes.count == 7)
        #expect(edges.count == graph.flows.count && edges.count == 8)
        #expect(edges.filter { $0.classes.contains("personal-data") }.count == graph.flows.filter { $0.personalData == .known(true) }.count)
        #expect(nodes.filter { $0.classes.contains("third-party") }.count == 3)
        #expect(svg.contains(#"aria-label="Data-flow diagram: Support-ticket summariser — data flows""#))
    }

    @Test(.enabled(if: samples != nil, "../shared/realworld/dataflow is absent: the real Threat Dragon models cannot be drawn"))
    func realThreatDragonModelsRenderOneGroupPerSystemAndFlow() throws {
        let folder = try #require(Self.samples)
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { $0.hasPrefix("threatdragon-v2-") && $0.hasSuffix(".json") }.sorted()
        #expect(names.count == 4)
        for name in names {
            let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
            let (documents, _) = try parseEvidence(["dataflow/\(name)": text])
            guard case .dataFlow(let graph)? = documents.first?.record else {
                Issue.record("\(name) was not imported as a data-flow graph")
                continue
            }
            let svg = try DataFlowDOT(graph: graph).svg()
            Self.expectInert(svg)
            #expect(Self.groups(svg, "node").count == graph.systems.count, "\(name)")
            #expect(Self.groups(svg, "edge").count == graph.flows.count, "\(name)")
            // Threat Dragon records no personal-data flag: every flow is drawn as unknown, never as safe.
            #expect(Self.groups(svg, "edge").allSatisfy { $0.classes.contains("personal-data-unknown") }, "\(name)")
        }
    }
}
