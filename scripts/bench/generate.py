#!/usr/bin/env python3
"""Writes a synthetic evidence folder of N files for `make bench`.

The folder is made of integrations of 100 files each, in the proportions a real programme has:
per integration one processing activity and one data-flow graph, two checklists (the built-in
pre-launch and promotion-gate lists, answered), ten approvals bound by hash to a note, ten
CloudTrail-style JSON Lines extracts and 75 Markdown notes, one agreement of 2–4 KB with headings, lists, a
table and links to their neighbours. The output depends only on N and the seed, so every run
(and Dossier, cmark-gfm and Hugo within a run) sees the same bytes.

    generate.py N FOLDER [--seed S]
"""
import argparse
import hashlib
import json
import os
import random
import shutil

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
UNIT = 100
NOTES = 75

WORDS = (
    "access account approval audit backup change control credential data deletion encryption endpoint "
    "erasure evidence export failure helpdesk incident integration key least-privilege log monitoring "
    "owner pipeline policy privacy processor prompt provider record redaction retention review "
    "rotation runner scope secret service staging storage summary ticket token transfer vault vendor "
    "workflow quarterly reviewer confirmed revoked rotated requested granted narrowed scheduled"
).split()

PEOPLE = [("Hannah Okafor", "Support Systems Lead"), ("Aisha Mensah", "Platform Security Engineer"),
          ("Tomasz Wilk", "Integration Engineer"), ("Fiona Marsh", "Head of IT Operations"),
          ("Ravi Patel", "Data Protection Officer"), ("Lena Vogt", "Site Reliability Engineer")]


def sentence(rng, words=None):
    count = words or rng.randint(8, 18)
    text = " ".join(rng.choice(WORDS) for _ in range(count))
    return text[0].upper() + text[1:] + "."


def note(rng, unit, index, target_bytes):
    """One Markdown note: an owner and a review date (what a document needs to prove an item), headings,
    paragraphs, a list, a table, links to two neighbours."""
    lines = ["---", f"owner: {rng.choice(PEOPLE)[0]}", "reviewed_at: 2026-10-01", "freshness: 365", "---",
             f"# {unit} note {index:02d}: {sentence(rng, 4)[:-1]}", ""]
    neighbours = [(index + step) % NOTES for step in (1, 7)]
    links = ", ".join(f"[note {n:02d}](note-{n:02d}.md)" for n in neighbours)
    lines += [f"Related: {links} and the [pre-launch checklist](../checklists/pre-launch.md).", ""]
    section = 0
    while sum(len(line) + 1 for line in lines) < target_bytes:
        section += 1
        lines += [f"## Section {section}", "", " ".join(sentence(rng) for _ in range(rng.randint(2, 5))), ""]
        if section % 2 == 0:
            lines += [f"- **{rng.choice(WORDS)}**: {sentence(rng)}" for _ in range(rng.randint(2, 4))] + [""]
        if section % 3 == 0:
            lines += ["| Item | Owner | State |", "| --- | --- | --- |"]
            lines += [f"| {rng.choice(WORDS)} | {rng.choice(PEOPLE)[0]} | {rng.choice(['done', 'open', 'n/a'])} |" for _ in range(3)]
            lines += [""]
        if section % 4 == 0:
            lines += ["```text", f"{rng.choice(WORDS)}={rng.randint(1, 9999)}", "```", ""]
    return "\n".join(lines) + "\n"


def checklist(rng, unit, definition):
    items = yaml.safe_load(open(os.path.join(ROOT, "catalogs", "checklists", definition + ".yml")))["items"]
    lines = ["---", f"title: {definition} — {unit}", "kind: checklist", f"checklist: {definition}", f"integration: {unit}",
             "answered_at: 2026-10-01", "---", "", f"# {definition} — {unit}", ""]
    section = None
    for item in items:
        if item["section"] != section:
            section = item["section"]
            lines += ["", f"## {section}", ""]
        mark = "x" if rng.random() < 0.85 else " "
        lines.append(f"- [{mark}] {item['id']} {sentence(rng)} See [note {rng.randrange(NOTES):02d}](../notes/note-{rng.randrange(NOTES):02d}.md).")
    return "\n".join(lines) + "\n"


def activity(unit):
    return {
        "kind": "processing-activity", "id": unit, "name": f"Integration {unit}",
        "description": "Moves support records between a helpdesk, an LLM provider and a CRM.",
        "controller": {"name": "Example Ltd", "contact": "privacy@example.com"},
        "purposes": ["Summarise support tickets"], "data_subjects": ["Customers"], "personal_data": ["Name", "Ticket text"],
        "recipients": [{"name": "LLM provider", "third_party": True, "country": "DE", "role": "processor", "agreement": f"DPA-{unit}"}],
        "erasure": "Deleted with the ticket; logs are kept 13 months.",
        "security_measures": ["Dedicated service accounts", "Secrets in the vault"],
        "owner": {"name": PEOPLE[0][0], "role": PEOPLE[0][1]},
        "systems": ["helpdesk", "llm"],
    }


def data_flow(unit):
    return {
        "kind": "data-flow", "id": f"{unit}-flows", "title": f"{unit} data flows", "activity": unit,
        "systems": [
            {"id": "helpdesk", "name": "Helpdesk", "kind": "saas", "location": "EU (Ireland)", "third_party": True, "recipient": "LLM provider"},
            {"id": "runner", "name": "Runner", "kind": "service", "location": "EU (Ireland)", "third_party": False},
            {"id": "llm", "name": "LLM provider", "kind": "llm-provider", "location": "EU (Germany)", "third_party": True,
             "recipient": "LLM provider", "training_opt_out": True},
        ],
        "flows": [
            {"id": "F1", "source": "helpdesk", "target": "runner", "data_categories": ["Ticket text"], "personal_data": True,
             "tls_version": "1.3", "purpose": "Fetch the ticket to summarise"},
            {"id": "F2", "source": "runner", "target": "llm", "data_categories": ["Redacted ticket text"], "personal_data": True,
             "tls_version": "1.3", "purpose": "Ask for a summary"},
        ],
    }


def log_lines(rng, count):
    lines = []
    for index in range(count):
        record = {
            "eventVersion": "1.09", "eventTime": f"2026-10-{rng.randint(1, 28):02d}T{rng.randint(0, 23):02d}:{index % 60:02d}:00Z",
            "eventType": "AwsApiCall", "eventSource": "secretsmanager.amazonaws.com", "eventName": rng.choice(["GetSecretValue", "PutSecretValue"]),
            "readOnly": rng.random() < 0.7, "userIdentity": {"arn": f"arn:aws:iam::123456789012:role/svc-{rng.randint(1, 9)}"},
            "sourceIPAddress": "secretsmanager.amazonaws.com", "requestParameters": {"name": f"ticketsum-{rng.choice(WORDS)}"},
        }
        if rng.random() < 0.05:
            record["errorCode"] = "AccessDenied"
        lines.append(json.dumps(record, sort_keys=True))
    return "\n".join(lines) + "\n"


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(text)


def generate(count, folder, seed):
    rng = random.Random(seed)
    if os.path.exists(folder):
        shutil.rmtree(folder)
    write(os.path.join(folder, "dossier.yml"),
          "organisation: Bench Ltd\nscope: Synthetic evidence for make bench\nframeworks: [gdpr, soc2, iso27001-2022]\n"
          "audit_period: {start: 2026-01-01, end: 2026-12-31}\n")
    written = 1
    unit_index = 0
    while written < count:
        unit_index += 1
        unit = f"int-{unit_index:04d}"
        base = os.path.join(folder, unit)
        files = []
        notes = {}
        for index in range(NOTES):
            text = note(rng, unit, index, rng.randint(2048, 4096))
            notes[index] = text
            files.append((f"notes/note-{index:02d}.md", text))
        files.append(("checklists/pre-launch.md", checklist(rng, unit, "pre-launch")))
        files.append(("checklists/promotion-gate.md", checklist(rng, unit, "promotion-gate")))
        files.append(("activity.yml", yaml.safe_dump(activity(unit), sort_keys=False)))
        files.append(("agreement.yml", yaml.safe_dump({
            "kind": "agreement", "id": f"DPA-{unit}", "type": "dpa", "counterparty": "Example LLM Provider B.V.", "provider_kind": "llm",
            "scope": "Inference on redacted ticket text", "data_categories": ["Ticket text"], "training_opt_out": True,
            "transfer_mechanism": "scc", "signed_at": "2026-03-12", "expires_at": "2028-03-11"}, sort_keys=False)))
        files.append(("data-flow.yml", yaml.safe_dump(data_flow(unit), sort_keys=False)))
        for index in range(10):
            subject = rng.randrange(NOTES)
            approval = {
                "kind": "approval", "id": f"{unit.upper()}-CAB-{index:02d}",
                "subject": {"path": f"{unit}/notes/note-{subject:02d}.md",
                            "sha256": hashlib.sha256(notes[subject].encode()).hexdigest()},
                "requester": {"name": PEOPLE[2][0], "role": PEOPLE[2][1]},
                "approver": {"name": PEOPLE[3][0], "role": PEOPLE[3][1]},
                "decision": "approved", "decided_at": f"2026-10-{index + 1:02d}",
            }
            files.append((f"approvals/cab-{index:02d}.json", json.dumps(approval, indent=2) + "\n"))
        for index in range(10):
            files.append((f"logs/day-{index:02d}.jsonl", log_lines(rng, rng.randint(20, 40))))
        for relative, text in files[: count - written]:
            write(os.path.join(base, relative), text)
        written += min(len(files), count - written)
    return written


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int)
    parser.add_argument("folder")
    parser.add_argument("--seed", type=int, default=2026)
    arguments = parser.parse_args()
    print(generate(arguments.count, arguments.folder, arguments.seed))


if __name__ == "__main__":
    main()
