@testable import DossierAssess
@testable import DossierIntake
@testable import DossierModel
import Foundation
import Testing

/// The assessment works side by side and looks things up by position and by control; what it finds,
/// and in which order, is what working through the files one by one in path order gives.
@Suite struct AssessmentOrderTests {
    private static func answers(_ checklist: String, ticked: [String]) -> String {
        "---\nkind: checklist\nchecklist: \(checklist)\nanswered_at: 2026-11-01\n---\n\n"
            + ticked.map { "- [x] \($0) Done, see [the note](note.md).\n" }.joined()
    }

    @Test func documentsOutOfPathOrderAreWalkedInPathOrder() throws {
        let assessment = try AssessmentFixture.check([
            "notes.md": "# Markdown notes\n", "notes": "plain notes\n", "b.md": "# B\n", "a.md": "# A\n",
        ])
        let documents = assessment.documents
        let reversed = Array(documents.reversed())
        let paths = documents.map(\.path).sorted()
        #expect(documents.pathOrder.map { documents[$0].path } == paths)
        #expect(reversed.pathOrder.map { reversed[$0].path } == paths, "out of order, the positions are sorted")
        // Whichever order the documents come in, the first by path keeps the page.
        for order in [documents, reversed] {
            let clashes = PagePathRule.clashing(order)
            #expect(clashes.map(\.document.path) == ["notes.md"])
            #expect(clashes.map(\.owner.path) == ["notes"])
        }
    }

    @Test func answersFilesWeighedSideBySideKeepFileOrder() throws {
        var files = ["note.md": "---\nowner: A\nreviewed_at: 2026-11-01\nfreshness: 365\n---\n# Note\n"]
        for team in ["a", "b", "c", "d"] {
            files["\(team)/pre-launch.md"] = Self.answers("pre-launch", ticked: ["ACC-1", "ACC-2"])
            files["\(team)/promotion-gate.md"] = Self.answers("promotion-gate", ticked: ["OWN-1"])
        }
        let assessment = try AssessmentFixture.check(files)
        let answersFiles = assessment.compliance.items.map(\.answersFile)
        let inFileOrder = assessment.documents.map(\.path).filter { answersFiles.contains($0) }
        // Each file's items together, the files in the order of the documents.
        #expect(answersFiles.reduce(into: [String]()) { if $0.last != $1 { $0.append($1) } } == inFileOrder)
        #expect(inFileOrder.count == 8)
        let unanswered = assessment.diagnostics.filter { $0.identifier == DiagnosticID.itemUnanswered.rawValue }
        #expect(unanswered.compactMap(\.file) == inFileOrder)
    }

    @Test func anEngineKeepsWhatWasReportedInItsOrder() {
        let engine = DiagnosticEngine()
        let later = Diagnostic(.warning, DiagnosticID.itemOpen, "second", file: "b.md")
        let earlier = Diagnostic(.warning, DiagnosticID.itemOpen, "first", file: "a.md")
        engine.report(later)
        engine.report(earlier)
        #expect(engine.inReportingOrder == [later, earlier])
        #expect(engine.diagnostics == [earlier, later])
    }

    @Test func theLinkRuleSeesWhatTheRendererDrops() {
        let files = ["checklists/pre-launch.md", "logs/grant.json", "records/access review.md", "données/café.md"].map {
            EvidenceFile(path: $0, url: URL(fileURLWithPath: "/e/" + $0), size: 1)
        }
        let resolver = EvidenceLinkResolver(files: files)
        let destinations = [
            "../logs/grant.json", "./../records/access%20review.md#top", "../données/café.md", "nope.md", "../../etc/passwd",
            "/etc/passwd", "https://example.com", "javascript:alert(1)", "#top", "", "..%2F..%2Fx", "C:\\x", "é:x",
        ]
        for destination in destinations {
            for image in [false, true] {
                let link = CommonMarkDocument.Link(destination: destination, location: SourceLocation(line: 2, column: 1), isImage: image)
                #expect(resolver.problem(link, in: files[0]) == resolver.resolve(link, in: files[0]).diagnostic, "\(destination)")
            }
        }
    }

    @Test func pathsAreJoinedAlikeInASCIIAndBeyond() {
        #expect(EvidenceLinkResolver.normalise("./a//b/../c.md", relativeTo: "x/y.md") == "x/a/c.md")
        #expect(EvidenceLinkResolver.normalise("../données/./café.md", relativeTo: "notes/é.md") == "données/café.md")
        #expect(EvidenceLinkResolver.normalise("..\\up.md", relativeTo: "a/b/c.md") == "a/up.md")
        #expect(EvidenceLinkResolver.normalise("../../x.md", relativeTo: "a.md") == nil)
        // A slash that a combining mark follows is one character, not a separator.
        #expect(EvidenceLinkResolver.normalise("a/\u{301}b", relativeTo: "é.md") == "a/\u{301}b")
        #expect(EvidenceLinkResolver.normalise("a/\u{301}b", relativeTo: "e.md") == "a/\u{301}b")
    }

    @Test(arguments: [
        ("https://example.com", true), ("mailto:a@b", true), ("svn+ssh://h", true), ("a.b-c:x", true), ("1http:x", false),
        ("h t:x", false), ("no-colon", false), (":x", false), ("é:x", false), ("ht\u{301}tp:x", false), ("x\r\n:y", false),
    ])
    func schemesAreFoundAlikeInASCIIAndBeyond(destination: String, scheme: Bool) {
        #expect(EvidenceLinkResolver.hasScheme(destination) == scheme)
    }
}

@Suite struct TrimmingBlanksTests {
    @Test(arguments: ["", " ", "\t", "2026-11-23", " 2026-11-23 ", "a\t", "\ta", "\u{3000}x", "x\u{3000}", "\u{A0}", "é", " \u{301}", "a b", "\n"])
    func blanksAreTrimmedAsFoundationTrimsThem(text: String) {
        #expect(text.trimmingBlanks == text.trimmingCharacters(in: .whitespaces))
    }
}
