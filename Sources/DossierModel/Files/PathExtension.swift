import Foundation

extension PackPaths {
    /// What `NSString.pathExtension` gives, without bridging every file's path to an `NSString` on
    /// every build (a few percent of a `serve` rebuild at 10 000 files). A plain ASCII path is cut on
    /// its bytes: the text after the last `.` of its last name, unless that dot begins or ends the
    /// name. Anything else (non-ASCII, `//`, a trailing `/`) is left to Foundation, which tidies
    /// slashes first.
    package static func pathExtension(_ path: String) -> String {
        let bytes = Array(path.utf8)
        let slash = UInt8(ascii: "/")
        let plain = bytes.count > 1 && bytes.last != slash && bytes.allSatisfy { $0 < 0x80 }
            && !zip(bytes, bytes.dropFirst()).contains { $0 == slash && $1 == slash }
        guard plain else { return (path as NSString).pathExtension }
        let nameStart = (bytes.lastIndex(of: slash) ?? -1) + 1
        guard let dot = bytes[nameStart...].lastIndex(of: UInt8(ascii: ".")), dot != nameStart, dot != bytes.count - 1 else { return "" }
        return String(decoding: bytes[(dot + 1)...], as: UTF8.self)
    }
}
