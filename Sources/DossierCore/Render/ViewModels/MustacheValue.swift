/// A typed view model turned, once, into the dictionaries and arrays Mustache looks keys up in.
///
/// swift-mustache finds a key on a struct by building a Mirror of it for every lookup, and a tag in
/// a nested section looks at each level of the context stack in turn; that reflection was a quarter
/// of a build's CPU time. Reflecting each value once and handing over `[String: Any]` (a
/// `MustacheParent`, looked up by hash) renders the same page: a nil property is left out, which is
/// exactly how Mustache treats it (not found here, so it looks further up the stack).
enum MustacheValue {
    static func convert(_ value: Any) -> Any? {
        switch value {
        case is String, is Bool, is Int, is Double, is Substring:
            return value
        default:
            break
        }
        let mirror = Mirror(reflecting: value)
        switch mirror.displayStyle {
        case .optional:
            return mirror.children.first.flatMap { convert($0.value) }
        case .collection, .set:
            return mirror.children.compactMap { convert($0.value) }
        case .struct, .class:
            var fields: [String: Any] = [:]
            fields.reserveCapacity(Int(mirror.children.count))
            for child in mirror.children {
                guard let label = child.label, let converted = convert(child.value) else { continue }
                fields[label] = converted
            }
            return fields
        default:
            return value
        }
    }
}
