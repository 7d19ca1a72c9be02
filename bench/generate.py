#!/usr/bin/env python3
"""Writes one deterministic synthetic publication twice: as a sitegen site and as a Hugo site.

    bench/generate.py ARTICLES TERMS OUTDIR

OUTDIR/sitegen/Content/{site.yml,articles,glossary} and OUTDIR/hugo/{hugo.toml,content,layouts}.
Articles are about 1,200 words: front matter, headings, lists, a table, a footnote, links to other
articles, and mentions of glossary terms and their aliases. The Hugo templates render the same
kinds of pages (article, home list, tag pages, term pages) without glossary linking, which Hugo
does not have.
"""
import datetime
import os
import random
import sys

WORDS = ("the talks on ending war have turned to what each side means by a promise and whether "
         "parliaments would ratify it while negotiators in several capitals weigh territory troops "
         "sanctions and the order of steps that could make any settlement last beyond one "
         "administration or one election cycle in Europe and across the Atlantic").split()
TAGS = ["ukraine", "russia", "nato", "diplomacy", "security", "history", "europe", "sanctions"]


def term_names(i):
    return f"concept{i} guarantee", f"concept{i} guarantees"


def paragraph(rng, terms, words=60):
    out = []
    for k in range(words):
        if terms and k % 15 == 7:
            name, alias = term_names(rng.randrange(terms))
            out.append(alias if rng.random() < 0.4 else name)
        else:
            out.append(rng.choice(WORDS))
    text = " ".join(out)
    return text[0].upper() + text[1:] + "."


def body(rng, i, n, terms):
    parts = []
    for section in range(5):
        parts.append(f"## Section {section} of article {i}\n")
        for _ in range(3):
            parts.append(paragraph(rng, terms) + "\n")
        if section == 1:
            parts.append("- " + paragraph(rng, terms, 12) + "\n- " + paragraph(rng, terms, 12)
                         + "\n- " + paragraph(rng, terms, 12) + "\n")
        if section == 2:
            parts.append("| Side | Position | Note |\n|---|---|---|\n"
                         + "".join(f"| {rng.choice(WORDS)} | {rng.choice(WORDS)} {rng.choice(WORDS)} | {k} |\n"
                                   for k in range(4)))
        if section == 3:
            other = rng.randrange(n)
            parts.append(f"See [a related explainer](a{other:05d}.md) for more.[^1]\n")
    parts.append("[^1]: A footnote with a source note.\n")
    return "\n".join(parts)


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def main():
    n, terms, out = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
    rng = random.Random(20251129)
    sg, hg = os.path.join(out, "sitegen"), os.path.join(out, "hugo")
    write(f"{sg}/Content/site.yml", 'title: "Bench"\nbase_url: "https://bench.example/"\n')
    write(f"{hg}/hugo.toml", 'baseURL = "https://bench.example/"\ntitle = "Bench"\n'
          'disableKinds = ["RSS"]\n[taxonomies]\ntag = "tags"\n'
          '[markup.goldmark.extensions]\nfootnote = true\ntable = true\nstrikethrough = true\n'
          'linkify = true\ntaskList = true\ntypographer = true\n')
    for t in range(terms):
        name, alias = term_names(t)
        fm = f'---\nterm: "{name}"\nsummary: "Summary of {name}."\naliases: ["{alias}"]\n---\n'
        definition = f"The definition of {name}, in a few words.\n"
        write(f"{sg}/Content/glossary/t{t:04d}.md", fm + definition)
        write(f"{hg}/content/glossary/t{t:04d}.md", f'---\ntitle: "{name}"\nsummary: "Summary of {name}."\n---\n' + definition)
    for i in range(n):
        # Spread over 2000-01-01 to mid-2024 whatever N is: nothing is future-dated.
        date = datetime.date(2000, 1, 1) + datetime.timedelta(days=(i * 8900) // n)
        tags = sorted(set(rng.sample(TAGS, 2)))
        fm = (f'---\ntitle: "Article {i}"\nsummary: "Summary of article {i}."\n'
              f'date: {date.isoformat()}\ntags: [{", ".join(tags)}]\n---\n')
        text = body(rng, i, n, terms)
        write(f"{sg}/Content/articles/a{i:05d}.md", fm + text)
        write(f"{hg}/content/articles/a{i:05d}.md", fm + text)
    layouts = {
        "_default/baseof.html": '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{{ .Title }}</title>'
                                '<link rel="stylesheet" href="/assets/site.css"></head><body><header><a href="/">Bench</a></header>'
                                '<main>{{ block "main" . }}{{ end }}</main></body></html>',
        "_default/single.html": '{{ define "main" }}<article><h1>{{ .Title }}</h1><p>{{ .Summary }}</p>'
                                '<time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "2 January 2006" }}</time>'
                                '{{ .TableOfContents }}{{ .Content }}'
                                '<ul>{{ range .Params.tags }}<li><a href="/tags/{{ . | urlize }}/">{{ . }}</a></li>{{ end }}</ul>'
                                '{{ with .PrevInSection }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}'
                                '{{ with .NextInSection }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}</article>{{ end }}',
        "_default/list.html": '{{ define "main" }}<h1>{{ .Title }}</h1><ol>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a>'
                              ' <time>{{ .Date.Format "2 January 2006" }}</time><p>{{ .Summary }}</p></li>{{ end }}</ol>{{ end }}',
        "index.html": '{{ define "main" }}<ol>{{ range (where .Site.RegularPages "Section" "articles").ByDate.Reverse }}'
                      '<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> <time>{{ .Date.Format "2 January 2006" }}</time>'
                      '<p>{{ .Params.summary }}</p></li>{{ end }}</ol>{{ end }}',
    }
    for name, text in layouts.items():
        write(f"{hg}/layouts/{name}", text)


if __name__ == "__main__":
    main()
