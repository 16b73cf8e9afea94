/// GitHub Actions workflow commands (`::error file=…,line=…::message`), so findings appear on the
/// pull request at their file and line when Dossier runs in a workflow.
package struct GitHubAnnotations: Sendable {
    /// Joined to evidence paths: the evidence folder as given on the command line.
    package var evidencePrefix: String

    package init(evidencePrefix: String) {
        self.evidencePrefix = evidencePrefix
    }

    package func line(for diagnostic: Diagnostic) -> String {
        let command = switch diagnostic.severity {
        case .error: "error"
        case .warning: "warning"
        case .note: "notice"
        }
        var properties: [String] = []
        if let file = diagnostic.file {
            properties.append("file=" + Self.escapeProperty(file.hasPrefix("/") ? file : evidencePrefix + file))
            if let location = diagnostic.location {
                properties.append("line=\(location.line)")
                properties.append("col=\(location.column)")
            }
        }
        properties.append("title=" + Self.escapeProperty(diagnostic.identifier))
        return "::\(command) \(properties.joined(separator: ","))::\(Self.escapeData(diagnostic.summary))"
    }

    /// The escaping GitHub's runner applies to a command's message.
    package static func escapeData(_ text: String) -> String {
        text.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\r", with: "%0D").replacingOccurrences(of: "\n", with: "%0A")
    }

    /// Property values also escape the separators `:` and `,`.
    package static func escapeProperty(_ text: String) -> String {
        escapeData(text).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
    }
}
