/// Turns an `Encodable` view model into a `TemplateValue` through its synthesized conformance.
///
/// Reflection (`Mirror`) did the same at a sixth of a build's CPU time: it boxes every field as
/// `Any` and casts it back. The compiler-written `encode(to:)` hands each field over with its static
/// type instead. The synthesized conformance leaves a nil optional out, as a template expects.
enum TemplateValueEncoder {
    static func encode<T: Encodable>(_ value: T) throws -> TemplateValue {
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
    var fields: [String: TemplateValue] = [:]
}

private final class ItemBox {
    var items: [TemplateValue] = []
}

private final class ValueEncoder: Encoder {
    enum Storage {
        case empty
        case single(TemplateValue)
        case object(FieldBox)
        case list(ItemBox)
    }

    var codingPath: [any CodingKey] = []
    var userInfo: [CodingUserInfoKey: Any] = [:]
    var storage = Storage.empty

    var value: TemplateValue? {
        switch storage {
        case .empty: nil
        case .single(let value): value
        case .object(let box): .object(box.fields)
        case .list(let box): .list(box.items)
        }
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        if case .object(let box) = storage { return KeyedEncodingContainer(FieldContainer<Key>(box: box)) }
        let box = FieldBox()
        storage = .object(box)
        return KeyedEncodingContainer(FieldContainer<Key>(box: box))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        let box = ItemBox()
        storage = .list(box)
        return ItemContainer(box: box)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        SingleContainer(encoder: self)
    }
}

private struct FieldContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let box: FieldBox
    var codingPath: [any CodingKey] { [] }

    mutating func encodeNil(forKey key: Key) {}
    mutating func encode(_ value: Bool, forKey key: Key) { box.fields[key.stringValue] = .flag(value) }
    mutating func encode(_ value: String, forKey key: Key) { box.fields[key.stringValue] = .text(value) }
    mutating func encode(_ value: Double, forKey key: Key) { box.fields[key.stringValue] = .real(value) }
    mutating func encode(_ value: Float, forKey key: Key) { box.fields[key.stringValue] = .real(Double(value)) }
    mutating func encode(_ value: Int, forKey key: Key) { box.fields[key.stringValue] = .integer(value) }
    mutating func encode(_ value: Int8, forKey key: Key) { box.fields[key.stringValue] = .integer(Int(value)) }
    mutating func encode(_ value: Int16, forKey key: Key) { box.fields[key.stringValue] = .integer(Int(value)) }
    mutating func encode(_ value: Int32, forKey key: Key) { box.fields[key.stringValue] = .integer(Int(value)) }
    mutating func encode(_ value: Int64, forKey key: Key) { box.fields[key.stringValue] = .integer(Int(value)) }
    mutating func encode(_ value: UInt, forKey key: Key) { box.fields[key.stringValue] = .text(String(value)) }
    mutating func encode(_ value: UInt8, forKey key: Key) { box.fields[key.stringValue] = .integer(Int(value)) }
    mutating func encode(_ value: UInt16, forKey key: Key) { box.fields[key.stringValue] = .integer(Int(value)) }
    mutating func encode(_ value: UInt32, forKey key: Key) { box.fields[key.stringValue] = .integer(Int(value)) }
    mutating func encode(_ value: UInt64, forKey key: Key) { box.fields[key.stringValue] = .text(String(value)) }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        if let converted = try TemplateValueEncoder.value(of: value) { box.fields[key.stringValue] = converted }
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        unsupportedNesting()
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer { unsupportedNesting() }
    mutating func superEncoder() -> any Encoder { unsupportedNesting() }
    mutating func superEncoder(forKey key: Key) -> any Encoder { unsupportedNesting() }
}

/// View models use the synthesized `Encodable`, which never nests containers or encodes a superclass.
/// A hand-written `encode(to:)` that does is a programming error, caught by the first test that renders it.
private func unsupportedNesting() -> Never {
    preconditionFailure("TemplateValueEncoder takes synthesized Encodable view models, which never nest containers")
}

private struct ItemContainer: UnkeyedEncodingContainer {
    let box: ItemBox
    var codingPath: [any CodingKey] { [] }
    var count: Int { box.items.count }

    mutating func encodeNil() {}
    mutating func encode(_ value: Bool) { box.items.append(.flag(value)) }
    mutating func encode(_ value: String) { box.items.append(.text(value)) }
    mutating func encode(_ value: Double) { box.items.append(.real(value)) }
    mutating func encode(_ value: Int) { box.items.append(.integer(value)) }
    mutating func encode<T: Encodable>(_ value: T) throws {
        if let converted = try TemplateValueEncoder.value(of: value) { box.items.append(converted) }
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        unsupportedNesting()
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer { unsupportedNesting() }
    mutating func superEncoder() -> any Encoder { unsupportedNesting() }
}

private struct SingleContainer: SingleValueEncodingContainer {
    let encoder: ValueEncoder
    var codingPath: [any CodingKey] { [] }

    mutating func encodeNil() {}
    mutating func encode(_ value: Bool) { encoder.storage = .single(.flag(value)) }
    mutating func encode(_ value: String) { encoder.storage = .single(.text(value)) }
    mutating func encode(_ value: Double) { encoder.storage = .single(.real(value)) }
    mutating func encode(_ value: Int) { encoder.storage = .single(.integer(value)) }
    mutating func encode<T: Encodable>(_ value: T) throws {
        if let converted = try TemplateValueEncoder.value(of: value) { encoder.storage = .single(converted) }
    }
}
