import DossierAssess
import DossierIntake
import DossierModel
import DossierPack
import DossierPublish
import DossierResources
import Foundation
import Testing

@Suite struct YAMLReaderTests {
    @Test func scalarsAreTypedAndPositioned() throws {
        let node = try YAMLReader().read("""
            name: Northwind
            count: 12
            ratio: 1.5
            enabled: true
            nothing: null
            quoted: "12"
            day: 2026-10-06
            list:
              - a
              - b
            """)
        #expect(node["name"]?.string == "Northwind")
        #expect(node["count"]?.value == .number("12"))
        #expect(node["ratio"]?.number == 1.5)
        #expect(node["enabled"]?.bool == true)
        #expect(node["nothing"]?.value == .null)
        #expect(node["quoted"]?.string == "12")
        #expect(node["day"]?.string == "2026-10-06")
        #expect(node["list"]?.elements?.compactMap(\.string) == ["a", "b"])
        #expect(node["count"]?.location == SourceLocation(line: 2, column: 8))
        #expect(node.members?[7].keyLocation == SourceLocation(line: 8, column: 1))
        #expect(node["list"]?.elements?[1].location == SourceLocation(line: 10, column: 5))
    }

    @Test func syntaxErrorsCarryTheirPosition() {
        #expect {
            try YAMLReader().read("a: 1\nb: [unclosed\nc: 3\n")
        } throws: { error in
            guard let syntax = error as? JSONSyntaxError else { return false }
            return syntax.location.line >= 2
        }
    }

    @Test func aliasBombIsRefused() {
        var yaml = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for level in 1...8 {
            let previous = "*a\(level - 1)"
            yaml += "a\(level): &a\(level) [\(Array(repeating: previous, count: 10).joined(separator: ", "))]\n"
        }
        #expect(throws: JSONSyntaxError.self) { try YAMLReader(maxNodes: 100_000).read(yaml) }
    }

    /// The yaml fuzz target's find: an alias bomb of plain scalars is refused by the budget, and the
    /// repeated scalars are typed from the memo (the same values and positions as without it).
    @Test func repeatedPlainScalarsKeepTheirTypes() throws {
        let tree = try YAMLReader().read("a: &a [true, 12, x]\nb: [*a, *a]\n")
        let expanded = try #require(tree["b"]?.elements?.first?.elements)
        #expect(expanded.map(\.value) == [.bool(true), .number("12"), .string("x")])
        // A block scalar or an explicit tag types its text differently; the memo must not carry that over.
        let mixed = try YAMLReader().read("note: |-\n  123\ndays: 123\na: !!str yes\nb: yes\n")
        #expect(mixed["note"]?.value == .string("123"))
        #expect(mixed["days"]?.value == .number("123"))
        #expect(mixed["a"]?.value == .string("yes"))
        #expect(mixed["b"]?.value == .bool(true))
        // Base-60 numbers are YAML 1.1, not the core schema; a time of day stays text, and an overflowing one cannot trap.
        let clock = try YAMLReader().read("at: 12:30\nbig: 51111110560:7:517:555551111110560:7:61\n")
        #expect(clock["at"]?.value == .string("12:30"))
        #expect(clock["big"]?.value == .string("51111110560:7:517:555551111110560:7:61"))
        let bomb = String(decoding: try Data(contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../Fixtures/fuzz/yaml/alias-bomb-typed-scalars.yml")), as: UTF8.self)
        #expect { try YAMLReader().read(bomb) } throws: { ($0 as? JSONSyntaxError)?.message.contains("expands to more than") == true }
    }
}
