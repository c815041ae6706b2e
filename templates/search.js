// postmortem site search: reads the index that search-index.js assigned to
// window.postmortemSearch, ranks the incidents for the query in ?q= with BM25 over the
// weighted fields, and lists them with the query's words marked. It builds the results with
// createElement and textContent only, so no title or summary is ever parsed as HTML. The
// tokenizer and stemmer mirror Sources/Site/SearchText.swift rule for rule.
(function () {
  "use strict";

  var STOP = new Set(["an", "and", "are", "as", "at", "be", "been", "but", "by", "for", "from", "had", "has", "have",
    "in", "into", "is", "it", "its", "of", "on", "or", "our", "so", "than", "that", "the", "their", "then", "there",
    "these", "they", "this", "to", "was", "we", "were", "which", "while", "with"]);
  var MAX_WORD = 40;
  var WORD = /[\p{L}\p{M}\p{N}]+/gu;
  var FINAL = "0123456789abcdefghijklmnopqrstuv";
  var LEADING = "ABCDEFGHIJKLMNOPQRSTUVWXYZ()*+-_";

  function ends(w, s) { return w.length >= s.length && w.slice(w.length - s.length).join("") === s; }

  function undouble(w) {
    var n = w.length;
    if (n >= 2 && w[n - 1] === w[n - 2] && /^[b-z]$/.test(w[n - 1]) && "aeiouylsz".indexOf(w[n - 1]) < 0) w.pop();
  }

  // SearchText.stem: plurals, then -ied/-ing/-ed, then a final -e.
  function stem(word) {
    var w = Array.from(word);
    if (w.length <= 3) return word;
    if (ends(w, "ies") && !ends(w, "eies") && !ends(w, "aies")) { w.splice(w.length - 3, 3, "y"); }
    else if (ends(w, "es") && !ends(w, "aes") && !ends(w, "ees") && !ends(w, "oes")) { w.pop(); }
    else if (ends(w, "s") && !ends(w, "us") && !ends(w, "ss") && !ends(w, "is")) { w.pop(); }
    if (ends(w, "ied") && w.length - 3 >= 3) { w.splice(w.length - 3, 3, "y"); }
    else if (ends(w, "ing") && w.length - 3 >= 4) { w.length -= 3; undouble(w); }
    else if (ends(w, "ed") && w.length - 2 >= 4) { w.length -= 2; undouble(w); }
    if (ends(w, "e") && w.length - 1 >= 4) w.pop();
    return w.join("");
  }

  // The words of `text` with where each stands: [{term, start, end}], stop words left out.
  function words(text) {
    var out = [];
    var lower = text.toLowerCase();
    // Lower-casing keeps the length of nearly all text; when it does not, words are found
    // in the text itself (case kept) so that their positions stay right.
    var source = lower.length === text.length ? lower : text;
    var m;
    WORD.lastIndex = 0;
    while ((m = WORD.exec(source)) !== null) {
      var w = m[0].toLowerCase();
      var length = Array.from(w).length;
      if (length < 2 || length > MAX_WORD || STOP.has(w)) continue;
      out.push({ term: stem(w), start: m.index, end: m.index + m[0].length });
    }
    return out;
  }

  function terms(text) { return words(text).map(function (w) { return w.term; }); }

  // The postings string of a term: [[document, weighted frequency], ...].
  function decode(encoded) {
    var numbers = [];
    var value = 0;
    for (var i = 0; i < encoded.length; i++) {
      var c = encoded.charAt(i);
      var d = LEADING.indexOf(c);
      if (d >= 0) { value = value * 32 + d; continue; }
      numbers.push(value * 32 + FINAL.indexOf(c));
      value = 0;
    }
    // 2 x gap + 1 then the frequency, or 2 x gap alone for a frequency of 1.
    var postings = [];
    var doc = 0;
    for (var j = 0; j < numbers.length; j++) {
      doc += Math.floor(numbers[j] / 2);
      postings.push([doc, numbers[j] % 2 ? numbers[++j] : 1]);
    }
    return postings;
  }

  // The documents matching `query`, best first: [{document, score, matched}]. Documents that
  // hold more of the query's terms come first, then higher BM25 scores, then newer incidents.
  function rank(index, query) {
    var wanted = Array.from(new Set(terms(query)));
    var docs = index.documents;
    var total = 0;
    for (var i = 0; i < docs.length; i++) total += docs[i].length;
    var average = docs.length ? total / docs.length : 1;
    var found = new Map();
    wanted.forEach(function (term) {
      if (!Object.prototype.hasOwnProperty.call(index.terms, term)) return;
      var postings = decode(index.terms[term]);
      var idf = Math.log(1 + (docs.length - postings.length + 0.5) / (postings.length + 0.5));
      postings.forEach(function (p) {
        var d = docs[p[0]];
        var tf = p[1];
        var score = idf * tf * (index.k1 + 1) / (tf + index.k1 * (1 - index.b + index.b * d.length / average));
        var hit = found.get(p[0]) || { document: p[0], score: 0, matched: 0 };
        hit.score += score;
        hit.matched += 1;
        found.set(p[0], hit);
      });
    });
    return { terms: wanted, hits: Array.from(found.values()).sort(function (a, b) {
      return b.matched - a.matched || b.score - a.score || a.document - b.document;
    }) };
  }

  // `text` as nodes appended to `parent`, each word whose term is in `marked` inside <mark>.
  function appendMarked(parent, text, marked) {
    var at = 0;
    words(text).forEach(function (w) {
      if (!marked.has(w.term)) return;
      if (w.start > at) parent.appendChild(document.createTextNode(text.slice(at, w.start)));
      var mark = document.createElement("mark");
      mark.textContent = text.slice(w.start, w.end);
      parent.appendChild(mark);
      at = w.end;
    });
    if (at < text.length) parent.appendChild(document.createTextNode(text.slice(at)));
  }

  function element(name, className) {
    var e = document.createElement(name);
    if (className) e.className = className;
    return e;
  }

  function show(index, query) {
    var status = document.getElementById("search-status");
    var list = document.getElementById("search-results");
    var box = document.getElementById("site-search-q");
    if (box) box.defaultValue = query;
    while (list.firstChild) list.removeChild(list.firstChild);
    if (!query.trim()) { status.textContent = "Type words to search the incidents."; return; }
    var ranked = rank(index, query);
    var marked = new Set(ranked.terms);
    if (!ranked.hits.length) {
      status.textContent = "No results for \u201c" + query + "\u201d.";
      return;
    }
    status.textContent = ranked.hits.length + (ranked.hits.length === 1 ? " result" : " results") +
      " for \u201c" + query + "\u201d.";
    ranked.hits.forEach(function (hit) {
      var d = index.documents[hit.document];
      var item = element("li", "search-result");
      var link = element("a", "result-title");
      link.href = d.href;
      appendMarked(link, d.title, marked);
      item.appendChild(link);
      var meta = element("p", "result-meta");
      meta.textContent = d.date + " \u00b7 " + d.service;
      item.appendChild(meta);
      [d.summary, d.excerpt].forEach(function (text) {
        if (!text) return;
        var p = element("p", "result-text");
        appendMarked(p, text, marked);
        item.appendChild(p);
      });
      list.appendChild(item);
    });
  }

  var api = { stem: stem, terms: terms, decode: decode, rank: rank };
  if (typeof module === "object" && module.exports) { module.exports = api; return; }
  var index = window.postmortemSearch;
  if (!index) {
    document.getElementById("search-status").textContent = "The search index (search-index.js) did not load.";
    return;
  }
  show(index, new URLSearchParams(window.location.search).get("q") || "");
})();
