import DossierModel

/// A JSON value that remembers where it was written, so diagnostics can point at it.
/// (Foundation's JSONSerialization and JSONDecoder give no positions.)
package struct JSONNode: Sendable, Hashable {
    package indirect enum Value: Sendable, Hashable {
        case object([Member])
        case array([JSONNode])
        case string(String)
        /// Kept as written, so large integers and decimals lose nothing.
        case number(String)
        case bool(Bool)
        case null
    }

    package struct Member: Sendable, Hashable {
        package var key: String
        package var keyLocation: SourceLocation
        package var value: JSONNode
    }

    package var value: Value
    package var location: SourceLocation

    package subscript(key: String) -> JSONNode? {
        guard case .object(let members) = value else { return nil }
        return members.first { $0.key == key }?.value
    }

    package var members: [Member]? {
        if case .object(let members) = value { return members }
        return nil
    }

    package var elements: [JSONNode]? {
        if case .array(let elements) = value { return elements }
        return nil
    }

    package var string: String? {
        if case .string(let text) = value { return text }
        return nil
    }

    package var bool: Bool? {
        if case .bool(let flag) = value { return flag }
        return nil
    }

    package var number: Double? {
        if case .number(let text) = value { return Double(text) }
        return nil
    }

    /// The JSON type's name, for messages like "expected a string, found an array".
    package var typeName: String {
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
package struct JSONSyntaxError: Error, Sendable, Hashable {
    package var message: String
    package var location: SourceLocation
}
