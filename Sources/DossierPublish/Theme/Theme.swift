import DossierIntake
import DossierModel
import DossierResources
import Foundation
import Mustache

/// The templates and static assets a pack is rendered with.
///
/// Files ending in `.mustache` are templates, named by their path without the extension
/// (`partials/head`); every other file is an asset copied into the pack at the same path.
package struct Theme: Sendable {
    package private(set) var files: [String: String]
    /// Where each template laid over the built-in theme was read, by name (`partials/head`), for the
    /// findings about it; a built-in template is named `templates/<name>.mustache`.
    package private(set) var origins: [String: String] = [:]

    /// The theme compiled into the binary from the top-level `templates/` folder.
    package static let builtIn = Theme(files: DefaultTheme.files)

    package init(files: [String: String]) {
        self.files = files
    }

    /// The built-in theme with every file of `directory` laid over it, so a user can override
    /// one template or the stylesheet without copying the rest. Hidden files and folders (a theme
    /// kept in git has a `.git`, whose config may hold a token) and editors' leftovers
    /// (`style.css~`, `ScratchFileName`) are not part of the theme: every other file is copied into
    /// the pack.
    package static func overriding(with directory: URL) throws -> Theme {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw DossierError(path: directory.relativePath, reason: .templatesInvalid("not a folder"))
        }
        var theme = builtIn
        let enumerator = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: [.isRegularFileKey], options: [.skipsHiddenFiles])
        let base = directory.standardizedFileURL.path
        while let url = enumerator?.nextObject() as? URL {
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true,
                  !url.lastPathComponent.hasPrefix("."), ScratchFileName.kind(of: url.lastPathComponent) == nil else { continue }
            let relative = String(url.standardizedFileURL.path.dropFirst(base.count + 1))
            guard case .success(let read) = FileReader.read(url.path), let text = String(data: read.bytes.data(), encoding: .utf8) else {
                throw DossierError(path: url.path, reason: .templatesInvalid("not readable as UTF-8 text"))
            }
            theme.files[relative] = text
            if relative.hasSuffix(".mustache") { theme.origins[String(relative.dropLast(".mustache".count))] = url.standardizedFileURL.path }
        }
        return theme
    }

    /// A SHA-256 of every file of the theme with its path: two themes with one digest render alike.
    package var digest: String {
        ContentHash.sha256(files.sorted { $0.key < $1.key }.map { "\($0.key)\u{0}\($0.value)" }.joined(separator: "\u{1}"))
    }

    /// Static files to copy into the pack, by path.
    package var assets: [String: String] {
        files.filter { !$0.key.hasSuffix(".mustache") }
    }

    /// Every template's source by its name (its path without `.mustache`), as the theme holds it.
    private var templates: [String: String] {
        var sources: [String: String] = [:]
        for (path, source) in files where path.hasSuffix(".mustache") { sources[String(path.dropLast(".mustache".count))] = source }
        return sources
    }

    /// Every template's source as it is rendered: with the escaping pragma first.
    private var templateSources: [String: String] {
        templates.mapValues { FastHTMLEscaping.pragma + "\n" + $0 }
    }

    /// The check of every template's names against the views its pages are rendered with.
    package var keyCheck: TemplateKeyCheck {
        TemplateKeyCheck(sources: templates, files: origins)
    }

    /// The theme parsed for `CompiledTheme`, or nil when a template needs swift-mustache.
    package func compiled() -> CompiledTheme? {
        CompiledTheme(templates: templateSources)
    }

    /// Compiles every template; a syntax error names the file, line and column.
    package func library() throws -> MustacheLibrary {
        MustacheContentTypes.register(FastHTMLEscaping(), named: FastHTMLEscaping.name)
        var library = MustacheLibrary()
        // Every template escapes with FastHTMLEscaping (a partial starts again from the library's HTML
        // type, so it needs the pragma too). The pragma is a standalone line of its own, so it prints
        // nothing; error lines are given without it.
        for (name, source) in templateSources.sorted(by: { $0.key < $1.key }) {
            let path = name + ".mustache"
            do {
                library.register(try MustacheTemplate(string: source), named: name)
            } catch let error as MustacheTemplate.ParserError {
                let line = error.context.lineNumber - 1
                let where_ = "\(path):\(max(line, 1)):\(error.context.columnNumber)"
                throw DossierError(path: where_, reason: .templatesInvalid("\(error.error)"))
            }
        }
        return library
    }
}

/// The same escaping as swift-mustache's HTML content type (`<`, `>`, `&`, `"` and `'`), done on
/// UTF-8 bytes and skipped for text that needs none: the library's version looks each Character up
/// in a dictionary, which was a twelfth of a build's CPU time. Working on bytes, it also escapes a
/// `<` that a combining mark joins into one Character, which the library's leaves as it is.
package struct FastHTMLEscaping: MustacheContentType {
    package static let name = "DOSSIER_HTML"
    package static let pragma = "{{% CONTENT_TYPE: \(name) }}"

    package func escapeText(_ text: String) -> String {
        Self.escape(text)
    }

    package static func escape(_ text: String) -> String {
        guard needsEscaping(text) else { return text }
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count + 16)
        append(text, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends the text's UTF-8 bytes, escaped.
    package static func append(_ text: String, to out: inout [UInt8]) {
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "<"): out += "&lt;".utf8
            case UInt8(ascii: ">"): out += "&gt;".utf8
            case UInt8(ascii: "&"): out += "&amp;".utf8
            case UInt8(ascii: "\""): out += "&quot;".utf8
            case UInt8(ascii: "'"): out += "&#39;".utf8
            default: appendReplacingControl(byte, to: &out)
            }
        }
    }

    /// Appends a byte of UTF-8 text, a control character as U+FFFD: it is no text (HTML forbids it),
    /// and a browser drops a NUL, so a token split by one would show whole. C0 (but tab and line
    /// breaks) and DEL are one byte; a C1 control is 0xC2 and a second byte up to 0x9F, and 0xC2 is
    /// never a second byte, so the last byte out is that character's first. The page templates'
    /// values and the Markdown bodies (`MarkdownHTML`) are written through this.
    package static func appendReplacingControl(_ byte: UInt8, to out: inout [UInt8]) {
        switch byte {
        case 0x00..<0x09, 0x0B, 0x0C, 0x0E..<0x20, 0x7F:
            out += [0xEF, 0xBF, 0xBD]
        case 0x80...0x9F where out.last == 0xC2:
            out.removeLast()
            out += [0xEF, 0xBF, 0xBD]
        default:
            out.append(byte)
        }
    }

    private static func isSpecial(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">") || byte == UInt8(ascii: "&") || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'")
            || (byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D) || byte == 0x7F
    }

    /// Whether the text needs escaping: a special byte, or a C1 control (0xC2 and a second byte up
    /// to 0x9F; `£`, `°` and a no-break space, 0xC2 and a later byte, do not).
    private static func needsEscaping(_ text: String) -> Bool {
        var afterC2 = false
        for byte in text.utf8 {
            if isSpecial(byte) || (afterC2 && byte <= 0x9F) { return true }
            afterC2 = byte == 0xC2
        }
        return false
    }
}
