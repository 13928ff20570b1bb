// Progressive enhancement of the public form. Without this file every field is shown
// and the form works the same.
(function () {
  "use strict";
  var form = document.querySelector(".feedback-form") || document.querySelector("form[enctype]");
  if (!form) { return; }
  document.documentElement.classList.add("js");

  // Contact details only when the person wants an answer.
  var wants = form.querySelector("#id_wants_answer");
  var details = form.querySelector(".contact-details");
  function syncContact() {
    if (!wants || !details) { return; }
    var hasValues = Array.prototype.some.call(details.querySelectorAll("input[type=text],input[type=email]"),
      function (input) { return input.value !== ""; });
    details.hidden = !wants.checked && !hasValues;
  }
  if (wants) { wants.addEventListener("change", syncContact); syncContact(); }

  // A map where tiles are configured: a click fills in the coordinates.
  var mapBox = document.getElementById("map");
  if (mapBox && window.L) {
    var lat = form.querySelector("#id_latitude");
    var lon = form.querySelector("#id_longitude");
    var center = (mapBox.dataset.center || "58.3245,15.1310").split(",").map(Number);
    var map = window.L.map(mapBox).setView(center, 14);
    window.L.tileLayer(mapBox.dataset.tiles, {
      maxZoom: 19, attribution: mapBox.dataset.attribution || ""
    }).addTo(map);
    var marker = null;
    function place(latlng) {
      if (marker) { marker.setLatLng(latlng); } else { marker = window.L.marker(latlng).addTo(map); }
      lat.value = latlng.lat.toFixed(6);
      lon.value = latlng.lng.toFixed(6);
    }
    map.on("click", function (event) { place(event.latlng); });
    if (lat.value && lon.value) {
      place(window.L.latLng(Number(lat.value.replace(",", ".")), Number(lon.value.replace(",", "."))));
    }
  }
})();
