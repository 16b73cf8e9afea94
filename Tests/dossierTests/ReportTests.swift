import DossierTestSupport
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing

/// The reports CI consumes, written into every pack: parsed back, checked against the findings, and
/// reproduced byte for byte.
@Suite struct ReportTests {
    private func dossier(_ arguments: [String], in directory: URL, github: Bool = false) throws -> CommandRunner.Outcome {
        var environment = ProcessInfo.processInfo.environment
        environment["SOURCE_DATE_EPOCH"] = "1795392000"
        environment["GITHUB_ACTIONS"] = github ? "true" : nil
        return try CommandRunner.run(Repository.dossierBinary, arguments, in: directory, environment: environment)
    }

    /// Copies the sample evidence so that the tests run from a folder of their own.
    private func sample() throws -> TemporaryFolder {
        let folder = try TemporaryFolder()
        try FileManager.default.copyItem(at: Repository.root.appendingPathComponent("evidence"), to: folder.subfolder("evidence"))
        return folder
    }

    private func files(under root: URL) -> [String: Data] {
        var found: [String: Data] = [:]
        for case let path as String in FileManager.default.enumerator(atPath: root.path) ?? NSEnumerator() {
            if let data = FileManager.default.contents(atPath: root.appendingPathComponent(path).path), !data.isEmpty || !path.hasSuffix("/") {
                var isDirectory: ObjCBool = false
                FileManager.default.fileExists(atPath: root.appendingPathComponent(path).path, isDirectory: &isDirectory)
                if !isDirectory.boolValue { found[path] = data }
            }
        }
        return found
    }

    @Test func twoBuildsAreByteIdenticalReportsIncluded() throws {
        let folder = try sample()
        defer { folder.remove() }
        _ = try dossier(["build", "evidence", "--output", "one", "--quiet", "--release", "v1.4.0"], in: folder.url)
        _ = try dossier(["build", "evidence", "--output", "two", "--quiet", "--release", "v1.4.0"], in: folder.url)
        let one = files(under: folder.subfolder("one")), two = files(under: folder.subfolder("two"))
        #expect(one.count > 100)
        for report in ["report.json", "junit.xml", "results.sarif", "oscal-assessment-results.json", "statement-of-applicability.csv"] {
            #expect(one[report] != nil, "\(report) is missing")
        }
        #expect(Set(one.keys) == Set(two.keys))
        let differing = one.keys.filter { one[$0] != two[$0] }.sorted()
        #expect(differing.isEmpty, "differ between two builds: \(differing.prefix(5))")
        let everything = one.values.compactMap { String(data: $0, encoding: .utf8) }.joined()
        #expect(!everything.contains(folder.url.path), "no absolute path of the build machine in the pack")
    }

    @Test func sarifAndJUnitCarryEveryFinding() throws {
        let folder = try sample()
        defer { folder.remove() }
        let outcome = try dossier(["build", "evidence", "--output", "pack", "--quiet"], in: folder.url)
        #expect(outcome.status == 1)
        let report = try JSONSerialization.jsonObject(with: Data(try folder.read("pack/report.json").utf8)) as! [String: Any]
        let findings = report["findings"] as! [[String: Any]]
        #expect(findings.count == 16, "the sample's planted findings")

        let sarif = try JSONSerialization.jsonObject(with: Data(try folder.read("pack/results.sarif").utf8)) as! [String: Any]
        #expect(sarif["version"] as? String == "2.1.0")
        let run = (sarif["runs"] as! [[String: Any]])[0]
        let results = run["results"] as! [[String: Any]]
        #expect(results.count == findings.count)
        let located = results.first { $0["ruleId"] as? String == "dossier.approval.hash-mismatch" }
        let physical = ((located?["locations"] as? [[String: Any]])?.first?["physicalLocation"]) as? [String: Any]
        #expect((physical?["artifactLocation"] as? [String: Any])?["uri"] as? String == "evidence/approvals/ropa-credentials-2026-09-17.json")
        #expect((physical?["region"] as? [String: Any])?["startLine"] as? Int == 5)
        #expect(located?["level"] as? String == "error")
        // GitHub refuses a whole upload if one result lacks a location: pack-wide ones sit at dossier.yml.
        #expect(results.allSatisfy { ($0["locations"] as? [Any])?.isEmpty == false }, "every result has a location")
        let packWide = results.first { $0["ruleId"] as? String == "dossier.log.partial-period" }
        let anchor = ((packWide?["locations"] as? [[String: Any]])?.first?["physicalLocation"]) as? [String: Any]
        #expect((anchor?["artifactLocation"] as? [String: Any])?["uri"] as? String == "evidence/dossier.yml")
        #expect((packWide?["properties"] as? [String: Any])?["packWide"] as? Bool == true)

        let junit = try folder.read("pack/junit.xml")
        let document = try XMLDocument(xmlString: junit)
        let cases = try document.nodes(forXPath: "//testcase")
        let ruleCases = try document.nodes(forXPath: "//testsuite[@name='rules']/testcase")
        #expect(cases.count == 14 + 11 + 93 + ruleCases.count)
        for finding in findings {
            let id = finding["id"] as! String
            #expect(try !document.nodes(forXPath: "//testsuite[@name='rules']/testcase[@name='\(id)']").isEmpty, "\(id) has no test case")
        }
        let failed = try document.nodes(forXPath: "//testsuite[@name='rules']/testcase[failure]").compactMap { ($0 as? XMLElement)?.attribute(forName: "name")?.stringValue }
        #expect(failed == ["dossier.agreement.expired", "dossier.approval.hash-mismatch"], "only errors fail at the default severity")
        #expect(try !document.nodes(forXPath: "//testcase[@classname='iso27001-2022'][failure]").isEmpty, "gaps fail their control's test")
        #expect(try document.nodes(forXPath: "//testcase[@classname='soc2' and starts-with(@name, 'CC6.1 ')]/failure").isEmpty, "a waived gap does not fail")
    }

    @Test func oscalCarriesEveryAssessedControlAndEachNotApplicableDecision() throws {
        let folder = try sample()
        defer { folder.remove() }
        _ = try dossier(["build", "evidence", "--output", "pack", "--quiet"], in: folder.url)
        let report = try JSONSerialization.jsonObject(with: Data(try folder.read("pack/report.json").utf8)) as! [String: Any]
        let controls = report["controls"] as! [[String: Any]]
        let notApplicable = controls.filter { $0["status"] as? String == "not-applicable" }
        let assessed = controls.filter { !["not-applicable", "out-of-scope", "undecided"].contains($0["status"] as? String) }
        let oscal = try JSONSerialization.jsonObject(with: Data(try folder.read("pack/oscal-assessment-results.json").utf8)) as! [String: Any]
        let result = ((oscal["assessment-results"] as! [String: Any])["results"] as! [[String: Any]])[0]
        #expect((result["findings"] as! [Any]).count == assessed.count)
        let selections = (result["reviewed-controls"] as! [String: Any])["control-selections"] as! [[String: Any]]
        let excluded = (selections.last?["exclude-controls"] as? [[String: Any]])?.compactMap { $0["control-id"] as? String } ?? []
        #expect(excluded.count == notApplicable.count && notApplicable.count == 10, "9 ISO controls and SOC 2 CC6.4: \(excluded)")
        let observations = (result["observations"] as! [[String: Any]]).filter { ($0["title"] as? String)?.hasSuffix(": not applicable") == true }
        #expect(observations.count == notApplicable.count)
        #expect(observations.allSatisfy { ($0["description"] as? String)?.contains("not applicable per ") == true }, "each carries its justification")
    }

    @Test func strictFailsTheWarningRulesInJUnitAsItFailsTheBuild() throws {
        let folder = try sample()
        defer { folder.remove() }
        let outcome = try dossier(["build", "evidence", "--output", "pack", "--quiet", "--strict"], in: folder.url)
        #expect(outcome.status == 1)
        let document = try XMLDocument(xmlString: try folder.read("pack/junit.xml"))
        let failed = try document.nodes(forXPath: "//testsuite[@name='rules']/testcase[failure]").compactMap { ($0 as? XMLElement)?.attribute(forName: "name")?.stringValue }
        #expect(failed.contains("dossier.freshness.stale"), "a warning fails its rule under --strict: \(failed)")
        #expect(failed.contains("dossier.agreement.expired"))
        #expect(failed.contains("dossier.item.contradicted") && failed.contains("dossier.item.unproven"), "--strict fails on contradicted and claimed items")
        #expect(!failed.contains("dossier.log.partial-period"), "notes still pass")
    }

    @Test func githubAnnotationsAppearWhenRunInActions() throws {
        let folder = try sample()
        defer { folder.remove() }
        let plain = try dossier(["check", "evidence"], in: folder.url)
        #expect(!plain.stdout.contains("::error"))
        let actions = try dossier(["check", "evidence"], in: folder.url, github: true)
        #expect(actions.stdout.contains("::error file=evidence/approvals/ropa-credentials-2026-09-17.json,line=5,col=13,title=dossier.approval.hash-mismatch::ROPA-CRED-2026-09-17 approved"))
        #expect(actions.stdout.contains("::warning file=evidence/records/staging-purge-check.md,line=2,col=14,title=dossier.freshness.stale::"))
        #expect(actions.stdout.contains("::notice title=dossier.log.partial-period::"))
    }

    @Test func theReleaseIsShownInThePackAndItsReports() throws {
        let folder = try sample()
        defer { folder.remove() }
        _ = try dossier(["build", "evidence", "--output", "pack", "--quiet", "--release", "v9.9.9"], in: folder.url)
        #expect(try folder.read("pack/index.html").contains("<dt>Release</dt><dd>v9.9.9</dd>"))
        #expect(try folder.read("pack/report.json").contains(#""release" : "v9.9.9""#))
        #expect(try folder.read("pack/oscal-assessment-results.json").contains(#""version" : "v9.9.9""#))
    }
}
