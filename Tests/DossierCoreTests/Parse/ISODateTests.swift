@testable import DossierAssess
@testable import DossierIntake
@testable import DossierModel
@testable import DossierPack
@testable import DossierPublish
@testable import DossierResources
import Foundation
import Testing

/// Calendar days are read by hand (a formatter per call was slow); they must agree with Foundation's.
@Suite struct ISODateTests {
    @Test func everyDayAgreesWithFoundationsFormatter() {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withFullDate]
        formatter.timeZone = TimeZone(identifier: "UTC")
        var date = formatter.date(from: "1899-12-25")!
        let end = formatter.date(from: "2101-01-05")!
        while date < end {
            let text = formatter.string(from: date)
            #expect(ISODate.parse(text) == date, "\(text)")
            date.addTimeInterval(86_400 * 3)
        }
    }

    @Test func daysTheCalendarLacksAreRefused() {
        for text in ["2026-02-29", "2024-02-30", "2026-13-01", "2026-00-10", "2026-04-31", "1900-02-29", "2026-1-011", "2026/01/01", "２０２６-01-01"] {
            #expect(ISODate.parse(text) == nil, "\(text)")
        }
        #expect(ISODate.parse("2000-02-29") != nil, "a leap day of a year divisible by 400")
        #expect(ISODate.parse(" 2026-10-06 ") == ISODate.parse("2026-10-06"))
    }
}
