/// The version printed by `dossier --version` and stamped into every pack.
package enum DossierVersion {
    package static let current = "0.1.0"
}
