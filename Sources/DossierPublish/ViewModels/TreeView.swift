import DossierIntake

/// JSON or YAML without a kind Dossier knows, shown as nested tables of keys and values (never as
/// HTML: every value is escaped text).
package final class TreeView: Sendable, Encodable, Hashable {
    package let key: String
    package let value: String?
    package let isList: Bool
    package let children: [TreeView]
    package let hasChildren: Bool

    /// Nodes shown at most, so that a large file does not produce a page nobody can open.
    package static let limit = 2_000

    package init(key: String, value: String?, isList: Bool, children: [TreeView]) {
        self.key = key
        self.value = value
        self.isList = isList
        self.children = children
        self.hasChildren = !children.isEmpty
    }

    package static func == (left: TreeView, right: TreeView) -> Bool {
        left === right
            || (left.key == right.key && left.value == right.value && left.isList == right.isList && left.children == right.children)
    }

    package func hash(into hasher: inout Hasher) {
        hasher.combine(key)
        hasher.combine(value)
        hasher.combine(isList)
        hasher.combine(children)
    }

    package static func make(_ node: JSONNode) -> TreeView {
        var budget = limit
        return make(node, key: "", budget: &budget)
    }

    private static func make(_ node: JSONNode, key: String, budget: inout Int) -> TreeView {
        budget -= 1
        switch node.value {
        case .object(let members):
            var children: [TreeView] = []
            for member in members {
                guard budget > 0 else { children.append(TreeView(key: "…", value: "(more not shown)", isList: false, children: [])); break }
                children.append(make(member.value, key: member.key, budget: &budget))
            }
            return TreeView(key: key, value: nil, isList: false, children: children)
        case .array(let elements):
            var children: [TreeView] = []
            for (index, element) in elements.enumerated() {
                guard budget > 0 else { children.append(TreeView(key: "…", value: "(more not shown)", isList: false, children: [])); break }
                children.append(make(element, key: String(index + 1), budget: &budget))
            }
            return TreeView(key: key, value: elements.isEmpty ? "(empty list)" : nil, isList: true, children: children)
        case .string(let text): return TreeView(key: key, value: text, isList: false, children: [])
        case .number(let text): return TreeView(key: key, value: text, isList: false, children: [])
        case .bool(let flag): return TreeView(key: key, value: flag ? "true" : "false", isList: false, children: [])
        case .null: return TreeView(key: key, value: "null", isList: false, children: [])
        }
    }
}
