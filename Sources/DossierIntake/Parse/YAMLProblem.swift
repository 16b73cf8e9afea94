import DossierModel
import Yams

/// Where and what a Yams parse error is, in terms a diagnostic can carry.
package struct YAMLProblem {
    package var location: SourceLocation?
    package var message: String

    /// `lineOffset` shifts positions when the YAML is embedded (front matter starts below the opening fence).
    package init(_ error: any Error, lineOffset: Int = 0) {
        func place(_ mark: Mark) -> SourceLocation {
            SourceLocation(line: mark.line + lineOffset, column: mark.column)
        }
        switch error {
        case YamlError.scanner(let context, let problem, let mark, _),
             YamlError.parser(let context, let problem, let mark, _),
             YamlError.composer(let context, let problem, let mark, _):
            location = place(mark)
            message = [context?.text, problem].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " ")
        case YamlError.duplicatedKeysInMapping(let duplicates, let context):
            location = place(context.mark)
            message = "duplicate key \(duplicates.map { "'\($0)'" }.joined(separator: ", "))"
        case YamlError.reader(let problem, _, _, _):
            location = nil
            message = problem
        default:
            location = nil
            message = "\(error)"
        }
    }
}
