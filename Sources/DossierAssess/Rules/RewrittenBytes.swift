import DossierModel
import Foundation

/// The rewrites that change a file's bytes without anyone meaning to change it: git's `core.autocrlf`
/// or an editor turning LF line endings into CRLF or back, and a UTF-8 byte-order mark added or
/// removed. An approval made before such a rewrite no longer matches the file's SHA-256, and the
/// approver would otherwise have to diff the file to find that nothing they read has changed.
enum RewrittenBytes {
    private static let mark: [UInt8] = [0xEF, 0xBB, 0xBF]

    /// What was rewritten when `bytes`, read back in a form those rewrites give, hashes to `sha256`;
    /// nil when no such form does (the file changed in substance, or in other ways too).
    static func rewrite(of bytes: Data, toMatch sha256: String) -> String? {
        let whole = [UInt8](bytes)
        let marked = whole.starts(with: mark)
        let text = marked ? Array(whole.dropFirst(mark.count)) : whole
        var endings: [(what: String?, text: [UInt8])] = [(nil, text)]
        if let lf = lf(text) { endings.append(("its line endings (CRLF now, LF when approved)", lf)) }
        if let crlf = crlf(text) { endings.append(("its line endings (LF now, CRLF when approved)", crlf)) }
        let markNow = marked ? "a byte-order mark at its start (none when approved)" : "the byte-order mark at its start (there when approved)"
        for (ending, body) in endings {
            for toggled in [false, true] where ending != nil || toggled {
                let candidate = (marked != toggled ? mark : []) + body
                guard ContentHash.sha256(Data(candidate)) == sha256.lowercased() else { continue }
                return [ending, toggled ? markNow : nil].compactMap { $0 }.joined(separator: " and ")
            }
        }
        return nil
    }

    /// Every CRLF as LF; nil when there is none.
    private static func lf(_ text: [UInt8]) -> [UInt8]? {
        var out: [UInt8] = []
        out.reserveCapacity(text.count)
        var changed = false
        for (index, byte) in text.enumerated() {
            if byte == 0x0D, index + 1 < text.count, text[index + 1] == 0x0A {
                changed = true
                continue
            }
            out.append(byte)
        }
        return changed ? out : nil
    }

    /// Every LF not already after a CR as CRLF; nil when there is none.
    private static func crlf(_ text: [UInt8]) -> [UInt8]? {
        var out: [UInt8] = []
        out.reserveCapacity(text.count + text.count / 16)
        var changed = false
        for (index, byte) in text.enumerated() {
            if byte == 0x0A, index == 0 || text[index - 1] != 0x0D {
                out.append(0x0D)
                changed = true
            }
            out.append(byte)
        }
        return changed ? out : nil
    }
}
