#!/usr/bin/env python3
"""Checks the JSON Schemas in schemas/ against the shared fixtures and the sample evidence.

Tests/Fixtures/schemas/<schema>/valid/* must validate and .../invalid/* must not; every file of the sample
evidence/ that declares a kind with a schema must validate, and so must the front matter of its checklists. SchemaAgreementTests checks Dossier's decoder
against the same fixtures, so the two cannot drift apart. Prints 'N passed, N failed' and exits 1 on failure.
"""
import json
import os
import sys

try:
    import jsonschema
    import yaml
except ImportError:
    sys.exit("check-schemas: needs jsonschema and PyYAML (python3 -m pip install jsonschema pyyaml)")

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


class StringDatesLoader(yaml.SafeLoader):
    """YAML as Dossier reads it: timestamps stay text (PyYAML would turn them into date objects)."""


StringDatesLoader.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def load(path):
    with open(path, encoding="utf-8") as handle:
        if path.endswith(".json"):
            return json.load(handle)
        return yaml.load(handle, Loader=StringDatesLoader)


def front_matter(path):
    """The YAML between the `---` lines that open a Markdown file, or None."""
    with open(path, encoding="utf-8") as handle:
        lines = handle.read().split("\n")
    if not lines or lines[0].strip() != "---" or "---" not in [line.strip() for line in lines[1:]]:
        return None
    end = [line.strip() for line in lines[1:]].index("---") + 1
    return yaml.load("\n".join(lines[1:end]), Loader=StringDatesLoader)


def validator(name):
    with open(os.path.join(root, "schemas", f"{name}.schema.json"), encoding="utf-8") as handle:
        schema = json.load(handle)
    jsonschema.Draft7Validator.check_schema(schema)
    return jsonschema.Draft7Validator(schema)


from tally import expect, finish


fixtures = os.path.join(root, "Tests", "Fixtures", "schemas")
validators = {name: validator(name) for name in sorted(os.listdir(fixtures))}
for name, check in validators.items():
    for verdict in ("valid", "invalid"):
        folder = os.path.join(fixtures, name, verdict)
        for entry in sorted(os.listdir(folder)):
            errors = list(check.iter_errors(load(os.path.join(folder, entry))))
            if verdict == "valid":
                expect(not errors, f"{name}/{verdict}/{entry}: {[e.message for e in errors]}")
            else:
                expect(errors, f"{name}/{verdict}/{entry}: the schema accepts it")

# The sample evidence: the configuration, and every file whose kind has a schema.
evidence = os.path.join(root, "evidence")
for folder, dirs, names in os.walk(evidence):
    dirs[:] = sorted(d for d in dirs if not d.startswith("."))
    for entry in sorted(names):
        path = os.path.join(folder, entry)
        relative = os.path.relpath(path, evidence)
        if entry.endswith(".md"):
            # A checklist's front matter follows checklist.schema.json (the task list below it has no schema).
            document = front_matter(path)
            if isinstance(document, dict) and document.get("kind") == "checklist":
                errors = list(validators["checklist"].iter_errors(document))
                expect(not errors, f"evidence/{relative}: {[e.message for e in errors]}")
            continue
        if not entry.endswith((".json", ".yml", ".yaml")):
            continue
        document = load(path)
        kind = "dossier" if relative in ("dossier.yml", "dossier.yaml", "dossier.json") else (
            document.get("kind") if isinstance(document, dict) else None)
        if kind in validators:
            errors = list(validators[kind].iter_errors(document))
            expect(not errors, f"evidence/{relative}: {[e.message for e in errors]}")

# The evidence of the remediation end-to-end test is meant to be valid too: its plan is judged, not its shape.
fixture_evidence = os.path.join(fixtures, "..", "remediation", "evidence")
for folder, dirs, names in os.walk(fixture_evidence):
    dirs[:] = sorted(dirs)
    for entry in sorted(names):
        if entry.endswith((".json", ".yml", ".yaml")) and entry != "dossier.yml":
            document = load(os.path.join(folder, entry))
            kind = document.get("kind") if isinstance(document, dict) else None
            if kind in validators:
                errors = list(validators[kind].iter_errors(document))
                expect(not errors, f"remediation/{os.path.relpath(os.path.join(folder, entry), fixture_evidence)}: {[e.message for e in errors]}")

# The built-in content follows the same schemas as a user's own.
catalogs = os.path.join(root, "catalogs")
for folder, schema in (("", "framework"), ("checklists", "checklist-definition"), ("mappings", "mapping")):
    path = os.path.join(catalogs, folder)
    for entry in sorted(os.listdir(path)) if os.path.isdir(path) else []:
        if entry.endswith(".yml"):
            errors = list(validators[schema].iter_errors(load(os.path.join(path, entry))))
            expect(not errors, f"catalogs/{os.path.join(folder, entry)}: {[e.message for e in errors]}")

# The build report is an output, so no decoder agrees with it here: the hand-written reports of the diff
# fixtures validate when they declare schema_version 2, and a version-1 report (without one) must not.
# scripts/check-reports.py validates a freshly built pack's report.json against the same schema.
with open(os.path.join(root, "schemas", "reports", "report.schema.json"), encoding="utf-8") as handle:
    report_schema = json.load(handle)
jsonschema.Draft7Validator.check_schema(report_schema)
reports = os.path.join(root, "Tests", "Fixtures", "diff")
for entry in sorted(os.listdir(reports)):
    document = load(os.path.join(reports, entry, "report.json"))
    errors = list(jsonschema.Draft7Validator(report_schema).iter_errors(document))
    if "schema_version" in document:
        expect(not errors, f"diff/{entry}/report.json: {[e.message for e in errors]}")
    else:
        expect(errors, f"diff/{entry}/report.json: a version-1 report passes as version 2")

finish("schemas")
