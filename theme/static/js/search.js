// /search/: the directory's search, on Pagefind's JavaScript API (pagefind.js of the
// generated bundle). A first search fetches only what it needs -- Pagefind's
// WebAssembly, its metadata and the index chunks of the words typed. The filters'
// data (which grows with every page indexed) is fetched when the reader opens the
// filters, not before: on a directory of tens of thousands of pairs it would
// otherwise double the weight of the first search.
(function () {
  "use strict";
  var root = document.getElementById("search");
  if (!root) return;
  var bundle = root.getAttribute("data-bundle-path");
  var baseUrl = root.getAttribute("data-base-url");
  var order = (root.getAttribute("data-filters") || "").split(",").filter(Boolean);
  var PAGE = 10;

  root.textContent = "";
  var form = element("form", { role: "search", "aria-label": "Directory", "class": "search-form" });
  var label = element("label", { "for": "search-input" }, "Search the directory");
  var input = element("input", { id: "search-input", type: "search", name: "q", autocomplete: "off",
                                 placeholder: "A city, e.g. Nablus" });
  form.append(label, input);
  var filters = element("details", { "class": "search-filters" });
  var summary = element("summary", {}, "Filter the results");
  var groups = element("div", { "class": "search-filter-groups" });
  filters.append(summary, groups);
  var status = element("p", { "class": "search-status", role: "status", "aria-live": "polite" });
  var list = element("ol", { "class": "search-results" });
  var more = element("button", { type: "button", "class": "search-more", hidden: "" }, "More results");
  root.append(form, filters, status, list, more);

  var pagefind = null;
  var chosen = {};      // filter name -> [values]
  var found = [];       // the current results (Pagefind's, data not yet loaded)
  var shown = 0;
  var run = 0;          // the latest search; an older one that ends later is dropped
  var timer = null;

  function element(name, attributes, text) {
    var node = document.createElement(name);
    Object.keys(attributes).forEach(function (key) { node.setAttribute(key, attributes[key]); });
    if (text) node.textContent = text;
    return node;
  }

  function load() {
    if (!pagefind) {
      pagefind = import(bundle + "pagefind.js").then(function (module) {
        return module.options({ baseUrl: baseUrl, excerptLength: 24 }).then(function () { return module; });
      });
    }
    return pagefind;
  }

  function chosenCount() {
    return Object.keys(chosen).reduce(function (n, key) { return n + chosen[key].length; }, 0);
  }

  function search() {
    var term = input.value.trim();
    var mine = ++run;
    var url = new URL(window.location.href);
    if (term) url.searchParams.set("q", term); else url.searchParams.delete("q");
    window.history.replaceState(null, "", url);
    if (!term && !chosenCount()) {
      found = [];
      list.textContent = "";
      list.removeAttribute("aria-busy");
      more.hidden = true;
      status.textContent = "";
      return;
    }
    status.textContent = "Searching…";
    list.setAttribute("aria-busy", "true");  // until this search's results are shown
    // Values of one filter widen the results (any of them), filters narrow them (all of them).
    var filters = {};
    Object.keys(chosen).forEach(function (name) { filters[name] = { any: chosen[name] }; });
    load().then(function (module) {
      return module.search(term || null, { filters: filters });
    }).then(function (response) {
      if (mine !== run) return;
      found = response.results;
      shown = 0;
      // The list keeps the last results until these are ready, then shows them at once.
      return showMore(mine, true).then(function () {
        if (mine !== run) return;
        status.textContent = found.length === 0 ? "No results" + (term ? " for “" + term + "”" : "") + "."
          : found.length + " result" + (found.length === 1 ? "" : "s") + (term ? " for “" + term + "”" : "") + ".";
        if (groups.childElementCount) counts(response.filters);
        list.removeAttribute("aria-busy");
        root.setAttribute("data-searches", String(mine));  // how many searches are shown
      });
    }).catch(function (error) {
      status.textContent = "Search could not load. Browse the directory instead.";
      list.removeAttribute("aria-busy");
      console.error(error);
    });
  }

  // The next results into the list; ``fresh``: instead of what it holds.
  function showMore(mine, fresh) {
    var next = found.slice(shown, shown + PAGE);
    shown += next.length;
    return Promise.all(next.map(function (result) { return result.data(); })).then(function (pages) {
      if (mine !== run) return;
      var items = pages.map(item);
      if (fresh) list.replaceChildren.apply(list, items); else list.append.apply(list, items);
      more.hidden = shown >= found.length;
    });
  }

  function item(page) {
    var li = element("li", { "class": "search-result" });
    var heading = element("h2", { "class": "search-result-title" });
    heading.append(element("a", { href: page.url, "class": "search-result-link" }, page.meta.title || page.url));
    li.append(heading);
    if (page.meta.places) li.append(element("p", { "class": "search-result-places" }, page.meta.places));
    var excerpt = element("p", { "class": "search-result-excerpt" });
    excerpt.append(marked(page.excerpt || ""));
    li.append(excerpt);
    return li;
  }

  // Pagefind's excerpt is escaped text with <mark> around the words found: keep only those.
  function marked(html) {
    var template = document.createElement("template");
    template.innerHTML = html;
    var out = document.createDocumentFragment();
    template.content.childNodes.forEach(function (node) {
      out.append(node.nodeName === "MARK" ? element("mark", {}, node.textContent) : document.createTextNode(node.textContent));
    });
    return out;
  }

  // The filters, fetched the first time the reader opens them.
  filters.addEventListener("toggle", function () {
    if (!filters.open || groups.childElementCount || groups.getAttribute("aria-busy")) return;
    groups.setAttribute("aria-busy", "true");
    groups.textContent = "Loading the filters…";
    load().then(function (module) { return module.filters(); }).then(function (available) {
      groups.textContent = "";
      groups.removeAttribute("aria-busy");
      var names = order.filter(function (name) { return available[name]; })
        .concat(Object.keys(available).filter(function (name) { return order.indexOf(name) < 0; }).sort());
      names.forEach(function (name) { groups.append(group(name, available[name])); });
      if (input.value.trim()) search();  // the counts of the results shown, not of the whole site
    }).catch(function (error) {
      groups.removeAttribute("aria-busy");
      groups.textContent = "The filters could not load. Browse the directory by country or US state instead.";
      console.error(error);
    });
  });

  function group(name, values) {
    var fieldset = element("fieldset", { "class": "search-filter", "data-filter": name });
    fieldset.append(element("legend", {}, name));
    Object.keys(values).sort().forEach(function (value) {
      var id = (name + "-" + value).replace(/[^A-Za-z0-9_-]+/g, "-");
      var box = element("input", { type: "checkbox", id: id, value: value });
      var text = element("label", { "for": id }, value + " ");
      text.append(element("span", { "class": "search-filter-count", "data-value": value }, "(" + values[value] + ")"));
      box.addEventListener("change", function () {
        var picked = chosen[name] || [];
        chosen[name] = box.checked ? picked.concat([value]) : picked.filter(function (v) { return v !== value; });
        if (!chosen[name].length) delete chosen[name];
        search();
      });
      var row = element("p", {});
      row.append(box, text);
      fieldset.append(row);
    });
    return fieldset;
  }

  function counts(filtered) {
    groups.querySelectorAll(".search-filter").forEach(function (fieldset) {
      var values = (filtered || {})[fieldset.getAttribute("data-filter")] || {};
      fieldset.querySelectorAll(".search-filter-count").forEach(function (count) {
        count.textContent = "(" + (values[count.getAttribute("data-value")] || 0) + ")";
      });
    });
  }

  form.addEventListener("submit", function (event) { event.preventDefault(); clearTimeout(timer); search(); });
  input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(search, 200); });
  more.addEventListener("click", function () { showMore(run); });

  var query = new URLSearchParams(window.location.search).get("q");
  if (query) {
    input.value = query;
    search();
  }
  input.focus();
})();
