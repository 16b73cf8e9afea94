#!/usr/bin/env python3
"""Validates a pack's machine-readable reports with independent tools.

  python3 scripts/check-reports.py PACK [SHARED]

- oscal-assessment-results.json against NIST's OSCAL 1.0.6 assessment-results JSON Schema (from
  SHARED/realworld/oscal/, default ../shared), with pattern matching through the `regex` module
  because the schema uses \\p{...} classes that Python's `re` rejects. NIST's own example is
  validated first, so a validator that rejects everything cannot pass silently; a document with a
  version-1 UUID must be rejected, so one that accepts everything cannot either.
- results.sarif and junit.xml must parse; report.json must parse and validate against
  schemas/reports/report.schema.json, with schema_version as its first key; the Statement of
  Applicability (when the pack has one) against schemas/reports/statement-of-applicability.schema.json.
Prints 'reports: N passed, N failed' and exits 1 on any failure; skips OSCAL with a message when
the schema is absent.
"""
import json
import os
import sys
import xml.etree.ElementTree as ElementTree

try:
    import jsonschema
    import regex
except ImportError:
    sys.exit("check-reports: needs jsonschema and regex (python3 -m pip install jsonschema regex)")

pack = sys.argv[1]
shared = sys.argv[2] if len(sys.argv) > 2 else os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "..", "shared")
from tally import expect, finish


def pattern(validator, expression, instance, schema):
    if isinstance(instance, str) and not regex.search(expression, instance):
        yield jsonschema.ValidationError(f"{instance!r} does not match {expression!r}")


OSCALValidator = jsonschema.validators.extend(jsonschema.Draft7Validator, {"pattern": pattern})


def load(path):
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)


def validate(validator, name):
    """The pack's file `name` against `validator`, its first ten errors printed; returns the document."""
    document = load(os.path.join(pack, name))
    errors = list(validator.iter_errors(document))
    for error in errors[:10]:
        print(f"  {name}: {'/'.join(str(p) for p in error.path)}: {error.message}")
    expect(not errors, f"{name}: {len(errors)} schema errors")
    return document


schema_path = os.path.join(shared, "realworld", "oscal", "oscal_assessment-results_schema-v1.0.6.json")
if os.path.exists(schema_path):
    validator = OSCALValidator(load(schema_path), format_checker=jsonschema.FormatChecker())
    example = load(os.path.join(shared, "realworld", "oscal", "ifa_assessment-results-example.json"))
    expect(not list(validator.iter_errors(example)), "NIST's own example must validate (the validator is broken)")
    ours = validate(validator, "oscal-assessment-results.json")
    broken = json.loads(json.dumps(ours))
    broken["assessment-results"]["uuid"] = "6fa459ea-ee8a-1ca4-894e-db77e160355e"  # version 1
    expect(list(validator.iter_errors(broken)), "a version-1 UUID must be rejected (the validator accepts anything)")
else:
    print(f"check-reports: {schema_path} is absent; OSCAL validation skipped")

expect(isinstance(load(os.path.join(pack, "results.sarif")), dict), "results.sarif parses")

# report.json against Dossier's own schema, schema_version first.
root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
report = validate(jsonschema.Draft7Validator(load(os.path.join(root, "schemas", "reports", "report.schema.json"))), "report.json")
expect(next(iter(report), None) == "schema_version", "report.json: schema_version is the first key")
soa = os.path.join(pack, "statement-of-applicability.json")
if os.path.exists(soa):
    validate(jsonschema.Draft7Validator(load(os.path.join(root, "schemas", "reports", "statement-of-applicability.schema.json"))),
             "statement-of-applicability.json")
ElementTree.parse(os.path.join(pack, "junit.xml"))
expect(True, "junit.xml parses")

finish("reports")
