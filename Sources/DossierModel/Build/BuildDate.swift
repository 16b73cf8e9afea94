import Foundation

/// The one "now" of a build. Freshness, expiry and every date printed in the pack use it,
/// never the wall clock, so that the same evidence builds the same pack.
package struct BuildDate: Sendable, Hashable {
    package enum Source: Sendable, Hashable, CustomStringConvertible {
        case sourceDateEpoch
        case gitCommit
        case clock

        package var description: String {
            switch self {
            case .sourceDateEpoch: "from SOURCE_DATE_EPOCH"
            case .gitCommit: "from the evidence's last git commit"
            case .clock: "from the clock"
            }
        }
    }

    package var date: Date
    package var source: Source
    /// The evidence folder's last git commit, when it is in a repository: shown in the pack so an
    /// auditor can find the exact evidence it was built from.
    package var sourceCommit: String?

    package init(date: Date, source: Source, sourceCommit: String? = nil) {
        self.date = date
        self.source = source
        self.sourceCommit = sourceCommit
    }

    /// `SOURCE_DATE_EPOCH` if set, else the last commit touching the evidence folder, else the clock.
    /// A malformed `SOURCE_DATE_EPOCH` is a usage error, not something to silently skip.
    package static func resolve(evidence: URL, environment: [String: String]) throws -> BuildDate {
        try lookUp(evidence: evidence, environment: environment).wait()
    }

    /// Reads `SOURCE_DATE_EPOCH` now (and throws if it is malformed) and starts asking git for the
    /// evidence's last commit, which `wait()` collects: a build reads the evidence meanwhile, since
    /// starting git takes about 50 ms, a fifteenth of a 1 000-file build.
    package static func lookUp(evidence: URL, environment: [String: String]) throws -> Lookup {
        var epoch: Date?
        if let value = environment["SOURCE_DATE_EPOCH"] {
            guard let seconds = Int64(value.trimmingCharacters(in: .whitespaces)), seconds >= 0 else {
                throw DossierError(path: "SOURCE_DATE_EPOCH", reason: .unreadable("'\(value)' is not a count of seconds since 1970"))
            }
            epoch = Date(timeIntervalSince1970: TimeInterval(seconds))
        }
        return Lookup(epoch: epoch, git: LastCommitQuery(folder: evidence))
    }

    /// A build date whose git commit is still being looked up.
    package final class Lookup: @unchecked Sendable {
        private let epoch: Date?
        private let git: LastCommitQuery?
        private let lock = NSLock()
        private var result: BuildDate?

        fileprivate init(epoch: Date?, git: LastCommitQuery?) {
            self.epoch = epoch
            self.git = git
        }

        package func wait() -> BuildDate {
            lock.withLock {
                if let result { return result }
                let commit = git?.result()
                let date = if let epoch {
                    BuildDate(date: epoch, source: .sourceDateEpoch, sourceCommit: commit?.hash)
                } else if let commit {
                    BuildDate(date: Date(timeIntervalSince1970: TimeInterval(commit.time)), source: .gitCommit, sourceCommit: commit.hash)
                } else {
                    BuildDate(date: Date(), source: .clock)
                }
                result = date
                return date
            }
        }
    }

    /// `2026-11-23`, in UTC.
    package var isoDay: String { String(isoTimestamp.prefix(10)) }

    /// `2026-11-23T09:41:00Z`.
    package var isoTimestamp: String {
        LogTimestamp.text(date.timeIntervalSince1970)
    }
}

extension BuildDate {
    /// The files git rewrites whenever HEAD moves (a commit, a checkout, a reset), in the repository
    /// holding `folder`: the pack names the evidence's last commit and may take its date from it, so
    /// `serve` watches them. Empty outside a repository, or without git.
    package static func commitMarkers(of folder: URL) -> [URL] {
        guard let path = GitQuery(folder: folder, ["rev-parse", "--absolute-git-dir"])?.output(), path.hasPrefix("/") else { return [] }
        let directory = URL(fileURLWithPath: path, isDirectory: true)
        return [directory.appendingPathComponent("HEAD"), directory.appendingPathComponent("logs/HEAD")]
    }
}

/// One git command in the evidence folder, started at once and read when its answer is wanted.
private final class GitQuery {
    private let git = Process()
    private let pipe = Pipe()

    /// Nil when git cannot be started.
    init?(folder: URL, _ arguments: [String]) {
        git.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        git.arguments = ["git", "-C", folder.path] + arguments
        git.standardOutput = pipe
        git.standardError = FileHandle.nullDevice
        do { try git.run() } catch { return nil }
    }

    /// What it printed, trimmed; nil when it failed (outside a repository). Called once.
    func output() -> String? {
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        git.waitUntilExit()
        guard git.terminationStatus == 0 else { return nil }
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    deinit {
        // A build that stopped before asking still reaps its git process.
        if git.isRunning { git.waitUntilExit() }
    }
}

/// `git log -1` on the evidence folder: the last commit touching it.
private struct LastCommitQuery {
    private let query: GitQuery

    init?(folder: URL) {
        guard let query = GitQuery(folder: folder, ["log", "-1", "--format=%H %ct", "--", "."]) else { return nil }
        self.query = query
    }

    /// The commit's hash and time, or nil outside a repository; called once.
    func result() -> (hash: String, time: Int64)? {
        guard let parts = query.output()?.split(separator: " "), parts.count == 2, let time = Int64(parts[1]) else { return nil }
        return (String(parts[0]), time)
    }
}
