import DossierCore
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
