// Every page: with JavaScript, the header's search box searches (/search/);
// without it, the box leads to the directory, which is complete on its own.
(function () {
  "use strict";
  document.querySelectorAll("form[data-search-url]").forEach(function (form) {
    form.action = form.getAttribute("data-search-url");
  });
})();
