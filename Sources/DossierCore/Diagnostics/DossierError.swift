/// A problem Dossier cannot continue past: the command stops and exits with status 2.
/// Everything recoverable is a `Diagnostic` instead.
public struct DossierError: Error, Sendable, CustomStringConvertible {
    public enum Reason: Sendable {
        case evidenceFolderNotFound
        case evidenceFolderNotADirectory
        case unreadable(String)
        case templatesInvalid(String)
        case outputRefused(String)
        case outputNotWritable(String)
    }

    public var path: String
    public var reason: Reason

    public init(path: String, reason: Reason) {
        self.path = path
        self.reason = reason
    }

    public var description: String {
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
        }
    }
}
