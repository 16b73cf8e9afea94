@testable import DossierAssess
@testable import DossierIntake
@testable import DossierModel
@testable import DossierPack
@testable import DossierPublish
@testable import DossierResources
import DossierTestSupport
import Foundation
import Testing

/// The theme and catalogs are compiled into the binary; this fails when `templates/` or `catalogs/`
/// gained a file that `Sources/DossierResources/EmbeddedFiles.swift` does not list.
@Suite struct EmbeddedThemeTests {
    private func filesOnDisk(_ name: String) throws -> [String: String] {
        let folder = Repository.root.appendingPathComponent(name)
        var onDisk: [String: String] = [:]
        let enumerator = FileManager.default.enumerator(atPath: folder.path)
        while let path = enumerator?.nextObject() as? String {
            var isDirectory: ObjCBool = false
            let url = folder.appendingPathComponent(path)
            FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory)
            if isDirectory.boolValue || (path as NSString).lastPathComponent.hasPrefix(".") { continue }
            onDisk[path] = try String(contentsOf: url, encoding: .utf8)
        }
        return onDisk
    }

    @Test(arguments: ["templates", "catalogs"])
    func compiledFilesMatchTheirFolder(_ name: String) throws {
        let onDisk = try filesOnDisk(name)
        let compiled = name == "templates" ? DefaultTheme.files : BuiltInCatalogFiles.files
        #expect(!onDisk.isEmpty)
        #expect(Set(compiled.keys) == Set(onDisk.keys), "list every file in Sources/DossierResources/EmbeddedFiles.swift")
        for (path, text) in onDisk {
            #expect(compiled[path] == text, "\(name)/\(path) differs from the compiled copy")
        }
    }

    @Test func overridingReplacesOnlyTheGivenFiles() throws {
        let folder = try TemporaryFolder(["assets/dossier.css": "body { color: black; }\n"])
        defer { folder.remove() }
        let theme = try Theme.overriding(with: folder.url)
        #expect(theme.files["assets/dossier.css"] == "body { color: black; }\n")
        #expect(theme.files["index.mustache"] == DefaultTheme.files["index.mustache"])
    }

    /// A theme kept in git has a `.git` (whose config may hold a token): none of it, and no editor's
    /// backup, reaches the pack.
    @Test func hiddenFilesAndEditorsBackupsAreNotPartOfTheTheme() throws {
        let folder = try TemporaryFolder([
            "assets/extra.css": "body {}\n", "assets/extra.css~": "old\n", ".git/config": "[remote] url = https://x:tok@example.com\n",
            "assets/.cache/a.css": "", "index.mustache.bak": "old\n",
        ])
        defer { folder.remove() }
        let theme = try Theme.overriding(with: folder.url)
        let added = Set(theme.files.keys).subtracting(DefaultTheme.files.keys)
        #expect(added == ["assets/extra.css"])
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
