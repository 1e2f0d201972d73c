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

  // The shorter great circle from a to b ([lon, lat]) as Leaflet lines of [lat, lon], a point
  // every few degrees. Longitudes stay continuous; a line that runs past the antimeridian is
  // drawn again one world over, so that it meets both of its places (as on the overview map).
  function arc(a, b) {
    var line = circle(a, b), lons = line.map(function (point) { return point[1]; });
    var lines = [line];
    [[Math.max.apply(null, lons) > 180, -360], [Math.min.apply(null, lons) < -180, 360]].forEach(function (copy) {
      if (copy[0]) lines.push(line.map(function (point) { return [point[0], point[1] + copy[1]]; }));
    });
    return lines;
  }

  function circle(a, b) {
    var rad = Math.PI / 180;
    var lat1 = a[1] * rad, lon1 = a[0] * rad, lat2 = b[1] * rad, lon2 = b[0] * rad;
    var h = Math.pow(Math.sin((lat2 - lat1) / 2), 2) + Math.cos(lat1) * Math.cos(lat2) * Math.pow(Math.sin((lon2 - lon1) / 2), 2);
    var omega = 2 * Math.asin(Math.min(1, Math.sqrt(h)));
    if (Math.sin(omega) < 1e-9) return [[a[1], a[0]], [b[1], b[0]]];  // the same place, or antipodes
    var steps = Math.max(2, Math.ceil(omega / rad / 5)), points = [];
    for (var i = 0; i <= steps; i++) {
      var t = i / steps;
      var wa = Math.sin((1 - t) * omega) / Math.sin(omega), wb = Math.sin(t * omega) / Math.sin(omega);
      var x = wa * Math.cos(lat1) * Math.cos(lon1) + wb * Math.cos(lat2) * Math.cos(lon2);
      var y = wa * Math.cos(lat1) * Math.sin(lon1) + wb * Math.cos(lat2) * Math.sin(lon2);
      var z = wa * Math.sin(lat1) + wb * Math.sin(lat2);
      var lon = Math.atan2(y, x) / rad;
      if (points.length) {
        var previous = points[points.length - 1][1];
        while (lon - previous > 180) lon -= 360;
        while (lon - previous < -180) lon += 360;
      }
      points.push([Math.atan2(z, Math.sqrt(x * x + y * y)) / rad, lon]);
    }
    return points;
  }

  function address(pattern, slug) { return pattern.replace("{slug}", slug); }

  // The map's data (MAPS_DATA_URL): each place once, each pair as its two places' indexes.
  json(element.dataset.pairs).then(function (data) {
    var placeFeatures = data.places.map(function (p) {
      return { properties: { slug: p[0], name: p[1], url: address(element.dataset.placeUrl, p[0]) },
               geometry: { coordinates: [p[2], p[3]] } };
    });
    var pairFeatures = data.pairs.map(function (p) {
      var first = data.places[p[3]], second = data.places[p[4]];
      return {
        properties: { name: first[1] + " – " + second[1], url: address(element.dataset.pairUrl, p[0]),
                      kind: data.kinds[p[1]], status: data.statuses[p[2]], places: [first[0], second[0]] },
        ends: [[first[2], first[3]], [second[2], second[3]]],
      };
    });

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
        var popup = document.createElement("p");
        popup.appendChild(link(p.url, p.name));
        feature.line = feature.line || arc(feature.ends[0], feature.ends[1]);
        L.polyline(feature.line, { color: colour("--arc"), weight: 2, opacity: 0.8, className: "pair-arc" })
          .bindPopup(popup).addTo(arcs);
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
