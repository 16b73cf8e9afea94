import DossierModel

/// A JSON value that remembers where it was written, so diagnostics can point at it.
/// (Foundation's JSONSerialization and JSONDecoder give no positions.)
public struct JSONNode: Sendable, Hashable {
    public indirect enum Value: Sendable, Hashable {
        case object([Member])
        case array([JSONNode])
        case string(String)
        /// Kept as written, so large integers and decimals lose nothing.
        case number(String)
        case bool(Bool)
        case null
    }

    public struct Member: Sendable, Hashable {
        public var key: String
        public var keyLocation: SourceLocation
        public var value: JSONNode
    }

    public var value: Value
    public var location: SourceLocation

    public subscript(key: String) -> JSONNode? {
        guard case .object(let members) = value else { return nil }
        return members.first { $0.key == key }?.value
    }

    public var members: [Member]? {
        if case .object(let members) = value { return members }
        return nil
    }

    public var elements: [JSONNode]? {
        if case .array(let elements) = value { return elements }
        return nil
    }

    public var string: String? {
        if case .string(let text) = value { return text }
        return nil
    }

    public var bool: Bool? {
        if case .bool(let flag) = value { return flag }
        return nil
    }

    public var number: Double? {
        if case .number(let text) = value { return Double(text) }
        return nil
    }

    /// The JSON type's name, for messages like "expected a string, found an array".
    public var typeName: String {
        switch value {
        case .object: "an object"
        case .array: "an array"
        case .string: "a string"
        case .number: "a number"
        case .bool: "a boolean"
        case .null: "null"
        }
    }
}

/// Why a JSON text could not be read, and where.
public struct JSONSyntaxError: Error, Sendable, Hashable {
    public var message: String
    public var location: SourceLocation
}
