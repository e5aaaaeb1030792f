/* Filters the findings table by study, status and the words in the search box (all must match).
   A row's data-search holds the words it is found by (report.search_text): a query word that is a number
   must equal one of them (0.17 is not found in 0.175), any other word must begin one of them.
   When the filters are wired and applied, the table carries data-ready="true": what a test waits for. */
(function () {
  "use strict";
  var study = document.getElementById("filter-study");
  var status = document.getElementById("filter-status");
  var search = document.getElementById("search");
  var shown = document.getElementById("shown-count");
  var rows = document.querySelectorAll("#findings > tbody > tr");
  // The same pattern as report._WORD and report._NUMBER.
  var WORD = /[\p{L}\p{N}]+(?:[._'\-][\p{L}\p{N}]+)*/gu;
  var NUMBER = /^\d+(?:\.\d+)?$/;
  var words = [];
  for (var k = 0; k < rows.length; k++) { words.push(" " + rows[k].getAttribute("data-search") + " "); }
  function found(text, term) {
    return text.indexOf(NUMBER.test(term) ? " " + term + " " : " " + term) !== -1;
  }
  function apply() {
    var terms = search.value.toLowerCase().match(WORD) || [];
    var n = 0;
    for (var i = 0; i < rows.length; i++) {
      var row = rows[i];
      var text = words[i];
      var keep = (!study.value || row.getAttribute("data-study") === study.value) &&
                 (!status.value || row.getAttribute("data-status") === status.value) &&
                 terms.every(function (t) { return found(text, t); });
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
