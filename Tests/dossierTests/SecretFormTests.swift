import DossierTestSupport
import Foundation
import Testing

/// Every form in which a secret reached the pack in version 1, built with the binary: the build exits 1
/// with the finding at the right place, and the secret is in no file of the pack and no file name,
/// neither as bytes nor once HTML entities and JSON escapes are decoded.
@Suite struct SecretFormTests {
    /// Built from parts, so this source holds no complete credential.
    static let key = "AKIA" + "Q3EGRIZUJ7W4TNXB"
    static let rest = String(key.dropFirst())
    static let period = "scope: Secret forms\naudit_period: {start: 2026-01-01, end: 2026-12-31}\n"
    static let configuration = "organisation: Fixture Widgets Ltd\nframeworks: [iso27001-2022]\n" + period

    struct Form: Sendable, CustomTestStringConvertible {
        var name: String
        var files: [String: String]
        /// `file:line` where the finding must be reported (relative to the evidence folder).
        var place: String
        var testDescription: String { name }
    }

    static let logFormat = """
        kind: log-format
        id: bot-log
        name: Bot log
        paths: ["logs/*.jsonl"]
        timestamp: {field: ts}
        identity: [account]
        kinds:
          - {kind: llm-inference, when: [{field: event, equals: llm.call}]}
        fields:
          model_version: model
        """

    /// A bot's log extract, in its own format, with one LLM call whose model field is `model` as written.
    static func botLog(model: String) -> [String: String] {
        ["logs/format.yml": logFormat,
         "logs/bot.jsonl": "{\"ts\": \"2026-10-01T10:00:00Z\", \"event\": \"llm.call\", \"account\": \"svc-bot\", \"model\": \"\(model)\"}\n"]
    }

    static let forms: [Form] = [
        Form(name: "an HTML entity in Markdown text", files: ["notes.md": "# Notes\n\nKey: &#65;\(rest)\n"], place: "notes.md:3"),
        Form(name: "an HTML entity inside a link URL", files: ["notes.md": "# Notes\n\n[console](https://console.example/?k=&#65;\(rest))\n"], place: "notes.md:3"),
        Form(name: "a key split by emphasis in a heading", files: ["notes.md": "# AKIA**Q3EG**RIZUJ7W4TNXB\n\nText.\n"], place: "notes.md:1"),
        // Pages omit raw HTML as a comment a browser does not show: the two halves read as one key.
        Form(name: "a key split by an HTML comment", files: ["notes.md": "# Notes\n\nKey: AKIAQ3EG<!-- x -->RIZUJ7W4TNXB\n"], place: "notes.md:3"),
        Form(name: "a \\u escape in JSON", files: ["note.json": "{\"note\": \"\\u0041\(rest)\"}\n"], place: "note.json:1"),
        Form(name: "a \\x escape in YAML", files: ["note.yml": "note: \"\\x41\(rest)\"\n"], place: "note.yml:1"),
        Form(name: "a backslash line continuation in YAML", files: ["note.yml": "note: \"\(key.prefix(10))\\\n  \(key.dropFirst(10))\"\n"], place: "note.yml:1"),
        Form(name: "an escaped front-matter title", files: ["page.md": "---\ntitle: \"\\x41\(rest)\"\n---\n# Page\n\nText.\n"], place: "page.md:2"),
        Form(name: "a JSON Lines field", files: botLog(model: "\\u0041\(rest)"), place: "logs/bot.jsonl:1"),
        Form(name: "a data-flow system name drawn into the SVG", files: ["flows.yml": """
            kind: data-flow
            id: flows
            title: Flows
            systems:
              - {id: a, name: "\\x41\(rest)", kind: service, owner: Ops, location: Ireland, third_party: false}
              - {id: b, name: Store, kind: service, owner: Ops, location: Ireland, third_party: false}
            flows:
              - {id: F1, source: a, target: b, data_categories: [Notes], purpose: Testing, personal_data: false, tls_version: "1.3"}
            """], place: "flows.yml:5"),
        Form(name: "a Threat Dragon threat title", files: ["model.json": """
            {"version": "2.2.0", "summary": {"title": "Model"}, "detail": {"diagrams": [{"title": "D", "cells": [
              {"id": "p1", "shape": "process", "data": {"name": "P", "threats": [{"title": "\\u0041\(rest)", "status": "Open", "severity": "High"}]}}
            ]}]}}
            """], place: "model.json:2"),
        Form(name: "an Anthropic key", files: ["env.md": "# Env\n\n    ANTHROPIC_API_KEY=" + "sk-ant-api03-" + "f2rcDkdfrUnW5gcF_Ha6ili8GjHEAD6-Wj9KfzjsQGMrb9h_ImB_LK777pzNk8cL6j5IXAAjlsHUqJoUD-_Ydua_5ZMs1" + "\n"], place: "env.md:3"),
        Form(name: "an exported OpenAI project key", files: ["env.md": "# Env\n\n    export OPENAI_API_KEY=\"" + "sk-proj-" + "SWOpQaPRYpzbLGViYXjU2JgJngKtFI3OyV2dZAkg05rK_gqv81RKMGHZEM9YpvujA-C5Q52ryFlwRlOEVHzc0X0AWIRh-JUqBlIF" + "\"\n"], place: "env.md:3"),
        Form(name: "a prefixed helpdesk token", files: ["env.md": "# Env\n\n    ZENDESK_API_" + "TOKEN=" + "cwLuHj31CQJVukDCSXqLoivDP4SpGmrtWT01NjUj\n"], place: "env.md:3"),
        Form(name: "a prefixed CRM client secret", files: ["env.yml": "sfdc:\n  SFDC_CLIENT_" + "SECRET: pUuMHwkpu9mq9Ugk9QgmyjjYtUtBrmgO\n"], place: "env.yml:2"),
        Form(name: "a client_secret key", files: ["oauth.json": "{\"client_" + "secret\": \"6grn4yDcaz2YBSoGOsDbjqMVzaVp\"}\n"], place: "oauth.json:1"),
        Form(name: "a database password", files: ["db.md": "# DB\n\n    db_" + "password = Tr0ub4dor&3x\n"], place: "db.md:3"),
        Form(name: "a text file named .png", files: ["shot.png": "not an image: \(key)\n"], place: "shot.png:1"),
        // Percent-encoded in a URL or a path: messages and reports quote it so.
        Form(name: "a percent-encoded key in a link target", files: ["notes.md": "# Notes\n\nSee [doc](../\(key.prefix(4))%\(String(key.utf8.dropFirst(4).first!, radix: 16))\(key.dropFirst(5)).md)\n"], place: "notes.md:3"),
        Form(name: "a percent-encoded key in a JSON Lines field", files: botLog(model: "https://api.example/?k=%41\(rest)"), place: "logs/bot.jsonl:1"),
        // Encoded whole: whoever decodes the run reads the key.
        Form(name: "a key in base64 in Markdown", files: ["notes.md": "# Notes\n\nConfig: \(Data("aws_access_key_id=\(key)".utf8).base64EncodedString())\n"], place: "notes.md:3"),
        Form(name: "a key in URL-safe base64 in a JSON value", files: ["note.json": "{\"blob\": \"\(Data("id \(key) end".utf8).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_"))\"}\n"], place: "note.json:1"),
        Form(name: "a key in hex in a text file", files: ["notes.txt": "dump \(Data(key.utf8).map { String(format: "%02x", $0) }.joined())\n"], place: "notes.txt:1"),
        // A secret's name and value apart in the bytes, together in the parsed record.
        Form(name: "a password in a YAML block scalar", files: ["db.yml": "db_" + "password: |\n  DNxril73RavGD5Mfv!\n"], place: "db.yml:1"),
        Form(name: "a password as a YAML list", files: ["db.yml": "db_" + "password:\n  - DNxril73RavGD5Mfv!\n"], place: "db.yml:2"),
        Form(name: "a password under an escaped JSON key", files: ["db.json": "{\"pass\\u0077ord\": \"DNxril73RavGD5Mfv!\"}\n"], place: "db.json:1"),
        // Characters a reader does not see: the browser shows the key whole (it drops a NUL).
        Form(name: "a NUL inside a key in JSON", files: ["note.json": "{\"note\": \"\(key.prefix(10))\\u0000\(key.dropFirst(10))\"}\n"], place: "note.json:1"),
        Form(name: "a zero-width space inside a key in Markdown", files: ["notes.md": "# Notes\n\nKey: \(key.prefix(6))\u{200B}\(key.dropFirst(6))\n"], place: "notes.md:3"),
        Form(name: "a soft hyphen entity inside a key in Markdown", files: ["notes.md": "# Notes\n\nKey: \(key.prefix(3))&shy;\(key.dropFirst(3))\n"], place: "notes.md:3"),
        Form(name: "full-width letters in Markdown", files: ["notes.md": "# Notes\n\nKey: \u{FF21}\u{FF2B}\u{FF29}\u{FF21}\(key.dropFirst(4))\n"], place: "notes.md:3"),
        Form(name: "a word joiner inside a key in a text file", files: ["notes.txt": "Key: \(key.prefix(8))\u{2060}\(key.dropFirst(8))\n"], place: "notes.txt"),
    ]

    @Test(arguments: forms)
    func noFormReachesThePack(_ form: Form) throws {
        let (status, stderr, pack) = try Self.build(form.files)
        #expect(status == 1, "\(form.name): \(stderr)")
        #expect(stderr.contains("evidence/\(form.place):") && stderr.contains("[dossier.secret."), "\(form.name): \(stderr)")
        Self.assertAbsent(Self.secret(in: form), from: pack, form.name)
    }

    /// The value a form hides, decoded.
    static func secret(in form: Form) -> String {
        let joined = form.files.values.joined()
        for candidate in ["sk-ant-api03-", "sk-proj-", "cwLuHj31", "pUuMHwkp", "6grn4yDc", "Tr0ub4dor", "DNxril73"] where joined.contains(candidate) {
            let start = joined.range(of: candidate)!.lowerBound
            return String(joined[start...].prefix { !$0.isWhitespace && $0 != "\"" })
        }
        return key
    }

    @Test func aLineLongerThanTheLimitIsStillScanned() throws {
        let padding = String(repeating: "a", count: 1_200_000)
        let (status, stderr, pack) = try Self.build([
            "dossier.yml": Self.configuration + "limits: {max_line_bytes: 1024}\n",
            "big.json": "[\"\(padding)\", \"\(Self.key)\"]\n",
        ])
        #expect(status == 1 && stderr.contains("evidence/big.json:1:") && stderr.contains("[dossier.secret.aws-access-key]"), "\(stderr)")
        Self.assertAbsent(Self.key, from: pack, "long line")
    }

    @Test func utf16TextIsDecodedForTheScan() throws {
        var data = Data([0xFF, 0xFE])
        data.append("Notes\nKey: \(Self.key)\n".data(using: .utf16LittleEndian)!)
        let folder = try TemporaryFolder(["evidence/dossier.yml": Self.configuration])
        defer { folder.remove() }
        try folder.write(data, to: "evidence/notes.txt")
        let (status, stderr, pack) = try Self.build(in: folder)
        #expect(status == 1 && stderr.contains("evidence/notes.txt:2:") && stderr.contains("[dossier.secret.aws-access-key]"), "\(stderr)")
        Self.assertAbsent(Self.key, from: pack, "UTF-16")
    }

    @Test func aSecretInAFileNameWithholdsTheFileAndTheName() throws {
        let (status, stderr, pack) = try Self.build(["notes/\(Self.key).md": "# Harmless\n\nNothing here.\n"])
        #expect(status == 1 && stderr.contains("The file's name holds a AWS access key ID"), "\(stderr)")
        #expect(stderr.contains("[dossier.secret.aws-access-key]") && !stderr.contains(Self.key), "\(stderr)")
        Self.assertAbsent(Self.key, from: pack, "file name")
        let manifest = try String(contentsOf: pack.appendingPathComponent("manifest.json"), encoding: .utf8)
        #expect(manifest.contains("notes/withheld-"), "the manifest lists the file under a name derived from its content hash")
    }

    @Test func nothingFromAWithheldConfigurationIsPublished() throws {
        let (status, _, pack) = try Self.build(["dossier.yml": "organisation: Acme Widgets \(Self.key)\nframeworks: [iso27001-2022]\n" + Self.period])
        #expect(status == 1)
        Self.assertAbsent(Self.key, from: pack, "organisation")
        Self.assertAbsent("Acme Widgets", from: pack, "organisation")
        let index = try String(contentsOf: pack.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(index.contains("[withheld: dossier.secret.aws-access-key]"))
    }

    @Test func nothingFromAWithheldFrameworkOrChecklistIsPublished() throws {
        let (status, _, pack) = try Self.build([
            "dossier.yml": "organisation: Fixture Ltd\nframeworks: [acme]\n" + Self.period,
            "acme.yml": "kind: framework\nframework: acme\nname: Acme policy\nsource: ours\ncontrols:\n  - {id: A-1, title: \"Rotate \(Self.key) monthly\"}\n",
            "list.yml": """
                kind: checklist-definition
                checklist: acme-list
                name: Acme list
                source: ours
                frameworks: [iso27001-2022]
                items:
                  - {id: L-1, section: S, text: "Keep \(Self.key) in the vault", controls: {iso27001-2022: ["5.17"]}, expects: [{document: {why: a policy}}], wants: The policy}
                """,
            "answers.md": "---\nkind: checklist\nchecklist: acme-list\n---\n# Answers\n\n- [ ] L-1 Not yet\n",
        ])
        #expect(status == 1)
        Self.assertAbsent(Self.key, from: pack, "framework and checklist")
        Self.assertAbsent("monthly", from: pack, "the control title")
        Self.assertAbsent("in the vault", from: pack, "the item text")
    }

    // MARK: - Helpers

    static func build(_ files: [String: String]) throws -> (Int32, String, URL) {
        var all = files
        if all["dossier.yml"] == nil { all["dossier.yml"] = configuration }
        let folder = try TemporaryFolder(Dictionary(uniqueKeysWithValues: all.map { ("evidence/" + $0.key, $0.value) }))
        return try build(in: folder)
    }

    /// Builds `evidence/` of the folder into `pack/` (the folder is left for the process to clean).
    static func build(in folder: TemporaryFolder) throws -> (Int32, String, URL) {
        var environment = ProcessInfo.processInfo.environment
        environment["SOURCE_DATE_EPOCH"] = "1795392000"
        let outcome = try CommandRunner.run(
            Repository.dossierBinary, ["build", "evidence", "--output", "pack", "--no-cache"], in: folder.url, environment: environment)
        return (outcome.status, outcome.stderr, folder.subfolder("pack"))
    }

    /// The value is in no file of the pack and no file name: not as bytes, nor once HTML entities and
    /// JSON escapes are decoded.
    static func assertAbsent(_ value: String, from pack: URL, _ label: String) {
        #expect(FileManager.default.fileExists(atPath: pack.appendingPathComponent("index.html").path), "\(label): no pack was written")
        for case let path as String in FileManager.default.enumerator(atPath: pack.path) ?? NSEnumerator() {
            #expect(!path.contains(value), "\(label): a file name holds it: \(path)")
            guard let data = FileManager.default.contents(atPath: pack.appendingPathComponent(path).path), !data.isEmpty else { continue }
            let text = String(decoding: data, as: UTF8.self)
            #expect(!text.contains(value), "\(label): \(path) holds it")
            #expect(!decoded(text).contains(value), "\(label): \(path) holds it once decoded")
            #expect(!visible(decoded(text)).contains(value), "\(label): \(path) shows it to a reader")
        }
    }

    /// The text as a browser shows it: controls and invisible characters (Unicode's format category)
    /// dropped, compatibility forms (full-width letters) folded.
    static func visible(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.filter { $0.value >= 0x20 && $0.properties.generalCategory != .format }))
            .precomposedStringWithCompatibilityMapping
    }

    /// HTML numeric and common named entities, JSON `\uXXXX` and `\/` escapes and URLs' `%XX`, undone.
    static func decoded(_ text: String) -> String {
        var result = text
        for (pattern, radix) in [(#"&#x([0-9A-Fa-f]+);"#, 16), (#"&#([0-9]+);"#, 10), (#"\\u([0-9A-Fa-f]{4})"#, 16), (#"%([0-9A-Fa-f]{2})"#, 16)] {
            let expression = try! NSRegularExpression(pattern: pattern)
            for match in expression.matches(in: result, range: NSRange(result.startIndex..., in: result)).reversed() {
                guard let whole = Range(match.range, in: result), let digits = Range(match.range(at: 1), in: result),
                      let scalar = UInt32(result[digits], radix: radix).flatMap(Unicode.Scalar.init) else { continue }
                result.replaceSubrange(whole, with: String(Character(scalar)))
            }
        }
        return result.replacingOccurrences(of: "&amp;", with: "&").replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&shy;", with: "\u{AD}")
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "\\/", with: "/")
    }
}
