/// The default theme (`templates/`) and the built-in catalogs (`catalogs/`), compiled into the binary
/// by SwiftPM's `embedInCode` resources (through the `templates` and `catalogs` links beside this
/// file), so an installed `dossier` works from any folder and no generated source is committed.
///
/// SwiftPM names each embedded file by its base name alone; the tables below give each its path in
/// its folder. `EmbeddedThemeTests` fails when a file of either folder is missing here.
package enum DefaultTheme {
    /// Every file of `templates/`, by its path in that folder.
    package static let files: [String: String] = EmbeddedText.decode([
        "about.mustache": PackageResources.about_mustache,
        "activity.mustache": PackageResources.activity_mustache,
        "applicability.mustache": PackageResources.applicability_mustache,
        "assets/dossier.css": PackageResources.dossier_css,
        "assets/dossier.js": PackageResources.dossier_js,
        "control.mustache": PackageResources.control_mustache,
        "diff.mustache": PackageResources.diff_mustache,
        "evidence-index.mustache": PackageResources.evidence_index_mustache,
        "evidence.mustache": PackageResources.evidence_mustache,
        "findings.mustache": PackageResources.findings_mustache,
        "framework.mustache": PackageResources.framework_mustache,
        "index.mustache": PackageResources.index_mustache,
        "print.mustache": PackageResources.print_mustache,
        "partials/coverage.mustache": PackageResources.coverage_mustache,
        "partials/diagnostic-list.mustache": PackageResources.diagnostic_list_mustache,
        "partials/diagram.mustache": PackageResources.diagram_mustache,
        "partials/evidence-list.mustache": PackageResources.evidence_list_mustache,
        "partials/foot.mustache": PackageResources.foot_mustache,
        "partials/head.mustache": PackageResources.head_mustache,
        "partials/log.mustache": PackageResources.log_mustache,
        "partials/record.mustache": PackageResources.record_mustache,
        "partials/remediations.mustache": PackageResources.remediations_mustache,
        "partials/sign-off.mustache": PackageResources.sign_off_mustache,
        "partials/tree.mustache": PackageResources.tree_mustache,
    ])
}

package enum BuiltInCatalogFiles {
    /// Every file of `catalogs/`, by its path in that folder.
    package static let files: [String: String] = EmbeddedText.decode([
        "checklists/pre-launch.yml": PackageResources.pre_launch_yml,
        "checklists/promotion-gate.yml": PackageResources.promotion_gate_yml,
        "gdpr.yml": PackageResources.gdpr_yml,
        "iso27001-2022.yml": PackageResources.iso27001_2022_yml,
        "log-formats/aws-cloudtrail.yml": PackageResources.aws_cloudtrail_yml,
        "log-formats/azure-activity.yml": PackageResources.azure_activity_yml,
        "log-formats/gcp-audit.yml": PackageResources.gcp_audit_yml,
        "log-formats/github-audit.yml": PackageResources.github_audit_yml,
        "log-formats/k8s-audit.yml": PackageResources.k8s_audit_yml,
        "log-formats/okta-system-log.yml": PackageResources.okta_system_log_yml,
        "mappings/gdpr-to-iso27001-2022.yml": PackageResources.gdpr_to_iso27001_2022_yml,
        "mappings/soc2-to-iso27001-2022.yml": PackageResources.soc2_to_iso27001_2022_yml,
        "soc2.yml": PackageResources.soc2_yml,
        "transfers/adequacy-decisions.yml": PackageResources.adequacy_decisions_yml,
    ])
}

enum EmbeddedText {
    /// The files are UTF-8 text; an invalid byte would be a broken checkout, and is shown as U+FFFD.
    static func decode(_ files: [String: [UInt8]]) -> [String: String] {
        files.mapValues { String(decoding: $0, as: UTF8.self) }
    }
}
