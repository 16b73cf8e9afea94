import Foundation

/// The names a template can find in the values one kind of page is rendered with: each object's
/// fields, merged over every page of the kind and every item of a list. It is gathered from the views
/// actually rendered, so it needs no sample of each view-model type, and it follows them as they change.
package struct TemplateShape: Sendable, Equatable {
    package var fields: [String: TemplateShape] = [:]
    /// Whether it may hold names nobody saw: a nil optional (`absent`) or an empty list, whose fields
    /// cannot be known. A name looked up in it is never called unknown.
    package var open = false
    /// Whether a section over it pushes a context: anything but a flag does.
    package var pushes = false

    package init() {}

    package init(_ value: TemplateValue) {
        add(value)
    }

    package mutating func add(_ value: TemplateValue) {
        switch value {
        case .flag:
            break
        case .text, .integer, .real:
            pushes = true
        case .absent:
            open = true
        case .list(let items):
            // A section renders once per item, with the item pushed: the list's names are its items'.
            if items.isEmpty { open = true }
            for item in items { add(item) }
            pushes = true
        case .object(let members):
            pushes = true
            for (name, member) in members { fields[name, default: TemplateShape()].add(member) }
        }
    }

    package mutating func merge(_ other: TemplateShape) {
        open = open || other.open
        pushes = pushes || other.pushes
        for (name, field) in other.fields { fields[name, default: TemplateShape()].merge(field) }
    }
}

/// The shapes of the pages rendered so far, by template; pages are rendered in parallel.
package final class TemplateShapes: @unchecked Sendable {
    private let lock = NSLock()
    private var shapes: [String: TemplateShape] = [:]

    package init() {}

    package func add(_ value: TemplateValue, template: String) {
        let shape = TemplateShape(value)
        lock.lock()
        defer { lock.unlock() }
        shapes[template, default: TemplateShape()].merge(shape)
    }

    package var byTemplate: [String: TemplateShape] {
        lock.lock()
        defer { lock.unlock() }
        return shapes
    }
}
