#!/usr/bin/env python3
"""Turns bench/run.sh's raw measurements into its Markdown tables (bench/README.md explains every column).

    bench/report.py SIZE RESULTS STMTS LIVE_SAME LIVE_CROSS FRESH LIVE_RATE ROW... -- REPLICA_ROW...

ROW: id|workload|name|variant|server|pids|method|url|body|if-none-match|limit-row; RESULTS lines:
id|run|req/s|p50|p99|errors|requests|server CPU %|PostgreSQL CPU %|RSS MB|304s (-1: not counted)|errors logged."""
import json, statistics, sys

size, results, stmts_file, live_same, live_cross, fresh, live_rate = sys.argv[1:8]
rest = sys.argv[8:]
sep = rest.index("--") if "--" in rest else len(rest)
rows = [r.split("|") for r in rest[:sep]]
replica_rows = [r.split("|") for r in rest[sep + 1:]]

runs = {}
for line in open(results):
    p = line.rstrip("\n").split("|")
    if len(p) == 11:
        p.append("-1")  # a results file without the logged-errors field
    if len(p) == 12:
        runs.setdefault(p[0], []).append(p[1:])
stmts = {}
try:
    for line in open(stmts_file):
        p = line.rstrip("\n").split("|")
        if len(p) == 2:
            stmts[p[0]] = p[1]
except FileNotFoundError:
    pass


def med(i, rid):
    v = [float(x[i]) for x in runs.get(rid, [])]
    return statistics.median(v) if v else None


def stat(rid):
    if rid not in runs:
        return None
    v = runs[rid]
    n304 = [int(x[9]) for x in v]
    reqs = sum(int(x[5]) for x in v)
    return {"rps": med(1, rid), "p50": med(2, rid), "p99": med(3, rid), "err": sum(int(x[4]) for x in v),
            "cpu": med(6, rid), "pg": med(7, rid), "rss": max(int(x[8]) for x in v),
            "share304": (sum(n304) / reqs if reqs else 0) if min(n304) >= 0 else None,
            "reqs": reqs,
            "logged": "n/a" if min(int(x[10]) for x in v) < 0 else sum(int(x[10]) for x in v)}


def f(x, d=1):
    return "–" if x is None else f"{x:.{d}f}"


def share(s):
    return "–" if s["share304"] is None else f"{s['share304'] * 100:.0f}%"


def ratio(a, b, sig=2):
    """a / b to 2 decimals, or to `sig` significant digits when that is finer (ratios to the limit are small)."""
    if a is None or not b:
        return "–"
    r = a / b
    return f"{r:.2f}" if r >= 1 or sig == 2 else f"{r:.{sig}g}"


S = {r[0]: stat(r[0]) for r in rows + replica_rows}
peer_of = {"3": "3p-u", "4": "4p-u"}

print("| size | workload | variant | server | req/s | p50 ms | p99 ms | errors | errors logged | 304 share | server CPU | PostgreSQL CPU "
      "| server RSS MB | SQL statements/request | req/s ÷ peer | p99 ÷ peer | req/s ÷ limit |")
print("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
for r in rows:
    rid, wkey, name, variant, server, *_ , limit_row = r
    s = S[rid]
    if s is None:
        continue
    p = S.get(peer_of.get(wkey, ""), None) if server == "labledger" and "304" not in variant else None
    lim = S.get("L-" + limit_row) if limit_row else None
    print(f"| {size} | {name} | {variant} | {server} | {f(s['rps']) if s['reqs'] else '0 (none completed)'} | {f(s['p50'])} | {f(s['p99'])} | {s['err']} | "
          f"{s['logged'] if server == 'labledger' else '–'} | {share(s)} | "
          f"{f(s['cpu'], 0)}% | {f(s['pg'], 0)}% | {s['rss']} | {stmts.get(rid, '–' if server == 'limit' or '304' in variant else 'n/a')} | "
          f"{ratio(s['rps'], p['rps']) if p else '–'} | {ratio(s['p99'], p['p99']) if p else '–'} | "
          f"{ratio(s['rps'], lim['rps'], 3) if lim else '–'} |")

raw = S.get("3r-u")
if raw:
    print()
    print("Not like-for-like (workload 3 against the peer's raw tally rows, which a client would still have to sum):")
    print()
    print("| size | LabLedger workload 3 | peer query | req/s ÷ peer | p99 ÷ peer |")
    print("|---|---|---|---|---|")
    for v in ("c", "u"):
        s = S.get("3-" + v)
        if s:
            print(f"| {size} | {'cached' if v == 'c' else 'uncached'} | raw tallies (`bench/peer-queries.sh w3`) | {ratio(s['rps'], raw['rps'])} | {ratio(s['p99'], raw['p99'])} |")

deep = [(k, lbl) for k, lbl in (("2a", "first"), ("2b", "last, by offset"), ("2c", "last, by cursor")) if S.get(k + "-u")]
if deep:
    print()
    print("| size | workload 2 page | uncached req/s | uncached p50 ms | uncached p99 ms | SQL statements/request | cached req/s | cached p99 ms |")
    print("|---|---|---|---|---|---|---|---|")
    names = {r[0]: r[2] for r in rows}
    for k, lbl in deep:
        u, c = S[k + "-u"], S.get(k + "-c")
        page = names[k + "-u"].split(" page ")[1].split(" (")[0]
        print(f"| {size} | {lbl} (page {page}) | {f(u['rps'])} | {f(u['p50'])} | {f(u['p99'])} | {stmts.get(k + '-u', 'n/a')} | "
              f"{f(c['rps']) if c else '–'} | {f(c['p99']) if c else '–'} |")

if replica_rows:
    print()
    print("| size | workload | variant | through | req/s | p50 ms | p99 ms | errors | errors logged | CPU (servers + nginx) | PostgreSQL CPU | req/s ÷ one replica via nginx |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    for r in replica_rows:
        rid, wkey, name, variant, server = r[:5]
        s = S[rid]
        if s is None:
            continue
        one = S.get(rid[:-1] + "1")
        print(f"| {size} | {name} | {variant} | {server} | {f(s['rps']) if s['reqs'] else '0 (none completed)'} | {f(s['p50'])} | {f(s['p99'])} | {s['err']} | {s['logged']} | "
              f"{f(s['cpu'], 0)}% | {f(s['pg'], 0)}% | {ratio(s['rps'], one['rps']) if rid.endswith('2') else '–'} |")

if fresh:
    fr = json.loads(fresh)
    print()
    print("| size | write through | read on (anonymous, cached) | probes | delay p50 ms | delay p99 ms | delay max ms | reads per probe (p50) |")
    print("|---|---|---|---|---|---|---|---|")
    print(f"| {size} | replica A | replica B | {fr['n']} | {fr['p50']} | {fr['p99']} | {fr['max']} | {fr['polls_p50']} |")

lives = [(lbl, l) for lbl, l in (("A", live_same), ("B", live_cross)) if l]
if lives:
    print()
    print(f"| size | subscribers on | writes through | channel | events | missing | send → event p50 ms | p99 ms | max ms | "
          f"response → event p50 ms | p99 ms | writes/s (asked {live_rate}) | write p50 ms | write p99 ms |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    for lbl, l in lives:
        d = json.loads(l)
        w = d["writes"]
        for ch, chn in (("sse", "SSE /api/changes/stream"), ("graphql", "GraphQL subscription")):
            c = d[ch]
            print(f"| {size} | replica A | replica {lbl} | {chn} | {c['n']} | {c['missing']} | {c['fromSend']['p50']} | "
                  f"{c['fromSend']['p99']} | {c['fromSend']['max']} | {c['fromAck']['p50']} | {c['fromAck']['p99']} | "
                  f"{w['per_s']} | {w['latency']['p50']} | {w['latency']['p99']} |")
