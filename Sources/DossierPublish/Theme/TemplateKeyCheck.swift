import DossierModel

/// Finds the names a theme's templates use that no view model has: `{{titel}}` renders as nothing,
/// silently, so a misspelt key in a user's template would go unseen (`dossier.template.unknown-key`).
///
/// Each page template is walked as Mustache renders it, over the shape of the values its pages were
/// rendered with (`TemplateShape`), partials included. A name is unknown when no context on the stack
/// has it, since Mustache looks a name up from the innermost section outwards; a context that may hold
/// names nobody saw (a nil optional, an empty list) makes nothing unknown. A tag in a partial is
/// reported only when every page kind that reaches it lacks the name. A template outside the subset
/// `CompiledTemplate` parses is not checked.
package struct TemplateKeyCheck {
    /// Template sources by name (`partials/head`), as written (without the escaping pragma).
    let sources: [String: String]
    /// The file each template is reported in, by name; the built-in theme's are `templates/<name>.mustache`.
    let files: [String: String]

    private struct Tag: Hashable {
        var template: String
        var at: SourceLocation
    }

    private struct Finding {
        var name: String
        var kinds: Set<String> = []
        var known = false
        var candidates: Set<String> = []
    }

    package func diagnostics(shapes: [String: TemplateShape]) -> [Diagnostic] {
        let parsed = sources.compactMapValues { try? CompiledTemplate($0) }
        var findings: [Tag: Finding] = [:]
        for (kind, shape) in shapes.sorted(by: { $0.key < $1.key }) {
            guard let template = parsed[kind] else { continue }
            var walk = Walk(templates: parsed)
            walk.visit(template.nodes, in: kind, stack: [shape])
            for (tag, result) in walk.results {
                var finding = findings[tag] ?? Finding(name: result.name)
                if result.unknown { finding.kinds.insert(kind) } else { finding.known = true }
                finding.candidates.formUnion(result.candidates)
                findings[tag] = finding
            }
        }
        var reported: Set<String> = []
        var diagnostics: [Diagnostic] = []
        let unknown = findings.filter { !$0.value.known }.sorted {
            ($0.key.template, $0.key.at.line, $0.key.at.column) < ($1.key.template, $1.key.at.line, $1.key.at.column)
        }
        for (tag, finding) in unknown where reported.insert(tag.template + "\u{0}" + finding.name).inserted {
            let suggestion = Self.meant(finding.name, among: finding.candidates.sorted())
            let kinds = finding.kinds.sorted()
            let pages = kinds.count == 1 ? "the \(kinds[0]) page" : "the \(kinds.dropLast().joined(separator: ", ")) and \(kinds.last!) pages"
            diagnostics.append(Diagnostic(
                .warning, DiagnosticID.templateUnknownKey,
                "'{{\(finding.name)}}' is no key of the view model it is rendered with (\(pages)), nor of any section around it, so it renders empty"
                    + (suggestion?.hint ?? ""),
                file: files[tag.template] ?? "templates/\(tag.template).mustache", at: tag.at, suggestion: suggestion))
        }
        return diagnostics
    }

    /// The nearest name, a transposition first (`titel` for `title`): counted as two edits, it ties with
    /// unrelated names of the same distance.
    static func meant(_ name: String, among candidates: [String]) -> Suggestion? {
        let letters = name.lowercased().sorted()
        let swapped = candidates.first { $0.lowercased().sorted() == letters && Spelling.distance(name, $0) <= 2 }
        return (swapped ?? Spelling.closest(to: name, among: candidates)).map(Suggestion.init(replacement:))
    }

    /// One page kind's walk: each tag's verdict (unknown only if unknown every time it is reached), and
    /// the names it could have meant.
    private struct Walk {
        let templates: [String: CompiledTemplate]
        var results: [Tag: (name: String, unknown: Bool, candidates: Set<String>)] = [:]
        /// Partials being walked, so that one including itself is walked once.
        var open: Set<String> = []

        init(templates: [String: CompiledTemplate]) {
            self.templates = templates
        }

        private enum Lookup {
            case found(TemplateShape)
            /// A context on the way may hold names nobody saw: the name may be there.
            case unseeable
            /// Nowhere; `candidates` are the names (whole paths) that are there.
            case unknown(candidates: [String])
        }

        mutating func visit(_ nodes: [CompiledTemplate.Node], in template: String, stack: [TemplateShape]) {
            for node in nodes {
                switch node {
                case .text:
                    continue
                case .variable(let path, let anchored, _, let at):
                    record(path, Self.lookup(path, anchored: anchored, stack: stack), at: Tag(template: template, at: at))
                case .section(let path, let anchored, let inverted, let body, let at):
                    let lookup = Self.lookup(path, anchored: anchored, stack: stack)
                    record(path, lookup, at: Tag(template: template, at: at))
                    var inner = stack
                    // Inside an unknown name's section nothing is judged again: it never renders.
                    switch lookup {
                    case .found(let shape) where !inverted && (shape.pushes || shape.open): inner.append(shape)
                    case .found: break
                    case .unseeable, .unknown: inner.append(Self.unseen)
                    }
                    visit(body, in: template, stack: inner)
                case .partial(let name, _):
                    guard let partial = templates[name], open.insert(name).inserted else { continue }
                    visit(partial.nodes, in: name, stack: stack)
                    open.remove(name)
                }
            }
        }

        private static let unseen: TemplateShape = {
            var shape = TemplateShape()
            shape.unseen = true
            shape.pushes = true
            return shape
        }()

        private mutating func record(_ path: [String], _ lookup: Lookup, at tag: Tag) {
            guard !path.isEmpty else { return }
            var result = results[tag] ?? (name: path.joined(separator: "."), unknown: true, candidates: [])
            if case .unknown(let candidates) = lookup {
                result.candidates.formUnion(candidates)
            } else {
                result.unknown = false
            }
            results[tag] = result
        }

        /// As `CompiledTheme.lookup` finds a name: the first part from the innermost context outwards
        /// (or the top one only, for `.name`), each further part in what the one before found.
        private static func lookup(_ path: [String], anchored: Bool, stack: [TemplateShape]) -> Lookup {
            guard let first = path.first else { return .found(stack.last ?? unseen) }
            let contexts = anchored ? Array(stack.suffix(1)) : stack.reversed()
            var found: TemplateShape?
            for context in contexts {
                if let field = context.fields[first] {
                    found = field
                    break
                }
                if context.open { return .unseeable }
            }
            let rest = path.dropFirst().map { "." + $0 }.joined()
            guard var current = found else {
                return .unknown(candidates: contexts.flatMap(\.fields.keys).map { $0 + rest })
            }
            for (index, part) in path.enumerated().dropFirst() {
                guard let next = current.fields[part] else {
                    if current.open { return .unseeable }
                    let before = path[..<index].joined(separator: "."), after = path[(index + 1)...].map { "." + $0 }.joined()
                    return .unknown(candidates: current.fields.keys.map { before + "." + $0 + after })
                }
                current = next
            }
            return .found(current)
        }
    }
}
