import DossierAssess
import DossierIntake
import DossierModel
import DossierPublish
import Foundation

/// JSON or YAML nested `depth` deep, read under the limits a fuzzed `dossier.yml` sets: the first two
/// bytes give the depth (0...1 099, past the ceiling), the third the shape (and, its top bit, whether
/// the configuration is `dossier.json`), the rest is the configuration file.
package struct LimitsPlan {
    package enum Shape: CaseIterable {
        case jsonArrays, jsonObjects, yamlFlow, yamlBlock, frontMatter
    }

    package var depth: Int
    package var shape: Shape
    package var configurationPath: String
    package var configuration: [UInt8]

    package init(_ bytes: [UInt8]) {
        var input = FuzzInput(bytes)
        depth = input.number() % (InputLimits.depthCeiling + 100)
        let pick = input.byte()
        shape = Shape.allCases[(pick & 0x7F) % Shape.allCases.count]
        configurationPath = pick & 0x80 == 0 ? "dossier.yml" : "dossier.json"
        configuration = input.rest()
    }

    /// The evidence file's path and text.
    package var document: (path: String, text: String) {
        let brackets = String(repeating: "[", count: depth) + "1" + String(repeating: "]", count: depth)
        switch shape {
        case .jsonArrays: return ("fuzz/deep.json", brackets)
        case .jsonObjects: return ("fuzz/deep.json", String(repeating: "{\"a\": ", count: depth) + "1" + String(repeating: "}", count: depth))
        case .yamlFlow: return ("fuzz/deep.yml", brackets + "\n")
        case .yamlBlock: return ("fuzz/deep.yml", String(repeating: "- ", count: depth) + "1\n")
        // Block style: brackets nested past `MarkdownNesting.limit` would show the whole file as text first.
        case .frontMatter: return ("fuzz/deep.md", "---\nx:\n  " + String(repeating: "- ", count: depth) + "1\n---\n# Deep\n")
        }
    }

    /// How deep the innermost value is, the root being 0: the readers take it when it is under `maxDepth`.
    package var innermost: Int { shape == .frontMatter ? depth + 1 : depth }

    /// The limits the configuration sets, as a build reads them before discovery.
    package var limits: InputLimits {
        PackConfigurationReader().readLimits(InputFile(path: configurationPath, data: Data(configuration)))
    }
}

/// A data-flow graph of `systems` systems (the first two bytes: 0...180, past the diagram bound),
/// each system's kind and facts and each flow's target and facts taken from the following bytes in
/// turn, and the rest of the input as text in every system's name.
package struct DataFlowPlan {
    package var systems: Int
    package var facts: [UInt8]
    package var label: String

    package init(_ bytes: [UInt8]) {
        var input = FuzzInput(bytes)
        systems = input.number() % (InputLimits.maxDiagramSystems + 31)
        let fields = input.fields(2)
        facts = fields[0].isEmpty ? [0] : Array(fields[0].prefix(4_096))
        label = FuzzInput.line(fields[1], limit: 64)
    }

    private func fact(_ index: Int) -> Int { Int(facts[index % facts.count]) }

    /// The graph as JSON (no YAML quoting to get wrong): systems s1…sN, and a flow from each but the last.
    package var json: String {
        let kinds = DataFlowGraph.System.Kind.allCases.map(\.rawValue)
        let facts = ["true", "false", "\"unknown\""]
        let versions = DataFlowGraph.Flow.TLSVersion.allCases.map(\.rawValue) + ["unknown"]
        let systemList = (0..<systems).map { index in
            let byte = fact(2 * index)
            return "{\"id\": \"s\(index + 1)\", \"name\": \(Self.quoted("System \(index + 1) \(label)")), \"kind\": \"\(kinds[byte % kinds.count])\", "
                + "\"third_party\": \(facts[(byte >> 3) % facts.count]), \"encryption_at_rest\": \(facts[(byte >> 5) % facts.count])}"
        }
        let flowList = (0..<max(0, systems - 1)).map { index in
            let byte = fact(2 * index + 1)
            return "{\"id\": \"f\(index + 1)\", \"source\": \"s\(index + 1)\", \"target\": \"s\(1 + byte % systems)\", "
                + "\"data_categories\": [\"Contact details\"], \"purpose\": \"Support\", \"personal_data\": \(facts[(byte >> 2) % facts.count]), "
                + "\"tls_version\": \"\(versions[(byte >> 4) % versions.count])\"}"
        }
        return "{\"kind\": \"data-flow\", \"id\": \"fuzz-graph\", \"title\": \"Fuzz graph\",\n \"systems\": [\n  "
            + systemList.joined(separator: ",\n  ") + "],\n \"flows\": [\n  " + flowList.joined(separator: ",\n  ") + "]}\n"
    }

    /// A JSON string literal, as Foundation writes it.
    private static func quoted(_ text: String) -> String {
        (try? JSONEncoder().encode(text)).map { String(decoding: $0, as: UTF8.self) } ?? "\"\""
    }
}

extension FuzzTargets {
    /// Any `dossier.yml` gives limits within bounds (a depth at most the ceiling, every limit positive),
    /// the same ones the full reading reports; a document nested to any depth is read under them
    /// exactly when it is shallower than their depth, and otherwise reported, never a stack overflow.
    package static func limits(_ bytes: [UInt8], _ check: Check) {
        let plan = LimitsPlan(bytes)
        let limits = plan.limits
        check((2...InputLimits.depthCeiling).contains(limits.maxDepth), "max_depth became \(limits.maxDepth)")
        check(limits.maxFileBytes > 0 && limits.maxFileCount > 0 && limits.maxLogBytes > 0 && limits.maxLineBytes > 0,
              "a limit became non-positive: \(limits)")
        let configurationFile = InputFile(path: plan.configurationPath, data: Data(plan.configuration))
        if let read = try? PackConfigurationReader().read(
            configurationFile, names: [plan.configurationPath], base: URL(fileURLWithPath: "/nonexistent"), diagnostics: DiagnosticEngine()) {
            check(read.limits == limits, "the configuration reports limits \(read.limits), discovery used \(limits)")
        }
        let (path, text) = plan.document
        let (document, diagnostics) = parse(generated: text, as: path, limits: limits, check)
        let refusals = diagnostics.filter { $0.severity == .error }
        let read: Bool
        if case .markdown(let markdown)? = document?.content { read = markdown.frontMatter != nil } else { read = document?.tree != nil }
        let expected = plan.innermost < limits.maxDepth
        check(read == expected, "\(plan.shape) \(plan.depth) deep under max_depth \(limits.maxDepth): read \(read), expected \(expected)")
        check(read == refusals.isEmpty, "read \(read), but reported \(refusals.map(\.summary))")
        // Refused by the reader's own limit, or by libyaml's (1 000 levels) before it: the message names the nesting.
        if !read { check(refusals.contains { $0.summary.lowercased().contains("nesting") }, "refused as \(refusals.map(\.summary))") }
    }

    /// A graph of N systems: every system is read, the data-flow rule says it is too large to draw
    /// exactly when it is not `InputLimits.drawable`, and then the renderer does not lay it out.
    package static func dataFlow(_ bytes: [UInt8], _ check: Check) {
        let plan = DataFlowPlan(bytes)
        let text = plan.json
        let (read, diagnostics) = parse(generated: text, as: "fuzz/graph.json", check)
        guard let document = read else { return check(false, "the graph's file was not read") }
        guard case .dataFlow(let graph)? = document.record else {
            return check(plan.systems == 0, "a graph of \(plan.systems) systems was not read: \(diagnostics.map(\.summary))")
        }
        check(graph.systems.count == plan.systems && graph.flows.count == max(0, plan.systems - 1),
              "\(graph.systems.count) systems and \(graph.flows.count) flows read of \(plan.systems)")
        let context = RuleContext(
            documents: [document], content: .builtIn,
            configuration: nil, buildDate: Date(timeIntervalSince1970: 1_790_000_000))
        let findings = DataFlowRule().check(context).map(\.diagnostic)
        checkPositions(findings, in: Array(text.utf8), check)
        let tooLarge = findings.contains { $0.identifier == DiagnosticID.dataflowTooLargeToDraw.rawValue }
        let drawable = InputLimits.drawable(systems: graph.systems.count, flows: graph.flows.count)
        check(tooLarge == !drawable, "\(graph.systems.count) systems, \(graph.flows.count) flows, too-large-to-draw: \(tooLarge)")
        // Only past the bound: Graphviz would take seconds to lay out a graph under it.
        if !drawable {
            check(PackRenderer.drawDiagram(graph, [], []) == nil, "a graph of \(graph.systems.count) systems was laid out")
        }
    }

    /// Any path (the input as UTF-8, names cut at `/`): its published form has as many names, none and
    /// no part of the page's path or link holding personal data, names without any kept as they are;
    /// the same every time and once more; the path itself when redaction is `keep`; and each name of
    /// the page's path fits a file system wherever each name of the evidence path did.
    package static func fileNames(_ bytes: [UInt8], _ check: Check) {
        let path = String(decoding: bytes, as: UTF8.self)
        let names = path.split(separator: "/", omittingEmptySubsequences: false)
        let finder = PersonalDataRedactor(mode: .redact)
        func holdsPersonalData(_ text: some StringProtocol) -> Bool { !finder.redact(String(text)).counts.isEmpty }
        check(PersonalDataRedactor(mode: .keep).publishedPath(path) == path, "redaction: keep changed the path")
        for redactor in [PersonalDataRedactor.forPolicy(.redact, key: nil), .forPolicy(.hash, key: Data("fuzz-key".utf8))] {
            let published = redactor.publishedPath(path)
            let publishedNames = published.split(separator: "/", omittingEmptySubsequences: false)
            check(publishedNames.count == names.count, "\(names.count) names became \(publishedNames.count): \(published.debugDescription)")
            let format = EvidenceFile.Format(pathExtension: (String(names[names.count - 1]) as NSString).pathExtension)
            for (index, (name, publishedName)) in zip(names, publishedNames).enumerated() {
                check(!holdsPersonalData(publishedName), "published name \(publishedName.debugDescription) holds personal data")
                // A name is kept unless it, as a link writes it, or (the file's own) its page's name holds some.
                let forms = [String(name)] + (index == names.count - 1 ? [PackPaths.pageName(String(name), format: format)] : [])
                check(name == publishedName || forms.contains { holdsPersonalData($0) || holdsPersonalData(PackPaths.encoded($0)) },
                      "\(name.debugDescription) shows no personal data but became \(publishedName.debugDescription)")
            }
            check(!holdsPersonalData(published), "published path \(published.debugDescription) holds personal data")
            check(redactor.publishedPath(path) == published, "publishing \(path.debugDescription) twice gave two paths")
            check(redactor.publishedPath(published) == published, "a published path is changed when published again")
            // The file itself only for a path discovery can give, with no empty name (Foundation's
            // `pathExtension`, which `EvidenceFile` uses, traps on `a//é`).
            guard !names.contains(where: \.isEmpty) else { continue }
            var file = EvidenceFile(path: path, url: URL(fileURLWithPath: "/nonexistent"), size: 0)
            file.published = published
            let page = PackPaths.page(forEvidence: file)
            check(!holdsPersonalData(page), "page path \(page.debugDescription) holds personal data")
            let link = PackPaths.link(from: PackPaths.index, to: page)
            check(!holdsPersonalData(link), "link \(link.debugDescription) holds personal data")
            // A file system holds no name over 255 bytes: from such names, pages and images must fit one too.
            guard names.allSatisfy({ $0.utf8.count <= 255 }) else { continue }
            for target in [page, PackPaths.image(forEvidence: file)].compactMap({ $0 }) {
                let long = target.split(separator: "/").first { $0.utf8.count > 255 }
                check(long == nil, "\(target.debugDescription) has a name of \(long?.utf8.count ?? 0) bytes")
            }
        }
    }
}
