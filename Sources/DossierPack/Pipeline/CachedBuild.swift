import DossierIntake
import DossierModel
import DossierPublish
import Foundation

/// `dossier build` with the cache beside the pack: a build whose inputs are all as the last build
/// read them is not run again (its messages are replayed); one where only Markdown bodies changed
/// patches the pack (`PatchBuild`); any other runs in full and is remembered for the next.
package struct CachedBuild {
    package let cache: BuildCache
    package let key: String
    /// The key without Markdown bytes (`EvidenceSnapshot.patchDigest`), for a patch build.
    let baseKey: String?
    let options: BuildOptions
    let snapshot: EvidenceSnapshot
    let theme: Theme

    /// What the last build leaves this one to do.
    package enum Shortcut {
        /// Nothing changed: the last build's messages and status, replayed.
        case unchanged(BuildCache.Record)
        /// Only Markdown bodies changed, and the pack was patched: the messages a full build prints.
        case patched(PatchBuild.Outcome)
    }

    /// nil when the build must always run (`BuildCache.key`).
    package init?(options: BuildOptions, snapshot: EvidenceSnapshot, theme: Theme, arguments: [String], workingDirectory: String) {
        guard let output = options.output,
              let key = BuildCache.key(snapshot: snapshot, theme: theme, options: options, arguments: arguments, workingDirectory: workingDirectory)
        else { return nil }
        cache = BuildCache(output: output)
        self.key = key
        baseKey = BuildCache.key(
            snapshot: snapshot, theme: theme, options: options, arguments: arguments, workingDirectory: workingDirectory, evidence: snapshot.patchDigest)
        self.options = options
        self.snapshot = snapshot
        self.theme = theme
    }

    /// The replay or the patch the last build allows; nil when this build must run in full (the spare
    /// beside the pack is then removed, so that the build can link unchanged pages from the pack).
    /// `patching`: false when the messages a patch would replay cannot be the full build's (with
    /// `--zip`, they name the last zip's hash).
    package func shortcut(patching: Bool = true) -> Shortcut? {
        let last = cache.lastRecord()
        if let record = cache.hit(key: key, last: last) { return .unchanged(record) }
        if patching, let baseKey, let patched = PatchBuild(options: options, snapshot: snapshot, theme: theme, cache: cache).run(baseKey: baseKey, key: key, last: last) {
            return .patched(patched)
        }
        PackSpare(pack: cache.output, cacheFolder: cache.folder).discard()
        return nil
    }

    /// Remembers a full build with what it printed, and what the next build needs to patch its pack.
    package func remember(_ written: WrittenPack, standardOutput: String, standardError: String, status: Int32) {
        let keep = baseKey.map { baseKey in
            { (listing: [String]) in
                PatchRecorder.keep(written, snapshot: snapshot, options: options, baseKey: baseKey, key: key, cache: cache, listing: listing)
            }
        }
        cache.store(key: key, standardOutput: standardOutput, standardError: standardError, status: status, keeping: keep)
    }
}
