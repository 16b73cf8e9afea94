import DossierAssess
import DossierIntake
import DossierModel
import DossierPack
import DossierPublish
import DossierResources
import Foundation
import Testing

@Suite struct EvidenceLinkResolverTests {
    private let files = ["checklists/pre-launch.md", "logs/grant.json", "records/access review.md"].map {
        EvidenceFile(path: $0, url: URL(fileURLWithPath: "/e/" + $0), size: 1)
    }

    private func resolve(_ destination: String, image: Bool = false) -> EvidenceLinkResolver.Resolution {
        EvidenceLinkResolver(files: files).resolve(
            .init(destination: destination, location: SourceLocation(line: 4, column: 3), isImage: image), in: files[0])
    }

    private func replacement(_ resolution: EvidenceLinkResolver.Resolution) -> String? {
        if case .replace(let href) = resolution.rewrite { return href }
        return nil
    }

    @Test func relativeLinksPointAtTheTargetsPage() {
        #expect(replacement(resolve("../logs/grant.json")) == "../../evidence/logs/grant.json.html")
        #expect(replacement(resolve("./../records/access%20review.md#top")) == "../../evidence/records/access%20review.html")
    }

    @Test func webLinksAndAnchorsAreKept() {
        for destination in ["https://example.com", "mailto:dpo@example.com", "#section", ""] {
            let resolution = resolve(destination)
            #expect(resolution.diagnostic == nil, "\(destination)")
            if case .keep = resolution.rewrite {} else { Issue.record("\(destination) was not kept") }
        }
    }

    @Test(arguments: [
        ("nope.md", "dossier.link.missing-target"),
        ("../../etc/passwd", "dossier.link.outside-evidence"),
        ("..%2F..%2Fetc%2Fpasswd", "dossier.link.outside-evidence"),
        ("/etc/passwd", "dossier.link.absolute-path"),
    ])
    func unfollowableLinksAreDroppedAndReported(destination: String, identifier: String) {
        let resolution = resolve(destination)
        #expect(resolution.diagnostic?.identifier == identifier)
        #expect(resolution.diagnostic?.location == SourceLocation(line: 4, column: 3))
        if case .unlink = resolution.rewrite {} else { Issue.record("\(destination) was not dropped") }
    }

    @Test func remoteImagesAreNeverLoaded() {
        let resolution = resolve("https://tracker.example/pixel.png", image: true)
        #expect(resolution.diagnostic?.identifier == "dossier.link.remote-image")
        if case .unlink = resolution.rewrite {} else { Issue.record("remote image kept") }
    }
}
