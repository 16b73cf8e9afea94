/// Decodes `kind: processing-activity`. Missing Art. 30 points are reported here as missing
/// fields; the record is still read as far as it goes, so the pack can show what is there.
package struct ProcessingActivityReader {
    package static let keys = [
        "kind", "id", "name", "description", "controller", "purposes", "data_subjects", "personal_data", "recipients",
        "transfers", "erasure", "security_measures", "owner", "deputy", "sponsor", "systems", "data_classes", "credentials",
        "data_flows",
    ]

    package func read(_ fields: FieldReader.Fields) -> ProcessingActivity? {
        let id = fields.string("id", required: true)
        let name = fields.string("name", required: true)
        let controller = fields.object("controller", allowed: ["name", "contact", "representative", "dpo"], required: true).flatMap { c -> ProcessingActivity.Controller? in
            let dpo = c.object("dpo", allowed: ["name", "contact"]).flatMap { d -> ProcessingActivity.PersonContact? in
                guard let name = d.string("name", required: true), let contact = d.string("contact", required: true) else { return nil }
                return .init(name: name, contact: contact)
            }
            guard let name = c.string("name", required: true), let contact = c.string("contact", required: true) else { return nil }
            return ProcessingActivity.Controller(name: name, contact: contact, representative: c.string("representative"), dpo: dpo)
        }
        let recipients = fields.objects(
            "recipients", allowed: ["name", "third_party", "country", "role", "agreement", "dpf_certified"], required: true
        ) { r -> ProcessingActivity.Recipient? in
            guard let name = r.string("name", required: true), let third = r.bool("third_party", required: true) else { return nil }
            return ProcessingActivity.Recipient(
                name: name, thirdParty: third, country: r.string("country"), role: r.string("role"), agreement: r.string("agreement"),
                dpfCertified: r.bool("dpf_certified") ?? false, location: r.location)
        }
        let transfers = fields.objects("transfers", allowed: ["destination", "country", "safeguard", "reference"]) { t -> ProcessingActivity.Transfer? in
            let safeguard = t.choice("safeguard", ProcessingActivity.Transfer.Safeguard.allCases.map(\.rawValue), required: true)
            guard let destination = t.string("destination", required: true), let country = t.string("country", required: true),
                  let safeguard = safeguard.flatMap(ProcessingActivity.Transfer.Safeguard.init(rawValue:)) else { return nil }
            return ProcessingActivity.Transfer(
                destination: destination, country: country, safeguard: safeguard, reference: t.string("reference"), location: t.location)
        }
        let credentials = fields.objects(
            "credentials", allowed: ["system", "service_account", "scopes", "shared", "personal", "rotated_at", "expires_at"]
        ) { c -> ProcessingActivity.Credential? in
            let expires = c.date("expires_at")
            guard let system = c.string("system", required: true), let account = c.string("service_account", required: true),
                  let scopes = c.strings("scopes", required: true), let rotated = c.date("rotated_at", required: true) else { return nil }
            return .init(system: system, serviceAccount: account, scopes: scopes, shared: c.bool("shared") ?? false,
                         personal: c.bool("personal") ?? false, rotatedAt: rotated, expiresAt: expires, location: c.location)
        }
        var activity = ProcessingActivity(
            id: id ?? "", name: name ?? "", description: fields.string("description"), controller: controller,
            purposes: fields.strings("purposes", required: true) ?? [],
            dataSubjects: fields.strings("data_subjects", required: true) ?? [],
            personalData: fields.strings("personal_data", required: true) ?? [],
            recipients: recipients ?? [], transfers: transfers ?? [], erasure: fields.string("erasure", required: true),
            securityMeasures: fields.strings("security_measures", required: true) ?? [],
            owner: fields.person("owner", required: true), deputy: fields.person("deputy"), sponsor: fields.person("sponsor"),
            systems: fields.strings("systems") ?? [], dataClasses: fields.strings("data_classes") ?? [], credentials: credentials ?? [])
        // Read for its diagnostics (a non-text entry is reported), then paired with each entry's own node.
        if fields.strings("data_flows") != nil {
            activity.dataFlows = (fields.node["data_flows"]?.elements ?? []).compactMap { node in
                node.string.map { .init(path: $0, location: node.location) }
            }
        }
        guard id != nil, name != nil else { return nil }
        return activity
    }
}
