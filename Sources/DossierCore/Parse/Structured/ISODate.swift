import Foundation

/// ISO 8601 dates as evidence writes them: a calendar day, or a date-time with a zone.
public enum ISODate {
    public static func parse(_ text: String) -> Date? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.count == 10 {
            let day = ISO8601DateFormatter()
            day.formatOptions = [.withFullDate]
            day.timeZone = TimeZone(identifier: "UTC")
            guard let date = day.date(from: trimmed), day.string(from: date) == trimmed else { return nil }
            return date
        }
        for options: ISO8601DateFormatter.Options in [[.withInternetDateTime], [.withInternetDateTime, .withFractionalSeconds]] {
            let formatter = ISO8601DateFormatter()
            formatter.formatOptions = options
            if let date = formatter.date(from: trimmed) { return date }
        }
        return nil
    }
}

extension ISODate {
    /// `YYYY-MM-DD` in UTC, the form evidence writes dates in.
    public static func day(_ date: Date) -> String {
        BuildDate(date: date, source: .clock).isoDay
    }
}
