import DossierModel
import Foundation

/// How far an untrusted `dossier.yml` may reach. The configuration arrives in pull requests like the
/// evidence, so a folder or file it names (a source root, a redaction key) must lie inside the
/// evidence folder's repository: the nearest enclosing git work tree, or, outside git, the evidence
/// folder's parent. Anything else — `/etc`, a home folder, `/proc` — must be given on the command
/// line (`--source-root`, `--redaction-key`), which the person running Dossier controls.
package enum ConfigurationReach {
    /// Kernel and device trees are refused wherever they are named from.
    package static let forbidden = ["/proc", "/sys", "/dev"]

    /// The folder a configuration's paths must stay inside, resolved (links followed).
    package static func boundary(of evidence: URL) -> String {
        let start = evidence.standardizedFileURL.resolvingSymlinksInPath()
        var folder = start
        while true {
            if FileManager.default.fileExists(atPath: folder.appendingPathComponent(".git").path) { return folder.path }
            let parent = folder.deletingLastPathComponent()
            if parent.path == folder.path { break }
            folder = parent
        }
        return start.deletingLastPathComponent().path
    }

    /// Why the configuration may not use `url`, or nil when it may.
    package static func refusal(_ url: URL, evidence: URL) -> String? {
        let resolved = url.standardizedFileURL.resolvingSymlinksInPath().path
        if let tree = forbidden.first(where: { resolved == $0 || resolved.hasPrefix($0 + "/") }) {
            return "it is under \(tree), which Dossier never reads"
        }
        let boundary = boundary(of: evidence)
        guard resolved == boundary || resolved.hasPrefix(boundary == "/" ? "/" : boundary + "/") else {
            return "it is outside the evidence folder's repository (\(boundary)); a path outside it can only be given on the command line"
        }
        return nil
    }
}
