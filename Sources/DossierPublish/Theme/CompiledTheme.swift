/// Renders a theme's templates, parsed once by `CompiledTemplate`, over `TemplateValue`s, writing
/// UTF-8 bytes into one buffer per page.
///
/// It keeps swift-mustache's semantics exactly (see `CompiledTemplate` for why it exists):
/// - a name is looked up from the innermost context outwards, and a dotted name's first part decides
///   the context, as `a.b` does in swift-mustache;
/// - a list renders its section once per item with the item pushed; `true` renders it without
///   pushing anything; any other value is pushed and rendered once; `false`, an empty list and a
///   missing name render nothing (and their inverted section once);
/// - `{{x}}` is escaped as `FastHTMLEscaping` escapes it (every built-in template carries that
///   pragma), `{{{x}}}` and `{{&x}}` are not;
/// - a standalone partial tag indents the lines its partial renders, as swift-mustache does.
package struct CompiledTheme: Sendable {
    private let templates: [String: CompiledTemplate]

    /// Nil when a template uses what `CompiledTemplate` does not take: the theme is then rendered by swift-mustache.
    package init?(templates sources: [String: String]) {
        var templates: [String: CompiledTemplate] = [:]
        for (name, source) in sources {
            guard let template = try? CompiledTemplate(source) else { return nil }
            templates[name] = template
        }
        self.templates = templates
    }

    /// The page, or nil when the theme has no template of that name.
    package func render(_ value: TemplateValue, template name: String) -> String? {
        guard let template = templates[name] else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(32 * 1024)
        var stack = [value]
        render(template.nodes, stack: &stack, indentation: nil, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    private func render(_ nodes: [CompiledTemplate.Node], stack: inout [TemplateValue], indentation: String?, into out: inout [UInt8]) {
        guard let indentation, !indentation.isEmpty else {
            for node in nodes { render(node, stack: &stack, indentation: indentation, into: &out) }
            return
        }
        // swift-mustache indents a piece when what this template has written so far ends a line.
        var local: [UInt8] = []
        for node in nodes {
            var piece: [UInt8] = []
            render(node, stack: &stack, indentation: indentation, into: &piece)
            if !piece.isEmpty, Self.endsWithLineFeedCharacter(local) { local += indentation.utf8 }
            local += piece
        }
        out += local
    }

    private func render(_ node: CompiledTemplate.Node, stack: inout [TemplateValue], indentation: String?, into out: inout [UInt8]) {
        switch node {
        case .text(let bytes):
            out += bytes
        case .variable(let path, let anchored, let escaped, _):
            guard let value = Self.lookup(path, anchored: anchored, in: stack) else { return }
            let text = Self.text(of: value)
            if escaped { FastHTMLEscaping.append(text, to: &out) } else { out += text.utf8 }
        case .section(let path, let anchored, let inverted, let body, _):
            let value = Self.lookup(path, anchored: anchored, in: stack)
            switch (value, inverted) {
            case (.list(let items)?, false):
                for item in items { renderPushing(item, body, stack: &stack, indentation: indentation, into: &out) }
            case (.list(let items)?, true):
                if items.isEmpty { renderPushing(value!, body, stack: &stack, indentation: indentation, into: &out) }
            case (.flag(let flag)?, _):
                if flag != inverted { render(body, stack: &stack, indentation: indentation, into: &out) }
            case (nil, false):
                return
            case (nil, true):
                render(body, stack: &stack, indentation: indentation, into: &out)
            case (let value?, false):
                renderPushing(value, body, stack: &stack, indentation: indentation, into: &out)
            case (_?, true):
                return
            }
        case .partial(let name, let indented):
            guard let partial = templates[name] else { return }
            let nested = indented.map { (indentation ?? "") + $0 } ?? indentation
            render(partial.nodes, stack: &stack, indentation: nested, into: &out)
        }
    }

    private func renderPushing(_ value: TemplateValue, _ body: [CompiledTemplate.Node], stack: inout [TemplateValue], indentation: String?, into out: inout [UInt8]) {
        stack.append(value)
        render(body, stack: &stack, indentation: indentation, into: &out)
        stack.removeLast()
    }

    private static func lookup(_ path: [String], anchored: Bool, in stack: [TemplateValue]) -> TemplateValue? {
        guard let first = path.first else { return stack.last }
        var found: TemplateValue?
        if anchored {
            found = stack.last?.field(first)
        } else {
            for value in stack.reversed() {
                if let child = value.field(first) {
                    found = child
                    break
                }
            }
        }
        for name in path.dropFirst() {
            found = found?.field(name)
        }
        return found
    }

    /// As swift-mustache writes a value: `String(describing:)`.
    private static func text(of value: TemplateValue) -> String {
        switch value {
        case .text(let text): text
        case .flag(let flag): String(describing: flag)
        case .integer(let integer): String(describing: integer)
        case .real(let real): String(describing: real)
        case .list, .object, .absent: String(describing: value.mustacheObject)
        }
    }

    /// Whether the text's last Character is "\n" (a "\r\n" pair is one Character, and not that one).
    private static func endsWithLineFeedCharacter(_ bytes: [UInt8]) -> Bool {
        guard bytes.last == UInt8(ascii: "\n") else { return false }
        return bytes.count < 2 || bytes[bytes.count - 2] != UInt8(ascii: "\r")
    }
}
