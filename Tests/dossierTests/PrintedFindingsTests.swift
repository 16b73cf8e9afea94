@testable import DossierCLI
import DossierModel
import Testing

/// `serve` prints every finding after its first build, then after each rebuild only the new ones.
struct PrintedFindingsTests {
    private func finding(_ file: String, line: Int) -> Diagnostic {
        Diagnostic(.warning, DiagnosticID.discoverUnreadable, "Folder cannot be read", file: file, at: SourceLocation(line: line, column: 1))
    }

    @Test func aRebuildPrintsOnlyTheFindingsThatAreNew() {
        let printed = PrintedFindings()
        let (a, b, c) = (finding("a.md", line: 1), finding("b.md", line: 2), finding("c.md", line: 3))
        let first = printed.news([a, b])
        #expect(first.new == [a, b] && first.gone == nil, "the first build did not print every finding")
        let second = printed.news([a, c])
        #expect(second.new == [c] && second.gone == 1)
        let third = printed.news([a, c])
        #expect(third.new.isEmpty && third.gone == 0, "an unchanged rebuild printed findings again")
        #expect(PrintedFindings.line(new: 1, gone: 0, all: 2) == "1 new finding, 0 no longer found; 2 in all (findings.html lists them)")
        #expect(PrintedFindings.line(new: 3, gone: 0, all: 9, hidden: 2)
                == "3 new findings (2 below --severity, not printed), 0 no longer found; 9 in all (findings.html lists them)")
    }
}
