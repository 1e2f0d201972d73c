// /search/: Pagefind's default UI, with the query from ?q= and the directory's filters.
(function () {
  "use strict";
  var root = document.getElementById("search");
  if (!root || !window.PagefindUI) return;
  root.textContent = "";
  var ui = new window.PagefindUI({
    element: "#search",
    bundlePath: root.getAttribute("data-bundle-path"),
    baseUrl: root.getAttribute("data-base-url"),
    showSubResults: false,
    showImages: false,
    autofocus: true,
    openFilters: ["Type", "Status", "Kind"],
  });
  var query = new URLSearchParams(window.location.search).get("q");
  if (query) ui.triggerSearch(query);
})();
