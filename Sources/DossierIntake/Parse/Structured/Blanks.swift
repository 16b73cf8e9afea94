import Foundation

extension String {
    /// `trimmingCharacters(in: .whitespaces)`, but the text itself when it neither starts nor ends with
    /// a blank in ASCII: Foundation's trimming goes through NSString, and the dates and fields of
    /// 10 000 files are trimmed (in ASCII, `.whitespaces` is the space and the tab).
    package var trimmingBlanks: String {
        guard let first = utf8.first, let last = utf8.last, first < 0x80, last < 0x80,
              ![0x20, 0x09].contains(first), ![0x20, 0x09].contains(last) else {
            return trimmingCharacters(in: .whitespaces)
        }
        return self
    }
}
