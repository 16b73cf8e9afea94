@testable import DossierAssess
import DossierModel
import Foundation
import Testing

/// Forms of a key a red-team walk got into the pack: each is withheld, or never quoted.
@Suite struct HiddenSecretFormTests {
    private static let key = "AKIAQ3EGRIZUJ7W4TNXB"
    private static let hidden = "AKIAQ3EG\u{200B}RIZUJ7W4TNXB"

    private func expectWithheld(_ name: String, _ contents: String, _ why: Comment) throws {
        let result = try AssessmentFixture.check([name: contents])
        #expect(result.withheld.contains(name), "\(why): \(result.diagnostics.map(\.summary))")
    }

    /// A rule quoting a value as written (an unknown time zone, an unknown framework) published the
    /// key split by a zero-width space, in base64 or in full-width letters.
    @Test func aMessageNeverQuotesAKeyInAnyForm() throws {
        let fullWidth = String(String.UnicodeScalarView(Self.key.unicodeScalars.map { Unicode.Scalar($0.value + 0xFEE0)! }))
        for form in [Self.hidden, Data(Self.key.utf8).base64EncodedString(), fullWidth] {
            let configuration = AssessmentFixture.configuration + "\ntimezone: \"\(form)\"\n"
            let result = try AssessmentFixture.check(["notes.md": "# Notes\n"], configuration: configuration)
            #expect(!result.withheld.isEmpty, "the configuration holds a key: \(result.diagnostics.map(\.summary))")
            let quoted = result.diagnostics.filter { SecretScrub.shows($0.summary, secrets: [Self.key]) }
            #expect(quoted.isEmpty, "\(form.debugDescription): \(quoted.map(\.summary))")
        }
        #expect(SecretScrub.message("unknown zone '\(Self.hidden)', see docs", secrets: [Self.key]) == "unknown zone '[secret withheld]', see docs")
    }

    @Test func aFileNamedWithAHiddenKeyIsWithheldAndListedWithoutIt() throws {
        try expectWithheld("records/\(Self.hidden).md", "# Notes\n", "a zero-width space in the name")
        try expectWithheld("records/pass\u{00AD}word-ghp_R7kq2XvB9mTz4LpW8nYc3HdF6sJa1QeU0oGi.md", "# Notes\n", "a soft hyphen in the name")
        let listed = SecretScrub.listedPath("\(Self.hidden)/notes.md", sha256: String(repeating: "a", count: 64), secrets: [Self.key])
        #expect(listed == "withheld-" + String(repeating: "a", count: 16))
    }

    /// A browser shows a Markdown soft break as a space: a header or an assignment split over two
    /// lines reads as one.
    @Test func aKeySplitByASoftLineBreakIsWithheld() throws {
        try expectWithheld("records/pem.md", "# Key\n\n-----BEGIN RSA PRIVATE\nKEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7\n-----END RSA PRIVATE KEY-----\n", "a PEM header over two lines")
        try expectWithheld("records/password.md", "# Database\n\ndb_password:\nXq7!kL9#mP2vTr0ub4\n", "an assignment over two lines")
    }

    /// Shown as text because it could not be parsed, a file shows its escapes as written.
    @Test func escapesInAFileShownAsTextAreRead() throws {
        try expectWithheld("records/x.json", "{\"note\": \"\\u0041KIAQ3EGRIZUJ7W4TNXB\",\n \"x\": }\n", "JSON that does not parse")
        try expectWithheld("records/x.yml", "note: \"\\x41KIAQ3EGRIZUJ7W4TNXB\"\nx: [\n", "YAML that does not parse")
        #expect(EncodedRuns.escapesDecoded("&#65;KIA &#x51; \\u0033 \\x45 \\U00000047 & \\n") == "AKIA Q 3 E G & \\n")
        #expect(EncodedRuns.escapesDecoded("plain text") == nil)
    }

    /// A name and its value in sibling fields never form a `name: value` line in the bytes.
    @Test func aNameAndItsValueInSiblingFieldsAreRead() throws {
        try expectWithheld("deploy/app.yml", "kind: Deployment\nspec:\n  containers:\n    - name: app\n      env:\n        - name: DB_PASSWORD\n          value: \"Lp7#qX2!mZ9wKr4v\"\n", "Kubernetes env")
        try expectWithheld("deploy/ssm.json", "{\"Parameter\": {\"Name\": \"/ticketsum/prod/db_password\", \"Type\": \"SecureString\", \"Value\": \"Wn6!pX3qKz8#Rm4t\"}}\n", "an SSM parameter")
        try expectWithheld("deploy/tf.json", "{\n  \"db_password\": {\n    \"sensitive\": true,\n    \"type\": \"string\",\n    \"value\": \"Nx5!vR8qTz3#Wp6m\"\n  }\n}\n", "terraform output -json")
    }

    /// A table's column headed `Password` holds one in each row, though no line pairs name and value.
    @Test func aTableColumnHeadedLikeASecretIsRead() throws {
        try expectWithheld("records/accounts.md", "# Accounts\n\n| Account | Password |\n|---|---|\n| svc-crm | Ty6!wK9pXz3#Qm7n |\n", "a Markdown table")
        try expectWithheld("exports/users.csv", "username,password,role\nsvc-helpdesk,Fk7#pW2!qZx9Mn4t,integration\n", "a CSV export")
        let policy = "# Policy\n\n| Control | Password policy | API key rotation |\n|---|---|---|\n| 5.17 | 14 characters minimum | every 90 days |\n"
        let result = try AssessmentFixture.check(["records/policy.md": policy])
        #expect(result.withheld.isEmpty, "a column about passwords holds none: \(result.diagnostics.map(\.summary))")
        let results = "# Tests\n\n| Suite | Pass | Fail |\n|---|---|---|\n| integration | 1423/1500 | 77 |\n\n| Control | Topic |\n|---|---|\n| CRY-2 | Shared secret |\n| CRY-3 | KMS-key-2024-rotation-log.pdf |\n"
        let other = try AssessmentFixture.check(["records/results.md": results])
        #expect(other.withheld.isEmpty, "a Pass column, a row naming a secret: \(other.diagnostics.map(\.summary))")
    }

    @Test func aFencesInfoStringIsScanned() throws {
        try expectWithheld("records/info.md", "# Info\n\n```db_pass&#119;ord=Xq7!kL9#mP2vTr0ub4\ncode\n```\n", "an entity in a fence's info string")
    }

    /// A NUL byte is shown as U+FFFD, which a reader skips.
    @Test func aKeySplitByANulByteIsWithheld() throws {
        try expectWithheld("records/x.txt", "key AKIAQ3EG\u{0}RIZUJ7W4TNXB\n", "a NUL byte in a text file")
    }
    /// A second round of the red-team walk: a key in reverse after a right-to-left override, written
    /// with a Cyrillic А, in a base64 or hex name, behind an escape of a zero-width space.
    @Test func aKeyReadInDisplayOrderOrDecodedFromANameIsWithheld() throws {
        try expectWithheld("records/rlo.md", "# Key\n\nkey \u{202E}BXNT4W7JUZIRGE3QAIKA\u{202C} here\n", "reversed after U+202E")
        try expectWithheld("records/cyr.md", "# Key\n\nkey \u{0410}KIAQ3EGRIZUJ7W4TNXB\n", "a Cyrillic А")
        try expectWithheld("\(Data(Self.key.utf8).base64EncodedString())/notes.md", "# Notes\n", "a folder named in base64")
        try expectWithheld("records/\(Data(Self.key.utf8).map { String(format: "%02x", $0) }.joined()).md", "# Notes\n", "a file named in hex")
        try expectWithheld("records/ssh2.txt", "---- BEGIN SSH2 ENCRYPTED PRIVATE KEY ----\nComment: key\n", "an SSH2 private key")
        try expectWithheld("records/z.json", "{\"k\": \"AKIA\\u200bQ3EGRIZUJ7W4TNXB\" \n", "an escaped zero-width space in JSON that does not parse")
    }

    /// Only a Markdown paragraph's soft breaks are read as spaces: a code block, a record's value and a
    /// text file show their lines as lines.
    @Test func linesShownAsLinesAreNotJoined() throws {
        for (name, contents) in [
            ("notes/plain.yml", "notes: |\n  Reset the password:\n  quarterly-rotation-by-ops2026\n"),
            ("notes/code.md", "# Runbook\n\n```\nReset the password:\nquarterly-rotation-by-ops2026\n```\n"),
            ("notes/prose.md", "# Runbook\n\nWe reset the break-glass password:\nTwice-yearly rotation is documented in the runbook.\n"),
        ] {
            let result = try AssessmentFixture.check([name: contents])
            #expect(result.withheld.isEmpty, "\(name): \(result.diagnostics.map(\.summary))")
        }
    }

    /// A message quoting a base64 run that a space cuts in two.
    @Test func aRunCutByASpaceIsWithheldFromAMessage() {
        let encoded = Data(Self.key.utf8).base64EncodedString()
        let split = encoded.prefix(18) + " " + encoded.dropFirst(18)
        let scrubbed = SecretScrub.message("Link target '\(split).md' does not exist", secrets: [Self.key])
        #expect(!scrubbed.contains(encoded.prefix(18)) && scrubbed.contains(SecretScrub.marker), "\(scrubbed)")
    }
}
