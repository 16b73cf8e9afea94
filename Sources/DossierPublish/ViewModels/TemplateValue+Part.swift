import DossierModel
import Foundation

/// A view as a patch build keeps it beside the pack (`PatchRecord`): the page of an edited file is
/// rendered again from the view the last build gave it, with the new body and hash in.
extension TemplateValue {
    private enum Tag: UInt8 {
        case text, flagFalse, flagTrue, integer, real, list, object, absent
    }

    package func write(to writer: inout PartWriter) {
        switch self {
        case .text(let text):
            writer.byte(Tag.text.rawValue)
            writer.text(text)
        case .flag(let flag):
            writer.byte(flag ? Tag.flagTrue.rawValue : Tag.flagFalse.rawValue)
        case .integer(let integer):
            writer.byte(Tag.integer.rawValue)
            writer.word(UInt64(bitPattern: Int64(integer)))
        case .real(let real):
            writer.byte(Tag.real.rawValue)
            writer.word(real.bitPattern)
        case .list(let items):
            writer.byte(Tag.list.rawValue)
            writer.count(items.count)
            for item in items { item.write(to: &writer) }
        case .object(let fields):
            writer.byte(Tag.object.rawValue)
            writer.count(fields.count)
            // In the order of the names' bytes, so that one view is always the same bytes.
            for name in fields.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
                writer.text(name)
                fields[name]!.write(to: &writer)
            }
        case .absent:
            writer.byte(Tag.absent.rawValue)
        }
    }

    /// The value `write` wrote; nil when the bytes are not one it wrote whole, or nest deeper than a view does.
    package static func read(from reader: inout PartReader, depth: Int = 0) -> TemplateValue? {
        guard depth <= 64, let raw = reader.byte(), let tag = Tag(rawValue: raw) else { return nil }
        switch tag {
        case .text: return reader.text().map(TemplateValue.text)
        case .flagFalse: return .flag(false)
        case .flagTrue: return .flag(true)
        case .integer: return reader.word().map { .integer(Int(Int64(bitPattern: $0))) }
        case .real: return reader.word().map { .real(Double(bitPattern: $0)) }
        case .list:
            guard let count = reader.count(), count <= reader.remaining else { return nil }
            var items: [TemplateValue] = []
            items.reserveCapacity(count)
            for _ in 0..<count {
                guard let item = read(from: &reader, depth: depth + 1) else { return nil }
                items.append(item)
            }
            return .list(items)
        case .object:
            guard let count = reader.count(), count <= reader.remaining else { return nil }
            var fields: [String: TemplateValue] = Dictionary(minimumCapacity: count)
            for _ in 0..<count {
                guard let name = reader.text(), let value = read(from: &reader, depth: depth + 1), fields.updateValue(value, forKey: name) == nil else {
                    return nil
                }
            }
            return .object(fields)
        case .absent: return .absent
        }
    }

    /// The object with `name` set to `value`; nil when this is no object or has no such field.
    package func setting(_ name: String, to value: TemplateValue) -> TemplateValue? {
        guard case .object(var fields) = self, fields[name] != nil else { return nil }
        fields[name] = value
        return .object(fields)
    }
}
