/**
 * The site's stylesheet and script, served as files beside the pages (`assets/`), so the pages can
 * carry a Content Security Policy that allows no inline script or style at all: even a value that got
 * past escaping could not run.
 *
 * The script only filters rows the server already rendered: the table is complete without it. Each
 * row's lowercase text is computed once at load; a keystroke compares strings (a few ms for 15,000
 * rows) and puts the matching rows in the table body. The browser's cost is in styling and laying out
 * rows, not in the comparisons: toggling `hidden` on 15,000 rows took Chromium about 0.8 s to hide all
 * but a few and seconds to show them again, and even 200 hidden rows changing cost 60 ms, since
 * the hidden rows stay in the table. So the rows that do not match are taken out of the body, at most
 * `data-page` matches are shown at once, and a button shows all matches on request
 * (`test/site/browser.test.ts` times each keystroke, under 100 ms).
 */

export const SITE_CSS = `:root{color-scheme:light;--fg:#1b1b1b;--muted:#4a4a4a;--bg:#fff;--line:#c8c8c8;--accent:#0b4f9c;--band:#f2f5f9;--warn:#8a1c1c}
*{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);background:var(--bg)}
a{color:var(--accent)}
:focus-visible{outline:3px solid #d35400;outline-offset:2px}
.skip{position:absolute;left:-10000px;top:0;background:var(--bg);padding:.5rem 1rem}
.skip:focus{left:1rem;z-index:1}
header,main,footer{max-width:72rem;margin:0 auto;padding:1rem}
header{border-bottom:1px solid var(--line)}
header nav{float:right}
h1{font-size:1.6rem;margin:.25rem 0}
h2{font-size:1.25rem;margin:1.5rem 0 .5rem}
.filters{display:flex;flex-wrap:wrap;gap:.75rem 1.25rem;align-items:end;background:var(--band);padding:.75rem;border-radius:4px}
.filters[hidden]{display:none}
.filters label{display:flex;flex-direction:column;font-weight:600;gap:.25rem}
input,select,button{font:inherit;color:var(--fg);background:var(--bg);border:1px solid #6b6b6b;border-radius:3px;padding:.35rem .5rem;min-height:2.25rem}
button{background:var(--accent);color:#fff;border-color:var(--accent);font-weight:600;cursor:pointer}
.count{margin:.5rem 0;color:var(--muted)}
.more{margin:.5rem 0}
.more[hidden]{display:none}
.table-wrap{overflow-x:auto;border:1px solid var(--line)}
table{border-collapse:collapse;width:100%;min-width:44rem;table-layout:fixed}
#registry th:nth-child(1){width:24%}#registry th:nth-child(2){width:28%}#registry th:nth-child(3){width:14%}#registry th:nth-child(4){width:20%}#registry th:nth-child(5){width:14%}
caption{text-align:left;padding:.5rem;font-weight:600}
th,td{text-align:left;vertical-align:top;padding:.4rem .5rem;border-top:1px solid var(--line);overflow-wrap:anywhere}
thead th{background:var(--band)}
.sub{font-family:ui-monospace,SFMono-Regular,Menlo,monospace;overflow-wrap:anywhere}
.note{color:var(--muted);font-size:.9em}
.over{color:var(--warn);font-weight:600}
.apply{background:var(--band);padding:.75rem;border-radius:4px}
.apply form{display:flex;flex-wrap:wrap;gap:.75rem 1.25rem;align-items:end}
.apply label{display:flex;flex-direction:column;font-weight:600;gap:.25rem}
footer{color:var(--muted);border-top:1px solid var(--line);margin-top:2rem}
`;

export const SITE_JS = `"use strict";
(function () {
  var form = document.getElementById("filter");
  var table = document.getElementById("registry");
  var status = document.getElementById("count");
  var more = document.getElementById("show-all");
  if (!form || !table || !status || !more || !table.tBodies[0]) return;
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var texts = rows.map(function (row) { return row.textContent.toLowerCase(); });
  var hosting = rows.map(function (row) { return row.getAttribute("data-hosting"); });
  var kinds = rows.map(function (row) { return row.getAttribute("data-unit"); });
  var query = form.elements.namedItem("q");
  var hostingSelect = form.elements.namedItem("hosting");
  var unitSelect = form.elements.namedItem("unit");
  var page = Number(table.getAttribute("data-page")) || rows.length;
  var limit = page;
  var current = rows;
  function say(name, shown, matched) {
    status.textContent = status.getAttribute(name)
      .replace("{shown}", String(shown)).replace("{matched}", String(matched)).replace("{total}", String(rows.length));
  }
  function same(a, b) {
    if (a.length !== b.length) return false;
    for (var i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
    return true;
  }
  function filter() {
    var terms = query.value.toLowerCase().split(/s+/).filter(Boolean);
    var h = hostingSelect.value;
    var u = unitSelect.value;
    var keep = [];
    var matched = 0;
    for (var i = 0; i < rows.length; i++) {
      var show = (h === "" || hosting[i] === h) && (u === "" || kinds[i] === u);
      for (var t = 0; show && t < terms.length; t++) show = texts[i].indexOf(terms[t]) !== -1;
      if (!show) continue;
      matched++;
      if (keep.length < limit) keep.push(rows[i]);
    }
    if (!same(keep, current)) {
      body.replaceChildren.apply(body, keep);
      current = keep;
    }
    more.hidden = keep.length === matched;
    say(keep.length === matched ? "data-shown" : "data-first", keep.length, matched);
  }
  form.addEventListener("input", function () { limit = page; filter(); });
  form.addEventListener("submit", function (event) { event.preventDefault(); filter(); });
  more.addEventListener("click", function () { limit = rows.length; filter(); });
  form.hidden = false;
  filter();
})();
`;
