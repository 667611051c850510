"""Benchmark: map generation time, HTML size and time-to-interactive in chromium.

Synthetic seeded partner networks (planted communities, heavy-tailed degrees, ~5 relations
per partner, 5 relation types, 6 sectors, Korean and Latin names) of 1k, 5k and 20k
partners. For each: time of the analyses a map shows (communities, centrality, anchors,
fragility, recommendations; reported separately), to build the map spec (layout, overlap
removal, encoding; for an overview also every drill-down map), to write the HTML,
the HTML size, and in headless chromium (Debian's, all network blocked) the time from
navigation start to the first complete drawing (``window.ecosystemMap.ready``), and
the time of one redraw. 20k partners exceed the overview threshold, so it is measured both
as the default community overview and forced into one map.

Usage::

    nice -n 19 python benchmarks/bench_maps.py [--sizes 1000 5000 20000] [--out results.json]
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ecosystem import Ecosystem  # noqa: E402
from ecosystem.render.maps import map_spec, write_map  # noqa: E402
from ecosystem.map_analyses import run_map_analyses  # noqa: E402

SECTORS = ["company", "startup", "university", "research institute", "government", "investor"]
TYPES = ["joint R&D", "pilot", "licence", "investment", "MoU"]
KOREAN = ["삼성", "현대", "엘지", "네이버", "카카오", "한국", "서울", "대전", "부산", "포항"]


def synthetic(n: int, *, per_partner: int = 5, seed: int = 0) -> Ecosystem:
    """A seeded planted-community network with ``n`` partners, ~``per_partner*n`` relations."""
    rng = np.random.default_rng(seed)
    n_comm = max(2, int(round(n ** 0.5 / 2)))
    sizes = rng.pareto(1.5, n_comm) + 1
    comm = rng.choice(n_comm, size=n, p=sizes / sizes.sum())
    fitness = np.minimum(rng.pareto(1.5, n) + 1, n ** 0.5)
    m = per_partner * n
    src = rng.choice(n, size=m, p=fitness / fitness.sum())
    inside = rng.random(m) < 0.8
    dst = np.empty(m, dtype=np.int64)
    by_comm = [np.flatnonzero(comm == c) for c in range(n_comm)]
    for c in range(n_comm):
        sel = np.flatnonzero(inside & (comm[src] == c))
        members = by_comm[c]
        if len(members) and len(sel):
            f = fitness[members]
            dst[sel] = rng.choice(members, size=len(sel), p=f / f.sum())
    out = np.flatnonzero(~inside)
    dst[out] = rng.choice(n, size=len(out), p=fitness / fitness.sum())
    keep = src != dst
    src, dst = src[keep], dst[keep]
    ids = np.array([f"p{i:05d}" for i in range(n)])
    names = [f"{KOREAN[i % len(KOREAN)]} {i}" if i % 3 == 0 else f"Partner {i}" for i in range(n)]
    rel = pd.DataFrame({"source": ids[src], "target": ids[dst],
                        "type": rng.choice(TYPES, size=len(src)),
                        "weight": rng.integers(1, 6, size=len(src))})
    part = pd.DataFrame({"id": ids, "name": names, "sector": rng.choice(SECTORS, size=n)})
    return Ecosystem(part, rel, name=f"synthetic-{n}")


def browser_times(path: Path, *, timeout_s: float = 180.0) -> dict:
    from playwright.sync_api import sync_playwright

    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    with sync_playwright() as pw, tempfile.TemporaryDirectory() as profile:
        ctx = pw.chromium.launch_persistent_context(
            profile, executable_path=chromium, headless=True,
            viewport={"width": 1280, "height": 900},
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--no-first-run",
                  "--disable-background-timer-throttling", "--disable-renderer-backgrounding",
                  "--disable-backgrounding-occluded-windows"])
        page = ctx.new_page()
        blocked: list[str] = []

        def route(r):
            if r.request.url.startswith("file:"):
                r.continue_()
            else:
                blocked.append(r.request.url)
                r.abort()
        page.route("**/*", route)
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(path.resolve().as_uri(), wait_until="commit", timeout=timeout_s * 1000)
        # poll from outside: the page's Content-Security-Policy forbids eval, which
        # playwright's wait_for_function needs
        deadline = time.monotonic() + timeout_s
        while not page.evaluate("!!(window.ecosystemMap && window.ecosystemMap.ready)"):
            if time.monotonic() > deadline:
                raise TimeoutError(f"{path.name} not ready after {timeout_s} s")
            time.sleep(0.05)
        ready_ms = page.evaluate("window.ecosystemMap.readyMs")
        redraw_ms = page.evaluate("""() => { const t = performance.now();
            for (let i = 0; i < 3; i++) window.ecosystemMap.network.redraw();
            return (performance.now() - t) / 3; }""")
        select_ms = page.evaluate("""() => { const t = performance.now();
            window.ecosystemMap.select(0, false);
            window.ecosystemMap.network.redraw();
            return performance.now() - t; }""")
        heap = page.evaluate("performance.memory ? performance.memory.usedJSHeapSize : null")
        ctx.close()
    return {"ready_s": round(ready_ms / 1000, 2), "redraw_ms": round(redraw_ms),
            "highlight_ms": round(select_ms), "js_heap_mb": round(heap / 2 ** 20) if heap else None,
            "blocked_requests": len(blocked), "page_errors": errors}


def run(sizes: list[int], out: Path | None) -> list[dict]:
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            eco = synthetic(n, seed=0)
            ta = time.perf_counter()
            analysis = run_map_analyses(eco, seed=0)
            analysis_s = round(time.perf_counter() - ta, 2)
            variants = [("default", {})]
            if n > 3000:
                variants.append(("single map", {"max_nodes": None}))
            for label, kw in variants:
                t0 = time.perf_counter()
                spec = map_spec(eco, analysis=analysis, seed=0, **kw)
                t1 = time.perf_counter()
                path = Path(tmp) / f"map_{n}_{label.replace(' ', '_')}.html"
                write_map(spec, path)
                t2 = time.perf_counter()
                files = [path] + sorted(Path(tmp).glob(f"{path.stem}_community_*.html"))
                row = {"partners": eco.n_partners, "relations": eco.n_relations,
                       "ties": eco.n_ties, "variant": label, "kind": spec["kind"],
                       "map_nodes": len(spec["nodes"]), "map_edges": len(spec["edges"]),
                       "analysis_s": analysis_s, "spec_s": round(t1 - t0, 2), "write_s": round(t2 - t1, 2),
                       "html_mb": round(path.stat().st_size / 2 ** 20, 2),
                       "files": len(files),
                       "all_files_mb": round(sum(f.stat().st_size for f in files) / 2 ** 20, 1)}
                row.update(browser_times(path))
                if spec["kind"] == "overview" and spec.get("drilldowns"):
                    biggest = max(spec["drilldowns"], key=lambda d: len(d["spec"]["nodes"]))
                    sub = path.with_name(f"{path.stem}_community_{biggest['key']}.html")
                    row["largest_drilldown_nodes"] = len(biggest["spec"]["nodes"])
                    row["largest_drilldown_ready_s"] = browser_times(sub)["ready_s"]
                print(json.dumps(row, ensure_ascii=False), flush=True)
                rows.append(row)
    result = {"machine": {"cpus": os.cpu_count(), "platform": platform.platform(),
                          "python": platform.python_version()},
              "rows": rows}
    if out:
        out.write_text(json.dumps(result, indent=2, ensure_ascii=False), encoding="utf-8")
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000, 20000])
    ap.add_argument("--out", type=Path, default=None)
    args = ap.parse_args()
    run(args.sizes, args.out)


if __name__ == "__main__":
    main()
