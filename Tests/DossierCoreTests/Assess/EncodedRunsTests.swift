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
