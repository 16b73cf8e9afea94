import DossierModel
import Foundation

/// The kinds of credential Dossier looks for before publishing anything. Each detector has fixed
/// prefixes checked first (a substring search is far cheaper than a regular expression, see
/// PLATFORM-NOTES), and a pattern run only on lines that contain one.
package struct SecretDetector: Sendable {
    package let id: String
    package let name: String
    /// Substrings that any match must contain; lines without one are never matched against the pattern.
    package let prefixes: [String]
    /// The same, as UTF-8, for the byte search that runs before any String is made.
    package let prefixBytes: [[UInt8]]
    package let caseInsensitivePrefixes: Bool
    package let pattern: NSRegularExpression
    /// Bytes of which a matching line must hold at least one (an assignment's `:` or `=`), so that
    /// prose that merely mentions a token is dismissed without the pattern.
    package var needsOneOf: [UInt8]?
    /// The length of the run of value characters (ASCII letters, digits and `+/=_-`) a matching line
    /// must hold: the secret itself. Prose that mentions a token or a URL holds no such run.
    package var needsRun: Int?
    /// Where a name holding one of the prefixes must stand in the line for the pattern to match it
    /// (`name: …`, `<name>`, `key="name"`, `--name …`): checked on the lowered line before the pattern
    /// runs, since prose and pages mention tokens and secrets all the time and patterns are slow on
    /// long lines.
    package var nameShape: NameShape?

    package enum NameShape: Sendable {
        /// `name: …`, `name = …`, `"name": …`, `$config['name'] = …`.
        case assigned
        /// `<name …>`, `<ns:name>`.
        case element
        /// `key="name"`.
        case attribute
        /// `--name …`, `-name …`.
        case option
    }
    /// Capture group holding the secret itself (0: the whole match; -1: the last group that took
    /// part, for a pattern of alternatives each capturing the value in a group of its own).
    package let group: Int

    /// The group holding the secret in `match`: with -1, the last group that took part (an
    /// alternative may capture its quote before its value).
    package func valueGroup(in match: NSTextCheckingResult) -> Int {
        guard group < 0 else { return group }
        return (1..<max(1, match.numberOfRanges)).last { match.range(at: $0).location != NSNotFound } ?? 0
    }
    /// Extra judgement on a candidate, given the secret and the whole match (an assignment's name
    /// is in the match), e.g. entropy for generic assignments.
    package let accept: @Sendable (_ value: String, _ match: String) -> Bool

    package init(_ id: String, _ name: String, prefixes: [String], caseInsensitive: Bool = false, _ pattern: String, group: Int = 0,
         accept: @escaping @Sendable (_ value: String, _ match: String) -> Bool = { _, _ in true }) {
        self.id = id
        self.name = name
        self.prefixes = caseInsensitive ? prefixes.map { $0.lowercased() } : prefixes
        self.prefixBytes = self.prefixes.map { Array($0.utf8) }
        self.caseInsensitivePrefixes = caseInsensitive
        self.pattern = try! NSRegularExpression(pattern: pattern)
        self.group = group
        self.accept = accept
    }

    /// The tests beyond a prefix that a candidate line must pass: an assignment sign, a long enough
    /// run of value characters. A line folding a non-ASCII letter skips them, as it skipped the prefix.
    package func passesExtraTests(bytes: UnsafeRawBufferPointer, lowered: UnsafeRawBufferPointer) -> Bool {
        let haystack = caseInsensitivePrefixes ? lowered : bytes
        let folded = caseInsensitivePrefixes && bytes.contains { $0 >= 0xC4 }
        if let separators = needsOneOf, !folded, !separators.contains(where: { haystack.contains($0) }) { return false }
        if let run = needsRun, !folded, !Self.holdsRun(of: run, in: bytes) { return false }
        if let shape = nameShape, !folded, !Self.named(prefixBytes, in: lowered, shape: shape) { return false }
        return true
    }

    /// Whether a name holding one of `keywords` stands in the lowered line as `shape` says (each
    /// pattern's own shape). One pass over the line's runs of name characters, the shape looked at
    /// first: this runs on every line of every page that mentions a password or a token.
    package static func named(_ keywords: [[UInt8]], in line: UnsafeRawBufferPointer, shape: NameShape) -> Bool {
        func isName(_ byte: UInt8) -> Bool {
            (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39) || byte == 0x5F || byte == 0x2E || byte == 0x2D
        }
        func isBlank(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }
        // The names of elements, attributes and options may hold a colon (`<ns:client_secret>`): their
        // runs take it in, so that a long `a:a:a:…` is walked once, not once per piece.
        let colons = shape != .assigned
        func inRun(_ byte: UInt8) -> Bool { isName(byte) || (colons && byte == 0x3A) }
        func standsAsShape(_ first: Int, _ end: Int) -> Bool {
            switch shape {
            case .assigned:
                var index = end
                if index < line.count, line[index] == 0x22 || line[index] == 0x27 { index += 1 }
                if index < line.count, line[index] == 0x5D { index += 1 }  // `$config['password'] = …`
                while index < line.count, isBlank(line[index]) { index += 1 }
                return index < line.count && (line[index] == 0x3A || line[index] == 0x3D)
            case .element:
                return first > 0 && line[first - 1] == 0x3C
            case .attribute:
                var index = first - 1
                guard index > 0, line[index] == 0x22 || line[index] == 0x27 else { return false }
                index -= 1
                while index > 0, isBlank(line[index]) { index -= 1 }
                return line[index] == 0x3D
            case .option:
                // `--name`, also after a colon (`args:--db-password …`) or inside a namespaced name.
                let dashed = line[first] == 0x2D || (first..<(end - 1)).contains { line[$0] == 0x3A && line[$0 + 1] == 0x2D }
                return dashed && end < line.count && isBlank(line[end])
            }
        }
        func holdsKeyword(_ first: Int, _ end: Int) -> Bool {
            let run = UnsafeRawBufferPointer(rebasing: line[first..<end])
            return keywords.contains { keyword in keyword.withUnsafeBytes { ByteSearch.contains(run, $0) } }
        }
        var index = 0
        while index < line.count {
            guard inRun(line[index]) else {
                index += 1
                continue
            }
            let first = index
            while index < line.count, inRun(line[index]) { index += 1 }
            if standsAsShape(first, index), holdsKeyword(first, index) { return true }
        }
        return false
    }

    package func needing(oneOf characters: String? = nil, run: Int? = nil, name shape: NameShape? = nil) -> SecretDetector {
        var copy = self
        copy.needsOneOf = characters.map { Array($0.utf8) }
        copy.needsRun = run
        copy.nameShape = shape
        return copy
    }

    package static func holdsRun(of length: Int, in bytes: UnsafeRawBufferPointer) -> Bool {
        var run = 0
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "+"), UInt8(ascii: "/"), UInt8(ascii: "="), UInt8(ascii: "_"), UInt8(ascii: "-"):
                run += 1
                if run >= length { return true }
            default:
                run = 0
            }
        }
        return false
    }

    /// `${DB_PASSWORD}`, `<password>`, `****`, `changeme`, `xxxxxxxx`: a value that stands for a secret.
    package static func isPlaceholder(_ value: String) -> Bool {
        let lowered = value.lowercased()
        // A variable or template reference, whole (`$DB_PASSWORD`, `${…}`, `$(…)`, `<…>`, `{{…}}`, `%(…)s`,
        // `%VAR%`, `[…]`); a value that only starts with such a sign (`$tr0ngPa55!`) is a value.
        if value.range(of: #"^(?:\$[A-Za-z_][A-Za-z0-9_]*|\$\{.*\}|\$\(.*\)|<.*>|\{.*\}|%\(.*\)s|%.*%|\[.*\])$"#, options: .regularExpression) != nil {
            return true
        }
        if Set(value).count <= 2 { return true }
        if ["changeme", "example", "placeholder", "redacted", "your_", "your-", "dummy", "xxxx", "****", "...", "…"].contains(where: lowered.contains) {
            return true
        }
        // `password` stands for one only with little else beside it (`db_password`, `your-password-here`),
        // not in `Password2026!Nw`.
        guard lowered.contains("password") else { return false }
        var rest = lowered.replacingOccurrences(of: "password", with: "")
        for word in ["your", "my", "here", "the", "new", "secret", "value", "enter", "insert", "db"] { rest = rest.replacingOccurrences(of: word, with: "") }
        return rest.filter { $0.isLetter || $0.isNumber }.count <= 2
    }

    /// A date or date-time (`2026-07-31T10:14:22Z`): when a password was changed or a token made,
    /// never the secret itself.
    package static func isTimestamp(_ value: String) -> Bool {
        value.range(of: #"^(?:\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4})(?:[T ,]+\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?: ?[AaPp][Mm])?(?:Z|[+-]\d{2}:?\d{2})?)?$"#,
                    options: .regularExpression) != nil
    }

    /// Where a value names the place a secret is kept rather than the secret: a vault path, an ARN,
    /// a URL, an environment variable or file reference.
    package static func isReference(_ value: String) -> Bool {
        let lowered = value.lowercased()
        return ["vault:", "arn:", "kv/", "secret/", "projects/", "http://", "https://", "file:", "env:", "ssm:", "op://", "azure-keyvault", "keyvault"]
            .contains { lowered.hasPrefix($0) } || value.hasSuffix(".pem") || value.hasSuffix(".key")
    }

    /// A value assigned to a secret-like name (`ZENDESK_API_TOKEN=…`, `client_secret: …`, `db_password = …`)
    /// is a secret unless it stands for one or says where one is. A password may be short and wordy,
    /// so it needs only 8 characters and some mix; a token or key is long and random-looking.
    package static func isAssignedSecret(_ value: String, match: String) -> Bool {
        // `ENC[AES256_GCM,…]` (sops) is encrypted to be committed.
        guard !isPlaceholder(value), !isReference(value), !isTimestamp(value), !value.hasPrefix("ENC[") else { return false }
        // A quoted value with blanks is a passphrase only with a sign no sentence has (`Tr0ub4dor &3`):
        // `password: "managed by Vault, rotated every 90 days"` says where one is.
        if value.contains(where: \.isWhitespace), !value.contains(where: { "!#$%&*+=?@^~|<>/\\{}[]_".contains($0) }) { return false }
        let name = match.prefix { $0 != ":" && $0 != "=" }
        // A hash or fingerprint identifies content; a name, ID or URL says which secret, not what it
        // is. Judged on whole words of the name (`SHARED_SECRET` is no `sha`, `KEYSTORE_PASSWORD` no
        // `store`), and never when the name ends in the secret itself.
        let words = nameWords(String(name))
        let describing: Set<String> = [
            "hash", "sha", "sha1", "sha256", "sha512", "md5", "digest", "fingerprint", "name", "id", "ref", "reference", "file", "path",
            "url", "uri", "env", "expiry", "expires", "expiration", "rotation", "rotated", "ttl", "lifetime", "policy", "length", "rule",
            "hint", "count", "type", "kind", "mode", "format", "scope", "location", "version", "manager", "secretsmanager", "vault",
            "keyvault", "store", "reset", "header", "endpoint",
        ]
        let secretWords: Set<String> = ["secret", "token", "password", "passwd", "pwd", "key", "apikey"]
        // A hashed or fingerprinted secret is no secret, whatever the name ends in (`hashed_token`).
        let digests: Set<String> = ["hash", "hashed", "sha", "sha1", "sha256", "sha512", "md5", "digest", "fingerprint"]
        if words.contains(where: digests.contains) { return false }
        // A page or continuation token (`NextToken`, `nextPageToken`), an idempotency token: a place in a
        // listing or a request's identity, which grants nothing.
        if words.contains(where: ["next", "page", "pagination", "continuation", "cursor", "idempotency"].contains) { return false }
        // `pass` and `psk` only as a word of their own (`DB_PASS`, `wpa_psk`), never inside one (`bypass`).
        let lowered = name.lowercased()
        if !["secret", "token", "passw", "pwd", "key", "passphrase"].contains(where: lowered.contains),
           !words.contains(where: { $0 == "pass" || $0 == "psk" }) { return false }
        if !secretWords.contains(words.last ?? ""), words.contains(where: describing.contains) { return false }
        if ["true", "false", "null", "none", "required", "optional", "enabled", "disabled"].contains(value.lowercased()) { return false }
        if lowered.contains("pass") || lowered.contains("pwd") || words.contains("psk") {
            return value.count >= 8 && looksLikePassword(value) && entropy(value) >= 2.5
        }
        return value.count >= 16 && value.contains(where: \.isLetter) && value.contains(where: \.isNumber) && entropy(value) >= 3.0
    }

    /// The name a match opens with, past its `<` or `-` signs: `db_password` of `<db_password>…`,
    /// `client-secret` of `--client-secret …`.
    package static func leadingName(of match: String) -> String {
        // A namespace's colon (`ns:client_secret`) is read as a dot: a name ends at an assignment's colon.
        String(match.drop { $0 == "<" || $0 == "-" }.prefix { $0.isLetter || $0.isNumber || "_.:-".contains($0) }.map { $0 == ":" ? "." : $0 })
    }

    /// The first quoted text of a match: `db.password` of `key="db.password" value="…"`.
    package static func quotedName(in match: String) -> String {
        guard let open = match.firstIndex(where: { $0 == "\"" || $0 == "'" }) else { return "" }
        return String(match[match.index(after: open)...].prefix { $0 != match[open] })
    }

    /// An `Authorization:` header's credentials: Basic ones that decode to `user:password`, a Bearer
    /// or token value that looks random. A JWT is its own detector's; `Bearer <token>` or `Bearer
    /// ${TOKEN}` stand for one.
    package static func isAuthorizationCredential(_ value: String, match: String) -> Bool {
        guard !value.hasPrefix("eyJ"), !isPlaceholder(value), !isReference(value) else { return false }
        if match.lowercased().range(of: #"basic[ \t]"#, options: .regularExpression) != nil { return isBasicCredential(value) }
        return value.count >= 16 && value.contains(where: \.isLetter) && value.contains(where: \.isNumber) && entropy(value) >= 3.0
    }

    /// Base64 of `user:password` (HTTP Basic, Docker's and npm's `auth`), the password no placeholder.
    package static func isBasicCredential(_ value: String) -> Bool {
        guard let decoded = EncodedRuns.base64(Array(value.utf8)), let colon = decoded.firstIndex(of: ":") else { return false }
        let password = String(decoded[decoded.index(after: colon)...])
        return !password.isEmpty && !isPlaceholder(password)
    }

    /// Two kinds of character at least among letters, digits and symbols, a hyphen not counted: a
    /// word or two of prose (`Twice-yearly`, `twelve-character`) or a demo value (`readonly`, `true`)
    /// is no password, and scrubbing such a value from the pack would rewrite its pages.
    package static func looksLikePassword(_ value: String) -> Bool {
        let kinds = [value.contains(where: \.isLetter), value.contains(where: \.isNumber), value.contains { !$0.isLetter && !$0.isNumber && $0 != "-" }]
        return kinds.filter { $0 }.count >= 2
    }

    /// The words of a name: split at `_`, `.`, `-`, quotes and lower-to-upper case changes, lowercased.
    package static func nameWords(_ name: String) -> [String] {
        var words: [String] = []
        var current = ""
        var previousLower = false
        for character in name {
            if !character.isLetter && !character.isNumber {
                if !current.isEmpty { words.append(current) }
                current = ""
                previousLower = false
                continue
            }
            if character.isUppercase && previousLower, !current.isEmpty {
                words.append(current)
                current = ""
            }
            current += character.lowercased()
            previousLower = character.isLowercase || character.isNumber
        }
        if !current.isEmpty { words.append(current) }
        return words
    }

    /// A hex digest (`prompt_sha256: 9f86d0…`) identifies content; it is not a credential.
    package static func isHexDigest(_ value: String) -> Bool {
        [32, 40, 64, 128].contains(value.count) && value.allSatisfy(\.isHexDigit)
    }

    /// Shannon entropy in bits per character: random keys score above 4, words and identifiers below 3.5.
    package static func entropy(_ text: String) -> Double {
        var counts: [Character: Int] = [:]
        for character in text { counts[character, default: 0] += 1 }
        let length = Double(text.count)
        return counts.values.reduce(0) { total, count in
            let p = Double(count) / length
            return total - p * log2(p)
        }
    }
}
