import DossierModel
import DossierTestSupport
import Foundation
import Testing

/// Every input is read once, through the file layer: a build of the sample evidence under strace
/// opens no evidence file, no configuration file, no source-root file and no key file twice.
/// (The stages work from the snapshot's bytes; a second open would be a second, possibly
/// different, reading of the same input.)
@Suite(.enabled(if: Strace.suiteRuns, Strace.skipReason))
struct OpenedOnceTests {
    /// The sample, plus a source root an approval cites, a redaction key file and a log extract,
    /// so that every kind of input the build reads is there.
    private func evidence() throws -> TemporaryFolder {
        let folder = try TemporaryFolder()
        try FileManager.default.copyItem(at: Repository.root.appendingPathComponent("evidence"), to: folder.subfolder("evidence"))
        let prompt = "You summarise support tickets.\n"
        try folder.write(prompt, to: "app/prompts/summarise.txt")
        try folder.write("not a real key, only read\n", to: "keys/redaction.key")
        let configuration = try folder.read("evidence/dossier.yml")
            .replacingOccurrences(of: "  redaction: redact\n", with: "  redaction: hash\n  redaction_key: ../keys/redaction.key\n")
        try folder.write(configuration + "source_roots:\n  - name: prompts\n    path: ../app/prompts\n", to: "evidence/dossier.yml")
        try folder.write("""
            {"kind": "approval", "id": "CAB-PROMPT-1", "subject": {"path": "prompts:summarise.txt", "sha256": "\(ContentHash.sha256(prompt))"},
             "requester": {"name": "Hannah Okafor", "role": "Engineering lead"}, "approver": {"name": "Aisha Mensah", "role": "Security engineer"},
             "decision": "approved", "decided_at": "2026-09-30"}
            """, to: "evidence/approvals/prompt.json")
        return folder
    }

    @Test func aBuildOpensEachInputOnce() throws {
        let strace = try #require(Strace.url, "strace is missing: install it (make test does)")
        let folder = try evidence()
        defer { folder.remove() }
        var environment = ProcessInfo.processInfo.environment
        environment["SOURCE_DATE_EPOCH"] = "1795392000"
        // One file per thread (-ff), so no call is split across lines by another thread's.
        let trace = folder.subfolder("trace").path
        let outcome = try CommandRunner.run(strace, [
            // -y names the folder behind a descriptor: evidence is opened relative to its folder's.
            "-ff", "-qq", "-y", "-e", "trace=open,openat", "-e", "status=successful", "-o", trace,
            Repository.dossierBinary.path, "build", "evidence", "--output", "pack", "--no-cache", "--progress", "none",
        ], in: folder.url, environment: environment)
        #expect(FileManager.default.fileExists(atPath: folder.subfolder("pack/index.html").path), "the build failed: \(outcome.stderr)")

        let root = folder.url.resolvingSymlinksInPath().path
        var opens: [String: Int] = [:]
        var followed: [String] = []
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.url.path) where name.hasPrefix("trace.") {
            for line in try folder.read(name).split(separator: "\n") where !line.contains("O_DIRECTORY") {
                guard let path = Self.openedPath(String(line)) else { continue }
                let absolute = path.hasPrefix("/") ? path : root + "/" + path
                let inputs = ["/evidence/", "/app/", "/keys/"].map { root + $0 }
                guard inputs.contains(where: absolute.hasPrefix) else { continue }
                let input = String(absolute.dropFirst(root.count + 1))
                opens[input, default: 0] += 1
                // Evidence is opened without following a link, so a file swapped for one cannot lead out.
                if input.hasPrefix("evidence/"), !line.contains("O_NOFOLLOW") { followed.append(input) }
            }
        }
        let evidenceFiles = try FileManager.default.subpathsOfDirectory(atPath: folder.subfolder("evidence").path)
            .filter { !$0.hasPrefix(".") && !$0.contains("/.") }
            .filter { var directory: ObjCBool = false; FileManager.default.fileExists(atPath: folder.subfolder("evidence/" + $0).path, isDirectory: &directory); return !directory.boolValue }
        // Each is read: the check would pass vacuously if strace saw nothing.
        for file in evidenceFiles { #expect(opens["evidence/" + file] != nil, "evidence/\(file) was never opened") }
        for file in ["evidence/dossier.yml", "app/prompts/summarise.txt", "keys/redaction.key"] {
            #expect(opens[file] == 1, "\(file) opened \(opens[file] ?? 0) times")
        }
        #expect(followed.isEmpty, "opened following links: \(followed.joined(separator: ", "))")
        let twice = opens.filter { $0.value > 1 }.sorted { $0.key < $1.key }
        #expect(twice.isEmpty, "opened more than once: \(twice.map { "\($0.key) (\($0.value))" }.joined(separator: ", "))")
    }

    /// The path of an `open`/`openat` line of strace's output: `openat(AT_FDCWD, "path", flags) = 3`,
    /// or, relative to a folder's descriptor (named by `-y`), `openat(5</evidence/dir>, "name", …)`.
    static func openedPath(_ line: String) -> String? {
        guard line.hasPrefix("open"), let start = line.firstIndex(of: "\"") else { return nil }
        let rest = line[line.index(after: start)...]
        guard let end = rest.firstIndex(of: "\"") else { return nil }
        let name = String(rest[..<end])
        // With -y even AT_FDCWD is followed by the folder it stands for: an absolute name ignores it.
        guard line.hasPrefix("openat("), !name.hasPrefix("/"), let open = line.firstIndex(of: "<"), open < start,
              let close = line[open...].firstIndex(of: ">"), close < start else { return name }
        return String(line[line.index(after: open)..<close]) + "/" + name
    }
}
