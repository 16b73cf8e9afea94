import DossierPublish
import DossierAssess
import DossierIntake
import DossierModel
import Foundation

/// Everything a build or check needs to know, gathered by the command line.
package struct BuildOptions: Sendable {
    package var evidence: URL
    /// Where `build` writes the pack; `check` writes nothing and needs none.
    package var output: URL?
    /// Overrides files of the built-in theme.
    package var templates: URL?
    package var environment: [String: String]
    package var limits: InputLimits
    /// The release this pack is for (`--release`); overrides `release` in dossier.yml.
    package var release: String?
    /// Signs the manifest and checksum list (`--sign-key`); the private key never enters the pack.
    package var signer: PackSigner?
    /// Told how far the build has got (the command line draws it); nil for none.
    package var progress: BuildProgress?
    /// An earlier pack to compare with (`--previous`): the new pack gets a page of what changed.
    package var previous: URL?
    /// `--strict`: warnings fail the build too, whatever `policy.failing_severity` says. The reports
    /// (junit.xml) judge findings by the same threshold as the exit status.
    package var strict = false
    /// `--source-root NAME=PATH`: folders approvals may cite, given by the person running Dossier and
    /// so trusted wherever they are; one of the same name in dossier.yml gives way.
    package var sourceRoots: [PackConfiguration.SourceRoot] = []
    /// `--redaction-key FILE`: the key for `policy.redaction: hash`, wherever it is.
    package var redactionKeyFile: URL?
    /// What earlier builds of this process left to reuse (`dossier serve`); nil for a one-off build.
    package var memory: BuildMemory?
    /// What the last `dossier build` of this pack kept on disk to reuse (`.dossier-cache/<pack>.parts`);
    /// nil with `--no-cache`, and under `serve`, which keeps `memory` instead.
    package var parts: DiskParts?
    /// Handed the pages as published: once the first (`savedFiles`, `openPages`) are rendered, and
    /// again once every page of a single file, control, activity or framework is, before the pages
    /// listing the whole pack, the search index, the reports, the manifest and the write (`dossier
    /// serve` shows them from memory meanwhile; the preview fills as pages are rendered).
    package var preview: (@Sendable (PagePreview) -> Void)?
    /// Under `serve`: the evidence files just saved (paths in the evidence folder) and the pages open
    /// in a browser (paths in the pack, any kind but `about.html`). Their pages are rendered and
    /// shown first; the pack is the same.
    package var savedFiles: Set<String> = []
    package var openPages: Set<String> = []
    /// Under `serve`: whether a newer save is waiting. Asked once the single pages are shown and
    /// between the stages after: a build it supersedes stops there, throwing `BuildSuperseded`,
    /// and writes nothing (the next build starts at once, instead of after the reports and the write).
    package var superseded: (@Sendable () -> Bool)?
    /// `--pdf`: the browser that prints `print.html` into `pack.pdf`, found before the build starts.
    package var printer: ChromiumPrinter?

    package init(
        evidence: URL, output: URL? = nil, templates: URL? = nil,
        environment: [String: String] = ProcessInfo.processInfo.environment, limits: InputLimits = InputLimits(),
        release: String? = nil
    ) {
        self.release = release
        self.evidence = evidence
        self.output = output
        self.templates = templates
        self.environment = environment
        self.limits = limits
    }
}

/// What one process's builds carry from one build to the next (`dossier serve` rebuilds on every
/// save). Only what is keyed by everything it depends on is kept, so a build with memory writes the
/// pack a build without it writes, byte for byte.
package final class BuildMemory: Sendable {
    /// Each evidence file's bytes and hash, by its path and what `fstat` shows of it.
    package let reads = ReadMemory()
    /// Each file's parse, by its name, bytes and the limits.
    package let parsed = ParseMemory()
    /// Each document's secret findings, by its name, bytes, the limits and the secret policy.
    package let secrets = SecretScanner.Memory()
    /// Each Markdown file's link findings, by its name, bytes, links and the paths in the folder.
    package let links = LinkRule.Memory()
    /// Each Markdown page's body as HTML, by its name, bytes and the files its links can reach.
    package let bodies = EvidencePages.BodyMemory()
    /// Each page as published, by its path, template, view model and what the finish does to pages.
    package let pages = PageMemory()
    /// Each evidence path's published form, by the path and the redaction policy and key.
    package let names = BuildMemo<NameKey, (path: String, published: String)>()

    /// Judging a path for personal data costs several redaction passes; the policy decides the result.
    package struct NameKey: Hashable, Sendable {
        var path: String
        var mode: PackConfiguration.Redaction
        var key: Data?
    }

    package init() {}

    /// Forgets what the build just ended did not use.
    func finishBuild() {
        reads.finishBuild()
        parsed.finishBuild()
        secrets.finishBuild()
        links.finishBuild()
        bodies.finishBuild()
        pages.finishBuild()
        names.finishBuild()
    }
}

/// A build stopped because a newer save superseded it (`BuildOptions.superseded`): not a failure,
/// and nothing was written.
package struct BuildSuperseded: Error {}
