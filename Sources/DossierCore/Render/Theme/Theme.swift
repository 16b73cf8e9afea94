import Foundation
import Mustache

/// The templates and static assets a pack is rendered with.
///
/// Files ending in `.mustache` are templates, named by their path without the extension
/// (`partials/head`); every other file is an asset copied into the pack at the same path.
public struct Theme: Sendable {
    public private(set) var files: [String: String]

    /// The theme compiled into the binary from the top-level `templates/` folder.
    public static let builtIn = Theme(files: DefaultTheme.files)

    public init(files: [String: String]) {
        self.files = files
    }

    /// The built-in theme with every file of `directory` laid over it, so a user can override
    /// one template or the stylesheet without copying the rest.
    public static func overriding(with directory: URL) throws -> Theme {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw DossierError(path: directory.relativePath, reason: .templatesInvalid("not a folder"))
        }
        var theme = builtIn
        let enumerator = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: [.isRegularFileKey])
        let base = directory.standardizedFileURL.path
        while let url = enumerator?.nextObject() as? URL {
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true,
                  !url.lastPathComponent.hasPrefix(".") else { continue }
            let relative = String(url.standardizedFileURL.path.dropFirst(base.count + 1))
            do {
                theme.files[relative] = try String(contentsOf: url, encoding: .utf8)
            } catch {
                throw DossierError(path: url.path, reason: .templatesInvalid("not readable as UTF-8 text"))
            }
        }
        return theme
    }

    /// Static files to copy into the pack, by path.
    public var assets: [String: String] {
        files.filter { !$0.key.hasSuffix(".mustache") }
    }

    /// Compiles every template; a syntax error names the file, line and column.
    func library() throws -> MustacheLibrary {
        var library = MustacheLibrary()
        for (path, source) in files.sorted(by: { $0.key < $1.key }) where path.hasSuffix(".mustache") {
            let name = String(path.dropLast(".mustache".count))
            do {
                library.register(try MustacheTemplate(string: source), named: name)
            } catch let error as MustacheTemplate.ParserError {
                let where_ = "\(path):\(error.context.lineNumber):\(error.context.columnNumber)"
                throw DossierError(path: where_, reason: .templatesInvalid("\(error.error)"))
            }
        }
        return library
    }
}
