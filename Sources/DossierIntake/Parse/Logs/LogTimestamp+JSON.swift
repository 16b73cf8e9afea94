import DossierModel

extension LogTimestamp {
    /// Seconds since 1970 UTC, or nil when the value is not a timestamp.
    package static func seconds(_ node: JSONNode, unit: Unit?) -> Double? {
        switch node.value {
        case .string(let text):
            if let parsed = parse(Array(text.utf8)) { return parsed }
            return Double(text).map { epoch($0, unit: unit) }
        case .number(let text):
            return Double(text).map { epoch($0, unit: unit) }
        default:
            return nil
        }
    }
}
