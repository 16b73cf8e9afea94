/// Nothing taken from a withheld file is published: the organisation's name from a withheld
/// `dossier.yml`, a withheld framework's control titles, a withheld checklist's item texts. Each
/// such value becomes a neutral placeholder naming the finding, so the pages still read and the
/// reader learns why the words are missing.
extension SecretScanner.Outcome {
    /// `[withheld: dossier.secret.aws-access-key]`, for a value from `path`; nil when `path` is published.
    func placeholder(for path: String) -> String? {
        reasons[path].map { "[withheld: \($0)]" }
    }

    func withholding(_ configuration: PackConfiguration?) -> PackConfiguration? {
        guard var configuration,
              let placeholder = PackConfiguration.fileNames.lazy.compactMap({ self.placeholder(for: $0) }).first else { return configuration }
        configuration.organisation = placeholder
        configuration.scope = configuration.scope.map { _ in placeholder }
        // A release name is matched against approvals: it is replaced only when it holds the secret itself.
        if let release = configuration.release, values.contains(where: release.contains) { configuration.release = placeholder }
        return configuration
    }

    func withholding(_ content: ComplianceContent) -> ComplianceContent {
        guard !reasons.isEmpty else { return content }
        var content = content
        content.catalogs = content.catalogs.map { catalog in
            guard let placeholder = placeholder(for: catalog.origin) else { return catalog }
            var hidden = catalog
            hidden.name = placeholder
            hidden.source = placeholder
            hidden.controls = catalog.controls.map { control in
                var withheld = control
                withheld.title = placeholder
                withheld.group = control.group.map { _ in placeholder }
                return withheld
            }
            return hidden
        }
        content.checklists = content.checklists.map { checklist in
            guard let placeholder = placeholder(for: checklist.origin) else { return checklist }
            var hidden = checklist
            hidden.name = placeholder
            hidden.source = placeholder
            hidden.items = checklist.items.map { item in
                var withheld = item
                (withheld.text, withheld.section, withheld.wants) = (placeholder, placeholder, placeholder)
                withheld.noControlReason = item.noControlReason.mapValues { _ in placeholder }
                return withheld
            }
            return hidden
        }
        content.mappings = content.mappings.map { mapping in
            guard let placeholder = placeholder(for: mapping.origin) else { return mapping }
            var hidden = mapping
            hidden.name = placeholder
            hidden.source = placeholder
            hidden.relations = mapping.relations.map { relation in
                var withheld = relation
                withheld.note = relation.note.map { _ in placeholder }
                return withheld
            }
            return hidden
        }
        return content
    }
}
