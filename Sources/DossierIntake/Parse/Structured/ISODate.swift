import DossierModel
import Foundation

/// ISO 8601 dates as evidence writes them: a calendar day, or a date-time with a zone.
package enum ISODate {
    package static func parse(_ text: String) -> Date? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.utf8.count == 10 { return calendarDay(Array(trimmed.utf8)) }
        for options: ISO8601DateFormatter.Options in [[.withInternetDateTime], [.withInternetDateTime, .withFractionalSeconds]] {
            let formatter = ISO8601DateFormatter()
            formatter.formatOptions = options
            if let date = formatter.date(from: trimmed) { return date }
        }
        return nil
    }
}

extension ISODate {
    /// `YYYY-MM-DD` as midnight UTC, read by hand: a formatter made per call cost seconds for 10 000
    /// files, and one shared is not safe across threads. A day the calendar does not have is nil.
    package static func calendarDay(_ bytes: [UInt8]) -> Date? {
        guard bytes.count == 10, bytes[4] == 0x2D, bytes[7] == 0x2D else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            range.allSatisfy { bytes[$0] >= 0x30 && bytes[$0] <= 0x39 } ? range.reduce(0) { $0 * 10 + Int(bytes[$1] - 0x30) } : nil
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10), (1...12).contains(month) else { return nil }
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let lengths = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        guard day >= 1, day <= lengths[month - 1] else { return nil }
        // Days since 1970-01-01 from the civil date (the proleptic Gregorian calendar, as ISO 8601 has it).
        let shifted = month <= 2 ? year - 1 : year
        let era = (shifted >= 0 ? shifted : shifted - 399) / 400
        let yearOfEra = shifted - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return Date(timeIntervalSince1970: Double(era * 146_097 + dayOfEra - 719_468) * 86_400)
    }

    /// `YYYY-MM-DD` in UTC, the form evidence writes dates in.
    package static func day(_ date: Date) -> String {
        BuildDate(date: date, source: .clock).isoDay
    }
}
