import DossierModel
import Foundation

/// ISO 8601 dates as evidence writes them: a calendar day, a date-time with a zone, or a date-time
/// without one, read in `zone` (the configuration's `timezone:`, UTC by default).
package enum ISODate {
    package static func parse(_ text: String, zone: TimeZone = utc) -> Date? {
        let trimmed = text.trimmingBlanks
        if trimmed.utf8.count == 10 { return calendarDay(Array(trimmed.utf8)) }
        if let local = localDateTime(trimmed, zone: zone) { return local }
        for options: ISO8601DateFormatter.Options in [[.withInternetDateTime], [.withInternetDateTime, .withFractionalSeconds]] {
            let formatter = ISO8601DateFormatter()
            formatter.formatOptions = options
            if let date = formatter.date(from: trimmed) { return date }
        }
        return nil
    }
}

extension ISODate {
    package static let utc = TimeZone(identifier: "UTC")!

    /// What an unreadable date is told: the forms that are read, and which zone a bare date-time is in.
    package static let hint = "write it as YYYY-MM-DD, or a date-time such as 2026-10-06T14:30:00Z; "
        + "a date-time without a zone is read in the configuration's 'timezone:' (default UTC)"

    /// `YYYY-MM-DDThh:mm:ss[.fraction]` with no zone: that wall-clock time in `zone`. The zone's rules
    /// decide the offset, summer time included (a time a clock change skips or repeats gets one of
    /// the two offsets around it). nil for anything else, which the ISO 8601 formatter then tries.
    static func localDateTime(_ text: String, zone: TimeZone) -> Date? {
        let bytes = Array(text.utf8)
        guard bytes.count >= 19, bytes[10] == UInt8(ascii: "T"), let day = calendarDay(Array(bytes[0..<10])) else { return nil }
        let rest = bytes[19...]
        // A zone (`Z`, `+02:00`) anywhere after the seconds leaves the text to the formatter.
        guard rest.isEmpty || (rest.first == UInt8(ascii: ".") && rest.count > 1 && rest.dropFirst().allSatisfy { $0 >= 0x30 && $0 <= 0x39 }),
              let seconds = LogTimestamp.parse(Array(bytes[0..<19]) + Array("Z".utf8)) else { return nil }
        guard seconds - day.timeIntervalSince1970 < 86_400 else { return nil }
        let fraction = rest.isEmpty ? 0 : Double("0" + String(decoding: rest, as: UTF8.self)) ?? 0
        // The offset at the instant the same wall-clock time names in UTC, then once more at the
        // corrected instant, settles every zone's offset except within a clock change's hour.
        let guess = Date(timeIntervalSince1970: seconds)
        let first = Double(zone.secondsFromGMT(for: guess))
        let second = Double(zone.secondsFromGMT(for: guess.addingTimeInterval(-first)))
        return Date(timeIntervalSince1970: seconds - second + fraction)
    }

    /// `YYYY-MM-DD` as midnight UTC, read by hand: a formatter made per call cost seconds for 10 000
    /// files, and one shared is not safe across threads. A day the calendar does not have is nil.
    package static func calendarDay(_ bytes: [UInt8]) -> Date? {
        guard let (year, month, day) = dayFields(bytes), exists(year: year, month: month, day: day) else { return nil }
        // Days since 1970-01-01 from the civil date (the proleptic Gregorian calendar, as ISO 8601 has it).
        let shifted = month <= 2 ? year - 1 : year
        let era = (shifted >= 0 ? shifted : shifted - 399) / 400
        let yearOfEra = shifted - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return Date(timeIntervalSince1970: Double(era * 146_097 + dayOfEra - 719_468) * 86_400)
    }

    /// Whether `text` opens with a day written as `YYYY-MM-DD` that the calendar does not have
    /// (`2027-02-30`): worth saying so, rather than how to write a date.
    package static func isImpossibleDay(_ text: String) -> Bool {
        guard let (year, month, day) = dayFields(Array(text.utf8.prefix(10))) else { return false }
        return !exists(year: year, month: month, day: day)
    }

    /// The numbers of `YYYY-MM-DD`, read on bytes; nil for any other shape.
    private static func dayFields(_ bytes: [UInt8]) -> (year: Int, month: Int, day: Int)? {
        guard bytes.count == 10, bytes[4] == 0x2D, bytes[7] == 0x2D else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            range.allSatisfy { bytes[$0] >= 0x30 && bytes[$0] <= 0x39 } ? range.reduce(0) { $0 * 10 + Int(bytes[$1] - 0x30) } : nil
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10) else { return nil }
        return (year, month, day)
    }

    private static func exists(year: Int, month: Int, day: Int) -> Bool {
        guard (1...12).contains(month) else { return false }
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let lengths = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        return day >= 1 && day <= lengths[month - 1]
    }

    /// `YYYY-MM-DD` in UTC, the form evidence writes dates in.
    package static func day(_ date: Date) -> String {
        BuildDate(date: date, source: .clock).isoDay
    }
}
