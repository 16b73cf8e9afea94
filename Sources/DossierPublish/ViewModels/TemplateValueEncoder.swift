/// Turns an `Encodable` view model into a `TemplateValue` through its synthesized conformance.
///
/// Reflection (`Mirror`) did the same at a sixth of a build's CPU time: it boxes every field as
/// `Any` and casts it back. The compiler-written `encode(to:)` hands each field over with its static
/// type instead. The synthesized conformance leaves a nil optional out, as a template expects.
package enum TemplateValueEncoder {
    package static func encode<T: Encodable>(_ value: T) throws -> TemplateValue {
        let encoder = ValueEncoder()
        try value.encode(to: encoder)
        return encoder.value ?? .object([:])
    }

    /// A field's value: scalars directly, anything else through its own encoder.
    fileprivate static func value<T: Encodable>(of value: T) throws -> TemplateValue? {
        switch value {
        case let text as String: return .text(text)
        case let flag as Bool: return .flag(flag)
        case let integer as Int: return .integer(integer)
        case let real as Double: return .real(real)
        default:
            let encoder = ValueEncoder()
            try value.encode(to: encoder)
            return encoder.value
        }
    }
}

private final class FieldBox {
    package var fields: [String: TemplateValue] = [:]
}

private final class ItemBox {
    package var items: [TemplateValue] = []
}

private final class ValueEncoder: Encoder {
    package enum Storage {
        case empty
        case single(TemplateValue)
        case object(FieldBox)
        case list(ItemBox)
    }

    package var codingPath: [any CodingKey] = []
    package var userInfo: [CodingUserInfoKey: Any] = [:]
    package var storage = Storage.empty

    package var value: TemplateValue? {
        switch storage {
        case .empty: nil
        case .single(let value): value
        case .object(let box): .object(box.fields)
        case .list(let box): .list(box.items)
        }
    }

    package func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        if case .object(let box) = storage { return KeyedEncodingContainer(FieldContainer<Key>(box: box)) }
        let box = FieldBox()
        storage = .object(box)
        return KeyedEncodingContainer(FieldContainer<Key>(box: box))
    }

    package func unkeyedContainer() -> any UnkeyedEncodingContainer {
        let box = ItemBox()
        storage = .list(box)
        return ItemContainer(box: box)
    }

    package func singleValueContainer() -> any SingleValueEncodingContainer {
        SingleContainer(encoder: self)
    }
}

private struct FieldContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    package let box: FieldBox
    package var codingPath: [any CodingKey] { [] }

    package mutating func encodeNil(forKey key: Key) {}
    // A nil optional is kept as `absent` (which no template finds), so that its name is known to exist.
    package mutating func encodeIfPresent(_ value: Bool?, forKey key: Key) { box.fields[key.stringValue] = value.map(TemplateValue.flag) ?? .absent }
    package mutating func encodeIfPresent(_ value: String?, forKey key: Key) { box.fields[key.stringValue] = value.map(TemplateValue.text) ?? .absent }
    package mutating func encodeIfPresent(_ value: Int?, forKey key: Key) { box.fields[key.stringValue] = value.map(TemplateValue.integer) ?? .absent }
    package mutating func encodeIfPresent(_ value: Double?, forKey key: Key) { box.fields[key.stringValue] = value.map(TemplateValue.real) ?? .absent }
    package mutating func encodeIfPresent<T: Encodable>(_ value: T?, forKey key: Key) throws {
        guard let value else {
            box.fields[key.stringValue] = .absent
            return
        }
        try encode(value, forKey: key)
    }
    package mutating func encode(_ value: Bool, forKey key: Key) { box.fields[key.stringValue] = .flag(value) }
    package mutating func encode(_ value: String, forKey key: Key) { box.fields[key.stringValue] = .text(value) }
    package mutating func encode(_ value: Double, forKey key: Key) { box.fields[key.stringValue] = .real(value) }
    package mutating func encode(_ value: Float, forKey key: Key) { box.fields[key.stringValue] = .real(Double(value)) }
    package mutating func encode(_ value: Int, forKey key: Key) { box.fields[key.stringValue] = .integer(value) }
    package mutating func encode(_ value: Int8, forKey key: Key) { box.fields[key.stringValue] = .integer(Int(value)) }
    package mutating func encode(_ value: Int16, forKey key: Key) { box.fields[key.stringValue] = .integer(Int(value)) }
    package mutating func encode(_ value: Int32, forKey key: Key) { box.fields[key.stringValue] = .integer(Int(value)) }
    package mutating func encode(_ value: Int64, forKey key: Key) { box.fields[key.stringValue] = .integer(Int(value)) }
    package mutating func encode(_ value: UInt, forKey key: Key) { box.fields[key.stringValue] = .text(String(value)) }
    package mutating func encode(_ value: UInt8, forKey key: Key) { box.fields[key.stringValue] = .integer(Int(value)) }
    package mutating func encode(_ value: UInt16, forKey key: Key) { box.fields[key.stringValue] = .integer(Int(value)) }
    package mutating func encode(_ value: UInt32, forKey key: Key) { box.fields[key.stringValue] = .integer(Int(value)) }
    package mutating func encode(_ value: UInt64, forKey key: Key) { box.fields[key.stringValue] = .text(String(value)) }
    package mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        if let converted = try TemplateValueEncoder.value(of: value) { box.fields[key.stringValue] = converted }
    }

    package mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        unsupportedNesting()
    }

    package mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer { unsupportedNesting() }
    package mutating func superEncoder() -> any Encoder { unsupportedNesting() }
    package mutating func superEncoder(forKey key: Key) -> any Encoder { unsupportedNesting() }
}

/// View models use the synthesized `Encodable`, which never nests containers or encodes a superclass.
/// A hand-written `encode(to:)` that does is a programming error, caught by the first test that renders it.
private func unsupportedNesting() -> Never {
    preconditionFailure("TemplateValueEncoder takes synthesized Encodable view models, which never nest containers")
}

private struct ItemContainer: UnkeyedEncodingContainer {
    package let box: ItemBox
    package var codingPath: [any CodingKey] { [] }
    package var count: Int { box.items.count }

    package mutating func encodeNil() {}
    package mutating func encode(_ value: Bool) { box.items.append(.flag(value)) }
    package mutating func encode(_ value: String) { box.items.append(.text(value)) }
    package mutating func encode(_ value: Double) { box.items.append(.real(value)) }
    package mutating func encode(_ value: Int) { box.items.append(.integer(value)) }
    package mutating func encode<T: Encodable>(_ value: T) throws {
        if let converted = try TemplateValueEncoder.value(of: value) { box.items.append(converted) }
    }

    package mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        unsupportedNesting()
    }

    package mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer { unsupportedNesting() }
    package mutating func superEncoder() -> any Encoder { unsupportedNesting() }
}

private struct SingleContainer: SingleValueEncodingContainer {
    package let encoder: ValueEncoder
    package var codingPath: [any CodingKey] { [] }

    package mutating func encodeNil() {}
    package mutating func encode(_ value: Bool) { encoder.storage = .single(.flag(value)) }
    package mutating func encode(_ value: String) { encoder.storage = .single(.text(value)) }
    package mutating func encode(_ value: Double) { encoder.storage = .single(.real(value)) }
    package mutating func encode(_ value: Int) { encoder.storage = .single(.integer(value)) }
    package mutating func encode<T: Encodable>(_ value: T) throws {
        if let converted = try TemplateValueEncoder.value(of: value) { encoder.storage = .single(converted) }
    }
}
