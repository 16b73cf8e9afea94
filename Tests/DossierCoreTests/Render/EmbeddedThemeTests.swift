@testable import DossierCore
import DossierTestSupport
import Foundation
import Testing

/// The theme is compiled into the binary; this fails when `templates/` changed and `make theme` was not run.
@Suite struct EmbeddedThemeTests {
    @Test func compiledThemeMatchesTemplatesFolder() throws {
        let folder = Repository.root.appendingPathComponent("templates")
        var onDisk: [String: String] = [:]
        let enumerator = FileManager.default.enumerator(atPath: folder.path)
        while let path = enumerator?.nextObject() as? String {
            var isDirectory: ObjCBool = false
            let url = folder.appendingPathComponent(path)
            FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory)
            if isDirectory.boolValue || (path as NSString).lastPathComponent.hasPrefix(".") { continue }
            onDisk[path] = try String(contentsOf: url, encoding: .utf8)
        }
        #expect(!onDisk.isEmpty)
        #expect(Set(DefaultTheme.files.keys) == Set(onDisk.keys), "run `make theme`")
        for (path, text) in onDisk {
            #expect(DefaultTheme.files[path] == text, "\(path) differs from the compiled theme; run `make theme`")
        }
    }

    @Test func overridingReplacesOnlyTheGivenFiles() throws {
        let folder = try TemporaryFolder(["assets/dossier.css": "body { color: black; }\n"])
        defer { folder.remove() }
        let theme = try Theme.overriding(with: folder.url)
        #expect(theme.files["assets/dossier.css"] == "body { color: black; }\n")
        #expect(theme.files["index.mustache"] == DefaultTheme.files["index.mustache"])
    }

    @Test func brokenTemplateNamesFileAndLine() throws {
        let folder = try TemporaryFolder(["index.mustache": "<p>\n{{#open}}never closed\n"])
        defer { folder.remove() }
        let theme = try Theme.overriding(with: folder.url)
        #expect {
            try theme.library()
        } throws: { error in
            "\(error)".contains("index.mustache:")
        }
    }
}
