import DossierModel

extension LogTimestamp {
    /// Seconds since 1970 UTC, or nil when the value is not a timestamp.
    package static func seconds(_ node: JSONNode, unit: Unit?) -> Double? {
        let seconds: Double? = switch node.value {
        case .string(let text): parse(Array(text.utf8)) ?? Double(text).map { epoch($0, unit: unit) }
        case .number(let text): Double(text).map { epoch($0, unit: unit) }
        default: nil
        }
        // `1e30` or `inf` is no time: the event counts as undated (days are counted as integers).
        return seconds.flatMap { (-62_135_596_800...253_402_300_799).contains($0) ? $0 : nil }
    }
}
