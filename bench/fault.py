#!/usr/bin/env python3
"""Write load, probes and the report of bench/fault.sh (standard library only).

  fault.py load   BASE TOKEN OUTDIR PREFIX WRITERS STOPFILE
      until STOPFILE exists: WRITERS threads each POST /api/questions with a unique key (PREFIX-<writer>-<n>),
      one at a time; a probe GETs /q/health/ready every 100 ms and another GETs a read endpoint every 100 ms.
      Every attempt is one line of OUTDIR/events.csv: kind,start_ms,end_ms,status,ok,key
      (status 0 = no HTTP answer: connection error or client timeout; ok = 0 for a 503 that is not a
      problem+json with Retry-After).
  fault.py report BASE OUTDIR MODE
      reads OUTDIR/{phases.env,events.csv,wrk.*.csv,wrk.out,db-questions.txt,db-revisions.txt}, checks the
      acknowledged writes through the API too, prints the Markdown report; exit status 1 when a check fails.
"""
import csv
import glob
import http.client
import json
import os
import sys
import threading
import time
import urllib.parse

CLIENT_TIMEOUT_S = 30
QUESTIONNAIRE = "ailabwatch-questions-to-labs"
TOPIC = "governance"


def now_ms():
    return int(time.time() * 1000)


class Client:
    """One keep-alive HTTP/1.1 connection; reconnects after any failure."""

    def __init__(self, base):
        u = urllib.parse.urlsplit(base)
        self.host, self.port = u.hostname, u.port
        self.conn = None

    def request(self, method, path, body=None, headers=None):
        """(status, headers dict lower-case, body bytes); status 0 when there was no HTTP answer."""
        try:
            if self.conn is None:
                self.conn = http.client.HTTPConnection(self.host, self.port, timeout=CLIENT_TIMEOUT_S)
            self.conn.request(method, path, body=body, headers=headers or {})
            r = self.conn.getresponse()
            data = r.read()
            hdrs = {k.lower(): v for k, v in r.getheaders()}
            if hdrs.get("connection", "").lower() == "close":
                self.close()
            return r.status, hdrs, data
        except Exception as e:  # noqa: BLE001 - any transport failure is "no answer"
            self.close()
            return 0, {"x-error": type(e).__name__}, b""

    def close(self):
        if self.conn is not None:
            try:
                self.conn.close()
            except Exception:  # noqa: BLE001
                pass
            self.conn = None


def problem_ok(status, hdrs, body):
    """A 503 must be RFC 9457 problem+json with Retry-After and status 503 in the body."""
    if status != 503:
        return 1
    if "application/problem+json" not in hdrs.get("content-type", "") or "retry-after" not in hdrs:
        return 0
    try:
        return 1 if json.loads(body).get("status") == 503 else 0
    except ValueError:
        return 0


def load(base, token, outdir, prefix, writers, stopfile):
    lock = threading.Lock()
    out = open(os.path.join(outdir, "events.csv"), "w", newline="")
    w = csv.writer(out)
    w.writerow(["kind", "start_ms", "end_ms", "status", "ok", "key"])

    def record(kind, t0, status, ok, key=""):
        with lock:
            w.writerow([kind, t0, now_ms(), status, ok, key])
            out.flush()

    def writer(n):
        c = Client(base)
        i = 0
        while not os.path.exists(stopfile):
            i += 1
            key = f"{prefix}-{n}-{i}"
            body = json.dumps({"key": key, "questionnaire": QUESTIONNAIRE, "topic": TOPIC,
                               "text": f"bench/fault.sh write {key}", "reason": "bench/fault.sh"})
            t0 = now_ms()
            status, hdrs, data = c.request("POST", "/api/questions", body,
                                           {"Content-Type": "application/json", "Authorization": "Bearer " + token})
            record("write", t0, status, problem_ok(status, hdrs, data), key)
            if status in (0, 503):
                time.sleep(0.05)  # a client that backs off a little (Retry-After would say 5 s)
            else:
                time.sleep(0.01)

    def probe(kind, path):
        c = Client(base)
        while not os.path.exists(stopfile):
            t0 = now_ms()
            status, hdrs, data = c.request("GET", path)
            record(kind, t0, status, problem_ok(status, hdrs, data))
            time.sleep(max(0.0, 0.1 - (now_ms() - t0) / 1000))

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(1, writers + 1)]
    threads.append(threading.Thread(target=probe, args=("ready", "/q/health/ready")))
    threads.append(threading.Thread(target=probe, args=("probe", "/api/labs/anthropic")))
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    out.close()


# ---------------------------------------------------------------------------------------------- report

def read_env(path):
    env = {}
    with open(path) as f:
        for line in f:
            if "=" in line:
                k, v = line.strip().split("=", 1)
                env[k] = v
    return env


def classify(status):
    if 200 <= status < 300:
        return "2xx"
    if status == 503:
        return "503"
    if status >= 500:
        return "other 5xx"
    if status == 0:
        return "no answer"
    return "other"


CLASSES = ["2xx", "503", "other 5xx", "other", "no answer"]


def report(base, outdir, mode):
    ph = {k: int(v) for k, v in read_env(os.path.join(outdir, "phases.env")).items() if v.isdigit()}
    t_load, t_stop, t_stopped, t_start, t_accepting, t_end = (
        ph["load_start"], ph["stop_cmd"], ph["stop_done"], ph["start_cmd"], ph["pg_accepting"], ph["load_end"])
    failures = []

    def phase(t):
        if t < t_stop:
            return "healthy"
        if t < t_start:
            return "PG down"
        return "recovery"

    phases = ["healthy", "PG down", "recovery"]

    events = list(csv.DictReader(open(os.path.join(outdir, "events.csv"))))
    for e in events:
        for k in ("start_ms", "end_ms", "status", "ok"):
            e[k] = int(e[k])
    reads = []  # (end_ms, status, ok) from wrk
    for f in sorted(glob.glob(os.path.join(outdir, "wrk.*.csv"))):
        for line in open(f):
            p = line.strip().split(",")
            if len(p) == 3:
                reads.append((int(p[0]), int(p[1]), int(p[2])))
    reads.sort()
    wrk_summary = ""
    if os.path.exists(os.path.join(outdir, "wrk.out")):
        for line in open(os.path.join(outdir, "wrk.out")):
            if line.startswith("FAULT_READS"):
                wrk_summary = line.split(" ", 1)[1].strip()
    wrk = dict(kv.split("=") for kv in wrk_summary.split()) if wrk_summary else {}

    writes = [e for e in events if e["kind"] == "write"]
    probes = [e for e in events if e["kind"] == "probe"]
    ready = [e for e in events if e["kind"] == "ready"]

    # ---- counts by phase (a write/probe belongs to the phase in which it was sent; a wrk read to the phase it was answered in)
    def table(rows):
        counts = {p: {c: 0 for c in CLASSES} for p in phases}
        bad = {p: 0 for p in phases}
        for t, status, ok in rows:
            counts[phase(t)][classify(status)] += 1
            bad[phase(t)] += 0 if ok else 1
        return counts, bad

    rc, rbad = table(reads)
    wc, wbad = table([(e["start_ms"], e["status"], e["ok"]) for e in writes])
    pc, pbad = table([(e["start_ms"], e["status"], e["ok"]) for e in probes])

    # ---- database and API: every acknowledged write present, 503s consistent
    db_q = set(open(os.path.join(outdir, "db-questions.txt")).read().split())
    db_rev = set(open(os.path.join(outdir, "db-revisions.txt")).read().split())
    acked = [e["key"] for e in writes if 200 <= e["status"] < 300]
    lost_db = [k for k in acked if k not in db_q]
    c = Client(base)
    lost_api = []
    for k in acked:
        status, _, _ = c.request("GET", "/api/questions/" + k)
        if status != 200:
            lost_api.append(f"{k} ({status})")
    no_revision = sorted(db_q - db_rev)
    revision_without_question = sorted(db_rev - db_q)
    attempted = {e["key"]: e for e in writes}
    unknown = sorted(db_q - set(attempted))
    failed = {}  # class -> (present, absent, keys present)
    for e in writes:
        cl = classify(e["status"])
        if cl == "2xx":
            continue
        present, absent, keys = failed.get(cl, (0, 0, []))
        if e["key"] in db_q:
            present += 1
            keys.append(e["key"])
        else:
            absent += 1
        failed[cl] = (present, absent, keys)
    api_present_not_acked = []
    for cl, (_, _, keys) in failed.items():
        for k in keys:
            status, _, _ = c.request("GET", "/api/questions/" + k)
            if status != 200:
                api_present_not_acked.append(f"{k} ({status})")

    # ---- timings
    def first(rows, pred, after):
        for t, status in rows:
            if t >= after and pred(status):
                return t
        return None

    def ms(t, since):
        return "–" if t is None else f"{t - since:,} ms"

    read_rows = [(t, s) for t, s, _ in reads]
    write_rows = sorted((e["end_ms"], e["status"]) for e in writes)
    write_sent = sorted((e["start_ms"], e["status"]) for e in writes)
    probe_rows = sorted((e["end_ms"], e["status"]) for e in probes)
    ready_rows = sorted((e["end_ms"], e["status"]) for e in ready)
    is2 = lambda s: 200 <= s < 300  # noqa: E731
    first_503_read = first(read_rows, lambda s: s == 503, t_stop)
    first_503_write = first(write_rows, lambda s: s == 503, t_stop)
    first_ready_down = first(ready_rows, lambda s: s == 503, t_stop)
    first_2xx_read = first(read_rows, is2, t_start)
    first_2xx_write = first(write_rows, is2, t_start)
    first_ready_up = first(ready_rows, lambda s: s == 200, t_start)
    last_503_read = max((t for t, s in read_rows if s == 503), default=None)
    last_503_write = max((t for t, s in write_rows if s == 503), default=None)
    # latency of everything sent while PG was down: does the API answer at once or hang?
    down = [e for e in events if e["kind"] in ("write", "probe") and t_stop <= e["start_ms"] < t_start]
    lat_down = sorted(e["end_ms"] - e["start_ms"] for e in down)
    healthy = [e for e in events if e["kind"] in ("write", "probe") and e["start_ms"] < t_stop]
    lat_healthy = sorted(e["end_ms"] - e["start_ms"] for e in healthy)
    # the slowest answers around the stop: the ones sent in the first 2 s after the stop command
    around = sorted(e["end_ms"] - e["start_ms"] for e in events if e["kind"] in ("write", "probe") and t_stop <= e["start_ms"] < t_stop + 2000)

    def pct(xs, p):
        return "–" if not xs else f"{xs[min(len(xs) - 1, int(len(xs) * p / 100))]:,}"

    # ---- checks
    total5xx = sum(rc[p]["other 5xx"] + wc[p]["other 5xx"] + pc[p]["other 5xx"] for p in phases)
    if total5xx:
        failures.append(f"{total5xx} responses were 5xx other than 503")
    bad503 = sum(rbad.values()) + sum(wbad.values()) + sum(pbad.values())
    if bad503:
        failures.append(f"{bad503} 503 responses were not problem+json with Retry-After")
    if lost_db:
        failures.append(f"{len(lost_db)} acknowledged writes missing in the database: {lost_db[:5]}")
    if lost_api:
        failures.append(f"{len(lost_api)} acknowledged writes not found through the API: {lost_api[:5]}")
    if no_revision:
        failures.append(f"{len(no_revision)} questions without their CREATE revision: {no_revision[:5]}")
    if revision_without_question:
        failures.append(f"{len(revision_without_question)} CREATE revisions without their question: {revision_without_question[:5]}")
    if unknown:
        failures.append(f"{len(unknown)} questions in the database that no client sent: {unknown[:5]}")
    if api_present_not_acked:
        failures.append(f"not-acknowledged writes present in the database but not through the API: {api_present_not_acked[:5]}")
    other_reads = sum(rc[p]["other"] for p in phases)
    other_writes = sum(wc[p]["other"] + pc[p]["other"] for p in phases)
    if other_reads or other_writes:
        failures.append(f"unexpected statuses (4xx/3xx): {other_reads} reads, {other_writes} writes/probes")
    noans = sum(wc[p]["no answer"] + pc[p]["no answer"] for p in phases)
    wrk_err = sum(int(wrk.get(k, 0)) for k in ("connect_err", "read_err", "write_err", "timeouts"))
    if noans or wrk_err:
        failures.append(f"requests without an HTTP answer (connection error or >{CLIENT_TIMEOUT_S} s): {noans} writes/probes, {wrk_err} wrk reads")
    freeze = mode.endswith("freeze")
    if sum(rc["PG down"][c] for c in ("503",)) == 0 and not freeze:
        # (frozen, nothing is refused: requests wait unless the driver has a socketTimeout; reported above)
        failures.append("no 503 read while PostgreSQL was down")
    if first_2xx_read is None or first_2xx_write is None or first_ready_up is None:
        failures.append("the service did not recover (no 2xx read/write or readiness 200 after the restart)")
    if not any(is2(s) for t, s in write_rows if t >= t_end - 3000) or not any(is2(s) for t, s in read_rows if t >= t_end - 3000):
        failures.append("no 2xx in the last 3 s of the run: not healthy at the end")
    late = [(t, s) for t, s in write_sent + read_rows if first_ready_up and t > first_ready_up + 1000 and s >= 500]
    if late:
        failures.append(f"{len(late)} 5xx more than 1 s after readiness was back")

    # ---- Markdown
    L = []
    n, _, m = mode.rpartition("-")
    what = "PostgreSQL frozen (kill -STOP, then -CONT)" if m == "freeze" else f"PostgreSQL stop -m {m}"
    L.append(f"### Outage {n or 1}: {what}\n")
    L.append(f"Timeline (ms from load start): PG stop command {t_stop - t_load:,}, stopped {t_stopped - t_load:,}; "
             f"start command {t_start - t_load:,}, accepting connections {t_accepting - t_load:,}; load end {t_end - t_load:,}. "
             f"PG down for {t_start - t_stop:,} ms.\n")
    L.append("| phase | reads 2xx | reads 503 | reads other 5xx | reads other | writes 2xx | writes 503 | writes other 5xx | writes other | writes no answer |")
    L.append("|---|---|---|---|---|---|---|---|---|---|")
    for p in phases:
        L.append(f"| {p} | {rc[p]['2xx']:,} | {rc[p]['503']:,} | {rc[p]['other 5xx']} | {rc[p]['other']} | {wc[p]['2xx']:,} | "
                 f"{wc[p]['503']:,} | {wc[p]['other 5xx']} | {wc[p]['other']} | {wc[p]['no answer']} |")
    tr = {c: sum(rc[p][c] for p in phases) for c in CLASSES}
    tw = {c: sum(wc[p][c] for p in phases) for c in CLASSES}
    L.append(f"| **total** | {tr['2xx']:,} | {tr['503']:,} | {tr['other 5xx']} | {tr['other']} | {tw['2xx']:,} | {tw['503']:,} | "
             f"{tw['other 5xx']} | {tw['other']} | {tw['no answer']} |")
    L.append("")
    L.append(f"Reads: wrk (`{wrk.get('requests', '?')}` requests; latency p50 {wrk.get('p50_ms', '?')} ms, p99 {wrk.get('p99_ms', '?')} ms, "
             f"max {wrk.get('max_ms', '?')} ms; socket errors: connect {wrk.get('connect_err', '?')}, read {wrk.get('read_err', '?')}, "
             f"write {wrk.get('write_err', '?')}, timeouts {wrk.get('timeouts', '?')}). 503s that were not problem+json with "
             f"Retry-After: {bad503}. Probe GET /api/labs/anthropic every 100 ms: "
             + ", ".join(f"{p} {pc[p]['2xx']}×2xx/{pc[p]['503']}×503" for p in phases) + ".\n")
    L.append("| check | result |")
    L.append("|---|---|")
    L.append(f"| acknowledged writes (2xx) | {len(acked):,} |")
    L.append(f"| … missing in PostgreSQL (`question` by key) | {len(lost_db)} |")
    L.append(f"| … not found through the API (GET /api/questions/{{key}}) | {len(lost_api)} |")
    L.append(f"| questions without their CREATE revision / revisions without their question | {len(no_revision)} / {len(revision_without_question)} |")
    for cl in ("503", "no answer", "other 5xx", "other"):
        if cl in failed:
            present, absent, keys = failed[cl]
            L.append(f"| writes answered {cl}: present / absent afterwards | {present} / {absent}"
                     + (f" (present: {', '.join(keys[:3])}{'…' if len(keys) > 3 else ''})" if keys else "") + " |")
    L.append(f"| 5xx other than 503 (reads + writes + probe) | {total5xx} |")
    L.append("")
    ambiguous = [attempted[k] for _, (_, _, keys) in failed.items() for k in keys]
    if ambiguous:
        L.append("Writes not acknowledged but committed (present in PostgreSQL and through the API, with their revision): "
                 + "; ".join(f"`{e['key']}` {e['status']} sent {e['start_ms'] - t_stop:+,} ms / answered {e['end_ms'] - t_stop:+,} ms "
                             f"from the stop command" for e in ambiguous) + ".\n")
    L.append("| timing | value |")
    L.append("|---|---|")
    L.append(f"| PG stop command → first 503 read / write / readiness 503 | {ms(first_503_read, t_stop)} / {ms(first_503_write, t_stop)} / {ms(first_ready_down, t_stop)} |")
    L.append(f"| latency of writes + probe sent while PG was down: p50 / p99 / max | {pct(lat_down, 50)} / {pct(lat_down, 99)} / {pct(lat_down, 100)} ms |")
    L.append(f"| … of those sent in the first 2 s after the stop command: max | {pct(around, 100)} ms |")
    L.append(f"| (healthy phase, same clients: p50 / p99 / max) | {pct(lat_healthy, 50)} / {pct(lat_healthy, 99)} / {pct(lat_healthy, 100)} ms |")
    L.append(f"| PG start command → accepting connections | {t_accepting - t_start:,} ms |")
    L.append(f"| PG start command → first 2xx read / first 2xx write | {ms(first_2xx_read, t_start)} / {ms(first_2xx_write, t_start)} |")
    L.append(f"| PG start command → readiness 200 | {ms(first_ready_up, t_start)} |")
    L.append(f"| last 503 read / write (from PG start command) | {ms(last_503_read, t_start)} / {ms(last_503_write, t_start)} |")
    L.append("")
    if failures:
        L.append("**FAILED:**\n")
        L.extend(f"- {f}" for f in failures)
    else:
        L.append("**PASSED:** no 5xx other than 503, every 503 a problem+json with Retry-After, every acknowledged write "
                 "present in PostgreSQL and through the API (with its revision), the service recovered without a restart.")
    if freeze:
        L.append(f"\nFrozen, nothing is refused: requests sent meanwhile waited for the server (up to {pct(lat_down, 100)} ms; wrk max "
                 f"{wrk.get('max_ms', '?')} ms) unless they had to open a connection (loginTimeout 3 s → 503). The driver has "
                 "no socketTimeout (see application.properties).")
    L.append("")
    print("\n".join(L))
    return 1 if failures else 0


if __name__ == "__main__":
    if len(sys.argv) >= 2 and sys.argv[1] == "load":
        _, _, base, token, outdir, prefix, writers, stopfile = sys.argv
        load(base, token, outdir, prefix, int(writers), stopfile)
    elif len(sys.argv) >= 2 and sys.argv[1] == "report":
        _, _, base, outdir, mode = sys.argv
        sys.exit(report(base, outdir, mode))
    else:
        print(__doc__)
        sys.exit(2)
