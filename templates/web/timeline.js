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
  agency.addEventListener("change", apply);
  status.addEventListener("change", apply);
  apply();
})();
