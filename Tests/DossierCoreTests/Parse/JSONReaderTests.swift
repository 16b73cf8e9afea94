import DossierAssess
import DossierIntake
import DossierModel
import DossierPack
import DossierPublish
import DossierResources
import Testing

@Suite struct JSONReaderTests {
    @Test func valuesAndKeysCarryTheirPositions() throws {
        let node = try JSONReader().read("""
            {
              "approver": "dana@example.com",
              "approved_at": "yesterday",
              "scopes": ["read", "write"]
            }
            """)
        #expect(node.location == SourceLocation(line: 1, column: 1))
        let members = try #require(node.members)
        #expect(members.map(\.key) == ["approver", "approved_at", "scopes"])
        #expect(members[1].keyLocation == SourceLocation(line: 3, column: 3))
        #expect(members[1].value.location == SourceLocation(line: 3, column: 18))
        #expect(node["scopes"]?.elements?[1].location == SourceLocation(line: 4, column: 22))
        #expect(node["scopes"]?.elements?.compactMap(\.string) == ["read", "write"])
    }

    @Test func columnsCountCharactersNotBytes() throws {
        let node = try JSONReader().read(#"{"name": "Zoë", "x": 1}"#)
        #expect(node["x"]?.location == SourceLocation(line: 1, column: 22))
    }

    @Test func escapesAndNumbersAreDecoded() throws {
        let node = try JSONReader().read(#"["a\"b\\c\n\u00e9\ud83d\ude00", -0.5e3, 12345678901234567890, true, false, null]"#)
        let elements = try #require(node.elements)
        #expect(elements[0].string == "a\"b\\c\né😀")
        #expect(elements[1].number == -500)
        #expect(elements[2].value == .number("12345678901234567890"))
        #expect(elements[3].bool == true)
        #expect(elements[5].value == .null)
    }

    @Test(arguments: [
        ("{\n  \"a\": 1,\n  \"b\": }", 3, 8, "expected a value"),
        ("{\"a\" 1}", 1, 6, "expected ':'"),
        ("[1, 2", 1, 6, "expected ',' or ']'"),
        ("\"open", 1, 1, "unterminated string"),
        ("{\"a\": tru}", 1, 7, "invalid literal"),
        ("[01]", 1, 3, "expected ',' or ']'"),
        ("{} {}", 1, 4, "after the JSON value"),
        ("", 1, 1, "unexpected end of file"),
        ("{'a': 1}", 1, 2, "double quotes"),
    ])
    func malformedInputIsReportedWhereItBreaks(text: String, line: Int, column: Int, message: String) {
        #expect {
            try JSONReader().read(text)
        } throws: { error in
            guard let syntax = error as? JSONSyntaxError else { return false }
            return syntax.location == SourceLocation(line: line, column: column) && syntax.message.contains(message)
        }
    }

    @Test func deepNestingIsRefusedNotACrash() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(throws: JSONSyntaxError.self) { try JSONReader().read(deep) }
        #expect(throws: Never.self) { try JSONReader(maxDepth: 300).read(String(repeating: "[", count: 200) + String(repeating: "]", count: 200)) }
    }
}
