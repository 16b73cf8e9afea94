import DossierTestSupport
import DossierAssess
import DossierCLI
import DossierIntake
import DossierModel
import DossierPack
import DossierPublish
import DossierResources
import Foundation
import Testing

/// A pack provable years later with ordinary tools: verify with Dossier, `sha256sum -c` and OpenSSL
/// all pass on a fresh pack and all fail after a one-byte edit; diffs find regressions; bundles are
/// reproducible.
@Suite struct IntegrityTests {
    private func run(_ executable: URL, _ arguments: [String], in folder: URL) throws -> CommandRunner.Outcome {
        var environment = ProcessInfo.processInfo.environment
        environment["SOURCE_DATE_EPOCH"] = "1795392000"
        return try CommandRunner.run(executable, arguments, in: folder, environment: environment)
    }

    private func dossier(_ arguments: [String], in folder: URL) throws -> CommandRunner.Outcome {
        try run(Repository.dossierBinary, arguments, in: folder)
    }

    private func tool(_ name: String, _ arguments: [String], in folder: URL) throws -> CommandRunner.Outcome? {
        guard let path = CommandRunner.which(name) else { return nil }
        return try run(path, arguments, in: folder)
    }

    /// A signed pack of the sample evidence, with its key pair beside it.
    private func signedPack() throws -> TemporaryFolder {
        let folder = try TemporaryFolder()
        try FileManager.default.copyItem(at: Repository.root.appendingPathComponent("evidence"), to: folder.subfolder("evidence"))
        let keys = try dossier(["keygen", "--out", "key"], in: folder.url)
        #expect(keys.status == 0 && keys.stdout.contains("Fingerprint: SHA256:"), "\(keys.stderr)")
        let build = try dossier(["build", "evidence", "--output", "pack", "--sign-key", "key.key"], in: folder.url)
        #expect(build.status == 1, "the sample's planted error: \(build.stderr)")
        #expect(build.stdout.contains("Manifest SHA-256: ") && build.stdout.contains("signed with key SHA256:"))
        return folder
    }

    private func allChecks(_ folder: TemporaryFolder) throws -> (dossier: Bool, sha256sum: Bool?, openssl: Bool?) {
        let pack = folder.subfolder("pack")
        let verify = try dossier(["verify", "pack", "--key", "key.pem"], in: folder.url)
        let sums = try tool("sha256sum", ["-c", "--quiet", "SHA256SUMS"], in: pack)
        let openssl = try ["SHA256SUMS", "manifest.json"].map { file in
            try tool("openssl", ["pkeyutl", "-verify", "-pubin", "-inkey", "../key.pem", "-rawin", "-in", file, "-sigfile", file + ".sig"], in: pack)
        }
        return (verify.status == 0, sums.map { $0.status == 0 }, openssl.contains { $0 == nil } ? nil : openssl.allSatisfy { $0!.status == 0 })
    }

    @Test func freshPackPassesEveryCheckAndAOneByteEditFailsThemAll() throws {
        let folder = try signedPack()
        defer { folder.remove() }
        let fresh = try allChecks(folder)
        // `make test` installs openssl; sha256sum is in coreutils. In CI both must have run.
        if ProcessInfo.processInfo.environment["CI"] != nil { #expect(fresh.sha256sum != nil && fresh.openssl != nil) }
        #expect(fresh.dossier && fresh.sha256sum != false && fresh.openssl != false)
        #expect(folder.exists("pack/signing-key.pem") && !folder.exists("pack/key.key"), "the private key never enters the pack")

        // One byte of one page, then one byte of the checksum list itself.
        let page = folder.subfolder("pack/index.html")
        var bytes = try Data(contentsOf: page)
        bytes[bytes.count / 2] ^= 0x01
        try bytes.write(to: page)
        let edited = try allChecks(folder)
        #expect(!edited.dossier && edited.sha256sum != true)
        let sums = folder.subfolder("pack/SHA256SUMS")
        var list = try Data(contentsOf: sums)
        list[10] = list[10] == UInt8(ascii: "a") ? UInt8(ascii: "b") : UInt8(ascii: "a")
        try list.write(to: sums)
        #expect(try allChecks(folder).openssl != true, "the signature no longer matches the checksum list")
    }

    @Test func verifyFailsForAddedOrRemovedFilesAndAWrongKey() throws {
        let folder = try signedPack()
        defer { folder.remove() }
        try folder.write("<p>extra</p>", to: "pack/extra.html")
        let added = try dossier(["verify", "pack"], in: folder.url)
        #expect(added.status == 1 && added.stderr.contains("added: extra.html"))
        #expect(added.stderr.contains("proves nothing unless"), "the pack's own key earns a warning")
        try FileManager.default.removeItem(at: folder.subfolder("pack/extra.html"))
        try FileManager.default.removeItem(at: folder.subfolder("pack/findings.html"))
        let removed = try dossier(["verify", "pack", "--key", "key.pem"], in: folder.url)
        #expect(removed.status == 1 && removed.stderr.contains("missing: findings.html"))

        let other = try signedPack()
        defer { other.remove() }
        let wrongKey = try dossier(["verify", "pack", "--key", other.subfolder("key.pem").path], in: folder.url)
        #expect(wrongKey.status == 1 && wrongKey.stderr.contains("bad signature"))
        #expect(wrongKey.stderr.contains("good for the pack's own key"), "another signer is named as such: \(wrongKey.stderr)")
        let privateKey = try dossier(["verify", "pack", "--key", "key.key"], in: folder.url)
        #expect(privateKey.status == 1 && privateKey.stderr.contains("the key given is the private signing key"), "\(privateKey.stderr)")
    }

    @Test func aFileSlippedIntoTheChecksumsWithItsSignatureStrippedIsCaught() throws {
        let folder = try signedPack()
        defer { folder.remove() }
        #expect(try dossier(["verify", "pack", "--key", "key.pem"], in: folder.url).status == 0, "the control: untouched, it verifies")
        let page = "<h1>every control satisfied</h1>"
        try folder.write(page, to: "pack/verdict.html")
        let sums = try folder.read("pack/SHA256SUMS") + ContentHash.sha256(Data(page.utf8)) + "  verdict.html\n"
        try folder.write(sums, to: "pack/SHA256SUMS")
        try FileManager.default.removeItem(at: folder.subfolder("pack/SHA256SUMS.sig"))
        let outcome = try dossier(["verify", "pack", "--key", "key.pem"], in: folder.url)
        #expect(outcome.status == 1, "\(outcome.stdout)\(outcome.stderr)")
        #expect(outcome.stderr.contains("SHA256SUMS lists verdict.html, which manifest.json does not"))
        #expect(outcome.stderr.contains("SHA256SUMS.sig is missing, though the pack is signed"))

        // Stripped of every signature and of its key, the pack still verifies, but says it is unsigned.
        try FileManager.default.removeItem(at: folder.subfolder("pack/verdict.html"))
        let original = sums.components(separatedBy: "\n").filter { !$0.hasSuffix("  verdict.html") }.joined(separator: "\n")
        try folder.write(original, to: "pack/SHA256SUMS")
        for file in ["manifest.json.sig", "signing-key.pem"] { try FileManager.default.removeItem(at: folder.subfolder("pack/" + file)) }
        let stripped = try dossier(["verify", "pack"], in: folder.url)
        #expect(stripped.status == 0 && stripped.stderr.contains("the pack is not signed"), "\(stripped.stderr)")
        #expect(try dossier(["verify", "pack", "--key", "key.pem"], in: folder.url).status == 1, "with a key, unsigned fails")
    }

    /// The sample built as pack `old`, then, with item `id` of its answers unticked, as pack `new`.
    private func packsAroundUnticking(_ id: String) throws -> TemporaryFolder {
        let folder = try TemporaryFolder()
        try FileManager.default.copyItem(at: Repository.root.appendingPathComponent("evidence"), to: folder.subfolder("evidence"))
        _ = try dossier(["build", "evidence", "--output", "old", "--quiet"], in: folder.url)
        let answers = folder.subfolder("evidence/checklists/pre-launch.md")
        let text = try String(contentsOf: answers, encoding: .utf8)
        #expect(text.contains("- [x] \(id) "), "\(id) is ticked in the sample")
        try text.replacingOccurrences(of: "- [x] \(id) ", with: "- [ ] \(id) ").write(to: answers, atomically: true, encoding: .utf8)
        _ = try dossier(["build", "evidence", "--output", "new", "--quiet"], in: folder.url)
        return folder
    }

    @Test func diffFindsAPlantedRegression() throws {
        // The only item evidencing ISO 8.15's logging items is unticked.
        let folder = try packsAroundUnticking("LOG-1")
        defer { folder.remove() }
        let diff = try dossier(["diff", "old", "new", "--fail-on-regression"], in: folder.url)
        #expect(diff.status == 1, "\(diff.stdout)\(diff.stderr)")
        #expect(diff.stdout.contains("Regressions (") && !diff.stdout.contains("Regressions (0)"))
        #expect(diff.stdout.contains("Evidence changed (1)") && diff.stdout.contains("checklists/pre-launch.md"))
        let json = try dossier(["diff", "old", "new", "--json"], in: folder.url)
        let parsed = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        #expect((parsed?["status_changes"] as? [[String: Any]])?.first?["regression"] as? Bool == true)
        let same = try dossier(["diff", "old", "old", "--fail-on-regression"], in: folder.url)
        #expect(same.status == 0)
        // The same comparison as a page of the new pack.
        _ = try dossier(["build", "evidence", "--output", "paged", "--quiet", "--previous", "old"], in: folder.url)
        let page = try folder.read("paged/diff.html")
        #expect(page.contains("<h2 id=\"regressions-heading\">Regressions</h2>") && !page.contains("No control got worse."))
        #expect(page.contains(#"href="controls/"#), "regressed controls are linked")
        #expect(try folder.read("paged/index.html").contains(#"<a href="diff.html">"#))
        #expect(try dossier(["verify", "paged"], in: folder.url).status == 0, "the diff page is covered by the checksums")
    }

    /// SEC-1 loses its tick: every control it evidences was partial already, so only the item shows the loss.
    @Test func diffFailsOnAnItemThatIsNoLongerProvenThoughNoControlRegressed() throws {
        let folder = try packsAroundUnticking("SEC-1")
        defer { folder.remove() }
        #expect(try folder.read("new/report.json").hasPrefix("{\n  \"schema_version\" : 2,\n"))

        let diff = try dossier(["diff", "old", "new", "--fail-on-regression"], in: folder.url)
        #expect(diff.status == 1, "\(diff.stdout)\(diff.stderr)")
        #expect(diff.stdout.contains("Regressions (1)\n  pre-launch SEC-1: proven → open\n"), "\(diff.stdout)")
        let json = try JSONSerialization.jsonObject(with: Data(try dossier(["diff", "old", "new", "--json"], in: folder.url).stdout.utf8)) as? [String: Any]
        #expect((json?["status_changes"] as? [[String: Any]])?.contains { $0["regression"] as? Bool == true } == false, "no control regressed")
        #expect((json?["item_changes"] as? [[String: Any]])?.map { "\($0["id"] ?? "") \($0["old"] ?? "") \($0["new"] ?? "")" } == ["SEC-1 proven open"])

        // The earlier pack as a version-1 report, without schema_version: read, and compared alike.
        let version1 = try folder.read("old/report.json").replacingOccurrences(of: "  \"schema_version\" : 2,\n", with: "")
        #expect(!version1.contains("schema_version"))
        try folder.write(version1, to: "old/report.json")
        let fromVersion1 = try dossier(["diff", "old", "new", "--fail-on-regression"], in: folder.url)
        #expect(fromVersion1.status == 1 && fromVersion1.stdout.contains("pre-launch SEC-1: proven → open"), "\(fromVersion1.stdout)\(fromVersion1.stderr)")
        // The diff page of a pack built against it names the item too.
        _ = try dossier(["build", "evidence", "--output", "paged", "--quiet", "--previous", "old"], in: folder.url)
        #expect(try folder.read("paged/diff.html").contains("<li>pre-launch SEC-1: <span class=\"status item-proven\">proven</span> → <span class=\"status item-open\">open</span></li>"))
    }

    @Test func diffSeesNoNewFindingsWhenOnlyTheDateAndTheFolderNameChanged() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let sample = Repository.root.appendingPathComponent("evidence")
        try FileManager.default.copyItem(at: sample, to: folder.subfolder("evidence"))
        try FileManager.default.copyItem(at: sample, to: folder.subfolder("renamed"))
        // The sample's remediation falls due between the two builds (2026-11-27): its overdue warning
        // would be a finding really new, not a message that only changed, which is what this is about.
        for copy in ["evidence", "renamed"] { try FileManager.default.removeItem(at: folder.subfolder(copy + "/remediation")) }
        var environment = ProcessInfo.processInfo.environment
        environment["SOURCE_DATE_EPOCH"] = "1795392000"
        _ = try CommandRunner.run(Repository.dossierBinary, ["build", "evidence", "--output", "week1", "--quiet"], in: folder.url, environment: environment)
        // A week later, from a folder of another name: the stale record's message now counts 7 more days.
        environment["SOURCE_DATE_EPOCH"] = String(1_795_392_000 + 7 * 86_400)
        _ = try CommandRunner.run(Repository.dossierBinary, ["build", "renamed", "--output", "week2", "--quiet"], in: folder.url, environment: environment)
        let week1 = try folder.read("week1/report.json"), week2 = try folder.read("week2/report.json")
        #expect(week1.contains(#""file" : "evidence/records/staging-purge-check.md""#) && week2.contains(#""file" : "renamed/records/"#))
        #expect(week1.contains(#""evidence_prefix" : "evidence/""#))
        #expect(week1.contains("54 days before the build date") && week2.contains("61 days before the build date"), "the control: a message did change")
        let diff = try dossier(["diff", "week1", "week2"], in: folder.url)
        #expect(diff.stdout.contains("New findings (0)"), "\(diff.stdout)")
        #expect(diff.stdout.contains("Approvals, waivers and agreements that lapsed (0)"), "\(diff.stdout)")
        // A pack from before reports carried `evidence_prefix` compares just as well.
        try FileManager.default.copyItem(at: folder.subfolder("week1"), to: folder.subfolder("older"))
        let stripped = try folder.read("older/report.json").replacingOccurrences(of: #"  "evidence_prefix" : "evidence/","#, with: "")
        #expect(!stripped.contains("evidence_prefix"))
        try folder.write(stripped, to: "older/report.json")
        let fromOlder = try dossier(["diff", "older", "week2"], in: folder.url)
        #expect(fromOlder.stdout.contains("New findings (0)"), "\(fromOlder.stdout)")

        // A finding that is really new still shows, once.
        let record = folder.subfolder("renamed/activities/ticket-summariser.yml")
        let text = try String(contentsOf: record, encoding: .utf8)
        try text.replacingOccurrences(of: "\nerasure:", with: "\nerasure_typo:").write(to: record, atomically: true, encoding: .utf8)
        _ = try CommandRunner.run(Repository.dossierBinary, ["build", "renamed", "--output", "week2b", "--quiet"], in: folder.url, environment: environment)
        let changed = try dossier(["diff", "week1", "week2b"], in: folder.url)
        #expect(changed.stdout.contains("New findings (") && !changed.stdout.contains("New findings (0)"), "\(changed.stdout)")
        #expect(changed.stdout.contains("activities/ticket-summariser.yml"))

        // A second point missing from the same record, reported at the same place, is new too.
        let both = try String(contentsOf: record, encoding: .utf8)
            .replacingOccurrences(of: "\nsecurity_measures:", with: "\nsecurity_measures_typo:")
        try both.write(to: record, atomically: true, encoding: .utf8)
        _ = try CommandRunner.run(Repository.dossierBinary, ["build", "renamed", "--output", "week2c", "--quiet"], in: folder.url, environment: environment)
        let again = try dossier(["diff", "week2b", "week2c"], in: folder.url)
        #expect(again.stdout.contains("security measures (GDPR Art. 30(1)(g))"), "\(again.stdout)")
        #expect(!again.stdout.contains("erasure (GDPR Art. 30(1)(f))"), "the first missing point is not new")
    }

    @Test func twoBundlesOfAPackAreIdentical() throws {
        let folder = try signedPack()
        defer { folder.remove() }
        #expect(try dossier(["bundle", "pack", "--output", "one.zip"], in: folder.url).status == 0)
        #expect(try dossier(["bundle", "pack", "--output", "two.zip"], in: folder.url).status == 0)
        let one = try Data(contentsOf: folder.subfolder("one.zip")), two = try Data(contentsOf: folder.subfolder("two.zip"))
        #expect(one == two && one.count > 10_000)
    }

    /// Unzipped by another implementation (Python's zipfile), the pack still verifies: the zip is a
    /// plain one any tool reads. Skipped visibly without python3, never under CI.
    @Test(.enabled(if: CommandRunner.which("python3") != nil || ProcessInfo.processInfo.environment["CI"] != nil, "python3 is not installed"))
    func aBundleUnzippedByAnotherToolVerifies() throws {
        let python = try #require(CommandRunner.which("python3"), "python3 is missing: make test installs it")
        let folder = try signedPack()
        defer { folder.remove() }
        #expect(try dossier(["bundle", "pack", "--output", "one.zip"], in: folder.url).status == 0)
        #expect(try run(python, ["-m", "zipfile", "-e", "one.zip", "unzipped"], in: folder.url).status == 0)
        let verify = try dossier(["verify", "unzipped/pack", "--key", "key.pem"], in: folder.url)
        #expect(verify.status == 0, "\(verify.stderr)")
    }

    @Test func buildZipsThePackAsBundleDoes() throws {
        let folder = try signedPack()
        defer { folder.remove() }
        #expect(try dossier(["bundle", "pack", "--output", "bundled.zip"], in: folder.url).status == 0)
        let built = try dossier(["build", "evidence", "--output", "pack", "--sign-key", "key.key", "--zip", "built.zip", "--no-cache"], in: folder.url)
        #expect(built.status == 1 && built.stdout.contains("Wrote built.zip"), "the sample's planted error still fails: \(built.stdout)")
        #expect(try Data(contentsOf: folder.subfolder("built.zip")) == Data(contentsOf: folder.subfolder("bundled.zip")))
    }

    /// A mistyped pack folder is not a pack someone changed: it is said plainly, and it cannot continue.
    @Test func bundleOfAFolderThatIsNotThereSaysSo() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let missing = try dossier(["bundle", "nosuch"], in: folder.url)
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("nosuch: no such pack folder") && !missing.stderr.contains("changed"), "\(missing.stderr)")
    }

    @Test func bundleRefusesAChangedPackAndNeverReplacesAFolder() throws {
        let folder = try signedPack()
        defer { folder.remove() }
        let refused = try dossier(["bundle", "pack", "--output", "evidence"], in: folder.url)
        #expect(refused.status == 2 && refused.stderr.contains("it is a folder"))
        #expect(folder.exists("evidence/dossier.yml"), "the evidence is untouched")
        #expect(try dossier(["bundle", "pack", "--output", "pack/inside.zip"], in: folder.url).status == 2)
        try FileManager.default.createSymbolicLink(atPath: folder.subfolder("alias").path, withDestinationPath: "pack")
        #expect(try dossier(["bundle", "pack", "--output", "alias/inside.zip"], in: folder.url).status == 2, "nor through a link to it")
        try folder.write("notes", to: "notes.txt")
        let notZip = try dossier(["bundle", "pack", "--output", "notes.txt"], in: folder.url)
        #expect(notZip.status == 2 && notZip.stderr.contains("is not a zip"))
        #expect(try folder.read("notes.txt") == "notes")
        let intoEvidence = try dossier(["build", "evidence", "--output", "pack", "--zip", "evidence/dossier.yml", "--no-cache"], in: folder.url)
        #expect(intoEvidence.status == 2 && intoEvidence.stderr.contains("which Dossier only reads"), "\(intoEvidence.stderr)")
        #expect(try folder.read("evidence/dossier.yml") == String(contentsOf: Repository.root.appendingPathComponent("evidence/dossier.yml"), encoding: .utf8),
                "the configuration is untouched")
        try folder.write("<p>changed</p>", to: "pack/findings.html")
        let changed = try dossier(["bundle", "pack", "--output", "changed.zip"], in: folder.url)
        #expect(changed.status == 1 && changed.stderr.contains("modified: findings.html"), "\(changed.stderr)")
        #expect(!folder.exists("changed.zip"))
        // Without its checksum list a forged page could not be told from a real one: it is not zipped either.
        try FileManager.default.removeItem(at: folder.subfolder("pack/SHA256SUMS"))
        let unchecked = try dossier(["bundle", "pack", "--output", "unchecked.zip"], in: folder.url)
        #expect(unchecked.status == 1 && unchecked.stderr.contains("SHA256SUMS"), "\(unchecked.stderr)")
        #expect(!folder.exists("unchecked.zip"))
    }
}
