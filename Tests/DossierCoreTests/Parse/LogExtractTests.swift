@testable import DossierAssess
@testable import DossierIntake
@testable import DossierModel
@testable import DossierPack
@testable import DossierPublish
@testable import DossierResources
import DossierTestSupport
import Foundation
import Testing

/// Reads an evidence folder through the whole read stage (so log formats from the folder apply).
private func checkFolder(_ files: [String: String]) throws -> Assessment {
    let folder = try TemporaryFolder(files)
    defer { folder.remove() }
    return try BuildPipeline(options: BuildOptions(evidence: folder.url, output: folder.subfolder("out"))).check()
}

private func extract(_ result: Assessment, _ path: String) -> LogExtract? {
    guard case .log(let log)? = result.documents.first(where: { $0.path == path })?.content else { return nil }
    return log
}

/// Every real export in ../shared/realworld/logs is read as it is, by the format that recognises it.
/// The expected numbers were counted independently with Python's json module over the same files
/// (records per file; kinds from each record's eventType/readOnly, logName, operationName, verb,
/// operation_type and eventType fields as documented in catalogs/log-formats/).
@Suite(.enabled(if: Repository.shared != nil, "../shared/realworld is absent: the real-world log samples cannot be read"))
struct RealWorldLogTests {
    struct Sample: Sendable, CustomTestStringConvertible {
        var path: String
        var format: String
        var events: Int
        var failures: Int
        var kinds: [LogEventKind: Int]
        /// Findings the real export earns (GitHub's export has no source IPs on sign-ins).
        var findings: [String] = []
        var testDescription: String { path }
    }

    static let samples: [Sample] = [
        Sample(path: "aws-cloudtrail/otel-cloudtrail_log.json", format: "aws-cloudtrail", events: 7, failures: 1,
               kinds: [.dataWrite: 4, .authentication: 1, .other: 2]),
        Sample(path: "azure-activity/otel-azure-activity-administrative.json", format: "azure-activity", events: 1, failures: 0,
               kinds: [.dataWrite: 1]),
        Sample(path: "gcp-audit/otel-gcp-auditlog-activity.json", format: "gcp-audit", events: 1, failures: 0, kinds: [.dataWrite: 1]),
        Sample(path: "gcp-audit/otel-gcp-auditlog-data_access.json", format: "gcp-audit", events: 1, failures: 0, kinds: [.externalAPICall: 1]),
        Sample(path: "gcp-audit/otel-gcp-auditlog-policy-denied.json", format: "gcp-audit", events: 1, failures: 1, kinds: [.externalAPICall: 1]),
        Sample(path: "github-audit/sentinel-github-audit-log-export.jsonl", format: "github-audit", events: 63, failures: 6,
               kinds: [.authentication: 26, .dataWrite: 37], findings: ["dossier.log.incomplete-events"]),
        Sample(path: "k8s-audit/falco-k8s-audit-attach_cluster_admin_role.jsonl", format: "k8s-audit", events: 1, failures: 0, kinds: [.dataWrite: 1]),
        Sample(path: "k8s-audit/falco-k8s-audit-create_configmap_sensitive_values.jsonl", format: "k8s-audit", events: 6, failures: 0,
               kinds: [.dataWrite: 6]),
        Sample(path: "k8s-audit/falco-k8s-audit-create_nginx_pod_privileged.jsonl", format: "k8s-audit", events: 1, failures: 0, kinds: [.dataWrite: 1]),
        Sample(path: "k8s-audit/falco-k8s-audit-exec_pod.jsonl", format: "k8s-audit", events: 1, failures: 0, kinds: [.dataWrite: 1]),
        Sample(path: "okta/demisto-okta-get_logs_response.json", format: "okta-system-log", events: 2, failures: 0, kinds: [.dataWrite: 2]),
    ]

    @Test func everySampleIsListed() throws {
        let folder = try #require(Repository.shared).appendingPathComponent("realworld/logs")
        let found = FileManager.default.enumerator(atPath: folder.path)?.compactMap { $0 as? String }
            .filter { $0.hasSuffix(".json") || $0.hasSuffix(".jsonl") }.sorted()
        #expect(found == Self.samples.map(\.path).sorted())
    }

    @Test(arguments: samples)
    func sampleIsReadAsItIs(_ sample: Sample) throws {
        let url = try #require(Repository.shared).appendingPathComponent("realworld/logs/" + sample.path)
        let text = try String(contentsOf: url, encoding: .utf8)
        let result = try checkFolder(["logs/" + sample.path: text])
        let log = try #require(extract(result, "logs/" + sample.path), "not read as a log: \(result.diagnostics.map(\.summary))")
        #expect(log.format == sample.format)
        #expect(log.events == sample.events)
        #expect(log.failures == sample.failures)
        #expect(log.kinds.mapValues(\.count) == sample.kinds)
        #expect(log.malformed == 0)
        #expect(log.undated == 0, "every real record has a time")
        #expect(result.ruleDiagnostics.filter { $0.severity >= .warning }.map(\.identifier) == sample.findings, "\(result.diagnostics.map(\.summary))")
    }

    @Test func cloudTrailDetailsAreMapped() throws {
        let url = try #require(Repository.shared).appendingPathComponent("realworld/logs/aws-cloudtrail/otel-cloudtrail_log.json")
        let result = try checkFolder(["trail.json": try String(contentsOf: url, encoding: .utf8)])
        let log = try #require(extract(result, "trail.json"))
        let first = try #require(log.sample.first)
        #expect(first.fields[.method] == "StartInstances")
        #expect(first.fields[.endpoint] == "ec2.amazonaws.com")
        #expect(first.identity == "arn:aws:iam::123456789012:user/Mateo")
        #expect(log.sample.contains { $0.failed && $0.fields[.status] == "TrailNotFoundException" })
        #expect(log.identities.count == 6)
        #expect(log.sample.filter { $0.kind == .dataWrite }.compactMap { $0.fields[.record] }.count == 4, "every write names what it wrote")
    }
}

@Suite struct LogExtractTests {
    static let appFormat = """
        kind: log-format
        id: summariser-app
        name: Ticket summariser application log
        paths: ["logs/app/*.jsonl"]
        timestamp: {field: ts}
        identity: [service_account]
        failure:
          - {field: status, at_least: 400}
        kinds:
          - {kind: llm-inference, when: [{field: event, equals: llm.completion}]}
          - {kind: external-api-call, when: [{field: event, equals: http.request}]}
          - {kind: data-write, when: [{field: event, equals: crm.write}]}
          - {kind: personal-data-access, when: [{field: event, equals: ticket.read}]}
        fields:
          model_version: model
          prompt_hash: prompt_sha256
          output_class: output_class
          endpoint: url
          status: status
          latency_ms: latency_ms
          method: method
          record: [record, ticket]
        """

    static let appLines = [
        #"{"ts": "2026-03-01T10:00:00Z", "event": "ticket.read", "service_account": "svc-summariser", "ticket": 1}"#,
        #"{"ts": "2026-03-01T10:00:01.123456789Z", "event": "llm.completion", "service_account": "svc-summariser", "model": "m-2026-01", "prompt_sha256": "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", "output_class": "summary"}"#,
        #"{"ts": "2026-03-01T10:00:02+01:00", "event": "http.request", "service_account": "svc-summariser", "method": "POST", "url": "https://crm.example/api", "status": 503, "latency_ms": 812}"#,
        #"{"ts": "2026-03-01T10:00:03Z", "event": "crm.write", "service_account": "svc-crm-writer", "record": "NOTE-1"}"#,
        #"{"ts": "2026-03-01T10:00:04Z", "event": "heartbeat"}"#,
    ]

    @Test func userFormatMapsEveryEventKindAndField() throws {
        let result = try checkFolder(["formats/app.yml": Self.appFormat, "logs/app/2026-03.jsonl": Self.appLines.joined(separator: "\n") + "\n"])
        #expect(result.ruleDiagnostics.filter { $0.severity >= .warning }.isEmpty, "\(result.diagnostics.map(\.summary))")
        let log = try #require(extract(result, "logs/app/2026-03.jsonl"))
        #expect(log.format == "summariser-app")
        #expect(log.events == 5)
        #expect(log.kinds.mapValues(\.count) == [.personalDataAccess: 1, .llmInference: 1, .externalAPICall: 1, .dataWrite: 1, .other: 1])
        #expect(log.failures == 1 && log.kinds[.externalAPICall]?.failures == 1)
        #expect(log.identities == ["svc-summariser", "svc-crm-writer"])
        let inference = log.sample[1]
        #expect(inference.fields == [.modelVersion: "m-2026-01", .promptHash: "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", .outputClass: "summary"])
        #expect(inference.location.line == 2)
        #expect(log.sample[2].fields[.latencyMs] == "812")
        // 10:00:02+01:00 is 09:00:02Z, so the period starts there, not at the first line.
        #expect(log.first == LogTimestamp.parse(Array("2026-03-01T09:00:02Z".utf8)))
        #expect(log.last == LogTimestamp.parse(Array("2026-03-01T10:00:04Z".utf8)))
    }

    @Test func malformedRecordsAreReportedWhereTheyAreAndTheRestIsRead() throws {
        var lines = Self.appLines
        lines.insert(#"{"ts": "2026-03-01T10:00:00Z", "event": }"#, at: 2)
        lines.insert("not json", at: 4)
        let result = try checkFolder(["formats/app.yml": Self.appFormat, "logs/app/bad.jsonl": "\u{FEFF}" + lines.joined(separator: "\r\n")])
        let log = try #require(extract(result, "logs/app/bad.jsonl"))
        #expect(log.events == 5)
        #expect(log.malformed == 2)
        let problems = result.diagnostics.filter { $0.identifier == "dossier.log.malformed-record" }
        #expect(problems.map { $0.location?.line } == [3, 5])
        #expect(problems.first?.location?.column == 41)
        #expect(problems.allSatisfy { $0.file == "logs/app/bad.jsonl" && $0.severity == .error })
    }

    @Test func overlongLinesAreSkippedWithADiagnostic() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let long = #"{"ts": "2026-03-01T10:00:00Z", "event": "crm.write", "pad": ""# + String(repeating: "x", count: 3 << 20) + #""}"#
        try folder.write(([Self.appLines[0], long, Self.appLines[3]]).joined(separator: "\n"), to: "logs/app/long.jsonl")
        try folder.write(Self.appFormat, to: "formats/app.yml")
        var options = BuildOptions(evidence: folder.url, output: folder.subfolder("out"))
        options.limits.maxLineBytes = 1 << 20
        let result = try BuildPipeline(options: options).check()
        let log = try #require(extract(result, "logs/app/long.jsonl"))
        #expect(log.events == 2)
        let problem = try #require(result.diagnostics.first { $0.identifier == "dossier.limits.line-too-long" })
        #expect(problem.location?.line == 2)
    }

    @Test func aFormatThatMapsNothingIsAnError() throws {
        let format = Self.appFormat.replacingOccurrences(of: "equals: llm.completion", with: "equals: nothing")
            .replacingOccurrences(of: "equals: http.request", with: "equals: nothing")
            .replacingOccurrences(of: "equals: crm.write", with: "equals: nothing")
            .replacingOccurrences(of: "equals: ticket.read", with: "equals: nothing")
        let result = try checkFolder(["formats/app.yml": format, "logs/app/x.jsonl": Self.appLines.joined(separator: "\n")])
        let problem = try #require(result.diagnostics.first { $0.identifier == "dossier.log.nothing-mapped" })
        #expect(problem.severity == .error)
        #expect(problem.file == "logs/app/x.jsonl")
        #expect(problem.summary.contains("None of the 5 records"))
    }

    @Test func anUnrecognisedExtractIsAWarningNotAGuess() throws {
        let result = try checkFolder(["logs/other.jsonl": #"{"when": 1, "what": "x"}"# + "\n"])
        #expect(result.diagnostics.contains { $0.identifier == "dossier.log.unrecognised" && $0.severity == .warning })
        #expect(extract(result, "logs/other.jsonl") == nil)
        let json = try checkFolder(["notes.json": #"{"title": "Just data", "items": [1, 2]}"#])
        #expect(json.documents.first { $0.path == "notes.json" }.map { if case .text = $0.content { true } else { false } } == true)
        #expect(json.ruleDiagnostics.filter { $0.severity >= .warning }.isEmpty, "a plain JSON file is not a log: \(json.diagnostics.map(\.summary))")
    }

    @Test func builtInFormatsLoadWithoutDiagnostics() throws {
        let files = BuiltInCatalogFiles.files.filter { $0.key.hasPrefix("log-formats/") }
        #expect(files.count == 6)
        for (path, text) in files {
            let reader = FieldReader(file: path, area: "log-format")
            #expect(LogFormatReader().read(try YAMLReader().read(text), reader: reader, origin: path) != nil)
            #expect(reader.diagnostics.isEmpty, "\(path): \(reader.diagnostics.map(\.summary))")
        }
        #expect(LogFormatReader.builtIn.map(\.id) == ["aws-cloudtrail", "azure-activity", "gcp-audit", "github-audit", "k8s-audit", "okta-system-log"])
    }

    @Test func malformedFormatsAreDiagnosed() throws {
        let result = try checkFolder([
            "formats/a.yml": "kind: log-format\nid: a\nname: A\ntimestamp: {field: t}\nkinds:\n  - {kind: llm-inferense}\n",
            "formats/b.yml": "kind: log-format\nid: b\nname: B\nrecognise:\n  - {field: x, equals: 1, prefix: y}\ntimestamp: {field: t}\nkinds: []\n",
        ])
        let byFile = Dictionary(grouping: result.diagnostics, by: \.file)
        #expect(byFile["formats/a.yml"]?.contains { $0.summary.contains("neither 'recognise' nor 'paths'") } == true)
        #expect(byFile["formats/a.yml"]?.contains { $0.identifier == "dossier.log-format.bad-value" && $0.summary.contains("did you mean 'llm-inference'?") } == true)
        #expect(byFile["formats/b.yml"]?.contains { $0.summary.contains("needs exactly one of") && $0.location?.line == 5 } == true)
    }
}

@Suite struct LogTimestampTests {
    @Test func readsTheShapesRealExportsWrite() throws {
        let base = try #require(LogTimestamp.parse(Array("2023-07-19T21:17:28Z".utf8)))
        #expect(base == 1_689_801_448)
        #expect(LogTimestamp.parse(Array("2023-07-19T23:17:28+02:00".utf8)) == base)
        #expect(LogTimestamp.parse(Array("2023-07-19T16:17:28-0500".utf8)) == base)
        let nanos = try #require(LogTimestamp.parse(Array("2025-08-15T12:56:17.261620203Z".utf8)))
        #expect(abs(nanos - 1_755_262_577.261620203) < 1e-5)
        #expect(LogTimestamp.parse(Array("2026-01-01".utf8)) == 1_767_225_600)
        #expect(LogTimestamp.seconds(JSONNode(value: .number("1701065905223"), location: .init(line: 1, column: 1)), unit: nil) == 1_701_065_905.223)
        #expect(LogTimestamp.seconds(JSONNode(value: .number("1701065905"), location: .init(line: 1, column: 1)), unit: .seconds) == 1_701_065_905)
    }

    @Test func rejectsWhatIsNotATime() {
        for text in ["2023-13-01T00:00:00Z", "2023-07-19T21:17:28", "yesterday", "2023-07-19T21:17Z", "2023-07-19T21:17:28.Z", "2023-07-19T21:17:28Zjunk"] {
            #expect(LogTimestamp.parse(Array(text.utf8)) == nil, "\(text)")
        }
    }
}

@Suite struct PathPatternTests {
    @Test func starStaysInAFolderAndDoubleStarCrossesThem() {
        #expect(PathPattern("logs/*.jsonl").matches("logs/a.jsonl"))
        #expect(!PathPattern("logs/*.jsonl").matches("logs/app/a.jsonl"))
        #expect(PathPattern("logs/**/*.jsonl").matches("logs/app/2026/a.jsonl"))
        #expect(PathPattern("logs/**/*.jsonl").matches("logs/a.jsonl"))
        #expect(PathPattern("**").matches("a/b/c"))
        #expect(PathPattern("logs/?.json").matches("logs/a.json"))
        #expect(!PathPattern("logs/?.json").matches("logs/ab.json"))
        #expect(!PathPattern("logs/*.jsonl").matches("other/a.jsonl"))
    }
}
