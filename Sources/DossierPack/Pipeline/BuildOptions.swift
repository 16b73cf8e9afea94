import DossierIntake
import DossierModel
import Foundation

/// Everything a build or check needs to know, gathered by the command line.
public struct BuildOptions: Sendable {
    public var evidence: URL
    /// Where `build` writes the pack; `check` writes nothing and needs none.
    public var output: URL?
    /// Overrides files of the built-in theme.
    public var templates: URL?
    public var environment: [String: String]
    public var limits: InputLimits
    /// The release this pack is for (`--release`); overrides `release` in dossier.yml.
    public var release: String?
    /// Signs the manifest and checksum list (`--sign-key`); the private key never enters the pack.
    public var signer: PackSigner?
    /// Told how far the build has got (the command line draws it); nil for none.
    public var progress: BuildProgress?
    /// An earlier pack to compare with (`--previous`): the new pack gets a page of what changed.
    public var previous: URL?
    /// `--strict`: warnings fail the build too, whatever `policy.failing_severity` says. The reports
    /// (junit.xml) judge findings by the same threshold as the exit status.
    public var strict = false

    public init(
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
