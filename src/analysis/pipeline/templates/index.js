/* Filters the findings table by study, status and the words in the search box (all must match).
   When the filters are wired and applied, the table carries data-ready="true": what a test waits for. */
(function () {
  "use strict";
  var study = document.getElementById("filter-study");
  var status = document.getElementById("filter-status");
  var search = document.getElementById("search");
  var shown = document.getElementById("shown-count");
  var rows = document.querySelectorAll("#findings > tbody > tr");
  function apply() {
    var terms = search.value.toLowerCase().split(/\s+/).filter(function (t) { return t.length > 0; });
    var n = 0;
    for (var i = 0; i < rows.length; i++) {
      var row = rows[i];
      var text = row.getAttribute("data-search");
      var keep = (!study.value || row.getAttribute("data-study") === study.value) &&
                 (!status.value || row.getAttribute("data-status") === status.value) &&
                 terms.every(function (t) { return text.indexOf(t) !== -1; });
      row.hidden = !keep;
      if (keep) { n += 1; }
    }
    shown.textContent = String(n);
  }
  study.addEventListener("change", apply);
  status.addEventListener("change", apply);
  search.addEventListener("input", apply);
  var links = document.querySelectorAll("a[data-filter-study]");
  for (var j = 0; j < links.length; j++) {
    links[j].addEventListener("click", function () {
      study.value = this.getAttribute("data-filter-study");
      status.value = this.getAttribute("data-filter-status");
      search.value = "";
      apply();
    });
  }
  apply();
  document.getElementById("findings").setAttribute("data-ready", "true");
})();
