@testable import DossierAssess
@testable import DossierIntake
@testable import DossierModel
@testable import DossierPack
@testable import DossierPublish
@testable import DossierResources
import DossierTestSupport
import Foundation
import Testing

/// The log-extract rule on planted extracts: each problem found by exactly its own identifier.
@Suite struct LogRuleTests {
    static let format = """
        kind: log-format
        id: app
        name: App log
        paths: ["logs/*.jsonl"]
        timestamp: {field: ts}
        identity: [who]
        failure:
          - {field: ok, equals: false}
        kinds:
          - {kind: authentication, when: [{field: event, equals: login}]}
          - {kind: llm-inference, when: [{field: event, equals: llm}]}
        fields:
          source_ip: ip
          model_version: model
          prompt_hash: prompt_sha256
          output_class: class
          prompt: prompt
        """

    static func line(_ time: String, _ event: String, _ extra: String = "") -> String {
        #"{"ts": "\#(time)", "event": "\#(event)", "who": "svc""# + (extra.isEmpty ? "" : ", " + extra) + "}"
    }

    static let login = #""ip": "10.0.0.1", "ok": true"#
    static let llm = #""model": "m1", "prompt_sha256": "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", "class": "summary""#

    private func check(_ lines: [String]) throws -> Assessment {
        try AssessmentFixture.check(["formats/app.yml": Self.format, "logs/app.jsonl": lines.joined(separator: "\n") + "\n"])
    }

    @Test func aCompleteExtractWithinThePeriodPasses() throws {
        let result = try check([Self.line("2025-11-01T10:00:00Z", "login", Self.login), Self.line("2026-06-01T10:00:00Z", "llm", Self.llm)])
        #expect(result.ids("dossier.log") == ["dossier.log.partial-period"], "an extract from November 2025 reaches back 12 months")
    }

    @Test func missingFieldsAreCountedPerKind() throws {
        let result = try check([
            Self.line("2026-06-01T10:00:00Z", "llm", #""model": "m1""#), Self.line("2026-06-01T10:00:01Z", "llm", Self.llm),
        ])
        let problems = result.diagnostics.filter { $0.identifier == "dossier.log.incomplete-events" }.map(\.summary)
        #expect(problems.sorted() == [
            "1 of 2 llm inference events have no output_class; map it in log format 'app' or export it",
            "1 of 2 llm inference events have no prompt_hash; map it in log format 'app' or export it",
        ])
    }

    @Test func aRawPromptIsAnErrorAtItsLine() throws {
        let result = try check([Self.line("2026-06-01T10:00:00Z", "llm", Self.llm), Self.line("2026-06-01T10:00:01Z", "llm", Self.llm + #", "prompt": "Dear Ann…""#)])
        let problem = try #require(result.diagnostics.first { $0.identifier == "dossier.log.raw-prompt" })
        #expect(problem.severity == .error && problem.location?.line == 2)
    }

    /// A format that maps no `prompt` still has an extract's prompts caught under the names request
    /// logs give them, at the top level or one object down; a template's name or a hash is no prompt.
    @Test func anUnmappedPromptIsCaughtUnderItsUsualNames() throws {
        let unmapped = Self.format.replacingOccurrences(of: "\n  prompt: prompt", with: "")
        func ids(_ extra: String) throws -> [String] {
            try AssessmentFixture.check([
                "formats/app.yml": unmapped,
                "logs/app.jsonl": Self.line("2026-06-01T10:00:00Z", "llm", Self.llm + ", " + extra) + "\n",
            ]).ids("dossier.log.raw-prompt")
        }
        #expect(try ids(#""prompt": "Dear Ann, your order…""#) == ["dossier.log.raw-prompt"])
        #expect(try ids(#""request": {"messages": [{"role": "user", "content": "Summarise ticket T-1 from Ann"}]}"#) == ["dossier.log.raw-prompt"])
        #expect(try ids(#""User_Prompt": "Ann's ticket""#) == ["dossier.log.raw-prompt"], "names are matched whatever their case")
        #expect(try ids(#""prompt_template": "v4", "prompt_text_sha256": "ab", "prompt": "  ""#) == [], "a template name, a hash and a blank prompt are no prompt text")
        #expect(try ids(#""a": {"b": {"prompt": "two objects down"}}"#) == [], "only the top level and one object down are read")
        #expect(try ids(#""prompt": "[REDACTED]""#) == [] && (try ids(#""prompt": "summarise-v4""#)) == [], "a redaction marker or a template's name is no prompt")
    }

    /// The pack's sample table shows that an event carried a prompt and how long it was, never its text.
    @Test func theSampleTableNeverShowsAPrompt() {
        #expect(LogView.detail(.rawPrompt, "Dear Ann") == "prompt=(prompt text, 8 characters, not shown)")
        #expect(LogView.detail(.modelVersion, "m1") == "model_version=m1")
    }

    /// A number far outside any calendar as a time stopped the build (a Double turned into a day
    /// number overflowed): such an event counts as undated.
    @Test func aTimeOutsideAnyCalendarIsUndated() throws {
        for time in ["1e30", "-1e308", "\"1e300\"", "9e17"] {
            let line = #"{"ts": "# + time + #", "event": "login", "who": "svc", "ip": "10.0.0.1", "ok": true}"#
            let result = try check([Self.line("2026-06-01T10:00:00Z", "login", Self.login), line])
            let document = try #require(result.documents.first { $0.path == "logs/app.jsonl" })
            guard case .log(let extract) = document.content else { Issue.record("not read as a log"); continue }
            #expect(extract.undated == 1 && extract.events == 2, "\(time)")
        }
    }

    /// A `contains` test of 10 000 characters on long values took a minute to read 5 events: a
    /// pattern past 256 characters is refused where it is written.
    @Test func aContainsPatternTooLongToBeANameIsRefused() throws {
        let long = String(repeating: "a", count: 257)
        let format = Self.format.replacingOccurrences(of: "  - {field: ok, equals: false}", with: "  - {field: ok, equals: false}\n  - {field: who, contains: \(long)}")
        let result = try AssessmentFixture.check(["formats/app.yml": format, "logs/app.jsonl": Self.line("2026-06-01T10:00:00Z", "login", Self.login) + "\n"])
        let refused = try #require(result.diagnostics.first { $0.file == "formats/app.yml" && $0.summary.contains("'contains' on 'who' is 257 characters long") })
        #expect(refused.severity == .error)
    }

    @Test func fiveFailedSignInsWithinTenMinutesAreABurst() throws {
        let failed = #""ip": "10.0.0.1", "ok": false"#
        let burst = (0..<5).map { Self.line("2026-06-01T10:0\($0):00Z", "login", failed) }
        let result = try check(burst)
        let problem = try #require(result.diagnostics.first { $0.identifier == "dossier.log.auth-burst" })
        #expect(problem.location?.line == 5 && problem.summary.hasPrefix("1 burst of 5"))
        let spread = (0..<5).map { Self.line("2026-06-01T1\($0):00:00Z", "login", failed) }
        #expect(try check(spread).ids("dossier.log.auth-burst") == [], "five failures over five hours are no burst")
    }

    /// AWS writes a failed console sign-in with no errorCode: its outcome is in responseElements.
    @Test func failedCloudTrailConsoleSignInsAreFailuresAndABurst() throws {
        let records = (0..<6).map { minute in
            #"{"eventVersion": "1.08", "eventTime": "2026-06-01T10:0\#(minute):00Z", "eventType": "AwsConsoleSignIn", "eventSource": "signin.amazonaws.com", "eventName": "ConsoleLogin", "userIdentity": {"arn": "arn:aws:iam::1:user/ann"}, "sourceIPAddress": "198.51.100.7", "responseElements": {"ConsoleLogin": "Failure"}, "errorMessage": "Failed authentication"}"#
        }
        let result = try AssessmentFixture.check(["logs/signin.json": #"{"Records": ["# + records.joined(separator: ",\n") + "]}\n"])
        let document = try #require(result.documents.first { $0.path == "logs/signin.json" })
        guard case .log(let log) = document.content else { Issue.record("not read as a log"); return }
        #expect(log.format == "aws-cloudtrail" && log.events == 6 && log.failures == 6)
        #expect(result.ids("dossier.log.auth-burst") == ["dossier.log.auth-burst"])
    }

    @Test func extractsOutsideThePeriodOrTooRecentAreReported() throws {
        let old = try check([Self.line("2025-06-01T10:00:00Z", "login", Self.login)])
        #expect(old.ids("dossier.log") == ["dossier.log.outside-period"], "an extract wholly outside the period covers none of it")
        let both = try AssessmentFixture.check([
            "formats/app.yml": Self.format, "logs/old.jsonl": Self.line("2025-06-01T10:00:00Z", "login", Self.login) + "\n",
            "logs/app.jsonl": Self.line("2026-11-01T10:00:00Z", "login", Self.login) + "\n",
        ])
        let partial = try #require(both.diagnostics.first { $0.identifier == "dossier.log.partial-period" })
        #expect(partial.summary.hasPrefix("The log extracts cover 2026-11-01T10:00:00Z to 2026-11-01T10:00:00Z"), "the old extract hides no gap: \(partial.summary)")
        // A compressed JSON Lines extract is named, not read as a malformed record per line.
        let gzipped = Data([0x1F, 0x8B, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03, 0x0A])
        let folder = try TemporaryFolder(["dossier.yml": AssessmentFixture.configuration])
        defer { folder.remove() }
        try folder.write(gzipped, to: "logs/app.jsonl")
        var options = BuildOptions(evidence: folder.url, output: folder.subfolder("out"), environment: ["SOURCE_DATE_EPOCH": AssessmentFixture.epoch])
        options.strict = false
        let compressed = try BuildPipeline(options: options).check()
        #expect(compressed.ids("dossier.input") == ["dossier.input.compressed"] && compressed.ids("dossier.log.malformed") == [])
        let recent = try check([Self.line("2026-11-01T10:00:00Z", "login", Self.login)])
        #expect(recent.ids("dossier.log") == ["dossier.log.partial-period", "dossier.log.retention-unproven"])
    }
}
