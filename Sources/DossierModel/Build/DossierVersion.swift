/// The version printed by `dossier --version` and stamped into every pack.
public enum DossierVersion {
    public static let current = "0.1.0"
}
