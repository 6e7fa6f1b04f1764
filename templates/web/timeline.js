// Filters the timeline by agency and status. Reads only the page's own data-* attributes; no data is ever
// written into this script.
(function () {
  var agency = document.getElementById("filter-agency");
  var status = document.getElementById("filter-status");
  var none = document.getElementById("no-match");
  if (!agency || !status) { return; }
  function apply() {
    var a = agency.value, s = status.value, shown = 0;
    var rows = document.querySelectorAll("tr.policy");
    for (var i = 0; i < rows.length; i++) {
      var row = rows[i];
      var agencies = (row.getAttribute("data-agencies") || "").split("\n");
      var statuses = (row.getAttribute("data-statuses") || "").split(" ");
      var ok = (!a || agencies.indexOf(a) >= 0) && (!s || statuses.indexOf(s) >= 0);
      row.hidden = !ok;
      if (ok) { shown++; }
    }
    if (none) { none.hidden = shown > 0; }
  }
  // A link may carry the filters in its fragment (#agency=…&status=…): choose them if the page offers them.
  var wanted = new URLSearchParams(window.location.hash.slice(1));
  [[agency, wanted.get("agency")], [status, wanted.get("status")]].forEach(function (pair) {
    var select = pair[0], value = pair[1];
    for (var i = 0; value && i < select.options.length; i++) {
      if (select.options[i].value === value) { select.value = value; }
    }
  });
  agency.addEventListener("change", apply);
  status.addEventListener("change", apply);
  apply();
})();
