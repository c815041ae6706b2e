#!/usr/bin/env python3
"""Independent answers for the /charge availability example (incidents/2026-04-16-charge-errors).

Reads the committed raw signal files and computes, with plain arithmetic and no code shared
with postmortem, the figures its tests check: the SLO breach (start, end, minutes), when the
SRE workbook's 14.4x page first holds, the error ratio and budget consumed, the breach impact,
the deploys before the onset and the culprit's lead time, the span names with new errors and
where the errors originate, and the response-size medians.

PromQL functions follow Prometheus 2.42 (promql/functions.go extrapolatedRate, promql/quantile.go
bucketQuantile): a range [t - w, t] includes both ends, in integer milliseconds. Evaluation times
are the multiples of 60 s between the first and last sample of the selected request series.

Usage: scripts/charge-example-answers.py [BUNDLE_DIR]   (prints one `name value` per line)
Python 3 standard library only.
"""
import json
import math
import re
import sys
from datetime import datetime, timezone

BUNDLE = sys.argv[1] if len(sys.argv) > 1 else "incidents/2026-04-16-charge-errors"
OBJECTIVE = 0.999          # slo.objective in incident.yaml
SLO_WINDOW = 30 * 86400    # slo.window: 30d
BUDGET = 1 - OBJECTIVE
STEP = 60


def ts(text):
    return datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=timezone.utc).timestamp()


def iso(seconds):
    return datetime.fromtimestamp(seconds, timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def windows():
    """The baseline, incident and after windows, read from incident.yaml's `windows:` lines."""
    out = {}
    with open(f"{BUNDLE}/incident.yaml", encoding="utf-8") as f:
        for line in f:
            m = re.match(r"\s+(baseline|incident|after):\s*\{start: (\S+), end: (\S+)\}", line)
            if m:
                out[m.group(1)] = (ts(m.group(2)), ts(m.group(3)))
    return out


def matrix(path):
    with open(f"{BUNDLE}/{path}", encoding="utf-8") as f:
        doc = json.load(f)
    return [(s["metric"], [(float(t), float(v)) for t, v in s["values"]]) for s in doc["data"]["result"]]


def ms(seconds):
    return int(round(seconds * 1000))


def extrapolated(samples, t, rng, is_rate):
    """Prometheus 2.42 extrapolatedRate for a counter; None with fewer than two samples."""
    end, start = ms(t), ms(t) - ms(rng)
    w = [(ms(st), v) for st, v in samples if start <= ms(st) <= end]
    if len(w) < 2:
        return None
    result = w[-1][1] - w[0][1]
    prev = w[0][1]
    for _, v in w[1:]:
        if v < prev:
            result += prev
        prev = v
    to_start = (w[0][0] - start) / 1000
    to_end = (end - w[-1][0]) / 1000
    sampled = (w[-1][0] - w[0][0]) / 1000
    avg = sampled / (len(w) - 1)
    threshold = avg * 1.1
    interval = sampled
    if result > 0 and w[0][1] >= 0:
        to_zero = sampled * (w[0][1] / result)
        if to_zero < to_start:
            to_start = to_zero
    interval += to_start if to_start < threshold else avg / 2
    interval += to_end if to_end < threshold else avg / 2
    factor = interval / sampled
    if is_rate:
        factor /= rng
    return result * factor


def summed(series, t, rng, is_rate):
    values = [x for x in (extrapolated(s, t, rng, is_rate) for _, s in series) if x is not None]
    return sum(values) if values else None


def bucket_quantile(q, buckets):
    """Prometheus 2.42 bucketQuantile over (upper bound, cumulative count) pairs."""
    buckets = sorted(buckets)
    if len(buckets) < 2 or buckets[-1][0] != math.inf:
        return math.nan
    counts, running = [], -math.inf
    for _, c in buckets:          # ensureMonotonic
        running = max(running, c)
        counts.append(running)
    total = counts[-1]
    if total == 0:
        return math.nan
    rank = q * total
    b = next(i for i, c in enumerate(counts) if c >= rank)
    if b == len(buckets) - 1:
        return buckets[-2][0]
    if b == 0 and buckets[0][0] <= 0:
        return buckets[0][0]
    lo, hi, count = 0.0, buckets[b][0], counts[b]
    if b > 0:
        lo = buckets[b - 1][0]
        count -= counts[b - 1]
        rank -= counts[b - 1]
    return lo + (hi - lo) * (rank / count)


def main():
    win = windows()
    out = []

    # --- Requests: http_requests_total{handler="/charge"} (the manifest's select), bad = code=~"5..".
    charge = [(m, s) for m, s in matrix("signals/payments-requests.prom.json")
              if m.get("__name__") == "http_requests_total" and m.get("handler") == "/charge"]
    bad = [(m, s) for m, s in charge if re.fullmatch(r"5..", m.get("code", ""))]
    first = min(s[0][0] for _, s in charge)
    last = max(s[-1][0] for _, s in charge)
    times = [k * STEP for k in range(math.ceil(first / STEP), math.floor(last / STEP) + 1)]

    def ratio(t, w):
        total = summed(charge, t, w, True)
        if not total:
            return None
        return (summed(bad, t, w, True) or 0.0) / total

    five = [(t, ratio(t, 300)) for t in times]
    five = [(t, r) for t, r in five if r is not None]
    b0, b1 = win["baseline"]
    i0, i1 = win["incident"]
    baseline_points = sorted(r for t, r in five if b0 <= t <= b1)
    assert baseline_points[len(baseline_points) // 2] <= BUDGET, "the baseline already breaches"
    start = next(t for t, r in five if t >= b0 and r > BUDGET)
    peak_t, peak = None, -1.0
    for t, r in five:
        if i0 <= t <= i1 and r > peak:
            peak_t, peak = t, r
    end = next(t for t, r in five if t > peak_t and r < BUDGET)
    out += [("breach.start", iso(start)), ("breach.end", iso(end)), ("breach.minutes", (end - start) / 60),
            ("error_ratio.peak", peak)]

    page = None
    for t in times:
        long, short = ratio(t, 3600), ratio(t, 300)
        if long is not None and short is not None and long / BUDGET > 14.4 and short / BUDGET > 14.4:
            page = t
            break
    out.append(("alert.page_14_4.first_fired", iso(page)))

    def increase(series, a, b):
        return summed(series, b, b - a, False) or 0.0

    for name, (a, b) in win.items():
        out.append((f"error_ratio.{name}", increase(bad, a, b) / increase(charge, a, b)))
    bad_incident = increase(bad, i0, i1)
    baseline_rate = summed(charge, b1, b1 - b0, True)
    out += [("budget.consumed", bad_incident / (BUDGET * baseline_rate * SLO_WINDOW)),
            ("impact.bad_requests", increase(bad, start, end)), ("impact.total_requests", increase(charge, start, end))]

    # --- Deploys: the CI log's JSON array; candidates finished in [onset - 2 h, onset + 5 min].
    with open(f"{BUNDLE}/signals/deploys.json", encoding="utf-8") as f:
        deploys = json.load(f)
    candidates = sorted((ts(d["deployed_at"]), d["service"], d["version"]) for d in deploys
                        if start - 7200 <= ts(d["deployed_at"]) <= start + 300)
    for at, service, version in candidates:
        out.append((f"candidate.{service}.{version}.lead_before_onset", start - at))

    # --- Traces: OTLP status code 2 or an HTTP 5xx attribute makes a span err.
    def spans(path):
        with open(f"{BUNDLE}/{path}", encoding="utf-8") as f:
            doc = json.load(f)
        result = []
        for rs in doc["resourceSpans"]:
            service = next(a["value"]["stringValue"] for a in rs["resource"]["attributes"] if a["key"] == "service.name")
            for ss in rs["scopeSpans"]:
                for s in ss["spans"]:
                    attrs = {a["key"]: next(iter(a["value"].values())) for a in s.get("attributes", [])}
                    status = int(attrs.get("http.response.status_code", 0))
                    err = s.get("status", {}).get("code") == 2 or 500 <= status <= 599
                    result.append(dict(trace=s["traceId"], id=s["spanId"], parent=s.get("parentSpanId"), name=s["name"],
                                       kind=s["kind"], start=int(s["startTimeUnixNano"]), service=service, attrs=attrs, err=err))
        return result

    base, inc = spans("signals/traces-baseline.otlp.json"), spans("signals/traces-incident.otlp.json")

    def counts(ss):
        c = {}
        for s in ss:
            n, e = c.get(s["name"], (0, 0))
            c[s["name"]] = (n + 1, e + s["err"])
        return c

    bc, ic = counts(base), counts(inc)
    new = sorted(n for n, (_, e) in ic.items() if e > 0 and bc.get(n, (0, 0))[1] == 0)
    out.append(("spans.errors.baseline", sum(s["err"] for s in base)))
    out.append(("spans.errors.incident", sum(s["err"] for s in inc)))
    out.append(("spans.errors.new", " ".join(new)))
    for n in sorted(ic):
        if ic[n][1] or bc.get(n, (0, 0))[1]:
            out.append((f"spans.{n}.errors.incident", ic[n][1]))

    def rising(n):
        spans_, errs = ic.get(n, (0, 0))
        bn, be = bc.get(n, (0, 0))
        return errs > 0 and errs / spans_ > (be / bn if bn else 0)

    by_id = {(s["trace"], s["id"]): s for s in inc}
    children = {}
    for s in inc:
        if s["parent"]:
            children.setdefault((s["trace"], s["parent"]), []).append(s)

    def depth(s):
        d = 0
        while s["parent"] and (s["trace"], s["parent"]) in by_id:
            s = by_id[(s["trace"], s["parent"])]
            d += 1
        return d

    first_failing = {}
    for s in inc:
        if not s["err"] or not rising(s["name"]) or any(c["err"] for c in children.get((s["trace"], s["id"]), [])):
            continue
        key = (depth(s), -s["start"], s["id"])
        cur = first_failing.get(s["trace"])
        if cur is None or key > cur[0]:
            first_failing[s["trace"]] = (key, s)
    per_name = {}
    for _, s in first_failing.values():
        per_name[s["name"]] = per_name.get(s["name"], 0) + 1
    origin_name = max(per_name, key=lambda n: per_name[n])
    origin = next(s for _, s in sorted(first_failing.items()) for s in [s[1]] if s["name"] == origin_name)
    owner = origin["attrs"].get("peer.service") if origin["kind"] in (3, 4) and origin["attrs"].get("peer.service") else origin["service"]
    out += [("spans.errors.origin", origin_name), ("spans.errors.origin.owner", owner),
            ("spans.errors.origin.traces", per_name[origin_name])]

    # --- Response sizes: histogram_quantile(phi, sum by (le) (rate(bucket[window]))) at each window's end.
    sizes = matrix("signals/payments-response-sizes.prom.json")
    medians = {}
    for name, (a, b) in win.items():
        per_le = {}
        for m, s in sizes:
            r = extrapolated(s, b, b - a, True)
            if r is not None:
                le = math.inf if m["le"] == "+Inf" else float(m["le"])
                per_le[le] = per_le.get(le, 0.0) + r
        medians[name] = bucket_quantile(0.5, list(per_le.items()))
        out.append((f"payload.median.{name}", medians[name]))
        out.append((f"payload.p99.{name}", bucket_quantile(0.99, list(per_le.items()))))
    out.append(("payload.median_ratio", medians["incident"] / medians["baseline"]))

    for name, value in out:
        print(name, repr(value) if isinstance(value, float) else value)


if __name__ == "__main__":
    main()
