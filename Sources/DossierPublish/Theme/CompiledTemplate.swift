import DossierModel

/// A Mustache template parsed once into a tree that `CompiledTheme` renders over `TemplateValue`s.
///
/// Why not swift-mustache for every page: it looks each tag's name up through dynamic casts and
/// protocol checks at every level of the context stack and builds every section's output as a new
/// String, and that was about half of a build's render time. This parser takes only the subset of
/// Mustache the built-in theme uses (variables, sections, inverted sections, comments, partials and
/// the content-type pragma Dossier adds) and follows swift-mustache's parser step by step, so that
/// whitespace around standalone tags comes out byte for byte the same. A template outside the subset
/// (transforms, inheritance, dynamic partials, changed delimiters) is refused, and the theme is then
/// rendered by swift-mustache; `CompiledThemeTests` compares the two on every page of the sample pack.
/// Names carry the line and column of their tag, for the unknown-key check (`TemplateKeyCheck`).
package struct CompiledTemplate: Sendable {
    package indirect enum Node: Sendable {
        case text([UInt8])
        /// `path` empty means `{{.}}`; `anchored` (a name starting with `.`) looks only at the top of the stack.
        case variable(path: [String], anchored: Bool, escaped: Bool, at: SourceLocation)
        case section(path: [String], anchored: Bool, inverted: Bool, body: [Node], at: SourceLocation)
        /// `indentation` is set for a standalone partial tag (swift-mustache indents the partial's lines by it).
        case partial(name: String, indentation: String?)
    }

    package struct Unsupported: Error, Equatable {
        var reason: String
    }

    package let nodes: [Node]

    package init(_ source: String) throws {
        var parser = Parser(Array(source))
        nodes = try parser.parse(section: nil, newLine: true)
    }

    /// Mirrors swift-mustache's `MustacheTemplate.parse(_:state:)` for the supported tags.
    private struct Parser {
        let characters: [Character]
        var position = 0
        /// Where each line starts, for a tag's line and column.
        let lineStarts: [Int]

        init(_ characters: [Character]) {
            self.characters = characters
            lineStarts = [0] + characters.indices.filter { characters[$0].isNewline }.map { $0 + 1 }
        }

        /// The line and column of the tag being read: its `{{` ends just before `position`.
        func tagLocation() -> SourceLocation {
            let start = position - 2
            var low = 0, high = lineStarts.count - 1
            while low < high {
                let middle = (low + high + 1) / 2
                if lineStarts[middle] <= start { low = middle } else { high = middle - 1 }
            }
            // Columns count UTF-8 bytes, as every other finding's do.
            return SourceLocation(line: low + 1, column: characters[lineStarts[low]..<start].reduce(0) { $0 + $1.utf8.count } + 1)
        }

        var atEnd: Bool { position == characters.count }
        var current: Character { atEnd ? "\0" : characters[position] }

        mutating func parse(section: String?, newLine startsOnNewLine: Bool) throws -> [Node] {
            var nodes: [Node] = []
            var newLine = startsOnNewLine
            var whiteSpaceBefore = ""
            func flushWhiteSpace() {
                if !whiteSpaceBefore.isEmpty {
                    nodes.append(.text(Array(whiteSpaceBefore.utf8)))
                    whiteSpaceBefore = ""
                }
            }
            while !atEnd {
                if newLine { whiteSpaceBefore = read(while: { $0 == " " || $0 == "\t" }) }
                let text = try readUntilTagOrNewline()
                if current.isNewline {
                    nodes.append(.text(Array((whiteSpaceBefore + text + String(current)).utf8)))
                    newLine = true
                    position += 1
                    continue
                }
                if !text.isEmpty {
                    nodes.append(.text(Array((whiteSpaceBefore + text).utf8)))
                    whiteSpaceBefore = ""
                    newLine = false
                }
                if atEnd { break }
                var setNewLine = false
                switch current {
                case "#", "^":
                    let inverted = current == "^"
                    let at = tagLocation()
                    position += 1
                    let name = try readName()
                    if standalone(newLine) {
                        setNewLine = true
                    } else {
                        flushWhiteSpace()
                    }
                    let body = try parse(section: name, newLine: newLine && setNewLine)
                    let (path, anchored) = Self.path(name)
                    nodes.append(.section(path: path, anchored: anchored, inverted: inverted, body: body, at: at))
                case "/":
                    position += 1
                    let name = try readName()
                    guard name == section else { throw Unsupported(reason: "section '\(name)' closed without being opened") }
                    if !standalone(newLine) { flushWhiteSpace() }
                    return nodes
                case "!":
                    position += 1
                    try skipComment()
                    setNewLine = standalone(newLine)
                case "{", "&":
                    let triple = current == "{"
                    let at = tagLocation()
                    flushWhiteSpace()
                    position += 1
                    let name = try readName()
                    if triple {
                        guard current == "}" else { throw Unsupported(reason: "'{{{' without '}}}'") }
                        position += 1
                    }
                    let (path, anchored) = Self.path(name)
                    nodes.append(.variable(path: path, anchored: anchored, escaped: false, at: at))
                case ">":
                    position += 1
                    _ = read(while: \.isWhitespace)
                    guard current != "*" else { throw Unsupported(reason: "dynamic partials") }
                    let name = read(while: { Self.partialNameCharacters.contains($0) })
                    _ = read(while: \.isWhitespace)
                    try expectClosingDelimiter()
                    if !whiteSpaceBefore.isEmpty { nodes.append(.text(Array(whiteSpaceBefore.utf8))) }
                    if standalone(newLine) {
                        setNewLine = true
                        nodes.append(.partial(name: name, indentation: whiteSpaceBefore))
                    } else {
                        nodes.append(.partial(name: name, indentation: nil))
                    }
                    whiteSpaceBefore = ""
                case "%":
                    position += 1
                    try readPragma()
                    setNewLine = standalone(newLine)
                case "=", "<", "$":
                    throw Unsupported(reason: "the '\(current)' tag")
                default:
                    let at = tagLocation()
                    flushWhiteSpace()
                    let name = try readName()
                    let (path, anchored) = Self.path(name)
                    nodes.append(.variable(path: path, anchored: anchored, escaped: true, at: at))
                }
                newLine = setNewLine
            }
            guard section == nil else { throw Unsupported(reason: "section '\(section!)' is never closed") }
            return nodes
        }

        /// Text up to a newline (not consumed) or through the next `{{`.
        mutating func readUntilTagOrNewline() throws -> String {
            var text = ""
            while !atEnd {
                let character = characters[position]
                if character == "\n" || character == "\r\n" { break }
                if character == "{" {
                    if position + 1 < characters.count, characters[position + 1] == "{" {
                        position += 2
                        break
                    }
                    guard position + 1 < characters.count else { throw Unsupported(reason: "a '{' at the very end") }
                }
                text.append(character)
                position += 1
            }
            return text
        }

        mutating func read(while accept: (Character) -> Bool) -> String {
            let start = position
            while !atEnd, accept(characters[position]) { position += 1 }
            return String(characters[start..<position])
        }

        mutating func readName() throws -> String {
            _ = read(while: \.isWhitespace)
            let name = read(while: { Self.nameCharacters.contains($0) })
            _ = read(while: \.isWhitespace)
            try expectClosingDelimiter()
            guard !name.contains("("), !name.contains(")") else { throw Unsupported(reason: "transforms") }
            return name
        }

        mutating func expectClosingDelimiter() throws {
            guard position + 1 < characters.count, characters[position] == "}", characters[position + 1] == "}" else {
                throw Unsupported(reason: "an unfinished tag")
            }
            position += 2
        }

        mutating func skipComment() throws {
            while position + 1 < characters.count {
                if characters[position] == "}", characters[position + 1] == "}" {
                    position += 2
                    return
                }
                position += 1
            }
            throw Unsupported(reason: "an unfinished comment")
        }

        /// Only the pragma Dossier puts on every template: anything else would change escaping.
        mutating func readPragma() throws {
            _ = read(while: \.isWhitespace)
            let variable = read(while: { Self.nameCharacters.contains($0) && $0 != "(" && $0 != ")" })
            _ = read(while: \.isWhitespace)
            guard current == ":" else { throw Unsupported(reason: "a malformed pragma") }
            position += 1
            _ = read(while: \.isWhitespace)
            let value = read(while: { Self.nameCharacters.contains($0) && $0 != "(" && $0 != ")" })
            _ = read(while: \.isWhitespace)
            try expectClosingDelimiter()
            guard variable == "CONTENT_TYPE", value == FastHTMLEscaping.name else {
                throw Unsupported(reason: "the pragma \(variable): \(value)")
            }
        }

        /// The tag ends its line: at the end of the text, or only spaces and a newline follow (consumed).
        mutating func standalone(_ newLine: Bool) -> Bool {
            guard newLine else { return false }
            if atEnd { return true }
            var probe = position
            while probe < characters.count, characters[probe] == " " || characters[probe] == "\t" { probe += 1 }
            guard probe < characters.count, characters[probe].isNewline else { return false }
            position = probe + 1
            return true
        }

        static func path(_ name: String) -> (path: [String], anchored: Bool) {
            if name == "." { return ([], true) }
            return (name.split(separator: ".").map(String.init), name.first == ".")
        }

        static let nameCharacters = Set<Character>("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-_?()*")
        static let partialNameCharacters = Set<Character>("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-_?()*/")
    }
}
