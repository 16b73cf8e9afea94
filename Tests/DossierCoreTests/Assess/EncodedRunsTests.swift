@testable import DossierAssess
import Foundation
import Testing

/// The secret scan reads what base64 and hex runs decode to, and only when that is text: hashes,
/// identifiers and images in data URIs decode to bytes that are not.
@Suite struct EncodedRunsTests {
    private func decoded(_ text: String) -> [String] {
        EncodedRuns.decoded(in: Data(text.utf8)).map(\.text)
    }

    @Test func base64AndHexOfTextAreDecodedWithTheirLine() {
        let secret = "aws_access_key_id=AKIAEXAMPLEEXAMPLE12"
        let base64 = Data(secret.utf8).base64EncodedString()
        let hex = Data(secret.utf8).map { String(format: "%02x", $0) }.joined()
        let found = EncodedRuns.decoded(in: Data("first line\nvalue: \(base64)\n\(hex) end\n".utf8))
        #expect(found.map(\.text) == [secret, secret])
        #expect(found.map(\.line) == [2, 3])
        let urlSafe = Data("~~~\(secret)???".utf8).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
        #expect(decoded(urlSafe) == ["~~~\(secret)???"])
        #expect(decoded("bytes: 0x" + hex) == [secret], "a 0x prefix")
        let pem = "-----BEGIN RSA PRIVATE KEY-----\n" + String(repeating: "MIIEpAIBAAKCAQEA", count: 400)
        #expect(decoded(Data(pem.utf8).base64EncodedString()).first?.hasPrefix("-----BEGIN RSA PRIVATE KEY-----") == true, "the start of a run past 4 096 characters")
    }

    @Test func separatedHexUTF16BigEndianAndTwiceEncodedRunsAreDecoded() {
        let secret = "aws_access_key_id=AKIAEXAMPLEEXAMPLE12"
        let pairs = Data(secret.utf8).map { String(format: "%02x", $0) }
        for separator in [":", "-", " "] {
            #expect(decoded("dump: " + pairs.joined(separator: separator) + " end").contains(secret), "hex separated by '\(separator)'")
        }
        #expect(EncodedRuns.decoded(in: Data("one\ntwo: \(pairs.joined(separator: ":"))\n".utf8)).map(\.line) == [2])
        var bigEndian = Data()
        for unit in secret.utf16 { bigEndian.append(contentsOf: [UInt8(unit >> 8), UInt8(unit & 0xFF)]) }
        #expect(decoded(bigEndian.base64EncodedString()) == [secret], "UTF-16BE")
        let twice = Data(Data(secret.utf8).base64EncodedString().utf8).base64EncodedString()
        #expect(decoded(twice).contains(secret), "base64 of base64")
        let ofHex = Data(pairs.joined().utf8).base64EncodedString()
        #expect(decoded(ofHex).contains(secret), "base64 of hex")
        #expect(decoded("fingerprint 43:51:43:a1:b5:fc:8b:b7:0a:3a:a9:b1:0f:66:73:a8").isEmpty, "a fingerprint is no text")
        #expect(decoded("mac 00:1a:2b:3c:4d:5e and 2026-12-07 10:00:00").isEmpty)
    }

    @Test func hashesIdentifiersAndImagesAreNotText() {
        let sha256 = "ab00ac8fc8120678c5aebdae1557f319c1f63a0fa66983312f9af80962d7142e"
        let image = Data((0..<300).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }).base64EncodedString()
        #expect(decoded("sha256: \(sha256)").isEmpty)
        #expect(decoded("scopes: inference_on_the_approved_model_in_project_ticket-summariser-prod").isEmpty)
        #expect(decoded("![shot](data:image/png;base64,\(image))").isEmpty)
        #expect(decoded("short: QUtJQQ==").isEmpty, "a run under 24 characters is not read")
    }
}

/// The other readings of a published string the secret scan looks at.
@Suite struct SecretReadingsTests {
    @Test func aReaderSeesNoControlOrIgnorableCharacter() {
        #expect(SecretScanner.visible("AKIA\u{FE0F}Q3EG\u{034F}RIZU\u{0085}J7W4\u{200B}TNXB") == "AKIAQ3EGRIZUJ7W4TNXB")
        #expect(SecretScanner.visible("plain ASCII text\twith a tab") == nil)
    }

    @Test func escapesThatAreNotUTF8LeaveTheRestReadable() {
        #expect(EncodedRuns.percentDecoded("?k=%41KIA&x=%FF")?.hasPrefix("?k=AKIA&x=") == true)
        #expect(EncodedRuns.percentDecoded("100% sure") == nil)
    }
}

/// A list under a plural name lists things: `revoked_tokens: [gha-deploy-2023-11-prod]` names tokens,
/// and is not one (a list under `db_password` is its values, and is withheld).
@Suite struct SecretAssignmentListTests {
    @Test func aListUnderAPluralNameIsNoSecret() throws {
        let plural = try AssessmentFixture.check(["tokens.yml": "revoked_tokens:\n  - gha-deploy-2023-11-prod-Xk9\n"])
        #expect(plural.withheld.isEmpty, "\(plural.diagnostics.map(\.summary))")
        let singular = try AssessmentFixture.check(["db.yml": "db_password:\n  - DNxril73RavGD5Mfv!\n"])
        #expect(singular.withheld == ["db.yml"])
    }
}

/// Encodings a red-team walk hid keys in: a run longer than one window, text that is not all
/// ASCII, UTF-16 (PowerShell's `-EncodedCommand`).
@Suite struct EncodedTextFormsTests {
    private let assignment = "AWS_ACCESS_KEY_ID=AKIAQ3EGRIZUJ7W4TNXB"

    @Test func aKeyDeepInALongRunIsFound() {
        let file = (0..<100).map { "# setting \($0) of the export, kept for reference only\n" }.joined() + assignment + "\n"
        let encoded = Data(file.utf8).base64EncodedString()
        #expect(encoded.count > 4096)
        #expect(EncodedRuns.decoded(in: Data("data:\n  export.env: \(encoded)\n".utf8)).contains { $0.text.contains(assignment) })
    }

    @Test func textThatIsNotAllASCIIOrIsUTF16IsRead() {
        let utf8 = Data("# Configuration — production\n\(assignment)\n".utf8).base64EncodedString()
        #expect(EncodedRuns.decoded(in: Data(utf8.utf8)).contains { $0.text.contains(assignment) }, "UTF-8 with a dash")
        let utf16 = Data("$env:\(assignment)".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }).base64EncodedString()
        #expect(EncodedRuns.decoded(in: Data("powershell -EncodedCommand \(utf16)".utf8)).contains { $0.text.contains(assignment) }, "UTF-16LE")
    }
}

/// Base64 wrapped over lines (PEM, MIME, `base64` without `-w 0`, a folded YAML scalar) shows the
/// key to whoever joins the lines: the scan joins them too.
@Suite struct WrappedRunsTests {
    private let secret = "aws_access_key_id=AKIAQ3EGRIZUJ7W4TNXB and more"

    private func wrapped(_ text: String, every width: Int, indent: String = "") -> String {
        let encoded = Array(Data(text.utf8).base64EncodedString())
        return stride(from: 0, to: encoded.count, by: width).map { indent + String(encoded[$0..<min($0 + width, encoded.count)]) }
            .joined(separator: "\n")
    }

    @Test func runsWrappedOverLinesAreJoined() {
        // 18 characters a line: no line is a multiple of four, so no line decodes to the key alone.
        let found = EncodedRuns.decoded(in: Data("key: |\n\(wrapped(secret, every: 18, indent: "  "))\nnext: 1\n".utf8))
        #expect(found.contains { $0.text == secret && $0.line == 2 })
        let folded = EncodedRuns.decoded(in: Data("blob: \(wrapped(secret, every: 20, indent: "  ").dropFirst(2))\n".utf8))
        #expect(folded.map(\.text).contains(secret), "a plain YAML scalar folded over lines")
    }

    @Test func proseAndShortPiecesAreNotJoined() {
        #expect(EncodedRuns.decoded(in: Data("internationalisation responsibilities notwithstanding everything\n".utf8)).isEmpty)
        let shortLines = wrapped(secret, every: 8)
        #expect(!EncodedRuns.decoded(in: Data(shortLines.utf8)).map(\.text).contains(secret), "lines under 16 characters are words, not wrapped base64")
        let interrupted = wrapped(secret, every: 20).replacingOccurrences(of: "\n", with: "\n- ")
        #expect(!EncodedRuns.decoded(in: Data(interrupted.utf8)).map(\.text).contains(secret), "only white space joins two runs")
    }
}

/// Every form a key can be published in, each withheld: base64 behind JSON escapes, behind `%2B`,
/// wrapped over YAML lines.
@Suite struct HiddenBase64SecretTests {
    private let key = "AKIAQ3EGRIZUJ7W4TNXB"

    @Test func base64BehindEscapesOrWrappedIsWithheld() throws {
        // A prefix that makes the base64 hold `+` and `/`, which a URL escapes.
        let text = (0..<64).lazy.map { "id\($0): \(self.key) ~~~" }.first { Data($0.utf8).base64EncodedString().contains("+") }!
        let encoded = Data(text.utf8).base64EncodedString()
        let escapedJSON = encoded.unicodeScalars.map { String(format: "\\u%04X", $0.value) }.joined()
        let percent = encoded.replacingOccurrences(of: "+", with: "%2B").replacingOccurrences(of: "/", with: "%2F").replacingOccurrences(of: "=", with: "%3D")
        let lines = stride(from: 0, to: encoded.count, by: 18).map { "  " + String(Array(encoded)[$0..<min($0 + 18, encoded.count)]) }
        let files = [
            "escaped.json": "{\"blob\": \"\(escapedJSON)\"}\n",
            "link.md": "# Callback\n\nThe [callback](https://example.com/cb?state=\(percent)) is registered.\n",
            "wrapped.yml": "blob: |\n" + lines.joined(separator: "\n") + "\n",
        ]
        for (name, contents) in files {
            let assessment = try AssessmentFixture.check([name: contents])
            #expect(assessment.withheld == [name], "\(name): \(assessment.diagnostics.map(\.summary))")
        }
    }
}
