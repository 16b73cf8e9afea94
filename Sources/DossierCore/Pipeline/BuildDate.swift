import Foundation

/// The one "now" of a build. Freshness, expiry and every date printed in the pack use it,
/// never the wall clock, so that the same evidence builds the same pack.
public struct BuildDate: Sendable, Hashable {
    public enum Source: Sendable, Hashable, CustomStringConvertible {
        case sourceDateEpoch
        case gitCommit
        case clock

        public var description: String {
            switch self {
            case .sourceDateEpoch: "from SOURCE_DATE_EPOCH"
            case .gitCommit: "from the evidence's last git commit"
            case .clock: "from the clock"
            }
        }
    }

    public var date: Date
    public var source: Source
    /// The evidence folder's last git commit, when it is in a repository: shown in the pack so an
    /// auditor can find the exact evidence it was built from.
    public var sourceCommit: String?

    public init(date: Date, source: Source, sourceCommit: String? = nil) {
        self.date = date
        self.source = source
        self.sourceCommit = sourceCommit
    }

    /// `SOURCE_DATE_EPOCH` if set, else the last commit touching the evidence folder, else the clock.
    /// A malformed `SOURCE_DATE_EPOCH` is a usage error, not something to silently skip.
    public static func resolve(evidence: URL, environment: [String: String]) throws -> BuildDate {
        let commit = lastCommit(of: evidence)
        if let epoch = environment["SOURCE_DATE_EPOCH"] {
            guard let seconds = Int64(epoch.trimmingCharacters(in: .whitespaces)), seconds >= 0 else {
                throw DossierError(path: "SOURCE_DATE_EPOCH", reason: .unreadable("'\(epoch)' is not a count of seconds since 1970"))
            }
            return BuildDate(date: Date(timeIntervalSince1970: TimeInterval(seconds)), source: .sourceDateEpoch, sourceCommit: commit?.hash)
        }
        if let commit {
            return BuildDate(date: Date(timeIntervalSince1970: TimeInterval(commit.time)), source: .gitCommit, sourceCommit: commit.hash)
        }
        return BuildDate(date: Date(), source: .clock)
    }

    /// `2026-11-23`, in UTC.
    public var isoDay: String { String(isoTimestamp.prefix(10)) }

    /// `2026-11-23T09:41:00Z`.
    public var isoTimestamp: String {
        LogTimestamp.text(date.timeIntervalSince1970)
    }

    private static func lastCommit(of folder: URL) -> (hash: String, time: Int64)? {
        let git = Process()
        git.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        git.arguments = ["git", "-C", folder.path, "log", "-1", "--format=%H %ct", "--", "."]
        let output = Pipe()
        git.standardOutput = output
        git.standardError = FileHandle.nullDevice
        do { try git.run() } catch { return nil }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        git.waitUntilExit()
        guard git.terminationStatus == 0 else { return nil }
        let parts = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines).split(separator: " ")
        guard parts.count == 2, let time = Int64(parts[1]) else { return nil }
        return (String(parts[0]), time)
    }
}
