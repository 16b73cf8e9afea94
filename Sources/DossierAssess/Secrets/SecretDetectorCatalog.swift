/// Every credential shape Dossier looks for, for the providers a tool integration meets (cloud, CRM,
/// helpdesk, LLM, chat, source hosting). Shapes follow the providers' documented token formats and
/// gitleaks' default rules; `docs/security.md` tables each detector with its public source.
extension SecretDetector {
    package static let all: [SecretDetector] = cloud + sourceHosting + llm + business + generic

    package static let cloud: [SecretDetector] = [
        SecretDetector("aws-access-key", "AWS access key ID", prefixes: ["AKIA", "ASIA", "AGPA", "AIDA", "AROA", "ANPA", "AIPA"],
                       #"\b(?:AKIA|ASIA|AGPA|AIDA|AROA|ANPA|AIPA)[A-Z0-9]{16}\b"#),
        SecretDetector("aws-secret-key", "AWS secret access key", prefixes: ["secret"], caseInsensitive: true,
                       #"(?i)aws.{0,20}secret.{0,20}?["'=:\s]+([A-Za-z0-9/+=]{40})(?![A-Za-z0-9/+=])"#, group: 1)
            .needing(run: 40),
        SecretDetector("google-api-key", "Google API key", prefixes: ["AIza"], #"\bAIza[0-9A-Za-z_\-]{35}(?![0-9A-Za-z_\-])"#),
        SecretDetector("google-oauth-secret", "Google OAuth client secret", prefixes: ["GOCSPX-"], #"\bGOCSPX-[A-Za-z0-9_\-]{28}(?![A-Za-z0-9_\-])"#),
        // An Azure shared access signature's `sig=` (a SAS URL grants what it signs to whoever holds it).
        SecretDetector("azure-sas-signature", "Azure shared access signature", prefixes: ["sig="],
                       #"[?&]sig=([A-Za-z0-9%+/=]{30,200})(?![A-Za-z0-9%+/=])"#, group: 1),
        SecretDetector("azure-storage-key", "Azure storage account key", prefixes: ["AccountKey="], #"AccountKey=([A-Za-z0-9+/]{86}==)"#, group: 1),
        SecretDetector("azure-client-secret", "Azure AD client secret", prefixes: ["Q~"],
                       #"(?<![A-Za-z0-9_~.])([A-Za-z0-9_~.]{3}\dQ~[A-Za-z0-9_~.-]{31,34})(?![A-Za-z0-9_~.-])"#, group: 1),
        SecretDetector("digitalocean-token", "DigitalOcean token", prefixes: ["dop_v1_", "doo_v1_", "dor_v1_"], #"\bdo[opr]_v1_[a-f0-9]{64}\b"#),
        // PEM, PGP armour (`… PRIVATE KEY BLOCK-----`), SSH2 (`---- BEGIN SSH2 ENCRYPTED PRIVATE KEY ----`) and PuTTY's .ppk.
        SecretDetector("private-key", "private key", prefixes: ["PRIVATE KEY-----", "PRIVATE KEY BLOCK-----", "PRIVATE KEY ----", "PuTTY-User-Key-File-", "AGE-SECRET-KEY-1"],
                       #"-----BEGIN (?:RSA |EC |DSA |OPENSSH |PGP |ENCRYPTED )?PRIVATE KEY(?: BLOCK)?-----|---- BEGIN SSH2 ENCRYPTED PRIVATE KEY ----|PuTTY-User-Key-File-\d+:|AGE-SECRET-KEY-1[0-9A-Z]{58}"#),
    ]

    package static let sourceHosting: [SecretDetector] = [
        SecretDetector("github-token", "GitHub token", prefixes: ["ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_"],
                       #"\b(?:gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9_]{60,255})\b"#),
        SecretDetector("gitlab-token", "GitLab token", prefixes: ["glpat-", "glptt-", "gldt-", "glrt-", "glsoat-", "glcbt-", "GR1348941"],
                       #"\b(?:glpat|glptt|gldt|glrt|glsoat|glcbt)-[A-Za-z0-9_\-]{20,}|\bGR1348941[A-Za-z0-9_\-]{20,}"#),
        SecretDetector("atlassian-token", "Atlassian API token", prefixes: ["ATATT3"], #"\bATATT3[A-Za-z0-9_\-=]{150,}"#),
        SecretDetector("npm-token", "npm access token", prefixes: ["npm_"], #"\bnpm_[A-Za-z0-9]{36}\b"#),
        SecretDetector("docker-token", "Docker Hub access token", prefixes: ["dckr_pat_", "dckr_oat_"], #"\bdckr_(?:pat|oat)_[A-Za-z0-9_\-]{27,}"#),
        SecretDetector("pypi-token", "PyPI upload token", prefixes: ["pypi-AgE"], #"\bpypi-AgE[A-Za-z0-9_\-]{50,}"#),
    ]

    package static let llm: [SecretDetector] = [
        // Anthropic first: `sk-ant-` would otherwise read as an OpenAI key with a prefix.
        SecretDetector("anthropic-key", "Anthropic API key", prefixes: ["sk-ant-"], #"\bsk-ant-(?:api|admin|oat)\d{2}-[A-Za-z0-9_\-]{40,}"#),
        SecretDetector("openai-key", "OpenAI API key", prefixes: ["sk-"],
                       #"\bsk-(?!ant-)(?:proj-|svcacct-|admin-|None-)?[A-Za-z0-9_\-]{32,}"#,
                       accept: { value, _ in SecretDetector.entropy(value) >= 3.5 && value.contains(where: \.isNumber) })
            .needing(run: 35),
        SecretDetector("huggingface-token", "Hugging Face token", prefixes: ["hf_"], #"\bhf_[A-Za-z0-9]{34,}\b"#),
        SecretDetector("groq-key", "Groq API key", prefixes: ["gsk_"], #"\bgsk_[A-Za-z0-9]{48,}\b"#),
        SecretDetector("perplexity-key", "Perplexity API key", prefixes: ["pplx-"], #"\bpplx-[A-Za-z0-9]{40,}\b"#),
        SecretDetector("replicate-token", "Replicate API token", prefixes: ["r8_"], #"\br8_[A-Za-z0-9]{37,}\b"#),
    ]

    package static let business: [SecretDetector] = [
        SecretDetector("slack-token", "Slack token", prefixes: ["xoxb-", "xoxp-", "xoxa-", "xoxr-", "xoxs-", "xoxe-", "xapp-", "hooks.slack.com/services/"],
                       #"\bxox[baprse]-[A-Za-z0-9-]{10,}|\bxapp-\d-[A-Z0-9]+-\d+-[a-f0-9]{32,}|https://hooks\.slack\.com/services/T[A-Z0-9]+/B[A-Z0-9]+/[A-Za-z0-9]{20,}"#),
        SecretDetector("teams-webhook", "Microsoft Teams webhook", prefixes: [".webhook.office.com/webhookb2/"],
                       #"https://[a-z0-9-]+\.webhook\.office\.com/webhookb2/[A-Za-z0-9@\-]+/IncomingWebhook/[A-Za-z0-9]{32}/[A-Za-z0-9\-]{36}"#),
        SecretDetector("discord-webhook", "Discord webhook", prefixes: ["discord.com/api/webhooks/", "discordapp.com/api/webhooks/"],
                       #"https://(?:discord|discordapp)\.com/api/webhooks/\d+/[A-Za-z0-9_\-]{60,}"#),
        SecretDetector("stripe-key", "Stripe live key or webhook signing secret", prefixes: ["sk_live_", "rk_live_", "whsec_"],
                       #"\b(?:[sr]k_live_[A-Za-z0-9]{24,}|whsec_[A-Za-z0-9+/=]{24,})\b"#),
        SecretDetector("hubspot-token", "HubSpot private app token", prefixes: ["pat-na1-", "pat-eu1-"],
                       #"\bpat-(?:na|eu)1-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b"#),
        SecretDetector("salesforce-token", "Salesforce access token", prefixes: ["00D"], #"\b00D[A-Za-z0-9]{12,15}![A-Za-z0-9._]{80,}"#)
            .needing(oneOf: "!"),
        SecretDetector("twilio-key", "Twilio API key", prefixes: ["SK"], #"\bSK[0-9a-f]{32}\b"#),
        SecretDetector("sendgrid-key", "SendGrid API key", prefixes: ["SG."], #"\bSG\.[A-Za-z0-9_\-]{22}\.[A-Za-z0-9_\-]{43}\b"#),
        SecretDetector("mailgun-key", "Mailgun API key", prefixes: ["key-"], #"\bkey-[0-9a-f]{32}\b"#),
        SecretDetector("shopify-token", "Shopify access token", prefixes: ["shpat_", "shpca_", "shppa_", "shpss_"], #"\bshp(?:at|ca|pa|ss)_[a-fA-F0-9]{32}\b"#),
        SecretDetector("notion-token", "Notion integration token", prefixes: ["ntn_", "secret_"], #"\b(?:ntn_[A-Za-z0-9]{40,}|secret_[A-Za-z0-9]{43})\b"#),
        SecretDetector("linear-key", "Linear API key", prefixes: ["lin_api_"], #"\blin_api_[A-Za-z0-9]{40}\b"#),
    ]

    package static let generic: [SecretDetector] = [
        // Each run is bounded: unbounded, `eyJ-` repeated 40 000 times took 199 s to give up on (each
        // start scanned to the end of the line). A JWT's header is short; its payload a few KB at most.
        SecretDetector("jwt", "JSON Web Token", prefixes: ["eyJ"], #"\beyJ[A-Za-z0-9_-]{10,1000}\.eyJ[A-Za-z0-9_-]{10,8000}\.[A-Za-z0-9_-]{16,2000}"#),
        // A password of six characters or more, of two kinds: `ftp://u:div@host` made `div` a secret, and
        // scrubbing it rewrote every `<div` of the pack.
        SecretDetector("password-in-url", "password in a URL", prefixes: ["://"],
                       #"\b[a-zA-Z][a-zA-Z0-9+.-]{0,31}://[^\s:/@'"<>]{0,256}:([^\s@/'"<>]{6,256})@[^\s/'"<>]+"#, group: 1,
                       accept: { value, _ in !SecretDetector.isPlaceholder(value) && SecretDetector.looksLikePassword(value) })
            .needing(oneOf: "@"),
        // PHP's `define('DB_PASSWORD', '…')`.
        SecretDetector("generic-secret", "secret assigned to a secret-like name", prefixes: ["define("], caseInsensitive: true,
                       #"(?i)\bdefine\([ \t]*["'](\#(secretName))["'][ \t]*,[ \t]*["']([^"'\s\\]{1,256})["']"#, group: 2,
                       accept: { value, match in SecretDetector.isAssignedSecret(value, match: SecretDetector.quotedName(in: match) + "=") }),
        // A value assigned to a secret-like name, in env, shell, YAML or JSON form, prefixed or not:
        // `ZENDESK_API_TOKEN=…`, `export OPENAI_API_KEY="…"`, `client_secret: …`, `"db_password": "…"`,
        // and Go's `:=` or PHP's and Ruby's `=>`.
        SecretDetector("generic-secret", "secret assigned to a secret-like name",
                       prefixes: secretNameWords,
                       caseInsensitive: true,
                       // The name around the keyword is at most 100 characters each side: unbounded, a
                       // 60 KB run of `tokentoken…` took the regex engine 25 s to give up on.
                       // A quoted value is read to its closing quote (`password: "Kd;8mQ!x…"`), else to a blank, quote or separator.
                       #"(?i)(?<![A-Za-z0-9_.\-])[A-Za-z0-9_.\-]{0,100}(?:secret|token|pass(?:w(?:or)?d|phrase)?|pwd|psk|api[_\-]?key|access[_\-]?key|private[_\-]?key|auth[_\-]?key)[A-Za-z0-9_.\-]{0,100}["']?\]?[ \t]*(?::=|=>|[:=])[ \t]*(?:(["'])((?:(?!\1)[^\n\\]){1,256})\1|["']?([^\s"',;`\\]+))"#,
                       group: -1, accept: { value, match in SecretDetector.isAssignedSecret(value, match: match) })
            .needing(oneOf: ":=", name: .assigned),
        // The same names in the other places configuration and shell history put a value: an XML
        // element (`<password>…</password>`) or a key/value pair (.NET's `<add key="ApiKey" value="…"/>`,
        // Java's `<entry key="db.password">…</entry>`), a command-line option (`--client-secret …`),
        // curl's `-u user:password`, and an `Authorization:` header's Basic or Bearer credentials.
        SecretDetector("secret-element", "secret in an XML element named like one", prefixes: secretNameWords, caseInsensitive: true,
                       #"(?i)<(\#(secretName))(?:[ \t][^<>]{0,200})?>[ \t]*([^<>\s]{1,256})[ \t]*</\1>"#, group: 2,
                       accept: { value, match in SecretDetector.isAssignedSecret(value, match: SecretDetector.leadingName(of: match) + "=") })
            .needing(name: .element),
        SecretDetector("secret-attribute", "secret in a key/value pair named like one", prefixes: secretNameWords, caseInsensitive: true,
                       #"(?i)\b(?:key|name)[ \t]*=[ \t]*["'](\#(secretName))["'](?:[ \t]+value[ \t]*=[ \t]*["']|[^<>]{0,100}>[ \t]*)([^"'<>\s]{1,256})"#,
                       group: 2, accept: { value, match in SecretDetector.isAssignedSecret(value, match: SecretDetector.quotedName(in: match) + "=") })
            .needing(name: .attribute),
        SecretDetector("secret-option", "secret given to a command-line option named like one", prefixes: secretNameWords, caseInsensitive: true,
                       #"(?i)(?<![A-Za-z0-9_.\-])--?(\#(secretName))[ \t]+["']?([^\s"'`;|&<>()]{1,256})"#, group: 2,
                       accept: { value, match in
                           !value.hasPrefix("-") && SecretDetector.isAssignedSecret(value, match: SecretDetector.leadingName(of: match) + "=")
                       })
            .needing(name: .option),
        SecretDetector("secret-option", "secret given to a command-line option named like one",
                       prefixes: ["docker login", "podman login", "registry login", "oc login", "buildah login", "skopeo login", "mysql", "sqlplus", "net use", "convertto-securestring"],
                       caseInsensitive: true,
                       #"(?i)\b(?:(?:docker|podman|helm registry|oc|buildah|skopeo) login\b[^\n]{0,200}?[ \t]-p[ \t]+["']?([^\s"']{6,256})|mysql(?:dump|admin)?\b[^\n]{0,200}?[ \t]-p([^\s"'-][^\s"']{5,255})|sqlplus[ \t]+[^\s/]{1,128}/([^\s@"']{6,256})@|net use\b[^\n]{0,200}?/user:\S{1,256}[ \t]+["']?([^\s"'/]{6,256})|convertto-securestring[ \t]+(?:-string[ \t]+)?["']([^"']{6,256})["'][ \t]+-asplaintext)"#,
                       group: -1, accept: { value, _ in !SecretDetector.isPlaceholder(value) && SecretDetector.looksLikePassword(value) }),
        SecretDetector("user-password-option", "password in a user:password option (curl -u)", prefixes: ["-u ", "--user ", "-u\t", "--user\t"],
                       #"(?<![A-Za-z0-9_.\-])(?:-u|--user)[ \t]+["']?[^\s:"'@]{1,128}:([^\s"'@]{6,256})"#, group: 1,
                       accept: { value, _ in !SecretDetector.isPlaceholder(value) && SecretDetector.looksLikePassword(value) })
            .needing(oneOf: ":"),
        // Docker's `config.json` (`"auth": "…"`) and npm's `_auth=…`: base64 of `user:password`.
        SecretDetector("basic-credentials", "user:password in base64 (Docker or npm auth)", prefixes: ["auth\":", "auth':", "auth:", "auth="], caseInsensitive: true,
                       #"(?i)(?<![A-Za-z0-9_])(?:["']_?auth["']|_?auth)[:=][ \t]*["']?([A-Za-z0-9+/]{8,2048}={0,2})(?![A-Za-z0-9+/=])"#, group: 1,
                       accept: { value, _ in SecretDetector.isBasicCredential(value) })
            .needing(oneOf: ":="),
        SecretDetector("netrc-password", "password in a .netrc entry", prefixes: ["password"], caseInsensitive: true,
                       #"(?i)\bmachine[ \t]+\S{1,256}[ \t]+login[ \t]+\S{1,256}[ \t]+password[ \t]+(\S{1,256})"#, group: 1,
                       accept: { value, _ in !SecretDetector.isPlaceholder(value) }),
        // A session cookie carries who is signed in: whoever has it is.
        SecretDetector("session-cookie", "session cookie", prefixes: ["cookie"], caseInsensitive: true,
                       #"(?i)\b(?:set-)?cookie["']?[ \t]*:[^\n]{0,300}?\b(?:session(?:id)?|sessid|phpsessid|jsessionid|sid|connect\.sid|_session|auth_token|access_token|jwt)[A-Za-z0-9_.\-]{0,40}=([^;\s"']{16,512})"#,
                       group: 1, accept: { value, _ in
                           value.contains(where: \.isLetter) && value.contains(where: \.isNumber) && SecretDetector.entropy(value) >= 3.0
                       })
            .needing(oneOf: "="),
        // Said in a sentence: `the temporary password is Welcome#2026Nw`.
        SecretDetector("generic-secret", "secret assigned to a secret-like name", prefixes: ["password", "passphrase", "passcode"], caseInsensitive: true,
                       #"(?i)\b(?:password|passphrase|passcode)[ \t]+(?:is|was|will be)[ \t]+["'“]?([^\s"'”\\]{7,255}[^\s"'”\\.,;:!?)])"#, group: 1,
                       accept: { value, _ in SecretDetector.isAssignedSecret(value, match: "password=") }),
        // A JWT is left to its own detector.
        SecretDetector("authorization-header", "credentials in an Authorization header", prefixes: ["authorization"], caseInsensitive: true,
                       #"(?i)\bauthorization["']?[ \t]*[:=][ \t]*["']?(?:basic|bearer|token|ssws)[ \t]+([A-Za-z0-9._~+/\-]{12,512}=*)"#, group: 1,
                       accept: { value, match in SecretDetector.isAuthorizationCredential(value, match: match) })
            .needing(oneOf: ":="),
    ]

    /// Whether the detector judges a value by the name it is given under rather than by its own
    /// shape: a provider's detector names a value both find better.
    package var judgesByName: Bool {
        ["generic-secret", "secret-element", "secret-attribute", "secret-option", "user-password-option", "authorization-header", "basic-credentials", "netrc-password", "session-cookie"].contains(id)
    }

    /// The words a secret's name holds (the generic pattern's keywords), for the prefix search.
    static let secretNameWords = [
        "secret", "token", "pass", "pwd", "psk", "apikey", "api_key", "api-key", "accesskey", "access_key", "access-key",
        "privatekey", "private_key", "private-key", "authkey", "auth_key", "auth-key",
    ]

    /// A name holding one of those words, at most 60 characters each side of it (bounded, as the
    /// generic pattern's name is).
    static let secretName =
        #"[A-Za-z0-9_.:\-]{0,60}(?:secret|token|pass(?:w(?:or)?d|phrase)?|pwd|psk|api[_\-]?key|access[_\-]?key|private[_\-]?key|auth[_\-]?key)[A-Za-z0-9_.:\-]{0,60}"#
}
