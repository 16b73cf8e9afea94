@testable import DossierPack
import Foundation
import Testing

/// `build --pdf` replaces what Chromium stamps from its clock (the dates) or at random (a file
/// identifier) in place, byte for byte, so the PDF's cross-reference offsets still hold.
@Suite struct DeterministicPDFTests {
    private static let printed = """
        %PDF-1.4
        1 0 obj
        <</Creator (Chromium)
        /CreationDate (D:20261206120308+00'00')
        /ModDate (D:20261206120309+00'00')>>
        endobj
        2 0 obj <</S /P /ID (node00000124)>> endobj
        trailer
        <</Size 3 /Root 2 0 R /Info 1 0 R /ID [<9f2c4e0a1b3d5f7e9f2c4e0a1b3d5f7e> <0123456789abcdef0123456789ABCDEF>]>>
        startxref
        9
        %%EOF
        """

    @Test func datesBecomeTheBuildDateAndTheIdentifierAHashOfTheDocument() throws {
        let date = Date(timeIntervalSince1970: 1_795_392_000)  // 2026-11-23T00:00:00Z
        let once = try DeterministicPDF.normalise(Data(Self.printed.utf8), date: date)
        let text = String(decoding: once, as: UTF8.self)
        #expect(once.count == Self.printed.utf8.count)
        #expect(text.contains("/CreationDate (D:20261123000000+00'00')") && text.contains("/ModDate (D:20261123000000+00'00')"))
        #expect(text.contains("/ID (node00000124)"), "a structure element's ID is no file identifier")
        #expect(!text.contains("9f2c4e0a") && !text.contains("0123456789abcdef"), "the printed identifier is kept: \(text)")
        // Another clock and another random identifier give the same bytes.
        let other = Self.printed.replacingOccurrences(of: "20261206120308", with: "20270101235959")
            .replacingOccurrences(of: "9f2c4e0a1b3d5f7e", with: "aaaaaaaaaaaaaaaa")
        #expect(try DeterministicPDF.normalise(Data(other.utf8), date: date) == once)
    }

    @Test func aDateOfAnotherFormIsRefusedRatherThanLeftFromTheClock() {
        let odd = Data("%PDF-1.4 <</CreationDate (D:2026120612)>>".utf8)
        #expect(throws: (any Error).self) { try DeterministicPDF.normalise(odd, date: Date(timeIntervalSince1970: 0)) }
        #expect(DeterministicPDF.stamp(Date(timeIntervalSince1970: 0), length: 17).map { String(decoding: $0, as: UTF8.self) } == "D:19700101000000Z")
    }
}
