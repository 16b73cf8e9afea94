#!/usr/bin/env python3
"""Writes the verdict fixtures (Tests/Fixtures/verdicts/*, Tests/Fixtures/item-regression/*).

The folders are committed; run this only to change them, then review the diff. It computes the
SHA-256 an approval binds, so an edited graph keeps (or deliberately loses) its approval.
"""
import os, hashlib, json, textwrap
HERE=os.path.dirname(os.path.abspath(__file__))
ROOT=os.path.join(HERE, 'verdicts')
def w(case, path, text):
    p=os.path.join(ROOT, case, 'evidence', path)
    os.makedirs(os.path.dirname(p), exist_ok=True)
    open(p,'w').write(textwrap.dedent(text).lstrip('\n'))
def sha(case, path):
    return hashlib.sha256(open(os.path.join(ROOT, case, 'evidence', path),'rb').read()).hexdigest()

CONFIG = '''
organisation: Fixture Ltd
scope: Verdict fixtures
frameworks: [gdpr, soc2, iso27001-2022]
audit_period: {start: 2026-01-01, end: 2026-12-31}
'''
def definition(case, items):
    w(case, 'checklists/definition.yml', '''
kind: checklist-definition
checklist: fx
name: Fixture checklist
source: Dossier test fixtures
frameworks: [iso27001-2022]
items:
''' + items)
def answers(case, body, integration='support-bot'):
    w(case, 'checklists/answers.md', f'''
---
kind: checklist
checklist: fx
integration: {integration}
---
# Fixture answers

{body}
''')
ACTIVITY = '''
kind: processing-activity
id: support-bot
name: Support bot
controller: {name: Fixture Ltd, contact: privacy@fixture.example}
purposes: [Answering support tickets]
data_subjects: [Customers]
personal_data: [Name, Ticket text]
recipients:
  - {name: Support team, third_party: false}
erasure: Tickets are deleted 90 days after closing.
security_measures: [Encryption in transit, Access reviews]
owner: {name: Ann Owner, role: Service owner}
'''

# 1. An LLM logging item offered a Kubernetes exec log.
c='llm-log-from-kubernetes'
w(c,'dossier.yml',CONFIG); w(c,'activities/support-bot.yml',ACTIVITY)
definition(c,'''
  - id: LLM-1
    section: Logging
    text: Every LLM call is logged with the model and a hash of the prompt.
    controls: {iso27001-2022: ["8.15"]}
    expects:
      - log: {kinds: [llm-inference], fields: [model_version, prompt_hash]}
    wants: A log extract of LLM calls carrying model_version and prompt_hash.
''')
answers(c,'- [x] LLM-1 LLM calls are logged, see the [cluster audit log](../logs/k8s-exec.jsonl).')
w(c,'logs/k8s-exec.jsonl','\n'.join(json.dumps(e) for e in [
 {"kind":"Event","apiVersion":"audit.k8s.io/v1","level":"Metadata","auditID":f"a{i}","stage":"ResponseComplete","requestURI":f"/api/v1/namespaces/bot/pods/bot-{i}/exec","verb":"create","user":{"username":"alice@fixture.example"},"sourceIPs":["10.0.0.5"],"objectRef":{"resource":"pods","name":f"bot-{i}","subresource":"exec"},"responseStatus":{"code":101},"requestReceivedTimestamp":f"2026-10-0{i}T10:00:00.000000Z","stageTimestamp":f"2026-10-0{i}T10:00:01.000000Z"} for i in range(1,4)])+'\n')

# 2. A three-line note offered for a written-procedure item, carried through a mapping.
c='three-line-note'
w(c,'dossier.yml',CONFIG.replace('frameworks: [gdpr, soc2, iso27001-2022]','frameworks: [gdpr, soc2, iso27001-2022, fx-policy]'))
w(c,'activities/support-bot.yml',ACTIVITY)
definition(c,'''
  - id: DOC-1
    section: Policies
    text: An information security policy is written, owned and reviewed.
    controls: {iso27001-2022: ["5.1"]}
    expects:
      - document: {why: "a policy is a written document by definition"}
    wants: The policy, with its owner and review date in the front matter.
  - id: DOC-2
    section: Policies
    text: A procedure for handling security incidents is written, owned and reviewed.
    controls: {iso27001-2022: ["5.24"]}
    expects:
      - document: {why: "an incident procedure is a written plan"}
    wants: The incident procedure, with its owner and review date in the front matter.
''')
answers(c,'''- [x] DOC-1 We have a policy, see the [note](../notes/policy.md).
- [x] DOC-2 The [incident procedure](../policies/incident-procedure.md) is owned and reviewed.''')
w(c,'notes/policy.md','''
# Policy
We take security seriously.
Ask Ann.
''')
w(c,'policies/incident-procedure.md','''
---
owner: Ann Owner
reviewed_at: 2026-09-01
freshness: 365
---
# Incident procedure

1. Whoever notices an incident opens a ticket in the security queue and pages the on-call engineer.
2. The on-call engineer contains the incident, keeps a timeline, and informs the service owner within an hour.
3. The service owner decides on notifications within 24 hours and records the decision in the ticket.
''')
w(c,'frameworks/fx-policy.yml','''
kind: framework
framework: fx-policy
name: Fixture policy framework
source: Dossier test fixtures
controls:
  - {id: P-1, title: Security policy}
  - {id: P-2, title: Incident handling}
''')
w(c,'frameworks/fx-policy-to-iso.yml','''
kind: mapping
id: fx-policy-to-iso
name: Fixture policy framework to ISO/IEC 27001:2022
source_framework: fx-policy
target_framework: iso27001-2022
source: Dossier test fixtures
relations:
  - {source: P-1, target: "5.1", relationship: equivalent}
  - {source: P-2, target: "5.24", relationship: equivalent}
''')

GRAPH = '''
kind: data-flow
id: support-bot-flows
title: Support bot data flows
activity: support-bot
author: {name: Tom Builder, role: Integration Engineer}
systems:
  - {id: helpdesk, name: Helpdesk, kind: service, owner: Support Systems, location: Ireland, third_party: false}
  - {id: runner, name: Runner, kind: service, owner: Support Systems, location: Ireland, third_party: false}
flows:
  - {id: F1, source: helpdesk, target: runner, data_categories: [Ticket text], purpose: Summarise tickets, personal_data: true, tls_version: "1.3"}
  - {id: F4, source: runner, target: helpdesk, data_categories: [Summary], purpose: Post the summary, personal_data: true, tls_version: "TLSVERSION"}
'''
def approval(c, ident, path, digest, approver='{"name": "Aisha Reviewer", "role": "Security Engineer"}', decided='2026-09-22'):
    w(c, f'approvals/{ident.lower()}.json', json.dumps({
        "kind":"approval","id":ident,"subject":{"path":path,"sha256":digest},
        "requester":{"name":"Tom Builder","role":"Integration Engineer"},"approver":json.loads(approver),
        "decision":"approved","decided_at":decided}, indent=2)+'\n')

# 3. A TLS item beside a TLS 1.1 flow on the same graph.
c='tls-contradicted'
w(c,'dossier.yml',CONFIG); w(c,'activities/support-bot.yml',ACTIVITY)
w(c,'data-flows/support-bot.yml',GRAPH.replace('TLSVERSION','1.1'))
approval(c,'DFD-1','data-flows/support-bot.yml',sha(c,'data-flows/support-bot.yml'))
definition(c,'''
  - id: FLW-1
    section: Data flows
    text: All traffic between systems uses TLS 1.2 or later.
    controls: {iso27001-2022: ["8.24"]}
    expects:
      - data-flow: {property: tls-at-least-1.2}
    wants: The data-flow graph with the TLS version of every flow.
''')
answers(c,'- [x] FLW-1 Everything is TLS 1.2+, see the [data-flow graph](../data-flows/support-bot.yml).')

# 4. A review of the graph that went stale when the graph changed.
c='stale-approval'
w(c,'dossier.yml',CONFIG); w(c,'activities/support-bot.yml',ACTIVITY)
w(c,'data-flows/support-bot.yml',GRAPH.replace('TLSVERSION','1.2'))
old = hashlib.sha256(b'the graph as it was reviewed').hexdigest()
approval(c,'DFD-1','data-flows/support-bot.yml',old)
definition(c,'''
  - id: FLW-2
    section: Data flows
    text: A second engineer reviewed the data-flow graph as it stands.
    controls: {iso27001-2022: ["5.14"]}
    expects:
      - approval: {subject: data-flow}
    wants: An approval of the graph's current content by someone other than its author.
''')
answers(c,'- [x] FLW-2 Aisha reviewed the [graph](../data-flows/support-bot.yml), see her [approval](../approvals/dfd-1.json).')

# 6. A checklist naming an activity that was renamed.
c='dangling-integration'
w(c,'dossier.yml',CONFIG); w(c,'activities/support-bot.yml',ACTIVITY)
w(c,'policies/access.md','---\nowner: Ann Owner\nreviewed_at: 2026-09-01\nfreshness: 365\n---\n# Access policy\n\nAccess is granted per role and reviewed every quarter by the service owner.\n')
definition(c,'''
  - id: ACC-1
    section: Access
    text: Access is granted per role and reviewed.
    controls: {iso27001-2022: ["5.15"]}
    expects:
      - document: {why: "an access policy is a written rule"}
    wants: The access policy.
''')
answers(c,'- [x] ACC-1 See the [access policy](../policies/access.md).', integration='first-integration')
w(c,'checklists/answers-typo.md','''
---
kind: checklist
checklist: fx
integration: support-bto
---
# More answers

- [x] ACC-1 See the [access policy](../policies/access.md).
''')

# 8. A record of processing offered for an ownership item.
c='refused-link'
w(c,'dossier.yml',CONFIG); w(c,'activities/support-bot.yml',ACTIVITY)
definition(c,'''
  - id: OWN-1
    section: Ownership
    text: The workflow has a named owner who answers for it.
    controls: {iso27001-2022: ["5.2"]}
    expects:
      - document: {why: "ownership is assigned in a written charter"}
    wants: The ownership charter naming the owner and deputy.
''')
answers(c,'- [x] OWN-1 Ann owns it, see the [record of processing](../activities/support-bot.yml).')

# Expectation types, each failing for its own reason beside one that holds.
c='expect-log'
w(c,'dossier.yml',CONFIG); w(c,'activities/support-bot.yml',ACTIVITY)
w(c,'logs/bot-format.yml','''
kind: log-format
id: bot-log
name: Support bot log
paths: ["logs/*.jsonl"]
timestamp: {field: ts}
identity: [account]
kinds:
  - {kind: llm-inference, when: [{field: event, equals: llm.call}]}
  - {kind: authentication, when: [{field: event, equals: auth}]}
fields:
  model_version: model
  prompt_hash: prompt_sha256
  source_ip: ip
''')
events=[]
for day in range(1,29):
    events.append({"ts":f"2026-02-{day:02d}T10:00:00Z","event":"llm.call","account":"svc-bot","model":"model-2026-01","prompt_sha256":("ab"*32) if day!=14 else None})
    events.append({"ts":f"2026-02-{day:02d}T10:00:01Z","event":"auth","account":"svc-bot","ip":"10.0.0.9"})
w(c,'logs/2026-02.jsonl','\n'.join(json.dumps({k:v for k,v in e.items() if v is not None}) for e in events)+'\n')
definition(c,'''
  - id: LOG-1
    section: Logging
    text: Every LLM call is logged with the model version.
    controls: {iso27001-2022: ["8.15"]}
    expects:
      - log: {kinds: [llm-inference], fields: [model_version]}
    wants: A log extract of LLM calls.
  - id: LOG-2
    section: Logging
    text: Every LLM call is logged with a hash of its prompt.
    controls: {iso27001-2022: ["8.15"]}
    expects:
      - log: {kinds: [llm-inference], fields: [prompt_hash]}
    wants: A log extract of LLM calls with prompt hashes.
  - id: LOG-3
    section: Logging
    text: Sign-ins are logged throughout the audit period.
    controls: {iso27001-2022: ["8.16"]}
    expects:
      - log: {kinds: [authentication], fields: [source_ip], coverage: 0.9}
    wants: Sign-in logs covering the audit period.
''')
answers(c,'''- [x] LOG-1 See the [February extract](../logs/2026-02.jsonl).
- [x] LOG-2 See the [February extract](../logs/2026-02.jsonl).
- [x] LOG-3 See the [February extract](../logs/2026-02.jsonl).''')

c='expect-approval'
w(c,'dossier.yml',CONFIG + 'release: v1.0\n'); w(c,'activities/support-bot.yml',ACTIVITY)
w(c,'data-flows/support-bot.yml',GRAPH.replace('TLSVERSION','1.2'))
approval(c,'DFD-1','data-flows/support-bot.yml',sha(c,'data-flows/support-bot.yml'), approver='{"name": "Dev Colleague", "role": "Developer"}')
w(c,'approvals/rel-1.json', json.dumps({"kind":"approval","id":"REL-1","subject":{"release":"v1.0"},
    "requester":{"name":"Tom Builder","role":"Integration Engineer"},"approver":{"name":"Carla Chair","role":"CAB chair"},
    "decision":"approved","decided_at":"2026-09-30"}, indent=2)+'\n')
definition(c,'''
  - id: APR-1
    section: Approvals
    text: The change advisory board approved the data-flow graph.
    controls: {iso27001-2022: ["8.32"]}
    expects:
      - approval: {subject: data-flow, roles: [CAB]}
    wants: The CAB's approval of the graph.
  - id: APR-2
    section: Approvals
    text: The release was approved by the change advisory board.
    controls: {iso27001-2022: ["8.32"]}
    expects:
      - approval: {subject: release, roles: [CAB]}
    wants: The CAB's approval of the release.
  - id: APR-3
    section: Approvals
    text: A second engineer reviewed the data-flow graph.
    controls: {iso27001-2022: ["5.14"]}
    expects:
      - approval: {subject: data-flow}
    wants: An approval of the graph by someone other than its author.
''')
answers(c,'''- [x] APR-1 See the [graph](../data-flows/support-bot.yml) and its [approval](../approvals/dfd-1.json).
- [x] APR-2 See the [release approval](../approvals/rel-1.json).
- [x] APR-3 See the [release approval](../approvals/rel-1.json).''')

c='expect-record'
w(c,'dossier.yml',CONFIG)
w(c,'activities/support-bot.yml',ACTIVITY+'''credentials:
  - {system: Helpdesk, service_account: svc-bot-helpdesk, scopes: [tickets:read], shared: false, personal: false, rotated_at: 2026-10-01, expires_at: 2027-01-01}
  - {system: CRM, service_account: svc-bot-crm, scopes: [contacts:read], shared: false, personal: false, rotated_at: 2026-10-01}
''')
definition(c,'''
  - id: REC-1
    section: Credentials
    text: Every credential is scoped to what the workflow needs.
    controls: {iso27001-2022: ["8.2"]}
    expects:
      - record: {kind: processing-activity, fields: [credentials.scopes]}
    wants: The record's credentials with their scopes.
  - id: REC-2
    section: Credentials
    text: Every credential expires.
    controls: {iso27001-2022: ["5.17"]}
    expects:
      - record: {kind: processing-activity, fields: [credentials.expires_at]}
    wants: The record's credentials with their expiry dates.
''')
answers(c,'''- [x] REC-1 See the [record](../activities/support-bot.yml).
- [x] REC-2 See the [record](../activities/support-bot.yml).''')

c='expect-waiver-one-of'
w(c,'dossier.yml',CONFIG); w(c,'activities/support-bot.yml',ACTIVITY)
w(c,'waivers/token-expiry.yml','''
kind: waiver
id: W-1
framework: iso27001-2022
control: "5.17"
justification: The helpdesk cannot expire its API tokens; they are rotated monthly instead.
owner: {name: Ann Owner, role: Service owner}
approver: {name: Carla Chair, role: CISO}
granted_at: 2026-01-15
expires_at: 2026-06-30
''')
definition(c,'''
  - id: WAI-1
    section: Tokens
    text: Tokens expire, or a waiver covers a tool that cannot expire them.
    controls: {iso27001-2022: ["5.17"]}
    expects:
      - one-of:
          - log: {kinds: [authentication]}
          - waiver: {}
    wants: A log of token refreshes, or the waiver in force.
''')
answers(c,'- [x] WAI-1 The helpdesk cannot expire tokens, see the [waiver](../waivers/token-expiry.yml).')

# 5. Items that went from proven to open between two releases: a regression diff must report.
REG=os.path.join(HERE, 'item-regression')
def wr(side, path, text):
    p=os.path.join(REG, side, path); os.makedirs(os.path.dirname(p), exist_ok=True)
    open(p,'w').write(textwrap.dedent(text).lstrip('\n'))
DEF='''
kind: checklist-definition
checklist: fx
name: Fixture checklist
source: Dossier test fixtures
frameworks: [iso27001-2022]
items:
''' + ''.join(f'''  - id: POL-{n}
    section: Policies
    text: Policy {n} is written, owned and reviewed.
    controls: {{iso27001-2022: ["5.1"]}}
    expects:
      - document: {{why: "a policy is a written document"}}
    wants: Policy {n}.
''' for n in range(1,6))
for side in ('before','after'):
    wr(side,'dossier.yml',CONFIG); wr(side,'activities/support-bot.yml',ACTIVITY); wr(side,'checklists/definition.yml',DEF)
    for n in range(1,6):
        wr(side,f'policies/policy-{n}.md',f'---\nowner: Ann Owner\nreviewed_at: 2026-09-01\nfreshness: 365\n---\n# Policy {n}\n\nPolicy {n} says who may do what, and the service owner reviews it every year.\n')
    box = lambda n: 'x' if (side=='before') == (n != 5) else ' '
    wr(side,'checklists/answers.md','---\nkind: checklist\nchecklist: fx\nintegration: support-bot\n---\n# Answers\n\n' +
       '\n'.join(f'- [{box(n)}] POL-{n} See [policy {n}](../policies/policy-{n}.md).' for n in range(1,6)) + '\n')
