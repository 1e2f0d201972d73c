// /map/: every partnership on a Leaflet map, drawn on the directory's own country
// outlines (no tile server unless MAPS_TILE_URL is set). Places are clustered
// markers whose popups link to their partnerships; pairs are great-circle arcs.
(function () {
  "use strict";
  var element = document.getElementById("map");
  if (!element || !window.L || !L.markerClusterGroup) return;
  var style = getComputedStyle(document.documentElement);
  var colour = function (name) { return style.getPropertyValue(name).trim(); };
  var form = document.getElementById("map-filter");
  var status = form.querySelector(".filter-status");

  element.textContent = "";
  element.classList.add("map-page");
  var map = L.map(element, { worldCopyJump: true, minZoom: 1, maxZoom: 12 }).setView([30, 0], 2);
  map.attributionControl.setPrefix('<a href="https://leafletjs.com">Leaflet</a>');
  map.attributionControl.addAttribution("Outlines: Natural Earth");
  if (element.dataset.tiles) {
    L.tileLayer(element.dataset.tiles, { attribution: element.dataset.attribution, maxZoom: 12 }).addTo(map);
  }

  function json(url) {
    return fetch(url).then(function (response) {
      if (!response.ok) throw new Error(url + ": " + response.status);
      return response.json();
    });
  }

  function link(url, text) {
    var a = document.createElement("a");
    a.href = url;
    a.textContent = text;
    return a;
  }

  var arcs = L.layerGroup().addTo(map);
  var places = L.markerClusterGroup({ showCoverageOnHover: false, maxClusterRadius: 40 }).addTo(map);

  json(element.dataset.outlines).then(function (outlines) {
    L.geoJSON(outlines, {
      interactive: false,
      style: { color: colour("--bg"), weight: 1, fillColor: colour("--land"), fillOpacity: 1 },
    }).addTo(map).bringToBack();
  });

  json(element.dataset.pairs).then(function (data) {
    var placeFeatures = data.features.filter(function (f) { return f.properties.feature === "place"; });
    var pairFeatures = data.features.filter(function (f) { return f.properties.feature === "partnership"; });

    function draw() {
      var kind = form.elements.kind.value;
      var wanted = form.elements.status.value;
      var shown = pairFeatures.filter(function (f) {
        return (!kind || f.properties.kind === kind) && (!wanted || f.properties.status === wanted);
      });
      arcs.clearLayers();
      places.clearLayers();
      var partnersOf = {};
      shown.forEach(function (feature) {
        var p = feature.properties;
        var lines = feature.geometry.type === "LineString" ? [feature.geometry.coordinates] : feature.geometry.coordinates;
        var popup = document.createElement("p");
        popup.appendChild(link(p.url, p.name));
        L.polyline(lines.map(function (line) {
          return line.map(function (c) { return [c[1], c[0]]; });
        }), { color: colour("--arc"), weight: 2, opacity: 0.8, className: "pair-arc" }).bindPopup(popup).addTo(arcs);
        p.places.forEach(function (slug) { (partnersOf[slug] = partnersOf[slug] || []).push(p); });
      });
      placeFeatures.forEach(function (feature) {
        var pairs = partnersOf[feature.properties.slug];
        if (!pairs) return;
        var c = feature.geometry.coordinates;
        var popup = document.createElement("div");
        var heading = document.createElement("p");
        heading.appendChild(link(feature.properties.url, feature.properties.name));
        popup.appendChild(heading);
        var list = document.createElement("ul");
        pairs.forEach(function (p) {
          var item = document.createElement("li");
          item.appendChild(link(p.url, p.name));
          list.appendChild(item);
        });
        popup.appendChild(list);
        L.marker([c[1], c[0]], {
          icon: L.divIcon({ className: "map-dot", iconSize: [14, 14] }),
          title: feature.properties.name,
          alt: feature.properties.name,
          keyboard: true,
        }).bindPopup(popup).addTo(places);
      });
      element.dataset.shownPairs = String(shown.length);
      status.textContent = "Showing " + shown.length + " of " + pairFeatures.length + " partnerships.";
    }

    form.addEventListener("change", draw);
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.hidden = false;
    draw();
  });
})();
