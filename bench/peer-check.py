#!/usr/bin/env python3
"""Checks that the peer's like-for-like workload 3 (bench/peer/scorecards.sql through PostGraphile) computes the same
scorecards as LabLedger's `scorecards`: for every lab, total, answered, partial and responseRate, and per root topic
the topic, total and responseRate (rates compared as decimals: PostGraphile sends numeric as a string).

    bench/peer-check.py LABLEDGER_GRAPHQL_URL LABLEDGER_BODY PEER_GRAPHQL_URL PEER_BODY

Prints one line: how many labs and root-topic rows matched, and three labs side by side; exit status 1 on a mismatch
(which it prints)."""
import json, sys, urllib.request
from decimal import Decimal


def post(url, body):
    req = urllib.request.Request(url, data=body.encode(), headers={"Content-Type": "application/json"})
    doc = json.load(urllib.request.urlopen(req, timeout=120))
    if doc.get("errors"):
        sys.exit(f"errors from {url}: {json.dumps(doc['errors'])[:500]}")
    return doc["data"]


def dec(x):
    return None if x is None else Decimal(str(x)).normalize()


ll_url, ll_body, peer_url, peer_body = sys.argv[1:5]
ll = {c["lab"]: (c["counts"]["total"], c["counts"]["answered"], c["counts"]["partial"], dec(c["counts"]["responseRate"]),
                 [(r["topic"], r["counts"]["total"], dec(r["counts"]["responseRate"])) for r in c["rootTopics"]])
      for c in post(ll_url, ll_body)["scorecards"]}
peer = {}
for n in post(peer_url, peer_body)["allLabs"]["nodes"]:
    c = n["benchCounts"]
    peer[n["slug"]] = (int(c["total"]), int(c["answered"]), int(c["partial"]), dec(c["responseRate"]),
                       [(r["topic"], int(r["total"]), dec(r["responseRate"])) for r in n["benchRootTopics"]["nodes"]])
bad = [lab for lab in sorted(set(ll) | set(peer)) if ll.get(lab) != peer.get(lab)]
for lab in bad[:5]:
    print(f"MISMATCH {lab}: labledger {ll.get(lab)} peer {peer.get(lab)}", file=sys.stderr)
sample = sorted(ll)[:2] + (["bench-lab-7"] if "bench-lab-7" in ll else [])
show = "; ".join(f"{lab}: total {ll[lab][0]}, answered {ll[lab][1]}, partial {ll[lab][2]}, rate {ll[lab][3]} / peer "
                 f"{peer[lab][0]}, {peer[lab][1]}, {peer[lab][2]}, {peer[lab][3]}, {len(peer[lab][4])} root topics" for lab in sample if lab in peer)
rows = sum(len(v[4]) for v in ll.values())
print(f"{'FAILED' if bad else 'equal'}: {len(ll) - len(bad)} of {len(ll)} labs and their {rows} root-topic rows equal "
      f"(total, answered, partial, responseRate; per root topic: total, responseRate); e.g. {show}")
sys.exit(1 if bad else 0)
