import DossierIntake

/// A data-flow graph as DOT text for Graphviz, and the inline SVG drawn from it.
///
/// Evidence text is untrusted, so none of it is ever DOT syntax: node names are generated (`n0`,
/// `n1`, … in order of system ID), every label is a quoted string escaped by `quoted(_:)` (never an
/// HTML-like `<…>` label), and the SVG `id`s come from IDs reduced to `[A-Za-z0-9_-]`. Classes are
/// a fixed vocabulary (see `NodeClass`/`EdgeClass` below) for the theme's CSS.
///
/// What the drawing shows without colour, for readers and printers that have none:
/// - system kind by shape (store: cylinder; LLM provider: hexagon; SaaS: 3-D box; actor: plain box;
///   service: rounded box; other: ellipse), a third party by a dashed border and "third party";
/// - flows carrying personal data by a thick line and a `PD:` prefix; flows whose personal data
///   is not stated by a dashed line and `PD?:`;
/// - violations (issue 8's policy rules) in red, bold, with a `[!]` prefix.
///
/// Output is deterministic: systems and flows are sorted by ID, and nothing depends on the order
/// of a `Set` or a dictionary.
package struct DataFlowDOT: Sendable {
    package let graph: DataFlowGraph
    package let violatingSystems: Set<String>
    package let violatingFlows: Set<String>
    /// Prefix of every SVG `id`, unique per graph so several diagrams can share a page.
    package let idPrefix: String
    /// The DOT text handed to Graphviz.
    package let text: String

    private let systemIDs: [String: String]
    private let flowIDs: [String: String]

    /// - Parameters:
    ///   - violatingSystems, violatingFlows: IDs of systems and flows to draw as violations.
    ///   - idPrefix: defaults to `df-` and the graph's ID, reduced to `[A-Za-z0-9_-]`.
    package init(graph: DataFlowGraph, violatingSystems: Set<String> = [], violatingFlows: Set<String> = [], idPrefix: String? = nil) {
        self.graph = graph
        self.violatingSystems = violatingSystems
        self.violatingFlows = violatingFlows
        let prefix = idPrefix.map(Self.idSafe) ?? "df-\(Self.idSafe(graph.id))"
        self.idPrefix = prefix
        let systems = graph.systems.enumerated().sorted { ($0.element.id, $0.offset) < ($1.element.id, $1.offset) }.map(\.element)
        let flows = graph.flows.enumerated().sorted { ($0.element.id, $0.offset) < ($1.element.id, $1.offset) }.map(\.element)

        var used: Set<String> = []
        var systemIDs: [String: String] = [:]
        var flowIDs: [String: String] = [:]
        var lines = Self.header(prefix: prefix)
        var nodeNames: [String: String] = [:]
        for (index, system) in systems.enumerated() {
            let svgID = Self.unique("\(prefix)-system-\(Self.idSafe(system.id))", in: &used)
            // The first of two systems with the same ID is the one flows attach to.
            if nodeNames[system.id] == nil {
                nodeNames[system.id] = "n\(index)"
                systemIDs[system.id] = svgID
            }
            lines.append("  n\(index) [\(Self.attributes(of: system, svgID: svgID, violation: violatingSystems.contains(system.id)))];")
        }
        // A flow may name a system the graph does not declare (the reader reports it); it is drawn
        // as a dotted placeholder instead of letting Graphviz invent a node from evidence text.
        let undeclared = Set(flows.flatMap { [$0.source, $0.target] }).subtracting(nodeNames.keys).sorted()
        for (offset, id) in undeclared.enumerated() {
            let name = "u\(offset)"
            nodeNames[id] = name
            let svgID = Self.unique("\(prefix)-undeclared-\(Self.idSafe(id))", in: &used)
            lines.append("  \(name) [id=\(Self.quoted(svgID)), class=\"system undeclared\", shape=ellipse, style=dotted, "
                + "color=\"\(Colour.muted)\", fontcolor=\"\(Colour.muted)\", label=\(Self.quoted("\(id)\nnot declared"))];")
        }
        for flow in flows {
            let svgID = Self.unique("\(prefix)-flow-\(Self.idSafe(flow.id))", in: &used)
            if flowIDs[flow.id] == nil { flowIDs[flow.id] = svgID }
            let source = nodeNames[flow.source] ?? "", target = nodeNames[flow.target] ?? ""
            lines.append("  \(source) -> \(target) [\(Self.attributes(of: flow, svgID: svgID, violation: violatingFlows.contains(flow.id)))];")
        }
        lines.append("}")
        self.systemIDs = systemIDs
        self.flowIDs = flowIDs
        self.text = lines.joined(separator: "\n") + "\n"
    }

    /// The SVG `id` of a system's `<g>`, for links from the table beside; nil for an unknown ID.
    package func svgID(forSystem id: String) -> String? { systemIDs[id] }

    /// The SVG `id` of a flow's `<g>`, for links from the table beside; nil for an unknown ID.
    package func svgID(forFlow id: String) -> String? { flowIDs[id] }

    /// The diagram as an `<svg>` element ready to inline into a page, labelled with the graph's
    /// title. An empty graph gives an empty drawing (only the background). Throws when Graphviz fails.
    package func svg() throws(GraphvizLayout.Failure) -> String {
        SVGSanitiser.sanitise(try GraphvizLayout.svg(fromDOT: text), label: "Data-flow diagram: \(graph.title)")
    }

    // MARK: - Escaping

    /// A DOT quoted string whose label text shows exactly `text`. The DOT lexer only treats `\"`
    /// specially; Graphviz's label processing then reads `\x` as `x` (and `\N`, `\G`, `\n`, `\l` as
    /// substitutions and line breaks), so every backslash is doubled. `&` becomes `&amp;` because
    /// Graphviz passes entity references through to the SVG, where they would be decoded. Line
    /// breaks become centred breaks; other control characters become spaces.
    package static func quoted(_ text: String) -> String {
        var result = "\""
        var afterCarriageReturn = false
        for scalar in text.unicodeScalars {
            defer { afterCarriageReturn = scalar == "\r" }
            switch scalar {
            case "\\": result += "\\\\"
            case "\"": result += "\\\""
            case "&": result += "&amp;"
            case "\r": result += "\\n"
            case "\n": result += afterCarriageReturn ? "" : "\\n"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F: result += " "
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }

    /// `text` with every character outside `[A-Za-z0-9_-]` replaced by `_`, for SVG ids.
    package static func idSafe(_ text: String) -> String {
        String(text.unicodeScalars.map { scalar -> Character in
            let allowed = scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "_" || scalar == "-")
            return allowed ? Character(scalar) : "_"
        })
    }

    /// `candidate`, or `candidate-2`, `-3`, … when two IDs reduce to the same text.
    private static func unique(_ candidate: String, in used: inout Set<String>) -> String {
        var result = candidate
        var counter = 2
        while used.contains(result) {
            result = "\(candidate)-\(counter)"
            counter += 1
        }
        used.insert(result)
        return result
    }

    // MARK: - Drawing

    /// Colours with at least 4.5:1 contrast on white, so labels stay readable.
    package enum Colour {
        static let ink = "#333333"
        static let muted = "#6b6b6b"
        static let personalData = "#a34700"
        static let violation = "#c00000"
        static let llmFill = "#f1eafa"
        static let fill = "#ffffff"
    }

    private static func header(prefix: String) -> [String] {
        let font = "\"Helvetica,Arial,sans-serif\""
        return [
            "digraph \"dataflow\" {",
            // edgesfirst: all edges, then all nodes, so boxes sit over arrow ends and the SVG groups
            // come in a predictable order instead of interleaved by Graphviz's traversal.
            "  graph [id=\(quoted(prefix)), rankdir=LR, nodesep=0.35, ranksep=0.7, pad=0.1, outputorder=edgesfirst, fontname=\(font)];",
            "  node [fontname=\(font), fontsize=11, margin=\"0.15,0.06\", color=\"\(Colour.ink)\", fontcolor=\"\(Colour.ink)\", "
                + "style=filled, fillcolor=\"\(Colour.fill)\"];",
            "  edge [fontname=\(font), fontsize=10, arrowsize=0.7, color=\"\(Colour.ink)\", fontcolor=\"\(Colour.ink)\"];",
        ]
    }

    private static func attributes(of system: DataFlowGraph.System, svgID: String, violation: Bool) -> String {
        let (shape, kindText): (String, String) = switch system.kind {
        case .service: ("box", "service")
        case .store: ("cylinder", "store")
        case .llmProvider: ("hexagon", "LLM provider")
        case .saas: ("box3d", "SaaS")
        case .actor: ("box", "actor")
        case .other: ("ellipse", "other")
        }
        var styles = ["filled"]
        if system.kind == .service { styles.append("rounded") }
        let thirdParty = system.thirdParty.value == true
        if thirdParty { styles.append("dashed") }
        var classes = ["system", "kind-\(system.kind.rawValue)"]
        var details = [kindText]
        if let location = system.location.value { details.append(location) }
        if thirdParty {
            details.append("third party")
            classes.append("third-party")
        }
        var name = system.name
        var attributes = [
            "id=\(quoted(svgID))", "shape=\(shape)", "style=\"\(styles.joined(separator: ","))\"",
        ]
        if system.kind == .llmProvider { attributes.append("fillcolor=\"\(Colour.llmFill)\"") }
        if violation {
            name = "[!] \(name)"
            classes.append("violation")
            attributes += ["color=\"\(Colour.violation)\"", "fontcolor=\"\(Colour.violation)\"", "penwidth=3"]
        }
        attributes.insert("class=\"\(classes.joined(separator: " "))\"", at: 1)
        attributes.append("label=\(quoted("\(name)\n\(details.joined(separator: " · "))"))")
        return attributes.joined(separator: ", ")
    }

    private static func attributes(of flow: DataFlowGraph.Flow, svgID: String, violation: Bool) -> String {
        var classes = ["flow"]
        var attributes = ["id=\(quoted(svgID))"]
        var label = flow.name ?? flow.id
        var colour = Colour.ink
        var penWidth = 1.0
        switch flow.personalData {
        case .known(true):
            label = "PD: \(label)"
            classes.append("personal-data")
            colour = Colour.personalData
            penWidth = 2.5
        case .unknown:
            label = "PD?: \(label)"
            classes.append("personal-data-unknown")
            colour = Colour.muted
            attributes.append("style=dashed")
        case .known(false):
            classes.append("no-personal-data")
        }
        if violation {
            label = "[!] \(label)"
            classes.append("violation")
            colour = Colour.violation
            penWidth = 3.5
        }
        if flow.bidirectional { attributes.append("dir=both") }
        attributes.insert("class=\"\(classes.joined(separator: " "))\"", at: 1)
        attributes += ["penwidth=\(penWidth)", "color=\"\(colour)\"", "fontcolor=\"\(colour)\"", "label=\(quoted(label))"]
        return attributes.joined(separator: ", ")
    }
}
