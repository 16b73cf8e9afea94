/// Formats diagnostics the way compilers do, so editors and CI logs make them clickable:
/// `evidence/approvals/cab-12.json:4:13: error: 'approved_at' is not an ISO 8601 date [dossier.approval.bad-date]`
package struct DiagnosticConsoleFormatter: Sendable {
    /// Prefixed to each diagnostic's file, usually the evidence folder as the user typed it.
    package var pathPrefix: String

    package init(pathPrefix: String = "") {
        self.pathPrefix = pathPrefix
    }

    package func format(_ diagnostic: Diagnostic) -> String {
        var place = ""
        if let file = diagnostic.file {
            place = Self.joined(pathPrefix, file)
            if let location = diagnostic.location { place += ":\(location)" }
            place += ": "
        }
        return "\(place)\(diagnostic.severity): \(diagnostic.summary) [\(diagnostic.identifier)]"
    }

    /// An evidence path as the user can open it from where they ran Dossier; a file outside the
    /// evidence (a template of `--templates`) is named by its whole path.
    package static func joined(_ prefix: String, _ file: String) -> String {
        if prefix.isEmpty || prefix == "." || file.hasPrefix("/") { return file }
        return prefix.hasSuffix("/") ? prefix + file : prefix + "/" + file
    }
}
