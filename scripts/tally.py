"""A pass/fail tally shared by the check scripts: each check is one `expect`, and `finish` prints
'<name>: N passed, N failed' and exits 1 when anything failed."""
import sys

counts = {"passed": 0, "failed": 0}


def expect(ok, message):
    if ok:
        counts["passed"] += 1
    else:
        counts["failed"] += 1
        print(f"FAIL {message}")


def finish(name):
    print(f"{name}: {counts['passed']} passed, {counts['failed']} failed")
    sys.exit(1 if counts["failed"] else 0)
