// Directory filter: narrows /pairs/ by kind, status, pillar, country and US state,
// and sorts it. The page is complete without this script; it only adds the form.
(function () {
  "use strict";
  var form = document.getElementById("pair-filter");
  if (!form) return;
  var status = form.querySelector(".filter-status");
  var selects = Array.prototype.slice.call(form.querySelectorAll("select[data-attribute]"));
  var sort = form.querySelector("#filter-sort");
  var groups = Array.prototype.slice.call(document.querySelectorAll("[data-group]"));
  var total = document.querySelectorAll("[data-group] .pair-card").length;

  function matches(card) {
    return selects.every(function (select) {
      if (!select.value) return true;
      var values = (card.getAttribute("data-" + select.getAttribute("data-attribute")) || "").split(" ");
      return values.indexOf(select.value) !== -1;
    });
  }

  function order(list) {
    var cards = Array.prototype.slice.call(list.children);
    cards.sort(function (a, b) {
      if (sort.value === "since") {
        var diff = (Number(b.dataset.since) || 0) - (Number(a.dataset.since) || 0);
        if (diff) return diff;
      }
      return a.dataset.name < b.dataset.name ? -1 : a.dataset.name > b.dataset.name ? 1 : 0;
    });
    cards.forEach(function (card) { list.appendChild(card); });
  }

  function update() {
    var shown = 0;
    var params = new URLSearchParams();
    groups.forEach(function (group) {
      var visible = 0;
      group.querySelectorAll(".pair-card").forEach(function (card) {
        var keep = matches(card);
        card.hidden = !keep;
        if (keep) visible += 1;
      });
      group.querySelectorAll(".pair-list").forEach(order);
      group.hidden = visible === 0;
      shown += visible;
    });
    selects.concat([sort]).forEach(function (select) {
      if (select.value && !(select === sort && select.value === "name")) params.set(select.name, select.value);
    });
    status.textContent = "Showing " + shown + " of " + total + " partnerships.";
    var query = params.toString();
    history.replaceState(null, "", query ? "?" + query : location.pathname);
  }

  var initial = new URLSearchParams(location.search);
  selects.concat([sort]).forEach(function (select) {
    var wanted = initial.get(select.name);
    if (wanted && select.querySelector('option[value="' + CSS.escape(wanted) + '"]')) select.value = wanted;
    select.addEventListener("change", update);
  });
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  form.hidden = false;
  update();
})();
