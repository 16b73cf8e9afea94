import Foundation

/// The names a template can find in the values one kind of page is rendered with: each object's
/// fields, merged over every page of the kind and every item of a list. It is gathered from the views
/// actually rendered, so it needs no sample of each view-model type, and it follows them as they change.
package struct TemplateShape: Sendable, Hashable {
    package var fields: [String: TemplateShape] = [:]
    /// Met as a nil optional (`absent`) or an empty list, whose fields cannot be seen there.
    package var unseen = false
    /// Met with a value: its fields are all known, since a view-model type encodes every one of its
    /// properties on every page (a nil one as `absent`).
    package var seen = false
    /// Whether a section over it pushes a context: anything but a flag does.
    package var pushes = false

    /// Whether it may hold names nobody saw: never met with a value. A name looked up in it is never
    /// called unknown.
    package var open: Bool { unseen && !seen }

    package init() {}

    package init(_ value: TemplateValue) {
        add(value)
    }

    package mutating func add(_ value: TemplateValue) {
        switch value {
        case .flag:
            seen = true
        case .text, .integer, .real:
            seen = true
            pushes = true
        case .absent:
            unseen = true
        case .list(let items):
            // A section renders once per item, with the item pushed: the list's names are its items'.
            if items.isEmpty { unseen = true }
            for item in items { add(item) }
            pushes = true
        case .object(let members):
            seen = true
            pushes = true
            for (name, member) in members { fields[name, default: TemplateShape()].add(member) }
        }
    }

    package mutating func merge(_ other: TemplateShape) {
        unseen = unseen || other.unseen
        seen = seen || other.seen
        pushes = pushes || other.pushes
        for (name, field) in other.fields { fields[name, default: TemplateShape()].merge(field) }
    }
}

/// A shape made once and shared by every page that has it (`TemplateShapes.intern`): merged into a
/// template's shape once per build, however many pages have it.
package final class InternedShape: Sendable {
    package let shape: TemplateShape

    init(_ shape: TemplateShape) {
        self.shape = shape
    }
}

/// The shapes of the pages rendered so far, by template; pages are rendered in parallel.
package final class TemplateShapes: @unchecked Sendable {
    private let lock = NSLock()
    private var shapes: [String: TemplateShape] = [:]
    /// Each shape met this build, with its template, made once: the pages of a kind mostly share a few.
    private var interned: [String: [TemplateShape: InternedShape]] = [:]
    /// The shapes merged so far, by identity, held so that no other can take an address of theirs.
    private var merged: [ObjectIdentifier: InternedShape] = [:]

    package init() {}

    /// The shape of a page rendered with `value`, merged into its template's.
    package func add(_ value: TemplateValue, template: String) -> InternedShape {
        let shape = TemplateShape(value)
        return lock.withLock {
            if let known = interned[template]?[shape] { return known }
            let made = InternedShape(shape)
            interned[template, default: [:]][shape] = made
            merged[ObjectIdentifier(made)] = made
            shapes[template, default: TemplateShape()].merge(shape)
            return made
        }
    }

    /// The shape of a page an earlier build rendered (`PageMemory`), merged unless it already was:
    /// a box is one template's, as it was interned with it.
    package func add(_ recalled: InternedShape, template: String) {
        lock.withLock {
            guard merged.updateValue(recalled, forKey: ObjectIdentifier(recalled)) == nil else { return }
            shapes[template, default: TemplateShape()].merge(recalled.shape)
        }
    }

    package var byTemplate: [String: TemplateShape] {
        lock.withLock { shapes }
    }
}
