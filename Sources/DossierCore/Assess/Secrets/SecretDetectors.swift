import Foundation

/// The kinds of credential Dossier looks for before publishing anything. Each detector has fixed
/// prefixes checked first (a substring search is far cheaper than a regular expression, see
/// PLATFORM-NOTES), and a pattern run only on lines that contain one.
struct SecretDetector: Sendable {
    let id: String
    let name: String
    /// Substrings that any match must contain; lines without one are never matched against the pattern.
    let prefixes: [String]
    /// The same, as UTF-8, for the byte search that runs before any String is made.
    let prefixBytes: [[UInt8]]
    let caseInsensitivePrefixes: Bool
    let pattern: NSRegularExpression
    /// Bytes of which a matching line must hold at least one (an assignment's `:` or `=`), so that
    /// prose that merely mentions a token is dismissed without the pattern.
    var needsOneOf: [UInt8]?
    /// The length of the run of value characters (ASCII letters, digits and `+/=_-`) a matching line
    /// must hold: the secret itself. Prose that mentions a token or a URL holds no such run.
    var needsRun: Int?
    /// Capture group holding the secret itself (0: the whole match).
    let group: Int
    /// Extra judgement on a candidate, e.g. entropy for generic assignments.
    let accept: @Sendable (String) -> Bool

    init(_ id: String, _ name: String, prefixes: [String], caseInsensitive: Bool = false, _ pattern: String, group: Int = 0,
         accept: @escaping @Sendable (String) -> Bool = { _ in true }) {
        self.id = id
        self.name = name
        self.prefixes = caseInsensitive ? prefixes.map { $0.lowercased() } : prefixes
        self.prefixBytes = self.prefixes.map { Array($0.utf8) }
        self.caseInsensitivePrefixes = caseInsensitive
        self.pattern = try! NSRegularExpression(pattern: pattern)
        self.group = group
        self.accept = accept
    }

    /// The prefilter on raw bytes: no String, no bridging to NSString (which cost a
    /// quarter of a build's CPU time when every line was searched as a String). `lowered` is the
    /// line with ASCII letters lowercased, for the case-insensitive prefixes (all ASCII).
    func mayMatch(bytes: UnsafeRawBufferPointer, lowered: UnsafeRawBufferPointer) -> Bool {
        let haystack = caseInsensitivePrefixes ? lowered : bytes
        guard let base = haystack.baseAddress else { return false }
        if let separators = needsOneOf, !separators.contains(where: { haystack.contains($0) }) { return false }
        if let run = needsRun, !Self.holdsRun(of: run, in: bytes) { return false }
        return prefixBytes.contains { needle in
            needle.withUnsafeBytes { ByteSearch.contains(UnsafeRawBufferPointer(start: base, count: haystack.count), $0) }
        }
    }

    func needing(oneOf characters: String? = nil, run: Int? = nil) -> SecretDetector {
        var copy = self
        copy.needsOneOf = characters.map { Array($0.utf8) }
        copy.needsRun = run
        return copy
    }

    static func holdsRun(of length: Int, in bytes: UnsafeRawBufferPointer) -> Bool {
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

    static let all: [SecretDetector] = [
        SecretDetector("aws-access-key", "AWS access key ID", prefixes: ["AKIA", "ASIA", "AGPA", "AIDA", "AROA", "ANPA", "AIPA"],
                       #"\b(?:AKIA|ASIA|AGPA|AIDA|AROA|ANPA|AIPA)[A-Z0-9]{16}\b"#),
        SecretDetector("aws-secret-key", "AWS secret access key", prefixes: ["secret"], caseInsensitive: true,
                       #"(?i)aws.{0,20}secret.{0,20}?["'=:\s]+([A-Za-z0-9/+=]{40})(?![A-Za-z0-9/+=])"#, group: 1)
            .needing(run: 40),
        SecretDetector("github-token", "GitHub token", prefixes: ["ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_"],
                       #"\b(?:gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9_]{60,255})\b"#),
        SecretDetector("gitlab-token", "GitLab token", prefixes: ["glpat-"], #"\bglpat-[A-Za-z0-9_\-]{20,}"#),
        SecretDetector("slack-token", "Slack token", prefixes: ["xoxb-", "xoxp-", "xoxa-", "xoxr-", "xoxs-", "hooks.slack.com/services/"],
                       #"\bxox[baprs]-[A-Za-z0-9-]{10,}|https://hooks\.slack\.com/services/T[A-Z0-9]+/B[A-Z0-9]+/[A-Za-z0-9]{20,}"#),
        SecretDetector("stripe-key", "Stripe live key", prefixes: ["sk_live_", "rk_live_"], #"\b[sr]k_live_[A-Za-z0-9]{24,}\b"#),
        SecretDetector("google-api-key", "Google API key", prefixes: ["AIza"], #"\bAIza[0-9A-Za-z_\-]{35}(?![0-9A-Za-z_\-])"#),
        SecretDetector("private-key", "private key", prefixes: ["PRIVATE KEY-----"],
                       #"-----BEGIN (?:RSA |EC |DSA |OPENSSH |PGP |ENCRYPTED )?PRIVATE KEY-----"#),
        SecretDetector("jwt", "JSON Web Token", prefixes: ["eyJ"], #"\beyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{16,}"#),
        SecretDetector("password-in-url", "password in a URL", prefixes: ["://"],
                       #"\b[a-zA-Z][a-zA-Z0-9+.-]*://[^\s:/@'"<>]+:([^\s@/'"<>]{3,})@[^\s/'"<>]+"#, group: 1,
                       accept: { !SecretDetector.isPlaceholder($0) })
            .needing(oneOf: "@"),
        SecretDetector("generic-secret", "high-entropy secret", prefixes: ["secret", "token", "password", "passwd", "api_key", "apikey", "api-key"],
                       caseInsensitive: true,
                       #"(?i)\b(?:secret|token|password|passwd|api[_-]?key)[A-Za-z_-]*["']?\s*[:=]\s*["']?([A-Za-z0-9+/=_\-]{20,})"#, group: 1,
                       accept: { !SecretDetector.isPlaceholder($0) && !SecretDetector.isHexDigest($0) && SecretDetector.entropy($0) >= 3.5 })
            .needing(oneOf: ":=", run: 20),
    ]

    /// `${DB_PASSWORD}`, `<password>`, `****`, `changeme`, `xxxxxxxx`: a value that stands for a secret.
    static func isPlaceholder(_ value: String) -> Bool {
        let lowered = value.lowercased()
        if value.hasPrefix("$") || value.hasPrefix("<") || value.hasPrefix("{") || value.hasPrefix("%") { return true }
        if Set(value).count <= 2 { return true }
        return ["password", "changeme", "example", "placeholder", "redacted", "your_", "your-", "dummy", "xxxx"].contains { lowered.contains($0) }
    }

    /// A hex digest (`prompt_sha256: 9f86d0…`) identifies content; it is not a credential.
    static func isHexDigest(_ value: String) -> Bool {
        [32, 40, 64, 128].contains(value.count) && value.allSatisfy(\.isHexDigit)
    }

    /// Shannon entropy in bits per character: random keys score above 4, words and identifiers below 3.5.
    static func entropy(_ text: String) -> Double {
        var counts: [Character: Int] = [:]
        for character in text { counts[character, default: 0] += 1 }
        let length = Double(text.count)
        return counts.values.reduce(0) { total, count in
            let p = Double(count) / length
            return total - p * log2(p)
        }
    }
}
