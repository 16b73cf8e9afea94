#!/usr/bin/env python3
"""Validates a pack's machine-readable reports with independent tools.

  python3 scripts/check-reports.py PACK [SHARED]

- oscal-assessment-results.json against NIST's OSCAL 1.0.6 assessment-results JSON Schema (from
  SHARED/realworld/oscal/, default ../shared), with pattern matching through the `regex` module
  because the schema uses \\p{...} classes that Python's `re` rejects. NIST's own example is
  validated first, so a validator that rejects everything cannot pass silently; a document with a
  version-1 UUID must be rejected, so one that accepts everything cannot either.
- results.sarif and junit.xml must parse; report.json must parse.
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

schema_path = os.path.join(shared, "realworld", "oscal", "oscal_assessment-results_schema-v1.0.6.json")
if os.path.exists(schema_path):
    with open(schema_path, encoding="utf-8") as handle:
        validator = OSCALValidator(json.load(handle), format_checker=jsonschema.FormatChecker())
    with open(os.path.join(shared, "realworld", "oscal", "ifa_assessment-results-example.json"), encoding="utf-8") as handle:
        example = json.load(handle)
    expect(not list(validator.iter_errors(example)), "NIST's own example must validate (the validator is broken)")
    with open(os.path.join(pack, "oscal-assessment-results.json"), encoding="utf-8") as handle:
        ours = json.load(handle)
    errors = list(validator.iter_errors(ours))
    for error in errors[:10]:
        print(f"  oscal: {'/'.join(str(p) for p in error.path)}: {error.message}")
    expect(not errors, f"oscal-assessment-results.json: {len(errors)} schema errors")
    broken = json.loads(json.dumps(ours))
    broken["assessment-results"]["uuid"] = "6fa459ea-ee8a-1ca4-894e-db77e160355e"  # version 1
    expect(list(validator.iter_errors(broken)), "a version-1 UUID must be rejected (the validator accepts anything)")
else:
    print(f"check-reports: {schema_path} is absent; OSCAL validation skipped")

for name in ("results.sarif", "report.json"):
    with open(os.path.join(pack, name), encoding="utf-8") as handle:
        document = json.load(handle)
    expect(isinstance(document, dict), f"{name} parses")
ElementTree.parse(os.path.join(pack, "junit.xml"))
expect(True, "junit.xml parses")

finish("reports")
