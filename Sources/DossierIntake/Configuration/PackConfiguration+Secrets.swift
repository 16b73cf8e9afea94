import DossierModel

extension PackConfiguration {
    /// `secrets:` in dossier.yml: values that are not secrets, and findings a person has looked at.
    package struct SecretPolicy: Sendable, Hashable {
        package struct Acknowledgement: Sendable, Hashable {
            package var file: String
            package var detector: String
            package var reason: String
        }

        /// Exact values, or `sha256:<hex>` of a value, that are known not to be secrets (test fixtures).
        package var allow: [String] = []
        package var acknowledge: [Acknowledgement] = []

        package init() {}

        package func allows(_ value: String) -> Bool {
            allow.contains(value) || allow.contains("sha256:" + ContentHash.sha256(value))
        }

        package func acknowledged(file: String, detector: String) -> String? {
            acknowledge.first { $0.file == file && ($0.detector == detector || $0.detector == DiagnosticID.secret(detector).rawValue) }?.reason
        }
    }
}
