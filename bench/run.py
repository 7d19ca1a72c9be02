#!/usr/bin/env python3
"""Side-by-side benchmark: sitegen against Hugo on the same synthetic publication.

    bench/run.py [--articles 1000,10000] [--terms 300] [--runs 3] [--sitegen PATH] [--out DIR]

For each size it generates the site (bench/generate.py), then alternates sitegen and Hugo runs:
cold (output and caches removed) and warm (a second build with nothing changed). Wall and CPU
seconds come from wait4's rusage of each child, peak RSS from ru_maxrss. It also times
cmark-gfm's own CLI on the same article bodies (the floor: parsing and rendering alone) and
prints what glossary linking costs with 5 and with 500 terms (sitegen-bench link-cost).
Needs: hugo, cmark-gfm (Debian packages), a release build of sitegen and sitegen-bench.
"""
import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def run(cmd, cwd, env=None):
    """Runs cmd; returns (wall s, cpu s, peak RSS MiB)."""
    start = time.monotonic()
    # stderr to a file, not a pipe: a child with many diagnostics would fill a pipe and stall.
    with tempfile.TemporaryFile() as errfile:
        proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=errfile)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.monotonic() - start
        errfile.seek(0)
        err = errfile.read().decode(errors="replace")[-4000:]
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"{' '.join(cmd)} failed in {cwd}:\n{err}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def summary(values):
    return statistics.median(values), min(values), max(values)


def fmt(values, unit="s"):
    med, lo, hi = summary(values)
    return f"{med:7.2f} {unit} ({lo:.2f}–{hi:.2f})"


def cmark_floor(content_dir):
    """cmark-gfm over every article body, front matter stripped: parse + render only."""
    bodies = []
    art = os.path.join(content_dir, "articles")
    for name in sorted(os.listdir(art)):
        text = open(os.path.join(art, name), encoding="utf-8").read()
        bodies.append(text.split("---\n", 2)[2] if text.startswith("---\n") else text)
    path = os.path.join(os.path.dirname(content_dir), "bodies.md")
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n\n".join(bodies))
    cmd = ["cmark-gfm", "--smart", "-e", "table", "-e", "strikethrough", "-e", "autolink",
           "-e", "tagfilter", "-e", "tasklist", path]
    results = [run(cmd, os.path.dirname(path)) for _ in range(3)]
    return min(r[1] for r in results)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--articles", default="1000,10000")
    ap.add_argument("--terms", type=int, default=300)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--sitegen", default=os.path.join(ROOT, ".build/release/sitegen"))
    ap.add_argument("--bench", default=os.path.join(ROOT, ".build/release/sitegen-bench"))
    ap.add_argument("--out", default="/tmp/sitegen-bench")
    args = ap.parse_args()
    for tool in ("hugo", "cmark-gfm"):
        if not shutil.which(tool):
            sys.exit(f"{tool} is missing: apt-get install {tool}")
    env = dict(os.environ, SOURCE_DATE_EPOCH="1764374400")
    print(f"machine: {os.cpu_count()} cores; date {time.strftime('%Y-%m-%d')}; "
          f"{subprocess.run(['hugo', 'version'], capture_output=True, text=True).stdout.strip()}")
    rows = []
    for n in [int(x) for x in args.articles.split(",")]:
        site = os.path.join(args.out, f"n{n}")
        shutil.rmtree(site, ignore_errors=True)
        subprocess.run([sys.executable, os.path.join(HERE, "generate.py"), str(n), str(args.terms), site], check=True)
        sg, hg = os.path.join(site, "sitegen"), os.path.join(site, "hugo")
        m = {k: [] for k in ("sg_cold", "sg_cold_cpu", "sg_rss", "sg_warm", "hg_cold", "hg_cold_cpu",
                             "hg_rss", "hg_warm", "ratio")}
        for _ in range(args.runs):
            shutil.rmtree(os.path.join(sg, "Public"), ignore_errors=True)
            w, c, r = run([args.sitegen, "build"], sg, env)
            m["sg_cold"].append(w); m["sg_cold_cpu"].append(c); m["sg_rss"].append(r)
            m["sg_warm"].append(run([args.sitegen, "build"], sg, env)[0])
            for d in ("public", "resources"):
                shutil.rmtree(os.path.join(hg, d), ignore_errors=True)
            w2, c2, r2 = run(["hugo", "--quiet"], hg, env)
            m["hg_cold"].append(w2); m["hg_cold_cpu"].append(c2); m["hg_rss"].append(r2)
            m["hg_warm"].append(run(["hugo", "--quiet"], hg, env)[0])
            m["ratio"].append(w / w2)
        floor = cmark_floor(os.path.join(sg, "Content"))
        pages = sum(len(f) for _, _, f in os.walk(os.path.join(sg, "Public")))
        rows.append((n, m, floor, pages))
        print(f"\n{n} articles, {args.terms} terms ({pages} files written by sitegen)")
        print(f"  sitegen cold wall {fmt(m['sg_cold'])}  cpu {fmt(m['sg_cold_cpu'])}  peak RSS {fmt(m['sg_rss'], 'MiB')}")
        print(f"  hugo    cold wall {fmt(m['hg_cold'])}  cpu {fmt(m['hg_cold_cpu'])}  peak RSS {fmt(m['hg_rss'], 'MiB')}")
        print(f"  sitegen no-change rebuild {fmt(m['sg_warm'])}   hugo second build {fmt(m['hg_warm'])}")
        print(f"  sitegen/hugo wall ratio per run: {', '.join(f'{r:.2f}' for r in m['ratio'])}"
              f" (median {statistics.median(m['ratio']):.2f})")
        print(f"  per article: sitegen {1000 * statistics.median(m['sg_cold_cpu']) / n:.2f} ms CPU,"
              f" hugo {1000 * statistics.median(m['hg_cold_cpu']) / n:.2f} ms CPU,"
              f" cmark-gfm floor {1000 * floor / n:.2f} ms CPU"
              f" (sitegen CPU = {statistics.median(m['sg_cold_cpu']) / floor:.1f} x floor)")
    if len(rows) > 1:
        (n0, m0, _, _), (n1, m1, _, _) = rows[0], rows[-1]
        print(f"\nscaling {n0} → {n1} articles: sitegen x{statistics.median(m1['sg_cold']) / statistics.median(m0['sg_cold']):.2f},"
              f" hugo x{statistics.median(m1['hg_cold']) / statistics.median(m0['hg_cold']):.2f}")
    if os.path.exists(args.bench):
        print()
        print(subprocess.run([args.bench, "link-cost", "20000", "7"], capture_output=True, text=True).stdout)


if __name__ == "__main__":
    main()
