/// Names that editors and operating systems leave beside the files a person saves, never evidence
/// anyone meant to publish: a backup (`answers.md~`), an autosave (`#answers.md#`), a lock or swap
/// file, a JetBrains safe-write copy, a `.bak`, `.orig` or `.rej` copy,
/// Windows' thumbnail cache (which holds small copies of the photos in the folder). The discoverer
/// skips them with a note. Hidden names (`.answers.md.swp`, `.#answers.md`) are skipped before they
/// are asked about, and `serve` does not rebuild for the ones editors write (`isHiddenLeftover`).
package enum ScratchFileName {
    package enum Kind: Sendable, Equatable {
        case editorBackup
        case editorTemporary
        case systemFile

        package var description: String {
            switch self {
            case .editorBackup: "a backup copy"
            case .editorTemporary: "an editor's temporary file"
            case .systemFile: "a file the operating system keeps"
            }
        }
    }

    /// What `name` (one path component) is, or nil when it may be evidence.
    package static func kind(of name: String) -> Kind? {
        if name.hasSuffix("~") { return .editorBackup }
        // A copy kept by hand or by Notepad++ (`.bak`), and what a merge or a patch leaves (`.orig`, `.rej`).
        if [".bak", ".orig", ".rej"].contains(where: { name.count > $0.count && name.lowercased().hasSuffix($0) }) { return .editorBackup }
        if name.count > 2, name.hasPrefix("#"), name.hasSuffix("#") { return .editorTemporary }
        if name.hasPrefix("~$") || name.hasPrefix(".~lock.") { return .editorTemporary }
        if name.hasSuffix("___jb_tmp___") || name.hasSuffix("___jb_old___") { return .editorTemporary }
        if systemFiles.contains(name.lowercased()) { return .systemFile }
        return nil
    }

    /// Whether a name is a leftover (`kind`) or Vim's write test (`4913`, created and deleted at
    /// once while saving): no reason to stop a rebuild. Discovery does not skip `4913`: a file of that
    /// name that stays may be evidence.
    package static func isTransient(_ name: String) -> Bool {
        kind(of: name) != nil || isVimWriteTest(name)
    }

    /// Whether a changed path is a hidden file an editor or the system keeps beside the files it
    /// touches: the build never reads it (hidden names are skipped), so it is no reason to rebuild.
    /// The names above are not: the build notes them, so their coming and going changes the pack.
    /// Other hidden names still count (a redaction key kept hidden in the folder).
    package static func isHiddenLeftover(_ path: String) -> Bool {
        guard let name = path.split(separator: "/").last.map(String.init), name.hasPrefix(".") else { return false }
        if hiddenSystemFiles.contains(name) || name.hasPrefix("._") { return true }
        if name.hasPrefix(".#") || name.hasPrefix(".goutputstream-") || name.hasPrefix(".~lock.") || name.hasSuffix(".kate-swp") { return true }
        let swap = name.split(separator: ".").last.map(String.init) ?? ""
        return swap.count == 3 && swap.hasPrefix("sw") && swap.last.map { ("a"..."p").contains(String($0)) || $0 == "x" } == true
    }

    /// Finder's folder settings and the per-volume folders macOS leaves; `._name` files hold a copied file's attributes.
    private static let hiddenSystemFiles: Set<String> = [".DS_Store", ".localized", ".directory", ".Spotlight-V100", ".Trashes", ".fseventsd"]

    private static let systemFiles: Set<String> = ["thumbs.db", "ehthumbs.db", "desktop.ini", "icon\r"]

    /// Vim checks it may write into a folder by creating `4913` (then 5036, 5159, … while taken) and
    /// deleting it at once.
    private static func isVimWriteTest(_ name: String) -> Bool {
        guard name.count <= 6, name.allSatisfy(\.isASCII), let number = Int(name), number >= 4913 else { return false }
        return (number - 4913) % 123 == 0
    }
}
