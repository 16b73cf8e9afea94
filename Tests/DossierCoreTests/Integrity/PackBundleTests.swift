@testable import DossierModel
@testable import DossierPack
import DossierTestSupport
import Foundation
import Testing

/// `PackBundle` on its own, without the `verify` that `dossier bundle` runs first (a pack can change
/// between the two): it zips files and folders only, and refuses a link or a special file rather than
/// follow it, before an existing zip is touched.
@Suite struct PackBundleTests {
    private static let manifest = #"{"build_date":"2026-11-23T00:00:00Z","generator":"test","inputs":[],"outputs":[]}"#

    /// A folder holding a small pack, and a host file outside it holding `secret`.
    private func packBesideAHostFile(_ secret: String) throws -> TemporaryFolder {
        try TemporaryFolder([
            "pack/manifest.json": Self.manifest, "pack/index.html": "<p>index</p>", "pack/evidence/a.html": "<p>a</p>",
            "pack/.dossier-pack": "dossier pack\n", "host/secret.txt": secret,
        ])
    }

    private func refusal(_ body: () throws -> Void) -> DossierError? {
        do {
            try body()
            return nil
        } catch {
            return error as? DossierError
        }
    }

    @Test func aLinkToAHostFileIsRefusedAndNothingOfItIsZipped() throws {
        let secret = "HOST-SECRET-\(UUID().uuidString)"
        let folder = try packBesideAHostFile(secret)
        defer { folder.remove() }
        // The control: the pack alone is zipped.
        try PackBundle().write(pack: folder.subfolder("pack"), to: folder.subfolder("good.zip"))
        #expect(folder.exists("good.zip"))
        try FileManager.default.createSymbolicLink(atPath: folder.subfolder("pack/evidence/notes.txt").path, withDestinationPath: folder.subfolder("host/secret.txt").path)
        try folder.write("an earlier zip", to: "pack.zip")
        let error = refusal { try PackBundle().write(pack: folder.subfolder("pack"), to: folder.subfolder("pack.zip")) }
        guard case .packRefused(let why)? = error?.reason else {
            Issue.record("not refused: \(String(describing: error))")
            return
        }
        #expect(error?.path.hasSuffix("pack/evidence/notes.txt") == true && why.contains("symbolic link"), "\(why)")
        #expect(try folder.read("pack.zip") == "an earlier zip", "the zip is not touched, so nothing from outside reached it")

        // A link to a folder outside is refused the same way, not entered.
        try FileManager.default.removeItem(at: folder.subfolder("pack/evidence/notes.txt"))
        try FileManager.default.createSymbolicLink(atPath: folder.subfolder("pack/host").path, withDestinationPath: folder.subfolder("host").path)
        #expect(refusal { try PackBundle().write(pack: folder.subfolder("pack"), to: folder.subfolder("folder.zip")) } != nil)
        #expect(!folder.exists("folder.zip"))
    }

    /// A FIFO would block a read forever; the walk sees it for what it is and never opens it. On a
    /// hang the test unblocks the read itself (by opening the FIFO for writing) and fails.
    @Test func aFIFOIsRefusedWithoutHanging() throws {
        let folder = try packBesideAHostFile("")
        defer { folder.remove() }
        let fifo = folder.subfolder("pack/evidence/pipe.html").path
        #expect(mkfifo(fifo, 0o644) == 0)
        let finished = DispatchSemaphore(value: 0)
        let outcome = Outcome()
        let pack = folder.subfolder("pack"), zip = folder.subfolder("fifo.zip")
        Thread.detachNewThread {
            outcome.error = self.refusal { try PackBundle().write(pack: pack, to: zip) }
            finished.signal()
        }
        if finished.wait(timeout: .now() + 20) == .timedOut {
            let writer = open(fifo, O_WRONLY | O_NONBLOCK)
            if writer >= 0 { close(writer) }
            _ = finished.wait(timeout: .now() + 20)
            Issue.record("bundle blocked on the FIFO")
            return
        }
        guard case .packRefused(let why)? = outcome.error?.reason else {
            Issue.record("not refused: \(String(describing: outcome.error))")
            return
        }
        #expect(why.contains("FIFO") && outcome.error?.path.hasSuffix("pipe.html") == true, "\(why)")
        #expect(!folder.exists("fifo.zip"))
    }

    private final class Outcome: @unchecked Sendable {
        var error: DossierError?
    }
}
