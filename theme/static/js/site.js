// Every page: with JavaScript, the header's search box searches (/search/);
// without it, the box leads to the directory, which is complete on its own.
(function () {
  "use strict";
  var form = document.querySelector("form[data-search-url]");
  if (form) form.action = form.getAttribute("data-search-url");
})();
