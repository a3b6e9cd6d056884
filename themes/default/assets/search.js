// Signpost default theme: the search page. Plain JavaScript, no framework, no eval.
//
// It loads search.json (its format is described in the generator's SearchIndex.swift), matches
// every word of the query as a word or the start of one, in titles, summaries, terms and body
// text, ranks pages whose title matches first, and filters by the facet taxonomies. The query
// and filters live in the address (?q=supervision&region=vic), so a search can be bookmarked,
// shared and restored. Results are built from text nodes only: nothing from the index is ever
// parsed as HTML.
(function () {
  "use strict";

  var form = document.querySelector("form[data-search-index]");
  if (!form || !window.fetch || !window.URLSearchParams || !String.prototype.normalize) { return; }

  var MARKS, WORD;
  try {
    MARKS = new RegExp("\\p{M}", "gu");
    WORD = new RegExp("[\\p{L}\\p{N}]+", "gu");
  } catch (error) {
    return; // A browser this old keeps the browse links.
  }

  // The same words the generator leaves out of the index (SearchText.stopWords).
  var STOP_WORDS = Object.create(null);
  ("a an and are as at be but by for from if in into is it its of on or so than that the their " +
   "then there these they this to was were will with").split(" ").forEach(function (word) {
    STOP_WORDS[word] = true;
  });

  var PAGE_SIZE = 20;
  var TYPING_DELAY_MS = 200;

  var input = form.querySelector("input[name=q]");
  var facetsBox = form.querySelector("[data-search-facets]");
  var status = document.getElementById("search-status");
  var list = document.querySelector("[data-search-results]");
  var more = document.querySelector("[data-search-more]");
  var fallback = document.querySelector("[data-search-fallback]");

  var index = null;
  var facets = [];         // [{name, title, terms: [{key, label, box, count}]}]
  var labels = Object.create(null);  // taxonomy name -> key -> label (no inherited names: "constructor" is a word)
  var docWords = [];       // per doc: {title: [...], other: [...]}
  var words = [];          // the index's body words, sorted
  var postings = [];       // their posting strings, decoded on first use
  var decoded = {};
  var shown = PAGE_SIZE;
  var current = [];
  var timer = null;

  // --- text ---------------------------------------------------------------------------------

  var NOT_ASCII = /[^\x00-\x7f]/;
  var ASCII_WORD = /[a-z0-9]+/g;

  // Final sigma is folded to sigma, as the generator does: "ΥΓΕΙΑΣ" and "υγειας" are one word.
  function fold(text) {
    text = String(text);
    return NOT_ASCII.test(text)
      ? text.normalize("NFD").replace(MARKS, "").toLowerCase().replace(/\u03c2/g, "\u03c3")
      : text.toLowerCase();
  }

  // The index's words are sorted by code point (the generator sorts UTF-8 bytes); JavaScript's
  // "<" compares UTF-16 units, which disagrees above U+FFFF.
  function before(a, b) {
    var i = 0;
    var j = 0;
    while (i < a.length && j < b.length) {
      var x = a.codePointAt(i);
      var y = b.codePointAt(j);
      if (x !== y) { return x < y; }
      i += x > 0xffff ? 2 : 1;
      j += y > 0xffff ? 2 : 1;
    }
    return i >= a.length && j < b.length;
  }

  // Most text is ASCII, and the ASCII pattern is several times faster than the Unicode one.
  function wordsOf(text) {
    var folded = fold(text);
    return folded.match(NOT_ASCII.test(folded) ? WORD : ASCII_WORD) || [];
  }

  function addWords(text, into) {
    var found = wordsOf(text);
    for (var i = 0; i < found.length; i += 1) { into.push(found[i]); }
  }

  function queryWords(text) {
    var seen = Object.create(null);
    return wordsOf(text).filter(function (word) {
      if (STOP_WORDS[word] || seen[word]) { return false; }
      seen[word] = true;
      return true;
    });
  }

  // --- the index ----------------------------------------------------------------------------

  var END = "0123456789abcdefghijklmnopqrstuv";
  var MORE = "ABCDEFGHIJKLMNOPQRSTUVWXYZwxyz-_";

  function docsWithWord(position) {
    if (decoded[position]) { return decoded[position]; }
    var text = postings[position] || "";
    var result = [];
    var value = 0;
    var previous = -1;
    for (var i = 0; i < text.length; i += 1) {
      var ch = text.charAt(i);
      var digit = END.indexOf(ch);
      if (digit >= 0) {
        previous += value * 32 + digit + 1;
        result.push(previous);
        value = 0;
      } else {
        value = value * 32 + MORE.indexOf(ch);
      }
    }
    decoded[position] = result;
    return result;
  }

  // Marks in `hits` every doc whose body holds a word starting with `prefix`.
  function bodyMatches(prefix, hits) {
    var low = 0;
    var high = words.length;
    while (low < high) {
      var middle = (low + high) >> 1;
      if (before(words[middle], prefix)) { low = middle + 1; } else { high = middle; }
    }
    for (var i = low; i < words.length && words[i].lastIndexOf(prefix, 0) === 0; i += 1) {
      var docs = docsWithWord(i);
      for (var j = 0; j < docs.length; j += 1) { hits[docs[j]] = 1; }
    }
  }

  function startsAny(list, prefix) {
    for (var i = 0; i < list.length; i += 1) {
      if (list[i].lastIndexOf(prefix, 0) === 0) { return true; }
    }
    return false;
  }

  // --- state in the address -----------------------------------------------------------------

  function readAddress() {
    var params = new URLSearchParams(window.location.search);
    input.value = params.get("q") || "";
    facets.forEach(function (facet) {
      var wanted = params.getAll(facet.name);
      facet.terms.forEach(function (term) { term.box.checked = wanted.indexOf(term.key) >= 0; });
    });
  }

  function writeAddress() {
    var params = new URLSearchParams();
    if (input.value.trim()) { params.set("q", input.value.trim()); }
    facets.forEach(function (facet) {
      facet.terms.forEach(function (term) {
        if (term.box.checked) { params.append(facet.name, term.key); }
      });
    });
    var query = params.toString();
    var address = window.location.pathname + (query ? "?" + query : "");
    if (address !== window.location.pathname + window.location.search) {
      window.history.replaceState(null, "", address);
    }
  }

  // --- searching ----------------------------------------------------------------------------

  function selectedKeys(facet) {
    var keys = [];
    facet.terms.forEach(function (term) { if (term.box.checked) { keys.push(term.key); } });
    return keys;
  }

  function hasAny(values, keys) {
    for (var i = 0; i < keys.length; i += 1) {
      if (values.indexOf(keys[i]) >= 0) { return true; }
    }
    return false;
  }

  function run() {
    var terms = queryWords(input.value);
    var selected = facets.map(selectedKeys);
    var anySelected = selected.some(function (keys) { return keys.length > 0; });
    var docs = index.docs;

    // Which docs match the words, and how well.
    var scores = null;
    var titleHit = null;
    if (terms.length > 0) {
      scores = new Array(docs.length);
      titleHit = new Array(docs.length);
      for (var d = 0; d < docs.length; d += 1) { scores[d] = 0; titleHit[d] = false; }
      terms.forEach(function (term, termIndex) {
        var body = new Uint8Array(docs.length);
        bodyMatches(term, body);
        for (var d = 0; d < docs.length; d += 1) {
          if (scores[d] < 0) { continue; }
          var score = 0;
          if (startsAny(docWords[d].title, term)) {
            score = 10;
            titleHit[d] = true;
          } else if (startsAny(docWords[d].other, term)) {
            score = 3;
          } else if (body[d]) {
            score = 1;
          }
          scores[d] = score === 0 ? -1 : scores[d] + score;
        }
      });
    }

    // Facet filters: terms of one facet widen (or), facets narrow each other (and). A term's count
    // is how many results it would give with the other facets as they are.
    var matchingWords = [];
    for (var i = 0; i < docs.length; i += 1) {
      if (!scores || scores[i] > 0) { matchingWords.push(i); }
    }
    var passes = matchingWords.map(function (doc) {
      return facets.map(function (facet, f) {
        return selected[f].length === 0 || hasAny(docs[doc][facet.name] || [], selected[f]);
      });
    });
    facets.forEach(function (facet, f) {
      facet.terms.forEach(function (term) { term.count = 0; });
      matchingWords.forEach(function (doc, n) {
        for (var g = 0; g < facets.length; g += 1) {
          if (g !== f && !passes[n][g]) { return; }
        }
        var values = docs[doc][facet.name] || [];
        facet.terms.forEach(function (term) {
          if (values.indexOf(term.key) >= 0) { term.count += 1; }
        });
      });
      facet.terms.forEach(function (term) { term.countNode.textContent = String(term.count); });
    });

    if (terms.length === 0 && !anySelected) {
      current = [];
    } else {
      current = matchingWords.filter(function (doc, n) {
        return passes[n].every(function (ok) { return ok; });
      });
      if (scores) {
        current.sort(function (a, b) {
          if (titleHit[a] !== titleHit[b]) { return titleHit[a] ? -1 : 1; }
          return scores[b] - scores[a] || a - b;
        });
      }
    }
    shown = PAGE_SIZE;
    render(terms, selected, input.value.trim());
    writeAddress();
  }

  // --- showing ------------------------------------------------------------------------------

  function element(name, className, text) {
    var node = document.createElement(name);
    if (className) { node.className = className; }
    if (text !== undefined) { node.appendChild(document.createTextNode(text)); }
    return node;
  }

  // Only paths of this site: the index is ours, but nothing from it may become a script link.
  function safePath(url) {
    return typeof url === "string" && url.charAt(0) === "/" && url.charAt(1) !== "/" && url.charAt(1) !== "\\";
  }

  function termLabels(doc, name) {
    return (doc[name] || []).map(function (key) { return (labels[name] && labels[name][key]) || key; });
  }

  function resultItem(doc) {
    var item = element("li", "card search-result");
    var heading = element("h2");
    var link = element("a", null, doc.title);
    if (safePath(doc.url)) { link.setAttribute("href", doc.url); }
    heading.appendChild(link);
    item.appendChild(heading);
    if (doc.summary) { item.appendChild(element("p", null, doc.summary)); }
    var facts = [];
    if (doc.section) { facts.push(doc.section); }
    var regions = termLabels(doc, "region");
    if (regions.length) { facts.push(regions.join(", ")); }
    if (facts.length) { item.appendChild(element("p", "meta", facts.join(" · "))); }
    return item;
  }

  function describeFilters(selected) {
    var parts = [];
    facets.forEach(function (facet, f) {
      if (selected[f].length) {
        parts.push(selected[f].map(function (key) { return labels[facet.name][key] || key; }).join(" or "));
      }
    });
    return parts.length ? " in " + parts.join("; ") : "";
  }

  function render(terms, selected, query) {
    while (list.firstChild) { list.removeChild(list.firstChild); }
    var count = current.length;
    var anySelected = selected.some(function (keys) { return keys.length > 0; });
    var message;
    if (!query && !anySelected) {
      message = "Type a word to search, or choose from the filters.";
    } else if (query && terms.length === 0 && !anySelected) {
      message = "“" + query + "” is too common a word to search for. Try a more specific word.";
    } else {
      message = (count === 0 ? "No pages" : count === 1 ? "1 page" : count + " pages") +
        (query && terms.length ? (count === 1 ? " matches" : " match") + " “" + query + "”" : " found") + describeFilters(selected) + ".";
      if (count === 0) { message += " Try fewer words, the start of a word, or fewer filters."; }
    }
    status.textContent = message;
    appendResults(0);
    list.hidden = count === 0;
  }

  function appendResults(from) {
    var to = Math.min(shown, current.length);
    for (var i = from; i < to; i += 1) { list.appendChild(resultItem(index.docs[current[i]])); }
    more.hidden = current.length <= shown;
    if (!more.hidden) {
      more.querySelector("button").textContent =
        "Show more results (" + (current.length - shown) + " more)";
    }
  }

  function showMore() {
    var from = shown;
    shown += PAGE_SIZE;
    appendResults(from);
    // Move focus to the first new result, so keyboard and screen-reader users carry on from there.
    var first = list.children[from] && list.children[from].querySelector("a");
    if (first) { first.focus(); }
  }

  // The filters sit in a disclosure: open beside the results on a wide screen, closed on a phone
  // (where they would push the results a few screens down) unless a filter is already chosen.
  var filters = null;

  function buildFacets() {
    filters = element("details", "search-filters");
    var names = [];
    filters.appendChild(element("summary"));
    index.taxonomies.forEach(function (taxonomy) {
      labels[taxonomy.name] = Object.create(null);
      taxonomy.terms.forEach(function (pair) { labels[taxonomy.name][pair[0]] = pair[1]; });
      if (!taxonomy.facet || taxonomy.terms.length === 0) { return; }
      var facet = {name: taxonomy.name, title: taxonomy.title, terms: []};
      var fieldset = element("fieldset", "search-facet");
      fieldset.appendChild(element("legend", null, taxonomy.title));
      var options = element("ul");
      taxonomy.terms.forEach(function (pair, n) {
        var id = "facet-" + facets.length + "-" + n;
        var option = element("li");
        var box = element("input");
        box.type = "checkbox";
        box.id = id;
        box.name = taxonomy.name;
        box.value = pair[0];
        var label = element("label", null, pair[1] + " ");
        label.htmlFor = id;
        var countNode = element("span", "count", "0");
        var countText = element("span", "visually-hidden", " pages");
        label.appendChild(countNode);
        label.appendChild(countText);
        option.appendChild(box);
        option.appendChild(label);
        options.appendChild(option);
        facet.terms.push({key: pair[0], label: pair[1], box: box, countNode: countNode, count: 0});
      });
      fieldset.appendChild(options);
      filters.appendChild(fieldset);
      facets.push(facet);
      names.push(taxonomy.title.toLowerCase());
    });
    filters.firstChild.appendChild(document.createTextNode(
      "Filter by " + (names.length > 1 ? names.slice(0, -1).join(", ") + " and " + names[names.length - 1] : names[0])));
    facetsBox.appendChild(filters);
    facetsBox.hidden = facets.length === 0;
  }

  function openFiltersIfUseful() {
    var wide = window.matchMedia && window.matchMedia("(min-width: 56rem)").matches;
    var chosen = facets.some(function (facet) { return selectedKeys(facet).length > 0; });
    if (filters && (wide || chosen)) { filters.open = true; }
  }

  function start(data) {
    if (!data || !Array.isArray(data.docs) || typeof data.words !== "string") {
      throw new Error("search.json is not in the expected format");
    }
    index = data;
    words = data.words ? data.words.split(" ") : [];
    postings = data.postings ? data.postings.split(" ") : [];
    buildFacets();
    docWords = data.docs.map(function (doc) {
      var other = wordsOf(doc.summary || "");
      for (var t = 0; t < index.taxonomies.length; t += 1) {
        var name = index.taxonomies[t].name;
        var keys = doc[name] || [];
        for (var k = 0; k < keys.length; k += 1) {
          addWords(keys[k], other);
          addWords((labels[name] && labels[name][keys[k]]) || "", other);
        }
      }
      return {title: wordsOf(doc.title || ""), other: other};
    });

    readAddress();
    openFiltersIfUseful();
    if (fallback) { fallback.hidden = true; }

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      window.clearTimeout(timer);
      run();
    });
    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(run, TYPING_DELAY_MS);
    });
    facetsBox.addEventListener("change", function () {
      window.clearTimeout(timer);
      run();
    });
    more.querySelector("button").addEventListener("click", showMore);
    window.addEventListener("popstate", function () {
      readAddress();
      run();
    });

    run();
    if (window.performance && window.performance.mark) { window.performance.mark("signpost-search-ready"); }
  }

  status.textContent = "Loading search…";
  window.fetch(form.getAttribute("data-search-index"), {credentials: "same-origin"})
    .then(function (response) {
      if (!response.ok) { throw new Error("HTTP " + response.status); }
      return response.json();
    })
    .then(start)
    .catch(function () {
      status.textContent = "Search could not be loaded. The lists below lead to every page.";
      if (fallback) { fallback.hidden = false; }
    });
}());
