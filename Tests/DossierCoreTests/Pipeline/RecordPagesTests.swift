import DossierAssess
import DossierIntake
import DossierModel
import DossierPack
import DossierPublish
import DossierResources
import DossierTestSupport
import Foundation
import Testing

/// Typed records read as documents on their pages: fields as tables, evidence as links.
@Suite struct RecordPagesTests {
    @Test func approvalAndChecklistPagesShowTheirRecords() throws {
        let hash = String(repeating: "0f", count: 32)
        let folder = try TemporaryFolder([
            "evidence/records/flow.md": "# Flow\n",
            "evidence/approvals/cab.json": """
                {"kind": "approval", "id": "CAB-7", "subject": {"path": "records/flow.md", "sha256": "\(hash)"},
                 "requester": {"name": "Hannah <b>Okafor</b>"}, "approver": {"name": "Fiona Marsh", "role": "CAB chair"},
                 "decision": "approved-with-conditions", "decided_at": "2026-10-06", "conditions": ["LOG-4 done"]}
                """,
            "evidence/checklists/c.md": "---\nkind: checklist\n---\n- [x] ACC-1 Scoped ([flow](../records/flow.md))\n- [ ] SEC-1 Vault\n- [x] DAT-1 N/A — no store\n",
        ])
        defer { folder.remove() }
        let options = BuildOptions(
            evidence: folder.subfolder("evidence"), output: folder.subfolder("output"), environment: ["SOURCE_DATE_EPOCH": "0"])
        _ = try BuildPipeline(options: options).build()
        let approval = try folder.read("output/evidence/approvals/cab.json.html")
        #expect(approval.contains(#"<th scope="row">Approved content</th><td><a href="../../evidence/records/flow.html">records/flow.md</a></td>"#))
        #expect(approval.contains("<td>approved with conditions</td>"))
        #expect(approval.contains("Fiona Marsh (CAB chair)"))
        #expect(approval.contains("Hannah &lt;b&gt;Okafor&lt;/b&gt;"), "structured fields are never interpreted as HTML")
        #expect(approval.contains("<td>LOG-4 done</td>"))
        let checklist = try folder.read("output/evidence/checklists/c.html")
        #expect(checklist.contains("3 items: 1 done · 1 open · 1 not applicable"))
        #expect(checklist.contains(#"<td><code>SEC-1</code></td><td class="state-open">Open</td>"#))
        #expect(try PackLinkWalker(root: folder.subfolder("output")).problems().isEmpty)
    }
}

@Suite struct PackPathSafetyTests {
    private func build(_ files: [String: String]) throws -> (WrittenPack, TemporaryFolder) {
        let folder = try TemporaryFolder(files.reduce(into: [:]) { $0["evidence/" + $1.key] = $1.value })
        let options = BuildOptions(evidence: folder.subfolder("evidence"), output: folder.subfolder("output"), environment: ["SOURCE_DATE_EPOCH": "0"])
        return (try BuildPipeline(options: options).build(), folder)
    }

    @Test func topLevelIndexMarkdownKeepsItsOwnPage() throws {
        let (_, folder) = try build(["index.md": "# My own index\n", "b.md": "# B\n"])
        defer { folder.remove() }
        #expect(try folder.read("output/evidence/index.html").contains("My own index"))
        #expect(try folder.read("output/evidence.html").contains("evidence/b.html"))
        #expect(try PackLinkWalker(root: folder.subfolder("output")).problems().isEmpty)
    }

    @Test func filesThatWouldShareAPageAreReported() throws {
        let (result, folder) = try build(["notes.md": "# Markdown notes\n", "notes": "plain notes\n"])
        defer { folder.remove() }
        let clash = result.diagnostics.filter { $0.identifier == "dossier.render.page-clash" }
        #expect(clash.map(\.file) == ["notes.md"], "'notes' sorts first and keeps the page")
        #expect(try folder.read("output/evidence/notes.html").contains("plain notes"))
    }

    @Test func namesWithSpecialCharactersLinkCorrectly() throws {
        let (_, folder) = try build(["approvals/CAB #12 50%.md": "# CAB\n", "a.md": "[cab](approvals/CAB%20%2312%2050%25.md)\n"])
        defer { folder.remove() }
        #expect(folder.exists("output/evidence/approvals/CAB #12 50%.html"))
        #expect(try PackLinkWalker(root: folder.subfolder("output")).problems().isEmpty)
        #expect(try folder.read("output/evidence/a.html").contains("CAB%20%2312%2050%25.html"))
    }

    @Test func onlyFollowableSchemesAreKept() throws {
        let (result, folder) = try build(["a.md": "[ftp](ftp://files.example/x) [web](https://example.com)\n"])
        defer { folder.remove() }
        #expect(result.diagnostics.map(\.identifier).contains("dossier.link.unsafe-scheme"))
        let page = try folder.read("output/evidence/a.html")
        #expect(!page.contains("href=\"ftp:"))
        #expect(page.contains(#"<a href="https://example.com">web</a>"#))
    }
}
