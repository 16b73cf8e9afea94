import Foundation

/// A problem Dossier cannot continue past: the command stops and exits with status 2.
/// Everything recoverable is a `Diagnostic` instead.
package struct DossierError: Error, Sendable, CustomStringConvertible {
    package enum Reason: Sendable {
        case evidenceFolderNotFound
        case evidenceFolderNotADirectory
        case unreadable(String)
        case templatesInvalid(String)
        case outputRefused(String)
        case outputNotWritable(String)
        /// `dossier init` will not fill a folder that already holds files.
        case scaffoldRefused(String)
        /// `bundle` will not zip a pack holding something no pack holds (a link, a FIFO): exit 1, as
        /// for a pack that fails `verify`.
        case packRefused(String)
        /// `build --pdf` cannot print the pack: no browser, or the browser failed.
        case printFailed(String)
    }

    package var path: String
    package var reason: Reason
    /// Where in `path` the problem is, with a stable ID, when it is at a place in a file (a malformed
    /// dossier.yml): printed compiler-style then, so editors and CI can jump to it.
    package var location: SourceLocation?
    package var identifier: DiagnosticID?

    package init(path: String, reason: Reason, location: SourceLocation? = nil, identifier: DiagnosticID? = nil) {
        self.path = path
        self.reason = reason
        self.location = location
        self.identifier = identifier
    }

    /// `evidence/dossier.yml:8:2: error: configuration is malformed: … [dossier.config.malformed]`, for
    /// an error at a place in a file; nil otherwise.
    package var compilerStyle: String? {
        guard let location, let identifier, case .unreadable(let why) = reason else { return nil }
        return "\(path):\(location): error: \(why) [\(identifier)]"
    }

    /// Whether the output could not be written because the disk (or the user's quota) is full: the
    /// message a write failure carries names the system's own words for it.
    package var isDiskFull: Bool {
        guard case .outputNotWritable(let why) = reason else { return false }
        return [ENOSPC, EDQUOT].contains { why.contains(String(cString: strerror($0))) }
    }

    /// The same as a diagnostic, for GitHub annotations.
    package var diagnostic: Diagnostic? {
        guard let location, let identifier, case .unreadable(let why) = reason else { return nil }
        return Diagnostic(.error, identifier, why, file: path, at: location)
    }

    package var description: String {
        switch reason {
        case .evidenceFolderNotFound:
            "evidence folder '\(path)' does not exist; pass the folder holding your evidence, or run 'dossier init \(path)'"
        case .evidenceFolderNotADirectory:
            "evidence path '\(path)' is not a folder"
        case .unreadable(let why):
            "cannot read '\(path)': \(why)"
        case .templatesInvalid(let why):
            "templates in '\(path)' are invalid: \(why)"
        case .outputRefused(let why):
            "refusing to write the pack to '\(path)': \(why)"
        case .outputNotWritable(let why):
            "cannot write the pack to '\(path)': \(why)"
        case .scaffoldRefused(let why):
            "refusing to create an evidence folder at '\(path)': \(why)"
        case .packRefused(let why):
            "refusing to zip '\(path)': \(why)"
        case .printFailed(let why):
            "cannot print '\(path)': \(why)"
        }
    }
}
