import DossierTestSupport
import Foundation
import Testing

/// `build --pdf`: `print.html` printed by headless Chromium into `pack.pdf`, the same bytes on every
/// build of the same evidence, read back with poppler's pdfinfo and pdftotext (`make test` installs both).
@Suite(.serialized, .enabled(if: Chromium.suitesRun, Chromium.skipReason)) struct PrintPDFTests {
    static func buildWithPDF(into output: URL) throws -> CommandRunner.Outcome {
        var environment = ProcessInfo.processInfo.environment
        environment["SOURCE_DATE_EPOCH"] = "1795392000"
        return try CommandRunner.run(
            Repository.dossierBinary, ["build", Repository.root.appendingPathComponent("evidence").path, "--output", output.path, "--quiet", "--pdf"],
            environment: environment)
    }

    private func poppler(_ tool: String, _ arguments: [String]) throws -> String {
        let url = try #require(CommandRunner.which(tool), "\(tool) is missing: run `make test` (it installs poppler-utils)")
        let outcome = try CommandRunner.run(url, arguments)
        #expect(outcome.status == 0, "\(tool): \(outcome.stderr)")
        return outcome.stdout
    }

    /// Two builds into two folders: the same PDF byte for byte (Chromium's clock is replaced by the build
    /// date), listed in the manifest and checked by `verify`, with the pack's pages in it as text.
    @Test func twoBuildsPrintTheSameBytesAndThePDFHoldsThePack() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        for name in ["first", "second"] {
            let outcome = try Self.buildWithPDF(into: folder.subfolder(name))
            #expect(outcome.status == 1, "the sample's planted error exits 1 with the pack written: \(outcome.stderr)")
        }
        let first = try Data(contentsOf: folder.subfolder("first/pack.pdf"))
        let second = try Data(contentsOf: folder.subfolder("second/pack.pdf"))
        #expect(first.starts(with: Data("%PDF-".utf8)))
        #expect(first == second, "pack.pdf differs between two builds of the same evidence")
        #expect(try folder.read("first/SHA256SUMS").contains("  pack.pdf\n"), "pack.pdf is not in SHA256SUMS")
        #expect(try folder.read("first/manifest.json").contains("\"pack.pdf\""), "pack.pdf is not in the manifest")
        let verify = try CommandRunner.run(Repository.dossierBinary, ["verify", folder.subfolder("first").path])
        #expect(verify.status == 0, "\(verify.stdout) \(verify.stderr)")

        let info = try poppler("pdfinfo", [folder.subfolder("first/pack.pdf").path])
        let pages = info.split(separator: "\n").first { $0.hasPrefix("Pages:") }.flatMap { Int($0.dropFirst(6).trimmingCharacters(in: .whitespaces)) }
        #expect((pages ?? 0) > 20, "\(info)")
        // SOURCE_DATE_EPOCH 1795392000 is 2026-11-23T00:00:00Z: the build date, not the time of printing.
        #expect(info.contains("CreationDate:    Mon Nov 23 00:00:00 2026 UTC") && info.contains("ModDate:         Mon Nov 23 00:00:00 2026 UTC"), "\(info)")
        let text = try poppler("pdftotext", [folder.subfolder("first/pack.pdf").path, "-"])
        // A control with its title, a finding with its rule, the SoA and the evidence index (cells wrap, so short phrases).
        for expected in ["Statement of Applicability", "CC6.1", "Logical access", "dossier.approval.hash-mismatch", "DPA-HD-0114",
                         "ROPA-CRED-2026-09-17", "Evidence index"] {
            #expect(text.contains(expected), "pack.pdf lacks \(expected)")
        }
    }
}

/// `build --pdf` on a machine without Chromium stops before writing anything, says what to install, exits 2.
@Suite struct PrintPDFWithoutChromiumTests {
    private func build(_ environment: [String: String], in folder: TemporaryFolder) throws -> CommandRunner.Outcome {
        try CommandRunner.run(
            Repository.dossierBinary, ["build", Repository.root.appendingPathComponent("evidence").path, "--output", folder.subfolder("pack").path, "--pdf"],
            environment: environment)
    }

    @Test func noBrowserOnPathExitsTwoNamingWhatToInstall() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        // A PATH holding no browser (an empty folder), and no DOSSIER_CHROMIUM.
        try folder.write("", to: "empty/.keep")
        let outcome = try build(["PATH": folder.subfolder("empty").path, "SOURCE_DATE_EPOCH": "1795392000"], in: folder)
        #expect(outcome.status == 2, "\(outcome.stderr)")
        #expect(outcome.stderr.contains("chromium, chromium-browser, google-chrome") && outcome.stderr.contains("apt-get install chromium")
            && outcome.stderr.contains("DOSSIER_CHROMIUM"), "\(outcome.stderr)")
        #expect(!folder.exists("pack"), "a build that cannot print wrote a pack")
    }

    @Test func aVariableNamingNoBrowserExitsTwo() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        var environment = ProcessInfo.processInfo.environment
        environment["DOSSIER_CHROMIUM"] = folder.subfolder("no-such-browser").path
        let outcome = try build(environment, in: folder)
        #expect(outcome.status == 2, "\(outcome.stderr)")
        #expect(outcome.stderr.contains("DOSSIER_CHROMIUM names") && outcome.stderr.contains("no-such-browser"), "\(outcome.stderr)")
    }

    /// A browser that fails leaves no half-written pack: the staging folder is dropped, and the build exits 2.
    @Test func aBrowserThatFailsToPrintExitsTwoAndWritesNoPack() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        var environment = ProcessInfo.processInfo.environment
        environment["DOSSIER_CHROMIUM"] = try #require(CommandRunner.which("false")).path
        environment["SOURCE_DATE_EPOCH"] = "1795392000"
        let outcome = try build(environment, in: folder)
        #expect(outcome.status == 2, "\(outcome.stderr)")
        #expect(outcome.stderr.contains("cannot print 'pack.pdf'") && outcome.stderr.contains("exited with status 1"), "\(outcome.stderr)")
        #expect(!folder.exists("pack/index.html"), "a build whose PDF failed wrote the pack")
    }
}
