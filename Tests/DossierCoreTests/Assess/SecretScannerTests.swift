@testable import DossierCore
import DossierTestSupport
import Foundation
import Testing

/// A labelled corpus: every secret is caught by its own detector, every look-alike passes, and no
/// secret appears in any message or in the pack.
@Suite struct SecretScannerTests {
    /// Built from parts so that this source file holds no complete credential of its own.
    static let secrets: [(detector: String, line: String)] = [
        ("aws-access-key", "key_id: " + "AKIA" + "QWERTYUIOPASDFGH"),
        ("aws-secret-key", "aws_secret_access_key = " + "kP8s2Lm9QwErTy7UiOpAsDfGhJkLzXcVbNm1Q2w3"),
        ("github-token", "token " + "ghp_" + "abcdefghijklmnopqrstuvwxyz0123456789AB"),
        ("github-token", "pat " + "github_pat_" + String(repeating: "aB3_", count: 20) + "xy"),
        ("gitlab-token", "GITLAB=" + "glpat-" + "Ab3Cd5Ef7Gh9Ij1Kl3Mn"),
        ("slack-token", "slack: " + "xoxb-" + "123456789012-abcdefghijkl"),
        ("slack-token", "hook " + "https://hooks.slack.com/services/" + "T0ABCDEF1/B0ABCDEF2/abcdefghijklmnopqrstuvwx"),
        ("stripe-key", "stripe " + "sk_live_" + "abcdefghijklmnopqrstuvwx12"),
        ("google-api-key", "maps " + "AIza" + "SyA1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q"),
        ("private-key", "-----BEGIN RSA " + "PRIVATE KEY-----"),
        ("jwt", "Authorization: Bearer " + "eyJhbGciOiJIUzI1NiJ9" + ".eyJzdWIiOiIxMjM0NTY3ODkwIn0" + ".dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U"),
        ("password-in-url", "db: postgres://app:" + "S3cr3tPassw0rd" + "@db.internal:5432/app"),
        ("generic-secret", "api_key = \"" + "x7Gq2LpZ9vR4mT8kW1nY5bH3cJ6dF0sA" + "\""),
        // The Kelvin sign folds to k under the pattern's (?i): the byte prefilter must not dismiss it.
        ("generic-secret", "to\u{212A}en = \"" + "x7Gq2LpZ9vR4mT8kW1nY5bH3cJ6dF0sA" + "\""),
    ]

    static let lookAlikes = [
        "docs example AKIAIOSFODNN7EXAMPLE and wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
        "placeholder: postgres://app:${DB_PASSWORD}@db.internal/app",
        "template: https://user:<password>@example.com/",
        "password: changeme-changeme-changeme",
        "token_count: 4111111111111111111111",
        "prompt_sha256: 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
        "secret rotation every 90 days; see the vault",
        "ghp_ is the prefix GitHub uses for personal tokens",
        "api_key: ${API_KEY}",
        "session id 123e4567-e89b-12d3-a456-426614174000",
        "https://example.com/path:8080/thing",
    ]

    private func scan(_ text: String, policy: PackConfiguration.SecretPolicy = .init()) throws -> ([Diagnostic], SecretScanner.Outcome) {
        let folder = try TemporaryFolder(["file.md": text])
        defer { folder.remove() }
        let collector = DiagnosticCollector()
        let file = EvidenceFile(path: "file.md", url: folder.subfolder("file.md"), size: text.utf8.count)
        let outcome = SecretScanner(policy: policy).scan([file], diagnostics: collector)
        return (collector.diagnostics, outcome)
    }

    @Test(arguments: secrets.indices)
    func everySecretIsCaughtByItsDetector(_ index: Int) throws {
        let (detector, line) = Self.secrets[index]
        let (found, outcome) = try scan("# Notes\n\n" + line + "\n")
        #expect(found.map(\.identifier) == ["dossier.secret." + detector], "\(detector)")
        #expect(found.first?.location?.line == 3)
        #expect(outcome.withheld == ["file.md"])
        for value in outcome.values { #expect(!found.contains { $0.summary.contains(value) }, "the message repeats the secret") }
    }

    @Test(arguments: lookAlikes)
    func everyLookAlikePasses(_ line: String) throws {
        let (found, outcome) = try scan(line + "\n")
        #expect(found.isEmpty, "\(found.map(\.identifier))")
        #expect(outcome.withheld.isEmpty)
    }

    @Test func allowedValuesAndAcknowledgedFindingsArePublished() throws {
        var policy = PackConfiguration.SecretPolicy()
        let value = "x7Gq2LpZ9vR4mT8kW1nY5bH3cJ6dF0sA"
        policy.allow = ["sha256:" + ContentHash.sha256(value)]
        #expect(try scan("api_key = \"\(value)\"\n", policy: policy).0.isEmpty)
        policy.allow = []
        policy.acknowledge = [.init(file: "file.md", detector: "generic-secret", reason: "a test vector from RFC 4231")]
        let (found, outcome) = try scan("api_key = \"\(value)\"\n", policy: policy)
        #expect(found.map(\.identifier) == ["dossier.secret.acknowledged"] && found.first?.severity == .note)
        #expect(outcome.withheld.isEmpty)
    }

    @Test func noSecretReachesThePackOrTheOutput() throws {
        let lines = Self.secrets.map(\.line).joined(separator: "\n")
        let folder = try TemporaryFolder([
            "evidence/leak.md": "# Leak\n\n" + lines + "\n",
            "evidence/safe.md": "# Safe\n\nSee [the leak](leak.md).\n",
            "evidence/broken.yml": "kind: agreement\nid: A\ntype: \(Self.secrets[2].line.split(separator: " ")[1])\n",
        ])
        defer { folder.remove() }
        let options = BuildOptions(evidence: folder.subfolder("evidence"), output: folder.subfolder("pack"), environment: ["SOURCE_DATE_EPOCH": "1790000000"])
        let result = try BuildPipeline(options: options).build()
        #expect(result.withheld == ["broken.yml", "leak.md"])
        #expect(!folder.exists("pack/evidence/leak.html") && folder.exists("pack/evidence/safe.html"))
        let everything = try FileManager.default.subpathsOfDirectory(atPath: folder.subfolder("pack").path)
            .compactMap { try? String(contentsOf: folder.subfolder("pack/" + $0), encoding: .utf8) }.joined()
        let messages = result.diagnostics.map(\.summary).joined(separator: "\n")
        for (_, line) in Self.secrets {
            let secret = String(line.split(separator: " ").last!)
            #expect(!everything.contains(secret), "the pack holds \(line.prefix(12))…")
        }
        #expect(!messages.contains("ghp_abcdefghij"), "a message repeats a secret")
        #expect(result.diagnostics.contains { $0.file == "broken.yml" && $0.summary.contains("[secret withheld]") },
                "a value echoed by another rule is masked")
    }

    /// The byte prefilter may let through lines the pattern then dismisses, never the other way: every
    /// line a detector's pattern matches must be a candidate for that detector.
    @Test func thePrefilterNeverDismissesALineThePatternMatches() {
        var generator = SeededGenerator(seed: 42)
        let value = Array("abcXYZ0189+/=_-")
        let pieces = ["token", "Secret", "AWS", "aws_", "password", "api-key", "https://", "postgres://", "user:", "@", "=", ":", " ", "\"",
                      "'", "eyJ", ".", "AKIA", "ghp_", "xoxb-", "sk_live_", "AIza", "-----BEGIN RSA PRIVATE KEY-----", "\u{212A}", "é"]
        var matched = 0
        for _ in 0..<20_000 {
            var line = ""
            for _ in 0..<Int.random(in: 1...8, using: &generator) {
                if Bool.random(using: &generator) {
                    line += pieces.randomElement(using: &generator)!
                } else {
                    line += String((0..<Int.random(in: 1...45, using: &generator)).map { _ in value.randomElement(using: &generator)! })
                }
            }
            var lowered: [UInt8] = []
            let candidates = Set(Array(line.utf8).withUnsafeBytes { SecretScanner.candidates($0, lowered: &lowered) }.map(\.id))
            for detector in SecretDetector.all where detector.pattern.firstMatch(in: line, range: NSRange(line.startIndex..., in: line)) != nil {
                matched += 1
                #expect(candidates.contains(detector.id), "\(detector.id) matches \(line.debugDescription) but the prefilter dismissed it")
            }
        }
        #expect(matched > 1_000, "the generated lines exercise the patterns")
    }
}
