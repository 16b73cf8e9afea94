import DossierModel

/// A strict RFC 8259 JSON reader over UTF-8 bytes that tracks line and column for every value.
///
/// Hand-written because Foundation reports no positions. Depth is bounded so hostile input
/// cannot exhaust the stack; duplicate keys are kept in order for the caller to judge.
package struct JSONReader {
    package var maxDepth: Int

    package init(maxDepth: Int = 256) {
        self.maxDepth = maxDepth
    }

    /// Reads one complete JSON text; anything but whitespace after it is an error.
    package func read(_ bytes: some Collection<UInt8>, startingAt origin: SourceLocation = SourceLocation(line: 1, column: 1))
        throws(JSONSyntaxError) -> JSONNode
    {
        var cursor = Cursor(bytes: Array(bytes), line: origin.line, column: origin.column, maxDepth: maxDepth)
        cursor.skipWhitespace()
        let node = try cursor.value(depth: 0)
        cursor.skipWhitespace()
        guard cursor.atEnd else { throw cursor.error("unexpected '\(cursor.peekDescription)' after the JSON value") }
        return node
    }

    package func read(_ text: String) throws(JSONSyntaxError) -> JSONNode {
        try read(Array(text.utf8))
    }
}

private struct Cursor {
    package let bytes: [UInt8]
    package var index = 0
    package var line: Int
    package var column: Int
    package let maxDepth: Int

    package init(bytes: [UInt8], line: Int, column: Int, maxDepth: Int) {
        self.bytes = bytes
        self.line = line
        self.column = column
        self.maxDepth = maxDepth
    }

    package var atEnd: Bool { index >= bytes.count }
    package var location: SourceLocation { SourceLocation(line: line, column: column) }
    package var peek: UInt8? { atEnd ? nil : bytes[index] }

    package var peekDescription: String {
        guard let byte = peek else { return "end of file" }
        return byte >= 0x20 && byte < 0x7F ? String(UnicodeScalar(byte)) : String(format: "\\x%02X", byte)
    }

    package func error(_ message: String, at place: SourceLocation? = nil) -> JSONSyntaxError {
        JSONSyntaxError(message: message, location: place ?? location)
    }

    package mutating func advance() {
        if bytes[index] == UInt8(ascii: "\n") {
            line += 1
            column = 1
        } else if bytes[index] & 0xC0 != 0x80 {
            column += 1  // count characters, not continuation bytes
        }
        index += 1
    }

    package mutating func skipWhitespace() {
        while let byte = peek, byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 { advance() }
    }

    package mutating func expect(_ literal: String) throws(JSONSyntaxError) {
        let start = location
        for expected in literal.utf8 {
            guard peek == expected else { throw error("invalid literal; expected '\(literal)'", at: start) }
            advance()
        }
    }

    package mutating func value(depth: Int) throws(JSONSyntaxError) -> JSONNode {
        guard depth < maxDepth else { throw error("nesting deeper than \(maxDepth) levels") }
        let start = location
        switch peek {
        case UInt8(ascii: "{"): return JSONNode(value: try object(depth: depth), location: start)
        case UInt8(ascii: "["): return JSONNode(value: try array(depth: depth), location: start)
        case UInt8(ascii: "\""): return JSONNode(value: .string(try string()), location: start)
        case UInt8(ascii: "t"): try expect("true"); return JSONNode(value: .bool(true), location: start)
        case UInt8(ascii: "f"): try expect("false"); return JSONNode(value: .bool(false), location: start)
        case UInt8(ascii: "n"): try expect("null"); return JSONNode(value: .null, location: start)
        case let byte? where byte == UInt8(ascii: "-") || (byte >= 0x30 && byte <= 0x39):
            return JSONNode(value: .number(try number()), location: start)
        case nil: throw error("unexpected end of file; expected a value")
        default: throw error("unexpected '\(peekDescription)'; expected a value")
        }
    }

    package mutating func object(depth: Int) throws(JSONSyntaxError) -> JSONNode.Value {
        advance()
        var members: [JSONNode.Member] = []
        skipWhitespace()
        if peek == UInt8(ascii: "}") { advance(); return .object(members) }
        while true {
            skipWhitespace()
            let keyLocation = location
            guard peek == UInt8(ascii: "\"") else { throw error("expected a key in double quotes, found '\(peekDescription)'") }
            let key = try string()
            skipWhitespace()
            guard peek == UInt8(ascii: ":") else { throw error("expected ':' after key '\(key)'") }
            advance()
            skipWhitespace()
            members.append(JSONNode.Member(key: key, keyLocation: keyLocation, value: try value(depth: depth + 1)))
            skipWhitespace()
            switch peek {
            case UInt8(ascii: ","): advance()
            case UInt8(ascii: "}"): advance(); return .object(members)
            default: throw error("expected ',' or '}' in object, found '\(peekDescription)'")
            }
        }
    }

    package mutating func array(depth: Int) throws(JSONSyntaxError) -> JSONNode.Value {
        advance()
        var elements: [JSONNode] = []
        skipWhitespace()
        if peek == UInt8(ascii: "]") { advance(); return .array(elements) }
        while true {
            skipWhitespace()
            elements.append(try value(depth: depth + 1))
            skipWhitespace()
            switch peek {
            case UInt8(ascii: ","): advance()
            case UInt8(ascii: "]"): advance(); return .array(elements)
            default: throw error("expected ',' or ']' in array, found '\(peekDescription)'")
            }
        }
    }

    package mutating func number() throws(JSONSyntaxError) -> String {
        let start = index, startLocation = location
        func digits(_ cursor: inout Cursor) -> Int {
            var count = 0
            while let byte = cursor.peek, byte >= 0x30 && byte <= 0x39 { cursor.advance(); count += 1 }
            return count
        }
        if peek == UInt8(ascii: "-") { advance() }
        if peek == UInt8(ascii: "0") {
            advance()
        } else if digits(&self) == 0 {
            throw error("invalid number", at: startLocation)
        }
        if peek == UInt8(ascii: ".") {
            advance()
            guard digits(&self) > 0 else { throw error("invalid number: digits must follow '.'", at: startLocation) }
        }
        if peek == UInt8(ascii: "e") || peek == UInt8(ascii: "E") {
            advance()
            if peek == UInt8(ascii: "+") || peek == UInt8(ascii: "-") { advance() }
            guard digits(&self) > 0 else { throw error("invalid number: digits must follow the exponent", at: startLocation) }
        }
        return String(decoding: bytes[start..<index], as: UTF8.self)
    }

    package mutating func string() throws(JSONSyntaxError) -> String {
        let start = location
        advance()  // opening quote
        var text = ""
        var runStart = index
        while true {
            guard let byte = peek else { throw error("unterminated string", at: start) }
            switch byte {
            case UInt8(ascii: "\""):
                text += String(decoding: bytes[runStart..<index], as: UTF8.self)
                advance()
                return text
            case UInt8(ascii: "\\"):
                text += String(decoding: bytes[runStart..<index], as: UTF8.self)
                advance()
                var scalars = String.UnicodeScalarView()
                try escape(into: &scalars)
                text += String(scalars)
                runStart = index
            case 0x00..<0x20:
                throw error("control character in string; escape it")
            default:
                advance()
            }
        }
    }

    package mutating func escape(into scalars: inout String.UnicodeScalarView) throws(JSONSyntaxError) {
        guard let byte = peek else { throw error("unterminated escape") }
        advance()
        switch byte {
        case UInt8(ascii: "\""): scalars.append("\"")
        case UInt8(ascii: "\\"): scalars.append("\\")
        case UInt8(ascii: "/"): scalars.append("/")
        case UInt8(ascii: "b"): scalars.append("\u{08}")
        case UInt8(ascii: "f"): scalars.append("\u{0C}")
        case UInt8(ascii: "n"): scalars.append("\n")
        case UInt8(ascii: "r"): scalars.append("\r")
        case UInt8(ascii: "t"): scalars.append("\t")
        case UInt8(ascii: "u"):
            var code = try hex4()
            if (0xD800..<0xDC00).contains(code), peek == UInt8(ascii: "\\") {
                advance()
                try expect("u")
                let low = try hex4()
                guard (0xDC00..<0xE000).contains(low) else { throw error("invalid surrogate pair") }
                code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
            }
            scalars.append(Unicode.Scalar(code) ?? "\u{FFFD}")
        default:
            throw error("invalid escape '\\\(String(UnicodeScalar(byte)))'")
        }
    }

    package mutating func hex4() throws(JSONSyntaxError) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard let byte = peek, let digit = hexValue(byte) else { throw error("invalid \\u escape: four hex digits expected") }
            value = value << 4 | digit
            advance()
        }
        return value
    }

    package func hexValue(_ byte: UInt8) -> UInt32? {
        switch byte {
        case 0x30...0x39: UInt32(byte - 0x30)
        case 0x41...0x46: UInt32(byte - 0x41 + 10)
        case 0x61...0x66: UInt32(byte - 0x61 + 10)
        default: nil
        }
    }
}
