import DossierModel

/// A typed view model turned, once, into the values a template reads: text, flags, numbers, lists
/// and objects of named fields (`TemplateValueEncoder` builds it).
///
/// Templates find fields by name. swift-mustache finds a field on a struct by building a Mirror of it
/// for every lookup, up every level of the context stack, and that reflection was a quarter of a
/// build's CPU time; converting each view once removes it. A nil property is `absent`: no template
/// finds it (`field` is nil), which is exactly how Mustache treats nil (not found here, so it looks
/// further up the stack); it is kept only so that the unknown-key check knows the name exists.
package indirect enum TemplateValue: Sendable, Equatable {
    case text(String)
    case flag(Bool)
    case integer(Int)
    case real(Double)
    case list([TemplateValue])
    case object([String: TemplateValue])
    case absent

    /// The same value as swift-mustache reads it (for themes it renders): dictionaries, arrays and scalars.
    package var mustacheObject: Any {
        switch self {
        case .text(let text): text
        case .flag(let flag): flag
        case .integer(let integer): integer
        case .real(let real): real
        case .list(let items): items.map(\.mustacheObject)
        case .object(let fields): fields.filter { !$0.value.isAbsent }.mapValues(\.mustacheObject)
        case .absent: ""
        }
    }

    /// A field of an object; nothing else has fields, and an absent one is not found.
    package func field(_ name: String) -> TemplateValue? {
        if case .object(let fields) = self, let found = fields[name], !found.isAbsent { found } else { nil }
    }

    package var isAbsent: Bool {
        if case .absent = self { true } else { false }
    }
}

extension TemplateValue {
    /// Feeds the value into a `PartKey`, every piece with what kind it is: texts as their bytes (two
    /// spellings of "é" are two keys), an object's fields in the order of their names' bytes.
    package func add(to key: inout PartKey.Builder) {
        switch self {
        case .text(let text):
            key.add(1)
            key.add(text)
        case .flag(let flag):
            key.add(2)
            key.add(flag)
        case .integer(let integer):
            key.add(3)
            key.add(integer)
        case .real(let real):
            key.add(4)
            key.add(Int(bitPattern: UInt(real.bitPattern)))
        case .list(let items):
            key.add(5)
            key.add(items.count)
            for item in items { item.add(to: &key) }
        case .object(let fields):
            key.add(6)
            key.add(fields.count)
            for name in fields.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
                key.add(name)
                fields[name]!.add(to: &key)
            }
        case .absent:
            key.add(7)
        }
    }
}
