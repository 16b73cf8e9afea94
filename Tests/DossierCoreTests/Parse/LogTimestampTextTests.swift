import DossierAssess
import DossierIntake
import DossierModel
import DossierPack
import DossierPublish
import DossierResources
import Foundation
import Testing

/// `LogTimestamp.text` writes dates without ICU; it must agree with Foundation's formatter everywhere.
@Suite struct LogTimestampTextTests {
    private func foundation(_ seconds: Double) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: Date(timeIntervalSince1970: seconds.rounded(.down)))
    }

    @Test(arguments: [
        (0.0, "1970-01-01T00:00:00Z"), (951_782_400, "2000-02-29T00:00:00Z"), (4_107_542_400, "2100-03-01T00:00:00Z"),
        (1_795_392_000.9, "2026-11-23T00:00:00Z"), (-1, "1969-12-31T23:59:59Z"), (253_402_300_799, "9999-12-31T23:59:59Z"),
    ])
    func knownInstants(_ seconds: Double, _ expected: String) {
        #expect(LogTimestamp.text(seconds) == expected)
    }

    @Test func agreesWithFoundationOnTenThousandInstants() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<10_000 {
            let seconds = Double(Int64.random(in: -2_000_000_000...32_503_680_000, using: &generator))
            #expect(LogTimestamp.text(seconds) == foundation(seconds), "at \(seconds)")
        }
    }
}
