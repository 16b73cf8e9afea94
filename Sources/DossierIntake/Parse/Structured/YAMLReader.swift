import DossierModel
import Yams

/// Reads YAML into the same position-carrying tree as JSON, so that one decoder and one set of
/// diagnostics serve both formats.
///
/// Scalars are typed by YAML's core schema (`true`, `12`, `1.5`, `null`); timestamps such as
/// `2026-10-06` stay strings, checked later as dates. Every value node counts against a budget,
/// so an alias bomb ("billion laughs") is refused instead of expanded.
package struct YAMLReader {
    package var maxNodes: Int
    package var maxDepth: Int

    package init(maxNodes: Int = 200_000, maxDepth: Int = 256) {
        self.maxNodes = maxNodes
        self.maxDepth = maxDepth
    }

    /// Immutable once made (its tables are `let`s), so one serves every thread.
    nonisolated(unsafe) private static let constructor = Constructor.default

    /// `lineOffset` is added to every line, for YAML embedded below other lines (front matter).
    package func read(_ text: String, lineOffset: Int = 0) throws(JSONSyntaxError) -> JSONNode {
        let composed: Yams.Node?
        do {
            // Every argument given: Yams' default encoding reads the process environment on each call
            // (3.5 % of `check` at 10 000 files), and its default constructor builds three tables.
            composed = try Yams.compose(yaml: text, .default, Self.constructor, .utf8)
        } catch {
            let problem = YAMLProblem(error, lineOffset: lineOffset)
            throw JSONSyntaxError(message: problem.message, location: problem.location ?? SourceLocation(line: 1 + lineOffset, column: 1))
        }
        guard let root = composed else {
            return JSONNode(value: .null, location: SourceLocation(line: 1 + lineOffset, column: 1))
        }
        var state = State(budget: maxNodes)
        return try convert(root, depth: 0, state: &state, lineOffset: lineOffset)
    }

    /// The node budget, and each plain scalar's type once worked out: an alias repeats the same few
    /// scalars thousands of times, and typing one through Yams' constructors costs microseconds
    /// (a 400-byte alias bomb took 3.5 s before the memo; found by the yaml fuzz target).
    private struct State {
        var budget: Int
        var typed: [String: JSONNode.Value] = [:]
    }

    private func convert(_ node: Yams.Node, depth: Int, state: inout State, lineOffset: Int) throws(JSONSyntaxError) -> JSONNode {
        let location = node.mark.map { SourceLocation(line: $0.line + lineOffset, column: $0.column) }
            ?? SourceLocation(line: 1 + lineOffset, column: 1)
        state.budget -= 1
        guard state.budget >= 0 else {
            throw JSONSyntaxError(message: "document expands to more than \(maxNodes) values (aliases repeated too often?)", location: location)
        }
        guard depth < maxDepth else {
            throw JSONSyntaxError(message: "nesting deeper than \(maxDepth) levels", location: location)
        }
        switch node {
        case .scalar(let scalar):
            if scalar.style == .singleQuoted || scalar.style == .doubleQuoted { return JSONNode(value: .string(scalar.string), location: location) }
            // Only plain scalars without an explicit tag share a type by their text alone (`|` blocks and
            // `!!str` values are typed differently), so only they are remembered.
            guard scalar.style == .plain, ["", "?"].contains(scalar.tag.description) else { return JSONNode(value: Self.typed(scalar), location: location) }
            if let known = state.typed[scalar.string] { return JSONNode(value: known, location: location) }
            let value = Self.typed(scalar)
            state.typed[scalar.string] = value
            return JSONNode(value: value, location: location)
        case .sequence(let sequence):
            var elements: [JSONNode] = []
            for element in sequence {
                elements.append(try convert(element, depth: depth + 1, state: &state, lineOffset: lineOffset))
            }
            return JSONNode(value: .array(elements), location: location)
        case .mapping(let mapping):
            var members: [JSONNode.Member] = []
            for (key, value) in mapping {
                let keyLocation = key.mark.map { SourceLocation(line: $0.line + lineOffset, column: $0.column) } ?? location
                guard let name = key.scalar?.string else {
                    throw JSONSyntaxError(message: "keys must be plain text", location: keyLocation)
                }
                let converted = try convert(value, depth: depth + 1, state: &state, lineOffset: lineOffset)
                members.append(JSONNode.Member(key: name, keyLocation: keyLocation, value: converted))
            }
            return JSONNode(value: .object(members), location: location)
        case .alias:
            throw JSONSyntaxError(message: "YAML aliases are not supported in evidence; write the value out", location: location)
        }
    }

    private static func typed(_ scalar: Yams.Node.Scalar) -> JSONNode.Value {
        // Quoted scalars are always strings, whatever they look like.
        if scalar.style == .singleQuoted || scalar.style == .doubleQuoted { return .string(scalar.string) }
        // compose() leaves plain scalars' tags unresolved; Yams' constructors apply the core schema.
        let node = Yams.Node.scalar(scalar)
        if node.null != nil { return .null }
        if let flag = node.bool { return .bool(flag) }
        // YAML 1.1's base-60 numbers ("12:30" as 750) are not the core schema, and Yams' reading of them
        // traps on overflow ("5111111056:7:517:…" crashed the yaml fuzz target): a colon keeps it text.
        if scalar.string.contains(":") { return .string(scalar.string) }
        if let integer = node.int { return .number(String(integer)) }
        if let real = node.float, real.isFinite, scalar.string.contains(where: \.isNumber) { return .number(String(real)) }
        return .string(scalar.string)
    }
}
