/// A scope written as a grant across a whole workspace or tenant: `*`, `admin`, `full access`, `all
/// objects`, `org-wide`. An auditor found `scopes: [admin, full access to all objects]` proving ACC-4
/// ("no rights across the whole workspace"). Read as words, whole and in any case; a read-only admin
/// API (`admin.reports.audit.readonly`) is not an administrator's grant.
enum BroadScope {
    private static let words: Set<String> = ["administrator", "superuser", "superadmin", "root", "everything", "unrestricted", "owner"]
    /// Grants to everything of a kind: `all` before one of these.
    private static let everyOf: Set<String> = [
        "objects", "resources", "data", "records", "projects", "repositories", "repos", "channels", "tables", "folders", "buckets",
        "workspaces", "tenants", "files", "users", "apis", "permissions", "scopes", "databases", "groups", "sites",
    ]
    private static let readOnly: Set<String> = ["read", "readonly", "view", "viewer", "get", "list"]

    static func grantsEverything(_ scope: String) -> Bool {
        if scope.contains("*") { return true }
        let tokens = scope.lowercased().split { !$0.isLetter && !$0.isNumber }.map(String.init)
        // `workspace-wide`, `org wide`, `tenantwide`.
        if tokens.contains(where: words.contains) || tokens.contains(where: { $0.hasSuffix("wide") }) { return true }
        for (index, token) in tokens.enumerated() where index + 1 < tokens.count {
            let next = tokens[index + 1]
            if token == "full" && ["access", "control", "admin", "rights"].contains(next) { return true }
            if token == "all" && (everyOf.contains(next) || next == "access") { return true }
        }
        return tokens.contains("admin") && !tokens.contains(where: readOnly.contains)
    }
}
