/// Orders control IDs as people read them: `8.5` before `8.22`, `CC6.2` before `CC6.10`. Runs of
/// digits compare by value, everything else character by character.
package enum NaturalOrder {
    package static func less(_ a: String, _ b: String) -> Bool {
        var left = Substring(a), right = Substring(b)
        while let x = left.first, let y = right.first {
            if x.isASCII && x.isNumber && y.isASCII && y.isNumber {
                let leftDigits = left.prefix { $0.isASCII && $0.isNumber }, rightDigits = right.prefix { $0.isASCII && $0.isNumber }
                let leftValue = leftDigits.drop { $0 == "0" }, rightValue = rightDigits.drop { $0 == "0" }
                if leftValue.count != rightValue.count { return leftValue.count < rightValue.count }
                if leftValue != rightValue { return leftValue < rightValue }
                // Equal values: fewer leading zeros first, so the order stays total.
                if leftDigits.count != rightDigits.count { return leftDigits.count < rightDigits.count }
                left = left.dropFirst(leftDigits.count)
                right = right.dropFirst(rightDigits.count)
            } else {
                if x != y { return x < y }
                left = left.dropFirst()
                right = right.dropFirst()
            }
        }
        return left.isEmpty && !right.isEmpty
    }
}
