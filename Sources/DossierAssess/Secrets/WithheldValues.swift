import DossierIntake

/// Nothing taken from a withheld file is published: the organisation's name from a withheld
/// `dossier.yml`, a withheld framework's control titles, a withheld checklist's item texts. Each
/// such value becomes a neutral placeholder naming the finding, so the pages still read and the
/// reader learns why the words are missing.
extension SecretScanner.Outcome {
    /// `[withheld: dossier.secret.aws-access-key]`, for a value from `path`; nil when `path` is published.
    package func placeholder(for path: String) -> String? {
        reasons[path].map { "[withheld: \($0)]" }
    }

    package func withholding(_ configuration: PackConfiguration?) -> PackConfiguration? {
        guard var configuration,
              let placeholder = PackConfiguration.fileNames.lazy.compactMap({ self.placeholder(for: $0) }).first else { return configuration }
        configuration.organisation = placeholder
        configuration.scope = configuration.scope.map { _ in placeholder }
        // A release name is matched against approvals: it is replaced only when it holds the secret itself.
        if let release = configuration.release, values.contains(where: release.contains) { configuration.release = placeholder }
        // Who signed the pack is not shown either; the rule still compares the names as written.
        configuration.signOff?.withheldAs = placeholder
        return configuration
    }

    package func withholding(_ content: ComplianceContent) -> ComplianceContent {
        guard !reasons.isEmpty else { return content }
        var content = content
        content.catalogs = hiding(content.catalogs, from: \.origin) { catalog, placeholder in
            (catalog.name, catalog.source) = (placeholder, placeholder)
            for index in catalog.controls.indices {
                catalog.controls[index].title = placeholder
                catalog.controls[index].group = catalog.controls[index].group.map { _ in placeholder }
            }
        }
        content.checklists = hiding(content.checklists, from: \.origin) { checklist, placeholder in
            (checklist.name, checklist.source) = (placeholder, placeholder)
            for index in checklist.items.indices {
                (checklist.items[index].text, checklist.items[index].section, checklist.items[index].wants) = (placeholder, placeholder, placeholder)
                checklist.items[index].noControlReason = checklist.items[index].noControlReason.mapValues { _ in placeholder }
            }
        }
        content.mappings = hiding(content.mappings, from: \.origin) { mapping, placeholder in
            (mapping.name, mapping.source) = (placeholder, placeholder)
            for index in mapping.relations.indices {
                mapping.relations[index].note = mapping.relations[index].note.map { _ in placeholder }
            }
        }
        return content
    }

    /// Each element read from a withheld file, with its words replaced by `hide`.
    private func hiding<T>(_ elements: [T], from origin: KeyPath<T, String>, _ hide: (inout T, String) -> Void) -> [T] {
        elements.map { element in
            guard let placeholder = placeholder(for: element[keyPath: origin]) else { return element }
            var hidden = element
            hide(&hidden, placeholder)
            return hidden
        }
    }
}

extension SecretScanner.Outcome {
    /// A remediation read from a withheld file is still judged and still covers its findings, but its
    /// words (title, owner, ticket, notes) are not published; its ID stays, for the findings to cite.
    package func withholding(_ plan: RemediationPlan) -> RemediationPlan {
        guard !reasons.isEmpty else { return plan }
        var plan = plan
        for index in plan.entries.indices {
            guard let placeholder = placeholder(for: plan.entries[index].file) else { continue }
            plan.entries[index].remediation.title = placeholder
            plan.entries[index].remediation.owner = PersonName(name: placeholder, role: nil)
            plan.entries[index].remediation.ticket = placeholder
            plan.entries[index].remediation.notes = plan.entries[index].remediation.notes.map { _ in placeholder }
        }
        return plan
    }
}
