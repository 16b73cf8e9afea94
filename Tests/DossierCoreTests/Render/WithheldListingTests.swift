import DossierPack
import DossierTestSupport
import Foundation
import Testing

/// A file withheld for a secret has no page, but the evidence index still lists it, as the manifest
/// does: an auditor sees that it exists and why it is not shown, and the count is of every file.
@Suite struct WithheldListingTests {
    @Test func theEvidenceIndexListsAWithheldFileWithoutItsTitle() throws {
        let folder = try TemporaryFolder([
            "evidence/dossier.yml": "organisation: Test Ltd\nscope: Test\n",
            "evidence/records/plain.md": "# Plain note\n",
            "evidence/records/leaky.md": "# Deploy notes of Project Kestrel\n\ntoken ghp_4f9Kq2LmZx8Rt6Vb1Nc3Wd5Ye7Ua0Ih2Jk4P\n",
        ])
        defer { folder.remove() }
        let options = BuildOptions(evidence: folder.subfolder("evidence"), output: folder.subfolder("pack"), environment: ["SOURCE_DATE_EPOCH": "1795392000"])
        _ = try BuildPipeline(options: options).build()
        let index = try folder.read("pack/evidence.html")
        #expect(index.contains("<strong>Withheld:</strong> <code>records/leaky.md</code>"), "the withheld file is not listed")
        #expect(!index.contains("Project Kestrel"), "a withheld file's title was published")
        #expect(!folder.exists("pack/evidence/records/leaky.html"))
        let overview = try folder.read("pack/index.html")
        #expect(overview.contains("<dt>Evidence files</dt><dd><a href=\"evidence.html\">3</a></dd>"), "the count leaves the withheld file out")
    }
}
