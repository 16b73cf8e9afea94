import DossierModel

extension PackConfiguration {
    /// `secrets:` in dossier.yml: values that are not secrets, and findings a person has looked at.
    public struct SecretPolicy: Sendable, Hashable {
        public struct Acknowledgement: Sendable, Hashable {
            public var file: String
            public var detector: String
            public var reason: String
        }

        /// Exact values, or `sha256:<hex>` of a value, that are known not to be secrets (test fixtures).
        public var allow: [String] = []
        public var acknowledge: [Acknowledgement] = []

        public init() {}

        package func allows(_ value: String) -> Bool {
            allow.contains(value) || allow.contains("sha256:" + ContentHash.sha256(value))
        }

        package func acknowledged(file: String, detector: String) -> String? {
            acknowledge.first { $0.file == file && ($0.detector == detector || $0.detector == DiagnosticID.secret(detector).rawValue) }?.reason
        }
    }
}
