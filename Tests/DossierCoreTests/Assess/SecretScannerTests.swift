@testable import DossierAssess
@testable import DossierIntake
@testable import DossierModel
@testable import DossierPack
@testable import DossierPublish
@testable import DossierResources
import DossierTestSupport
import Foundation
import Testing

/// A labelled corpus: every secret is caught by its own detector, every look-alike passes, and no
/// secret appears in any message or in the pack.
@Suite struct SecretScannerTests {
    /// Built from parts so that this source file holds no complete credential of its own.
    static let secrets: [(detector: String, line: String)] = [
        ("aws-access-key", "key_id: " + "AKIA" + "QWERTYUIOPASDFGH"),
        ("aws-secret-key", "aws_secret_access_key = " + "kP8s2Lm9QwErTy7UiOpAsDfGhJkLzXcVbNm1Q2w3"),
        ("github-token", "token " + "ghp_" + "abcdefghijklmnopqrstuvwxyz0123456789AB"),
        ("github-token", "pat " + "github_pat_" + String(repeating: "aB3_", count: 20) + "xy"),
        ("gitlab-token", "GITLAB=" + "glpat-" + "Ab3Cd5Ef7Gh9Ij1Kl3Mn"),
        ("slack-token", "slack: " + "xoxb-" + "123456789012-abcdefghijkl"),
        ("slack-token", "hook " + "https://hooks.slack.com/services/" + "T0ABCDEF1/B0ABCDEF2/abcdefghijklmnopqrstuvwx"),
        ("stripe-key", "stripe " + "sk_live_" + "abcdefghijklmnopqrstuvwx12"),
        ("google-api-key", "maps " + "AIza" + "SyA1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q"),
        ("private-key", "-----BEGIN RSA " + "PRIVATE KEY-----"),
        ("private-key", "-----BEGIN PGP " + "PRIVATE KEY BLOCK-----"),
        ("private-key", "PuTTY-User-" + "Key-File-3:"),
        ("password-in-url", "postgres://app:" + "S3cr3t!x" + "@db.internal:5432/app"),
        ("jwt", "Authorization: Bearer " + "eyJhbGciOiJIUzI1NiJ9" + ".eyJzdWIiOiIxMjM0NTY3ODkwIn0" + ".dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U"),
        ("password-in-url", "db: postgres://app:" + "S3cr3tPassw0rd" + "@db.internal:5432/app"),
        ("generic-secret", "api_key = \"" + "x7Gq2LpZ9vR4mT8kW1nY5bH3cJ6dF0sA" + "\""),
        // The Kelvin sign folds to k under the pattern's (?i): the byte prefilter must not dismiss it.
        ("generic-secret", "to\u{212A}en = \"" + "x7Gq2LpZ9vR4mT8kW1nY5bH3cJ6dF0sA" + "\""),
        // The providers of a tool integration's world (cloud, CRM, helpdesk, LLM, chat, source hosting),
        // in the shapes docs/security.md tables, and assignments to prefixed names in env, shell, YAML and JSON.
        ("aws-access-key", "aws_access_key_id: " + "ASIA" + "UJZDE8GXD6NCF10E"),
        ("azure-storage-key", "DefaultEndpointsProtocol=https;AccountName=acme;" + "AccountKey=" + "El2hpChYgCfrL1spNxnyVmihA/2O76UMFxFkM/R5Kjp1vRt+1fjORS/6ilI8ihN5KXSc7Tvo/hBKqFYY/kv5ZJ=="),
        ("azure-client-secret", "AZURE_CLIENT_SECRET_VALUE " + "abc8Q~" + "r3J1TWDtkwtDDb_xHKas1VOq-g6YYZYn9Z"),
        ("digitalocean-token", "DO: " + "dop_v1_" + "1626e53a13043b026c48bbf33feff9243a8f506b40928b5b7a767c76fb008f86"),
        ("gitlab-token", "runner: " + "glrt-" + "SM9wCZ7Uw9xfogoEmvnE"),
        ("atlassian-token", "jira " + "ATATT3" + "a9SkpXz9w3QlY7Zkuvqdt7s8Stqcbnr3yBdGBLEPH1qhT61qtc4xatws8phP9nhFyJfm5di4PzJ59FHz5r1pY4OjE2jBMptUsGr7CmY_uCu3ZR1zTOlUcR64cXQLioDnkHIfxIq2HZt-PlJhx2jIclHkCiHp6bR1IqfEouHgxzNNAL5wIScG"),
        ("npm-token", "//registry.npmjs.org/:_authToken=" + "npm_" + "cabUGJmGEp7CgQ0PBQFI14zGtSnovm14TUOi"),
        ("pypi-token", "password = " + "pypi-AgE" + "ZSgqbjG3uhkWKFLf6xuI5aHUQPFeNBTxaQWk8JzFalHlsZfYcMMDktXP-tKs"),
        ("anthropic-key", "ANTHROPIC_API_KEY=" + "sk-ant-api03-" + "f2rcDkdfrUnW5gcF_Ha6ili8GjHEAD6-Wj9KfzjsQGMrb9h_ImB_LK777pzNk8cL6j5IXAAjlsHUqJoUD-_Ydua_5ZMs1"),
        ("openai-key", "export OPENAI_API_KEY=\"" + "sk-proj-" + "SWOpQaPRYpzbLGViYXjU2JgJngKtFI3OyV2dZAkg05rK_gqv81RKMGHZEM9YpvujA-C5Q52ryFlwRlOEVHzc0X0AWIRh-JUqBlIF" + "\""),
        ("openai-key", "key " + "sk-" + "yzPCB9t2039bicBTW5ZE9LFaez7770H2DCpYgojjHRg80USP"),
        ("huggingface-token", "HF " + "hf_" + "2W5DfJXcaYioK6cPTt9iOqHOBSWhgetH8L"),
        ("groq-key", "groq: " + "gsk_" + "myqoYMaaItDr9uP14pEHpJpb9ATPtdbmF4RPAfqoQB7xoFcSvTAx"),
        ("perplexity-key", "pplx " + "pplx-" + "RzmaZsV2GenFmtX0moDoqW4sg8NFNl5oFA6Qd8Mj7zdnbMjA"),
        ("replicate-token", "r8 " + "r8_" + "dTdlzC5T4uUhf7kvmlP7HVDctQUy1xvCkgafr"),
        ("slack-token", "app token " + "xapp-1-" + "A0123456789-1234567890123-" + "2bd36cb9d21f6be6abf0d7c1c1e21862ab8a18a8902073fec8df4f50947aaeb2"),
        ("teams-webhook", "https://acme.webhook.office.com/webhookb2/" + "6c57d21f-a5d3-2826-3dfe-574de739988b@e7577496-a2c8-4773-e130-f7eb19731662/IncomingWebhook/" + "CMqXXQ8agOMTNwncxvjcnqcMUP6n0a0u/1a2b3c4d-1a2b-1a2b-1a2b-1a2b3c4d5e6f"),
        ("discord-webhook", "https://discord.com/api/webhooks/" + "123456789012345678/" + "0VxNjAe-9i0mYtluYI0KN1gNT11cUzYZAa3u2olZU6uqbgsYlVvsSKuvinX_zMqf9OgX"),
        ("hubspot-token", "hubspot " + "pat-na1-" + "257c6f56-1c5c-b347-611a-3ce9d97dcbee"),
        ("salesforce-token", "sf " + "00D5g000004abcD" + "!" + "wca.7E56w8ZniqT3Ul4ffqkOkgWrdioyq.KvCiSGuPJ6sG9AHEOVezxZuJPWvHogU5nGYVHWVsUQk4DwgLGNOaeCtL31Ugq."),
        ("twilio-key", "twilio " + "SK" + "71010b93b7d946bf54074e3248c801be"),
        ("sendgrid-key", "SENDGRID " + "SG." + "-FvafhdZxEuhnbzs0z1wNi" + "." + "Mg9aW37k5wCnHDepQHgI3HLBkbvHEzuPyXQEW88ad3D"),
        ("mailgun-key", "mailgun " + "key-" + "96c25410335b400141212b62c3766311"),
        ("shopify-token", "shopify " + "shpat_" + "29f34369aad80b891baf90d0d3bf1629"),
        ("notion-token", "notion " + "ntn_" + "kBaHmsWWdawFgFSY0l9FLw91GqK8ks0n8SoFkh8OXfFYSJ"),
        ("linear-key", "linear " + "lin_api_" + "YgOuwgz7z54VfB4PbxntqB5IGky4Oo8DiIMWSWMP"),
        ("generic-secret", "ZENDESK_API_" + "TOKEN=" + "cwLuHj31CQJVukDCSXqLoivDP4SpGmrtWT01NjUj"),
        ("generic-secret", "SFDC_CLIENT_" + "SECRET=" + "pUuMHwkpu9mq9Ugk9QgmyjjYtUtBrmgO"),
        ("generic-secret", "client_" + "secret: " + "6grn4yDcaz2YBSoGOsDbjqMVzaVp"),
        ("generic-secret", "db_" + "password = " + "Tr0ub4dor&3x"),
        ("generic-secret", "{\"intercom_access_" + "token\": \"" + "62BSKLVPA2oQUP44XPSL2oRlPhDBuqOSg5ApYzTTOkq2BEDbN2AHRQ73l5Pu\"}"),
        ("generic-secret", "export FRESHDESK_API_" + "KEY=\"" + "Xay1F6gcqInkTY88mHwg\""),
        // Names holding a word that, alone, would describe a secret rather than hold one.
        ("generic-secret", "export SHARED_" + "SECRET=" + "9f8a7b6c5d4e3f2a1b0cQ7"),
        ("generic-secret", "KEYSTORE_" + "PASSWORD=" + "Str0ngKeyst0re!"),
        ("generic-secret", "VAULT_" + "TOKEN=" + "hvs.CAESIJ3bq2kP9xLmN4vR7tY1uW8e"),
        ("generic-secret", "db_" + "password := \"" + "S3cr3t!pass9\""),
        ("generic-secret", "'db_" + "password' => '" + "S3cr3t!pass9'"),
        // A long name (the pattern bounds the name at 100 characters each side of its keyword), and an
        // assignment after a run of keywords that once made the pattern backtrack for 25 s.
        ("generic-secret", "export ACME_CUSTOMER_SUPPORT_SUMMARISER_PRODUCTION_EU_WEST_1_SERVICE_" + "TOKEN=" + "Xq7kL9mP2vTr0ub4dor3x"),
        ("generic-secret", String(repeating: "token", count: 12_000) + " db_" + "password=" + "Xq7kL9mP2vTr0ub4dor3x"),
        // The same names in XML, on a command line, in curl's -u and in an Authorization header.
        ("secret-element", "<db" + "Password>" + "S3cr3t!pass9" + "</dbPassword>"),
        ("secret-element", "<ns:client_" + "secret type=\"string\">" + "6grn4yDcaz2YBSoGOsDbjqMVzaVp" + "</ns:client_secret>"),
        ("secret-attribute", "<add key=\"Zendesk" + "ApiKey\" value=\"" + "cwLuHj31CQJVukDCSXqLoivDP4SpGmrtWT01NjUj" + "\" />"),
        ("secret-attribute", "<entry key=\"db." + "password\">" + "S3cr3t!pass9" + "</entry>"),
        ("secret-option", "$ vault-sync --client-" + "secret " + "6grn4yDcaz2YBSoGOsDbjqMVzaVp" + " --verbose"),
        ("secret-option", "mysqladmin --" + "password '" + "S3cr3t!pass9" + "' status"),
        ("user-password-option", "curl -u admin:" + "S3cr3t!pass9" + " https://crm.internal/api"),
        ("authorization-header", "Authorization: Basic " + "YWRtaW46UzNjcjN0IXBhc3M5"),
        ("authorization-header", "\"authorization\": \"Bearer " + "x7Gq2LpZ9vR4mT8kW1nY5bH3cJ6dF0sA" + "\""),
        // Names the red team found missed (`_PASS`, `passphrase`, `psk`), values cut at `;` or read as a
        // placeholder for starting with `$` or holding `Password`, PHP's forms, an empty URL user,
        // Docker's and npm's base64 `auth`, and .netrc.
        ("generic-secret", "DB_" + "PASS=" + "Kq8!mW3zXp5#Lr9t"),
        ("generic-secret", "key_" + "passphrase: " + "Rj6!tP9qWx2#Mz5n"),
        ("generic-secret", "wpa_" + "psk: " + "Rj6!tP9qWx2#Mz5n"),
        ("generic-secret", "ansible_ssh_" + "pass=" + "Rj6!tP9qWx2#Mz5n"),
        ("generic-secret", "pass" + "word: \"" + "Kd;8mQ!x2Wz#pL5v" + "\""),
        ("generic-secret", "pass" + "word: " + "$tr0ngPa55w0rd!"),
        ("generic-secret", "ADMIN_" + "PASSWORD=" + "Password2026!Nw"),
        ("generic-secret", "define( 'DB_" + "PASSWORD', '" + "Hm3!kV8qZx5#Tp2w' );"),
        ("generic-secret", "$config['db']['" + "password'] = '" + "Gw5#xN2!pQ8zKm4r';"),
        ("password-in-url", "redis://:" + "Wq3!zN8pXk5#Rm2t" + "@cache.internal:6379/0"),
        ("basic-credentials", "{\"auths\":{\"registry.example.com\":{\"auth\":\"" + "Y2ktYm90OlRtOSF4UjNxTHA4I1Z6Mms=" + "\"}}}"),
        ("basic-credentials", "_auth=" + "Y2k6UXg4IXZOM3BabTcjS3cydA=="),
        ("netrc-password", "machine artifacts.example.com login deploy pass" + "word " + "Zr8$Kp2!Qw7xNm4v"),
        ("secret-option", "docker login registry.example.com -u ci -p " + "Lx5!vQ8mZk2#Wp7t"),
        ("secret-option", "sqlplus ticketsum/" + "Wz4!qR7xPm2#Kt9v" + "@//db.internal:1521/ORCLPDB1"),
        ("secret-option", "ConvertTo-SecureString '" + "Zt8!qW3xMk6#Pv2n" + "' -AsPlainText -Force"),
        ("secret-option", "net use \\\\files01\\audit /user:NORTHWIND\\svc-audit " + "Hq9#mX4!pZw7Kt3r"),
        ("secret-option", "mysql -u root -p" + "S3cr3t!pass9" + " ticketsum"),
        ("session-cookie", "Cookie: theme=dark; sessionid=" + "8f3kQm2xLp9vZw7RtN4bYc5hD6gS1aE0"),
        ("azure-sas-signature", "https://acme.blob.core.windows.net/c/b?sv=2022-11-02&sr=b&sig=" + "Xk3mP9qL2vZ7wR4tN8bY5cH6dF1gS0aEjU2iO3pQ7rM%3D"),
        ("google-oauth-secret", "client " + "GOCSPX-" + "1a2B3c4D5e6F7g8H9i0J1k2L3m4N"),
        ("docker-token", "hub " + "dckr_pat_" + "2YotnFZFEjr1zCsicMWpAAkQ7Xw"),
        ("stripe-key", "hook " + "whsec_" + "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"),
        ("private-key", "AGE-SECRET-" + "KEY-1" + String(repeating: "QZ7X", count: 14) + "QZ"),
        ("generic-secret", "The temporary pass" + "word is " + "Welcome#2026Nw" + "."),
        ("secret-option", "args:--db-" + "password " + "Xk9!mQ2pLw7z"),
        ("generic-secret", "key_pass" + "phrase: \"" + "Tr0ub4dor &3x" + "\""),
        ("generic-secret", "pass" + "word: \"" + "it'sKd8mQ!x" + "\""),
    ]

    static let lookAlikes = [
        // Demo and prose values that are no password: scrubbing `div` or `true` rewrote the pack.
        "ftp://u:div@files.internal/x",
        "postgres://app:true@db.internal:5432/app",
        "postgres://readonly:readonly@replica.internal/app",
        "We reset the break-glass password: Twice-yearly rotation is documented in the runbook.",
        "Password: twelve-character minimum",
        // Runs that once made a pattern backtrack over the whole line.
        String(repeating: "eyJ-", count: 16_000),
        String(repeating: "a.", count: 32_000) + " ://x@y",
        "docs example AKIAIOSFODNN7EXAMPLE and wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
        "placeholder: postgres://app:${DB_PASSWORD}@db.internal/app",
        "template: https://user:<password>@example.com/",
        "password: changeme-changeme-changeme",
        "token_count: 4111111111111111111111",
        "prompt_sha256: 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
        "secret rotation every 90 days; see the vault",
        "ghp_ is the prefix GitHub uses for personal tokens",
        "api_key: ${API_KEY}",
        "session id 123e4567-e89b-12d3-a456-426614174000",
        "https://example.com/path:8080/thing",
        "sk-learn is a Python library; see sklearn.org",
        "token_lifetime: 3600",
        "secretName: default-token-g2sp7",
        "password = MY-ID\\naws_secret_access_key = MY-KEY",
        "client_secret_ref: vault:kv/prod/crm/client-secret",
        "OPENAI_API_KEY=${OPENAI_API_KEY}",
        "SFDC_CLIENT_SECRET=<your-client-secret>",
        "db_password: changeme",
        "api_token: xxxxxxxxxxxxxxxxxxxxxxxx",
        "password_policy: min-length-12-with-symbols",
        "access_key_rotation: every-90-days-2026",
        "The key-rotation runbook lives in Confluence page 12345.",
        "SKU-12345 and SK-1 are ticket IDs",
        "pat-na1 is HubSpot's region prefix",
        "hf_hub_download is a function",
        "token: see the vault (kv/prod/helpdesk)",
        "stored in arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/helpdesk",
        "ZENDESK_API_TOKEN=op://prod/zendesk/api-token",
        // Names in XML, options and headers that say where a secret is, or stand for one.
        "<password>${DB_PASSWORD}</password>",
        "<tokenLifetime>3600</tokenLifetime>",
        "<add key=\"ApiKeyVaultPath\" value=\"kv/prod/crm/api-key\" />",
        "Run the importer with --token-file /run/secrets/crm-token and --password-stdin.",
        "Use the --token flag to pass the value from the vault.",
        "curl -u \"$CRM_USER:$CRM_PASSWORD\" https://crm.internal/api",
        "curl -u admin https://crm.internal/api",
        "Authorization: Bearer <token>",
        "Authorization: Bearer ${CRM_TOKEN}",
        "Authorization: Basic dXNlcm5hbWU=",
        "SSH fingerprint 43:51:43:a1:b5:fc:8b:b7:0a:3a:a9:b1:0f:66:73:a8",
        // When a secret was changed or made, a page token, sops' encrypted values, `bypass`.
        "{\"passwordChanged\": \"2026-07-31T10:14:22Z\"}",
        "token_created: 2026-10-13T09:41:27.839Z",
        "client_secret_valid_until: 2027-03-31T23:59:59Z",
        "api_key_last_used: 2026-11-02",
        "\"nextPageToken\": \"A:1697123456:Zx8kQm2pLw7Tr0ub4dor\"",
        "\"NextToken\": \"AAMA-EFRSURBSGhBZ0V4cWpkc3V6cFlnNHdBQUFBQUFBQUFBQUFBQUE\"",
        "password: ENC[AES256_GCM,data:Zm9vYmFyYmF6,iv:Kx9mQ2pL,tag:Wz8nR4tY,type:str]",
        "bypass_proxy: Kx9!mZ2pQw7#",
        "compass: Kx9!mZ2pQw7#",
        "All 42 tests passed: see run 2026-12-01 in CI.",
        "Authorization: Basic dXNlcjo=",
        "The password is rotated. The password is required. The password was changed on 2026-10-01.",
        "Cookie: theme=dark; lang=en-GB",
        "https://acme.blob.core.windows.net/c/b?sv=2022-11-02&sig=short",
        "mysql -u root -p ticketsum",
        "password: \"managed by Vault, rotated every 90 days\"",
        "PasswordLastSet : 5/17/2026 9:12:33 AM",
        "password_last_set: 17.05.2026",
    ]

    private func scan(_ text: String, policy: PackConfiguration.SecretPolicy = .init()) throws -> ([Diagnostic], SecretScanner.Outcome) {
        let collector = DiagnosticEngine()
        let file = InputFile(path: "file.md", data: Data(text.utf8))
        let outcome = SecretScanner(policy: policy).scan([file], diagnostics: collector)
        return (collector.diagnostics, outcome)
    }

    @Test(arguments: secrets.indices)
    func everySecretIsCaughtByItsDetector(_ index: Int) throws {
        let (detector, line) = Self.secrets[index]
        let (found, outcome) = try scan("# Notes\n\n" + line + "\n")
        #expect(found.map(\.identifier) == ["dossier.secret." + detector], "\(detector)")
        #expect(found.first?.location?.line == 3)
        #expect(outcome.withheld == ["file.md"])
        for value in outcome.values { #expect(!found.contains { $0.summary.contains(value) }, "the message repeats the secret") }
    }

    @Test(arguments: lookAlikes)
    func everyLookAlikePasses(_ line: String) throws {
        let (found, outcome) = try scan(line + "\n")
        #expect(found.isEmpty, "\(found.map(\.identifier))")
        #expect(outcome.withheld.isEmpty)
    }

    @Test func allowedValuesAndAcknowledgedFindingsArePublished() throws {
        var policy = PackConfiguration.SecretPolicy()
        let value = "x7Gq2LpZ9vR4mT8kW1nY5bH3cJ6dF0sA"
        policy.allow = ["sha256:" + ContentHash.sha256(value)]
        #expect(try scan("api_key = \"\(value)\"\n", policy: policy).0.isEmpty)
        policy.allow = []
        policy.acknowledge = [.init(file: "file.md", detector: "generic-secret", reason: "a test vector from RFC 4231")]
        let (found, outcome) = try scan("api_key = \"\(value)\"\n", policy: policy)
        #expect(found.map(\.identifier) == ["dossier.secret.acknowledged"] && found.first?.severity == .note)
        #expect(outcome.withheld.isEmpty)
    }

    /// An acknowledged look-alike is published as decided: its page shows it, and the last check on
    /// the pack did not withhold it there as a secret that "reached this output by a path the
    /// evidence scan does not cover".
    @Test func anAcknowledgedLookAlikeIsPublishedWithoutAFinding() throws {
        let key = "AKIA" + "Q3EGRIZUJ7W4TNXB"
        let folder = try TemporaryFolder([
            "evidence/dossier.yml": "organisation: Acme\nframeworks: [gdpr]\nsecrets:\n  acknowledge:\n    - {file: records/ack.md, detector: aws-access-key, reason: a documented test fixture}\n",
            "evidence/records/ack.md": "# Fixture\n\nThe example key \(key) from the SDK's tests.\n",
        ])
        defer { folder.remove() }
        let options = BuildOptions(evidence: folder.subfolder("evidence"), output: folder.subfolder("pack"), environment: ["SOURCE_DATE_EPOCH": "1790000000"])
        let result = try BuildPipeline(options: options).build()
        #expect(result.diagnostics.contains { $0.identifier == "dossier.secret.acknowledged" })
        #expect(!result.diagnostics.contains { $0.identifier == "dossier.secret.published" }, "\(result.diagnostics.filter { $0.identifier.hasPrefix("dossier.secret") }.map(\.summary))")
        let page = try #require(try FileManager.default.subpathsOfDirectory(atPath: folder.subfolder("pack").path).first { $0.hasPrefix("evidence/records/ack") })
        #expect(try folder.read("pack/" + page).contains(key))
    }

    @Test func noSecretReachesThePackOrTheOutput() throws {
        let lines = Self.secrets.map(\.line).joined(separator: "\n")
        let folder = try TemporaryFolder([
            "evidence/leak.md": "# Leak\n\n" + lines + "\n",
            "evidence/safe.md": "# Safe\n\nSee [the leak](leak.md).\n",
            "evidence/broken.yml": "kind: agreement\nid: A\ntype: \(Self.secrets[2].line.split(separator: " ")[1])\n",
        ])
        defer { folder.remove() }
        let options = BuildOptions(evidence: folder.subfolder("evidence"), output: folder.subfolder("pack"), environment: ["SOURCE_DATE_EPOCH": "1790000000"])
        let result = try BuildPipeline(options: options).build()
        #expect(result.assessment.withheld == ["broken.yml", "leak.md"])
        #expect(!folder.exists("pack/evidence/leak.html") && folder.exists("pack/evidence/safe.html"))
        let everything = try FileManager.default.subpathsOfDirectory(atPath: folder.subfolder("pack").path)
            .compactMap { try? String(contentsOf: folder.subfolder("pack/" + $0), encoding: .utf8) }.joined()
        let messages = result.diagnostics.map(\.summary).joined(separator: "\n")
        for (_, line) in Self.secrets {
            // The value the scan finds on the line alone, whatever follows it (`" />`, ` status`).
            let values = try scan("# Leak\n\n" + line + "\n").1.values
            #expect(!values.isEmpty)
            for secret in values { #expect(!everything.contains(secret), "the pack holds \(line.prefix(12))…") }
        }
        #expect(!messages.contains("ghp_abcdefghij"), "a message repeats a secret")
        #expect(result.diagnostics.contains { $0.file == "broken.yml" && $0.summary.contains("[secret withheld]") },
                "a value echoed by another rule is masked")
    }

    /// The byte prefilter may let through lines the pattern then dismisses, never the other way: every
    /// line a detector's pattern matches must be a candidate for that detector.
    @Test func thePrefilterNeverDismissesALineThePatternMatches() {
        var generator = SeededGenerator(seed: 42)
        let value = Array("abcXYZ0189+/=_-")
        let pieces = ["token", "Secret", "AWS", "aws_", "password", "api-key", "https://", "postgres://", "user:", "@", "=", ":", " ", "\"",
                      "'", "eyJ", ".", "AKIA", "ghp_", "xoxb-", "sk_live_", "AIza", "-----BEGIN RSA PRIVATE KEY-----", "\u{212A}", "é"]
        var matched = 0
        for _ in 0..<20_000 {
            var line = ""
            for _ in 0..<Int.random(in: 1...8, using: &generator) {
                if Bool.random(using: &generator) {
                    line += pieces.randomElement(using: &generator)!
                } else {
                    line += String((0..<Int.random(in: 1...45, using: &generator)).map { _ in value.randomElement(using: &generator)! })
                }
            }
            var lowered: [UInt8] = []
            let candidates = Set(Array(line.utf8).withUnsafeBytes { SecretScanner.candidates($0, lowered: &lowered) }.map(\.id))
            for detector in SecretDetector.all where detector.pattern.firstMatch(in: line, range: NSRange(line.startIndex..., in: line)) != nil {
                matched += 1
                #expect(candidates.contains(detector.id), "\(detector.id) matches \(line.debugDescription) but the prefilter dismissed it")
            }
        }
        #expect(matched > 1_000, "the generated lines exercise the patterns")
    }
}
