/* sitegen search: filters the index that search/index.js defines, as the reader types.
   No requests: the index is loaded with the page, so search works offline. */
(function () {
  'use strict';
  var index = window.sitegenSearchIndex;
  var form = document.querySelector('.search-form');
  var input = document.getElementById('search-input');
  var status = document.getElementById('search-status');
  var list = document.getElementById('search-results');
  if (!index || !form || !input || !status || !list) return;
  form.hidden = false;

  function words(text) {
    return text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  }

  // Each field's words once, for prefix matching; weights make a title hit outrank body text.
  function prepare(fields) {
    return fields.map(function (f) { return { weight: f[1], words: words(f[0]) }; });
  }
  var docs = index.articles.map(function (a) {
    return { url: a.url, title: a.title, kind: 'Explainer', note: a.date + ' · ' + a.summary,
      fields: prepare([[a.title, 10], [a.terms.join(' '), 6], [a.headings.join(' '), 5],
        [a.summary, 4], [a.words, 1]]) };
  }).concat(index.terms.map(function (t) {
    return { url: t.url, title: t.name, kind: 'Glossary term', note: t.summary,
      fields: prepare([[t.name, 12], [t.aliases.join(' '), 10], [t.summary, 2]]) };
  }));

  // Every query word must start some word of the document; the last may be half typed.
  function score(doc, query) {
    var total = 0;
    for (var i = 0; i < query.length; i++) {
      var best = 0;
      for (var f = 0; f < doc.fields.length; f++) {
        var field = doc.fields[f];
        for (var w = 0; w < field.words.length; w++) {
          var word = field.words[w];
          if (word === query[i]) { best = Math.max(best, field.weight * 2); break; }
          if (word.indexOf(query[i]) === 0) best = Math.max(best, field.weight);
        }
      }
      if (!best) return 0;
      total += best;
    }
    return total;
  }

  function render(query) {
    list.textContent = '';
    var q = words(query);
    if (!q.length) { status.textContent = ''; return; }
    var hits = docs.map(function (d) { return { doc: d, score: score(d, q) }; })
      .filter(function (h) { return h.score > 0; })
      .sort(function (a, b) { return b.score - a.score || a.doc.title.localeCompare(b.doc.title); })
      .slice(0, 30);
    hits.forEach(function (h) {
      var li = document.createElement('li');
      var a = document.createElement('a');
      a.href = h.doc.url;
      a.textContent = h.doc.title;
      var kind = document.createElement('span');
      kind.className = 'result-kind';
      kind.textContent = h.doc.kind;
      var p = document.createElement('p');
      p.textContent = h.doc.note;
      li.append(a, ' ', kind, p);
      list.appendChild(li);
    });
    status.textContent = hits.length
      ? hits.length + (hits.length === 1 ? ' result' : ' results') + ' for “' + query.trim() + '”'
      : 'Nothing found for “' + query.trim() + '”';
  }

  input.addEventListener('input', function () { render(input.value); });
  form.addEventListener('submit', function (e) {
    e.preventDefault();
    var first = list.querySelector('a');
    if (first) first.focus();
  });

  // Arrow keys move between the input and the result links; Escape returns to the input.
  document.addEventListener('keydown', function (e) {
    var links = Array.prototype.slice.call(list.querySelectorAll('a'));
    var at = links.indexOf(document.activeElement);
    if (e.key === 'ArrowDown' && (document.activeElement === input || at >= 0)) {
      if (links[at + 1]) { links[at + 1].focus(); e.preventDefault(); }
    } else if (e.key === 'ArrowUp' && at >= 0) {
      (at === 0 ? input : links[at - 1]).focus();
      e.preventDefault();
    } else if (e.key === 'Escape' && at >= 0) {
      input.focus();
    }
  });

  var initial = new URLSearchParams(location.search).get('q');
  if (initial) { input.value = initial; render(initial); }
})();
