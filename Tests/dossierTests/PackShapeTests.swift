import DossierModel
import DossierTestSupport
import Foundation
import Testing

/// `verify` checks the whole tree of a pack, not only the files its checksum list names: a symbolic
/// link anywhere (to a folder, to a file, to nothing), a special file, a folder no listed file is in,
/// and the files that describe the pack (`.dossier-pack`, `.gitkeep`, `signing-key.pem`) holding
/// anything but what Dossier writes there are all problems (exit 1). The sample pack, built into a
/// temporary folder, is the control of every test: untouched, it verifies.
@Suite struct PackShapeTests {
    /// Runs the built binary under `timeout`: a read blocked on a FIFO fails the test (exit 124)
    /// instead of hanging the suite.
    private func dossier(_ arguments: [String], in folder: TemporaryFolder) throws -> CommandRunner.Outcome {
        var environment = ProcessInfo.processInfo.environment
        environment["SOURCE_DATE_EPOCH"] = "1795392000"
        let timeout = try #require(CommandRunner.which("timeout"), "timeout (coreutils) is missing")
        return try CommandRunner.run(timeout, ["60", Repository.dossierBinary.path] + arguments, in: folder.url, environment: environment)
    }

    /// The sample evidence built as `pack`, and the control: it verifies.
    private func samplePack(_ files: [String: String] = [:]) throws -> TemporaryFolder {
        let folder = try TemporaryFolder(files)
        try FileManager.default.copyItem(at: Repository.root.appendingPathComponent("evidence"), to: folder.subfolder("evidence"))
        #expect(try dossier(["build", "evidence", "--output", "pack", "--quiet"], in: folder).status == 1, "the sample's planted error")
        try expectClean(folder)
        return folder
    }

    private func expectClean(_ folder: TemporaryFolder, _ pack: String = "pack") throws {
        let verify = try dossier(["verify", pack], in: folder)
        #expect(verify.status == 0, "\(verify.stdout)\(verify.stderr)")
    }

    private func expectProblem(_ folder: TemporaryFolder, _ problem: String) throws {
        let verify = try dossier(["verify", "pack"], in: folder)
        #expect(verify.status == 1 && verify.stderr.contains("pack: " + problem), "\(verify.stdout)\(verify.stderr)")
    }

    private func link(_ path: String, to target: String, in folder: TemporaryFolder) throws {
        try FileManager.default.createSymbolicLink(atPath: folder.subfolder(path).path, withDestinationPath: target)
    }

    @Test func verifyRefusesALinkToAFolderAddedToThePack() throws {
        let folder = try samplePack()
        defer { folder.remove() }
        // Every file seen through it is a listed one: only the link itself is out of place.
        try link("pack/copy", to: "evidence", in: folder)
        try expectProblem(folder, "symbolic link: copy -> evidence")
        try FileManager.default.removeItem(at: folder.subfolder("pack/copy"))
        try link("pack/evidence/sources", to: folder.subfolder("evidence").path, in: folder)
        try expectProblem(folder, "symbolic link: evidence/sources -> \(folder.subfolder("evidence").path)")
    }

    @Test func verifyRefusesAnAddedEmptyFolder() throws {
        let folder = try samplePack()
        defer { folder.remove() }
        try FileManager.default.createDirectory(at: folder.subfolder("pack/empty"), withIntermediateDirectories: true)
        try expectProblem(folder, "added folder: empty/")
        try FileManager.default.removeItem(at: folder.subfolder("pack/empty"))
        // Folders within folders: the topmost is named, once.
        try FileManager.default.createDirectory(at: folder.subfolder("pack/evidence/records/new/deeper"), withIntermediateDirectories: true)
        let verify = try dossier(["verify", "pack"], in: folder)
        #expect(verify.status == 1 && verify.stderr.contains("added folder: evidence/records/new/"), "\(verify.stderr)")
        #expect(!verify.stderr.contains("deeper"), "\(verify.stderr)")
    }

    @Test func verifyRefusesAPlaceholderWithContentAndAChangedMarker() throws {
        let folder = try samplePack()
        defer { folder.remove() }
        try folder.write("", to: "pack/.gitkeep")
        try expectClean(folder)
        try folder.write("every control satisfied", to: "pack/.gitkeep")
        try expectProblem(folder, ".gitkeep is not empty")
        try FileManager.default.removeItem(at: folder.subfolder("pack/.gitkeep"))
        try expectClean(folder)
        try folder.write("dossier pack\nevery control satisfied\n", to: "pack/.dossier-pack")
        try expectProblem(folder, ".dossier-pack has changed")
        try folder.write("dossier pack\n", to: "pack/.dossier-pack")
        try expectClean(folder)
        // Without its marker, as unzipped from a bundle, a pack still verifies.
        try FileManager.default.removeItem(at: folder.subfolder("pack/.dossier-pack"))
        try expectClean(folder)
    }

    @Test func verifyRefusesTextHiddenInTheSigningKeyFile() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try FileManager.default.copyItem(at: Repository.root.appendingPathComponent("evidence"), to: folder.subfolder("evidence"))
        #expect(try dossier(["keygen", "--out", "key"], in: folder).status == 0)
        #expect(try dossier(["build", "evidence", "--output", "pack", "--sign-key", "key.key", "--quiet"], in: folder).status == 1)
        let key = try folder.read("pack/signing-key.pem")
        let verify = try dossier(["verify", "pack", "--key", "key.pem"], in: folder)
        #expect(verify.status == 0, "the control: \(verify.stderr)")
        // The PEM reader skips such a line; the signatures stay good.
        try folder.write(key + "-----every control satisfied-----\n", to: "pack/signing-key.pem")
        let hidden = try dossier(["verify", "pack", "--key", "key.pem"], in: folder)
        #expect(hidden.status == 1 && hidden.stderr.contains("signing-key.pem holds more than"), "\(hidden.stderr)")
    }

    @Test func verifyRefusesALinkToAFileEvenOneWithTheSameContentOrNone() throws {
        let folder = try samplePack()
        defer { folder.remove() }
        // The page's own bytes, read through a link: every hash matches, but the pack no longer holds the page.
        try FileManager.default.moveItem(at: folder.subfolder("pack/index.html"), to: folder.subfolder("index.html"))
        try link("pack/index.html", to: folder.subfolder("index.html").path, in: folder)
        try expectProblem(folder, "symbolic link: index.html -> ")
        try FileManager.default.removeItem(at: folder.subfolder("pack/index.html"))
        try FileManager.default.moveItem(at: folder.subfolder("index.html"), to: folder.subfolder("pack/index.html"))
        try expectClean(folder)
        try link("pack/evidence/ghost.html", to: "/nonexistent/ghost.html", in: folder)
        try expectProblem(folder, "symbolic link: evidence/ghost.html -> /nonexistent/ghost.html")
    }

    /// A listed page replaced by a FIFO: `verify` and `bundle` see it for what it is and never wait on it.
    @Test func aPageReplacedByAFIFOFailsVerifyAndBundleWithoutHanging() throws {
        let folder = try samplePack()
        defer { folder.remove() }
        try FileManager.default.removeItem(at: folder.subfolder("pack/findings.html"))
        #expect(mkfifo(folder.subfolder("pack/findings.html").path, 0o644) == 0)
        try expectProblem(folder, "special file: findings.html")
        let bundle = try dossier(["bundle", "pack", "--output", "pack.zip"], in: folder)
        #expect(bundle.status == 1 && bundle.stderr.contains("special file: findings.html"), "\(bundle.stderr)")
        #expect(!folder.exists("pack.zip"))
    }

    @Test func bundleRefusesALinkToAHostFile() throws {
        let secret = "HOST-SECRET-\(UUID().uuidString)"
        let folder = try samplePack(["host/secret.txt": secret])
        defer { folder.remove() }
        try link("pack/evidence/notes.txt", to: folder.subfolder("host/secret.txt").path, in: folder)
        let bundle = try dossier(["bundle", "pack", "--output", "pack.zip"], in: folder)
        #expect(bundle.status == 1 && bundle.stderr.contains("symbolic link: evidence/notes.txt"), "\(bundle.stderr)")
        #expect(!folder.exists("pack.zip"))
    }

    /// `make pack` writes into `output/`, whose empty `.gitkeep` is committed: the pack keeps an empty
    /// one and verifies. A placeholder that holds something, or links elsewhere, is not copied: the
    /// pack gets an empty one.
    @Test func aMakePackOutputWithItsPlaceholderVerifies() throws {
        let secret = "HOST-SECRET-\(UUID().uuidString)"
        let folder = try TemporaryFolder(["output/.gitkeep": "", "host/secret.txt": secret])
        defer { folder.remove() }
        try FileManager.default.copyItem(at: Repository.root.appendingPathComponent("evidence"), to: folder.subfolder("evidence"))
        for _ in 0..<2 {
            #expect(try dossier(["build", "evidence", "--output", "output", "--quiet", "--no-cache"], in: folder).status == 1)
            #expect(try folder.read("output/.gitkeep") == "")
            try expectClean(folder, "output")
        }
        for placeholder in ["kept", "linked"] {
            try FileManager.default.removeItem(at: folder.subfolder("output/.gitkeep"))
            if placeholder == "kept" {
                try folder.write("notes for the team", to: "output/.gitkeep")
            } else {
                try link("output/.gitkeep", to: folder.subfolder("host/secret.txt").path, in: folder)
            }
            #expect(try dossier(["build", "evidence", "--output", "output", "--quiet", "--no-cache"], in: folder).status == 1)
            let attributes = try FileManager.default.attributesOfItem(atPath: folder.subfolder("output/.gitkeep").path)
            #expect(attributes[.type] as? FileAttributeType == .typeRegular && attributes[.size] as? Int == 0, "\(placeholder): \(attributes)")
            try expectClean(folder, "output")
        }
    }
}
