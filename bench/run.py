#!/usr/bin/env python3
"""Side-by-side benchmark: sitegen against Hugo on the same synthetic publication.

    bench/run.py [--articles 1000,10000] [--terms 300] [--runs 3] [--sitegen PATH] [--bench PATH] [--out DIR]
                 [--no-wait]

For each size it generates the site (bench/generate.py), then alternates sitegen and Hugo runs.
Each run measures, in this order:

- sitegen cold: output, link cache, build state and spare tree removed (`Public` and every
  `.Public.sitegen-*` beside it), then `sitegen build`;
- sitegen no-change rebuild: `sitegen build` again with nothing changed;
- sitegen edits, each one rebuild after one change, on top of the previous one:
  1. edit one article: a sentence (mentioning no glossary term, different in every run) is
     appended to the last paragraph of the article in the middle of the date order;
  2. edit it again: another sentence, the same way (the first rebuild after a cold build may
     pay once for what the next ones reuse; this one shows a writing session's steady state);
  3. edit one term's summary: the `summary:` of the term in the middle of the glossary changes;
  4. add an alias to that term: a phrase of generate.py's vocabulary that the unedited articles
     already contain, in a known number of articles (3 when the search finds one, see
     find_alias_phrase), is appended to its `aliases:`;
  then the edited files get their original bytes back, so every run starts from the same content;
- Hugo cold (`public` and `resources` removed) and Hugo's second build (nothing changed).

"Removed" means moved into a trash folder under --out that is emptied only when the whole run
is over (`Trash`). On this machine kind's ext4 (no journal), an inode freed in the last 60 s
(6 minutes while its inode-table block is dirty, which the next build's own creations make it)
is skipped, one by one, by every file creation that searches past it (`recently_deleted` in
fs/ext4/ialloc.c). Deleting 20,000 files right before a cold build made that build's system time
swing from 1 s to 20 s, for both tools alike; a fresh clone or CI machine never pays it. Moving
outputs aside measures both tools on a file system without recent deletions, and a run that
starts within 6 minutes of an earlier run's deletions (the same --out) waits out the rest first
(--no-wait starts at once).

Wall and CPU seconds come from wait4's rusage of each child, peak RSS from ru_maxrss. For the
edits it reads sitegen's summary line (files written, pages rendered, articles linked) and its
stage times (SITEGEN_TIMINGS=1), and checks the output on disk: after each no-change build every
file of `Public` is stat'ed and hashed, after each edit the files whose inode, mtime or size
changed are "rewritten" and those whose SHA-256 changed have "new bytes" (ideally the same set,
and as many as the summary line's "written"; rendered pages ideally the pages with new bytes).
For the term it counts the article pages that link it (`data-term="<slug>"` in their HTML),
before and after the alias. The printed ratios are the issue's goals: the no-change rebuild
against Hugo's cold build, each edit against sitegen's own cold build (same run), and the
scaling of the cold builds between consecutive sizes (with --articles 1000,10000,40000:
1000 → 10000 and 10000 → 40000).

It also times cmark-gfm's own CLI on the same article bodies (the floor: parsing and rendering
alone) and prints what glossary linking costs with 5 and with 500 terms (sitegen-bench
link-cost). Needs: hugo, cmark-gfm (Debian packages), the release build of sitegen and
sitegen-bench that `make release` makes (statically linked); Python's standard library only.
"""
import argparse
import atexit
import glob
import hashlib
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
from generate import WORDS  # noqa: E402  (the vocabulary the alias phrase is made of)

SUMMARY = re.compile(r"Built (\d+) files into .* \((\d+) written, (\d+) unchanged, (\d+) removed; "
                     r"(\d+) pages? rendered, (\d+) articles? linked\), (\d+) warnings?")
TIMING = re.compile(r"^timing: (.+?) (\d+) ms \(cpu (\d+) ms\b", re.M)


def run_captured(cmd, cwd, env=None):
    """Runs cmd; returns (wall s, cpu s, peak RSS MiB, stdout, stderr)."""
    start = time.monotonic()
    # Output to files, not pipes: a child with many diagnostics would fill a pipe and stall.
    with tempfile.TemporaryFile() as outfile, tempfile.TemporaryFile() as errfile:
        proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=outfile, stderr=errfile)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.monotonic() - start
        outfile.seek(0)
        errfile.seek(0)
        out = outfile.read().decode(errors="replace")
        err = errfile.read().decode(errors="replace")
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"{' '.join(cmd)} failed in {cwd}:\n{out[-2000:]}{err[-4000:]}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, out, err


def run(cmd, cwd, env=None):
    """Runs cmd; returns (wall s, cpu s, peak RSS MiB)."""
    return run_captured(cmd, cwd, env)[:3]


def summary(values):
    return statistics.median(values), min(values), max(values)


def fmt(values, unit="s"):
    med, lo, hi = summary(values)
    return f"{med:7.2f} {unit} ({lo:.2f}–{hi:.2f})"


def count(values):
    """A count that should be the same every run: the value, or its range when it was not."""
    lo, hi = min(values), max(values)
    return f"{lo}" if lo == hi else f"{lo}–{hi}"


def ratios(values):
    return f"{', '.join(f'{r:.3f}' for r in values)} (median {statistics.median(values):.3f})"


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


# MARK: sitegen's output on disk


class Trash:
    """Moves outputs aside instead of deleting them, and deletes them all in `empty()` once no
    build is timed any more: deleting tens of thousands of files slows every file creation of
    the next minutes on ext4 without a journal (see the module's docstring). `empty()` notes
    when it deleted; a run that starts within `QUIET` seconds of that waits out the rest first,
    so that back-to-back runs measure the same file system as a first one."""

    QUIET = 360  # ext4's `recently_deleted` window while the inode-table block is dirty

    def __init__(self, out, wait=True):
        self.folder = os.path.join(out, ".trash")
        self.stamp = os.path.join(out, ".trash-emptied")
        self.count = 0
        if os.path.exists(self.folder):
            # Left by a run that was killed: its deletions would slow this run's first builds.
            self.empty()
        if wait and os.path.exists(self.stamp):
            left = self.QUIET - (time.time() - os.path.getmtime(self.stamp))
            if left > 0:
                print(f"(an earlier run deleted its outputs {self.QUIET - left:.0f} s ago: waiting "
                      f"{left:.0f} s, until the file system no longer skips their inodes; "
                      f"--no-wait skips this)", flush=True)
                time.sleep(left)
        os.makedirs(self.folder)

    def put(self, path):
        if os.path.lexists(path):
            self.count += 1
            os.rename(path, os.path.join(self.folder, f"{self.count}-{os.path.basename(path)}"))

    def empty(self):
        if not os.path.exists(self.folder):
            return
        deleting = bool(os.listdir(self.folder))
        shutil.rmtree(self.folder, ignore_errors=True)
        if deleting:
            with open(self.stamp, "w") as f:
                f.write(f"{time.time():.0f}\n")


def sitegen_cold_clean(sg, trash):
    """Removes the output and everything sitegen keeps beside it: link cache, build state,
    spare tree, lock (`.Public.sitegen-*`). Without this a "cold" build reuses the last run's
    linking."""
    trash.put(os.path.join(sg, "Public"))
    for path in glob.glob(os.path.join(sg, ".Public.sitegen-*")):
        trash.put(path)


def binary_stamp(path):
    """Identifies the sitegen binary, to notice one rebuilt during a run (sitegen's link cache
    holds only for the binary that wrote it)."""
    st = os.stat(path)
    return st.st_ino, st.st_mtime_ns, st.st_size


def build_summary(out, what):
    """(written, pages rendered, articles linked, warnings) from `sitegen build`'s summary line."""
    m = SUMMARY.search(out)
    if not m:
        sys.exit(f"sitegen build after '{what}' printed no 'Built …' summary line "
                 f"(was the edit seen?):\n{out.strip()}")
    return int(m.group(2)), int(m.group(5)), int(m.group(6)), int(m.group(7))


def stages(err):
    """Stage → wall ms from SITEGEN_TIMINGS=1 output (`timing: STAGE N ms (cpu M ms…)` lines), in
    the order printed (a repeated stage adds)."""
    out = {}
    for name, ms, _ in TIMING.findall(err):
        out[name] = out.get(name, 0) + int(ms)
    return out


class OutputTree:
    """Every file of a built site (the manifest aside): stat and SHA-256, and which article
    pages link one term. `update()` after a build says which files the build rewrote and which
    of those got new bytes, reading only the rewritten ones again."""

    def __init__(self, root, slug):
        self.root = root
        self.needle = f'data-term="{slug}"'.encode()
        self.stats = self._stat_all()
        self.sums = {}
        self.linking = set()
        for path in self.stats:
            self._read(path)

    def _stat_all(self):
        out = {}
        for folder, _, files in os.walk(self.root):
            for name in files:
                full = os.path.join(folder, name)
                path = os.path.relpath(full, self.root)
                if path == ".sitegen-manifest":
                    continue
                st = os.stat(full)
                out[path] = (st.st_ino, st.st_mtime_ns, st.st_size)
        return out

    def _read(self, path):
        with open(os.path.join(self.root, path), "rb") as f:
            data = f.read()
        self.sums[path] = hashlib.sha256(data).digest()
        if path.startswith("articles/") and self.needle in data:
            self.linking.add(path)
        else:
            self.linking.discard(path)

    def update(self):
        """(rewritten, new bytes, pages with new bytes) since the last look, as counts."""
        stats = self._stat_all()
        rewritten = [p for p in stats.keys() | self.stats.keys() if stats.get(p) != self.stats.get(p)]
        changed = []
        for path in rewritten:
            old = self.sums.pop(path, None)
            self.linking.discard(path)
            if path in stats:
                self._read(path)
            if self.sums.get(path) != old:
                changed.append(path)
        self.stats = stats
        return len(rewritten), len(changed), sum(p.endswith(".html") for p in changed)


# MARK: the edits


def article_sentence(run_index, edit):
    """A sentence mentioning no glossary term and using no word of generate.py's vocabulary (so
    it cannot complete the alias phrase), different in every run and every edit."""
    return f"Editor's note {run_index + 1}.{edit + 1}: corrected."


def append_sentence(text, sentence):
    """Appends `sentence` to the last paragraph before the footnote definitions."""
    lines = text.split("\n")
    notes = [i for i, line in enumerate(lines) if line.startswith("[^")]
    end = notes[0] if notes else len(lines)
    last = max(i for i in range(end) if lines[i].strip())
    lines[last] = lines[last].rstrip() + " " + sentence
    return "\n".join(lines)


def edit_summary(text, run_index):
    new, n = re.subn(r'^summary: "(.*)"$', lambda m: f'summary: "{m.group(1)} Revised in run {run_index + 1}."',
                     text, count=1, flags=re.M)
    if n != 1:
        sys.exit("no 'summary: \"…\"' line in the term's front matter")
    return new


def add_alias(text, phrase):
    new, n = re.subn(r"^aliases: \[(.*)\]$", lambda m: f'aliases: [{m.group(1)}, "{phrase}"]',
                     text, count=1, flags=re.M)
    if n == 0:  # no aliases yet: a new line before the closing '---'
        head, sep, rest = text[4:].partition("\n---\n")
        new = f'---\n{head}\naliases: ["{phrase}"]{sep}{rest}'
    return new


def searchable(body):
    """An article body as the term matcher sees runs of words: lower case, one space between
    words, ' | ' wherever punctuation, markup or a blank line would stop a phrase from matching."""
    text = re.sub(r"\n\s*\n", " | ", body.lower())
    text = re.sub(r"[^\w\s']+", " | ", text)
    return " " + " ".join(text.split()) + " "


def find_alias_phrase(articles_dir, want=3, most=8, tries=200):
    """A phrase of generate.py's vocabulary that occurs (whole words, any case) in `want`
    articles: (phrase, article file names). Candidates are word runs from the articles' own
    text, in order, so each occurs at least once; when the typical candidate (median of the
    last three) occurs in more than `most` articles the next ones are a word longer, when in
    fewer than `want` a word shorter (3 at least). Deterministic, like the content; after `tries`
    candidates, the one closest to `want`."""
    vocabulary = set(WORDS)
    names = sorted(os.listdir(articles_dir))
    docs = []
    for name in names:
        text = open(os.path.join(articles_dir, name), encoding="utf-8").read()
        docs.append(searchable(text.split("---\n", 2)[2] if text.startswith("---\n") else text))

    def runs():
        """Maximal runs of vocabulary words in the articles' text, first article first."""
        for doc in docs:
            run = []
            for word in doc.split(" ") + ["|"]:
                if word in vocabulary:
                    run.append(word)
                else:
                    if len(run) >= 3:
                        yield run
                    run = []

    length, best, seen, recent = 3, None, set(), []
    for run in runs():
        for start in range(0, len(run) - length + 1, length):
            phrase = " ".join(run[start:start + length])
            if phrase in seen:
                continue
            seen.add(phrase)
            needle = f" {phrase} "
            where = [names[i] for i, doc in enumerate(docs) if needle in doc]
            if best is None or abs(len(where) - want) < abs(len(best[1]) - want):
                best = (phrase, where)
            if len(where) == want or len(seen) >= tries:
                return best
            recent.append(len(where))
            typical = statistics.median(recent[-3:]) if len(recent) >= 3 else want
            if typical > most or (typical < want and length > 3):
                length, recent = length + (1 if typical > most else -1), []
                break
    return best


# MARK: main

EDITS = ("article", "article again", "term", "alias")


def print_edit(title, e, detail):
    """Lines for one edit: wall and CPU, ratio to the same run's cold build, then `detail` (the
    counts), what changed on disk, and the stage times."""
    print(f"  sitegen {title}: wall {fmt(e['wall'])}  cpu {fmt(e['cpu'])}")
    print(f"    / own cold wall per run: {ratios(e['ratio'])}")
    print(f"    {detail}")
    same = e["rewritten"] == e["changed"]
    warnings = f"; {count(e['warnings'])} warnings" if max(e["warnings"]) else ""
    print(f"    files written {count(e['written'])} (on disk {count(e['rewritten'])} rewritten,"
          f" {count(e['changed'])} with new bytes, {count(e['changed_pages'])} of them pages;"
          f" rewritten only where bytes changed: {'yes' if same else 'no'}){warnings}")
    order = list(e["stages"][0])
    medians = [statistics.median(s.get(name, 0) for s in e["stages"]) for name in order]
    # Stage times from timers that nest (one timer's lap spanning another's stages) add up to
    # more than the build took: say so rather than let the reader add them.
    total, wall = sum(medians), 1000 * statistics.median(e["wall"])
    overlap = (f" (these add up to {total:.0f} ms against {wall:.0f} ms of wall: some stage"
               f" includes others)") if total > 1.1 * wall else ""
    print("    stages, median ms: " + ", ".join(f"{name} {ms:.0f}" for name, ms in zip(order, medians))
          + overlap)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--articles", default="1000,10000")
    ap.add_argument("--terms", type=int, default=300)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--sitegen", default=os.path.join(ROOT, ".build/release/sitegen"))
    ap.add_argument("--bench", default=os.path.join(ROOT, ".build/release/sitegen-bench"))
    ap.add_argument("--out", default="/tmp/sitegen-bench")
    ap.add_argument("--no-wait", action="store_true",
                    help="start at once even if an earlier run deleted its outputs minutes ago")
    args = ap.parse_args()
    for tool in ("hugo", "cmark-gfm"):
        if not shutil.which(tool):
            sys.exit(f"{tool} is missing: apt-get install {tool}")
    env = dict(os.environ, SOURCE_DATE_EPOCH="1764374400")
    env.pop("SITEGEN_TIMINGS", None)
    timed_env = dict(env, SITEGEN_TIMINGS="1")
    print(f"machine: {os.cpu_count()} cores; date {time.strftime('%Y-%m-%d')}; "
          f"{subprocess.run(['hugo', 'version'], capture_output=True, text=True).stdout.strip()}")
    rows = []
    trash = Trash(args.out, wait=not args.no_wait)
    atexit.register(trash.empty)  # after the last timed build, however the run ends
    for n in [int(x) for x in args.articles.split(",")]:
        site = os.path.join(args.out, f"n{n}")
        trash.put(site)
        subprocess.run([sys.executable, os.path.join(HERE, "generate.py"), str(n), str(args.terms), site], check=True)
        sg, hg = os.path.join(site, "sitegen"), os.path.join(site, "hugo")
        content = os.path.join(sg, "Content")
        public = os.path.join(sg, "Public")

        # What the edits change: the article in the middle of the date order (generate.py dates
        # a00000 oldest), the term in the middle of the glossary, and a phrase for its alias.
        article = os.path.join(content, "articles", f"a{n // 2:05d}.md")
        slug = f"t{args.terms // 2:04d}"
        term = os.path.join(content, "glossary", f"{slug}.md")
        phrase, alias_articles = find_alias_phrase(os.path.join(content, "articles"))
        alias_pages = {f"articles/{name[:-3]}/index.html" for name in alias_articles}
        originals = {path: open(path, encoding="utf-8").read() for path in (article, term)}

        m = {k: [] for k in ("sg_cold", "sg_cold_cpu", "sg_rss", "sg_warm", "hg_cold", "hg_cold_cpu",
                             "hg_rss", "hg_warm", "ratio", "warm_ratio")}
        # Per edit and run: wall, cpu, ratio to the run's cold wall, the summary line's counts,
        # files rewritten on disk, files and pages with new bytes, stage ms.
        edits = {e: {k: [] for k in ("wall", "cpu", "ratio", "written", "rendered", "linked", "warnings",
                                     "rewritten", "changed", "changed_pages", "stages")}
                 for e in EDITS}
        term_links, home_shows, alias_links, alias_new = [], [], [], []
        for r in range(args.runs):
            binary = binary_stamp(args.sitegen)
            sitegen_cold_clean(sg, trash)
            w, c, rss = run([args.sitegen, "build"], sg, env)
            m["sg_cold"].append(w); m["sg_cold_cpu"].append(c); m["sg_rss"].append(rss)
            m["sg_warm"].append(run([args.sitegen, "build"], sg, env)[0])

            tree = OutputTree(public, slug)
            with open(os.path.join(public, "index.html"), encoding="utf-8") as f:
                home_shows.append(f'/glossary/{slug}/"' in f.read())
            linking_before = set(tree.linking)
            try:
                for edit in EDITS:
                    path = article if edit.startswith("article") else term
                    current = open(path, encoding="utf-8").read()
                    if edit.startswith("article"):
                        new = append_sentence(current, article_sentence(r, EDITS.index(edit)))
                    elif edit == "term":
                        new = edit_summary(current, r)
                    else:
                        new = add_alias(current, phrase)
                    with open(path, "w", encoding="utf-8") as f:
                        f.write(new)
                    ew, ec, _, out, err = run_captured([args.sitegen, "build"], sg, timed_env)
                    written, rendered, linked, warnings = build_summary(out, edit)
                    rewritten, changed, changed_pages = tree.update()
                    e = edits[edit]
                    e["wall"].append(ew); e["cpu"].append(ec); e["ratio"].append(ew / w)
                    e["written"].append(written); e["rendered"].append(rendered)
                    e["linked"].append(linked); e["warnings"].append(warnings)
                    e["rewritten"].append(rewritten); e["changed"].append(changed)
                    e["changed_pages"].append(changed_pages); e["stages"].append(stages(err))
                    if edit == "term":
                        term_links.append(len(tree.linking))
                    if edit == "alias":
                        alias_links.append(len(tree.linking))
                        alias_new.append(len(alias_pages - linking_before))
            finally:
                # The same content for the next run, and for cmark-gfm's floor below.
                for path, text in originals.items():
                    with open(path, "w", encoding="utf-8") as f:
                        f.write(text)

            if binary_stamp(args.sitegen) != binary:
                print(f"  (run {r + 1}: {args.sitegen} was replaced during the run; its numbers mix two builds)")
            for d in ("public", "resources"):
                trash.put(os.path.join(hg, d))
            w2, c2, r2 = run(["hugo", "--quiet"], hg, env)
            m["hg_cold"].append(w2); m["hg_cold_cpu"].append(c2); m["hg_rss"].append(r2)
            m["hg_warm"].append(run(["hugo", "--quiet"], hg, env)[0])
            m["ratio"].append(w / w2)
            m["warm_ratio"].append(m["sg_warm"][-1] / w2)
        floor = cmark_floor(content)
        pages = sum(len(f) for _, _, f in os.walk(public))
        rows.append((n, m, floor, pages))
        print(f"\n{n} articles, {args.terms} terms ({pages} files written by sitegen)")
        print(f"  sitegen cold wall {fmt(m['sg_cold'])}  cpu {fmt(m['sg_cold_cpu'])}  peak RSS {fmt(m['sg_rss'], 'MiB')}")
        print(f"  hugo    cold wall {fmt(m['hg_cold'])}  cpu {fmt(m['hg_cold_cpu'])}  peak RSS {fmt(m['hg_rss'], 'MiB')}")
        print(f"  sitegen no-change rebuild {fmt(m['sg_warm'])}   hugo second build {fmt(m['hg_warm'])}")
        print(f"  sitegen/hugo wall ratio per run: {', '.join(f'{r:.2f}' for r in m['ratio'])}"
              f" (median {statistics.median(m['ratio']):.2f})")
        print(f"  sitegen no-change rebuild / hugo cold wall per run: {ratios(m['warm_ratio'])}")
        print(f"  per article: sitegen {1000 * statistics.median(m['sg_cold_cpu']) / n:.2f} ms CPU,"
              f" hugo {1000 * statistics.median(m['hg_cold_cpu']) / n:.2f} ms CPU,"
              f" cmark-gfm floor {1000 * floor / n:.2f} ms CPU"
              f" (sitegen CPU = {statistics.median(m['sg_cold_cpu']) / floor:.1f} x floor)")

        for edit, title in (("article", f"edit one article ({os.path.basename(article)})"),
                            ("article again", "edit it again (the second rebuild since the cold build)")):
            e = edits[edit]
            print_edit(title, e, f"pages rendered {count(e['rendered'])}, articles linked {count(e['linked'])}")

        # A term's summary shows on the pages of the articles that link it (their key-term
        # pop-ups and endnotes), on its own page, on the glossary index (every term with its
        # summary), on the home page only if the term is among its popular terms (which show
        # names only: rendered, but its bytes stay), and on term pages that list it as related
        # or link it from their definitions (generate.py writes none). Files besides pages: the
        # search index, and the feed when one of its articles links the term.
        e = edits["term"]
        links = term_links[0]
        home = all(home_shows)
        print_edit(f"edit one term's summary ({slug})", e,
                   f"pages rendered {count(e['rendered'])} (articles that link the term: {count(term_links)};"
                   f" expected {links} + term page + glossary index{' + home' if home else ''}"
                   f" = {links + 2 + int(home)}), articles linked {count(e['linked'])}")

        # The alias's articles now link the term (those that did not already), so their pages
        # change, the term page lists them, and articles that share terms with them may get
        # other related articles; the home page changes if the popular terms do.
        e = edits["alias"]
        print_edit(f"add an alias to a term ({slug}, \"{phrase}\", found in {len(alias_articles)} articles)", e,
                   f"articles linked {count(e['linked'])}, pages rendered {count(e['rendered'])};"
                   f" article pages that link the term {count(term_links)} → {count(alias_links)}"
                   f" (expected {links} + the {count(alias_new)} of those articles that did not link it)")
    for (n0, m0, _, _), (n1, m1, _, _) in zip(rows, rows[1:]):
        print(f"\nscaling {n0} → {n1} articles: sitegen x{statistics.median(m1['sg_cold']) / statistics.median(m0['sg_cold']):.2f},"
              f" hugo x{statistics.median(m1['hg_cold']) / statistics.median(m0['hg_cold']):.2f}")
    if os.path.exists(args.bench):
        print()
        print(subprocess.run([args.bench, "link-cost", "20000", "7"], capture_output=True, text=True).stdout)


if __name__ == "__main__":
    main()
