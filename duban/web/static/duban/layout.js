// Layout helpers that need no template edits. On a narrow screen a table of class "tasks" or
// "data" becomes cards, and each cell carries its column's heading as a label (data-label), so
// no figure stands without its name. Tables inside a .scroll-x box scroll instead.
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    // The public period page folds by section on a phone; a desktop shows every section open.
    if (window.matchMedia("(min-width: 60rem)").matches) {
      document.querySelectorAll("details.public-section").forEach(function (d) { d.open = true; });
    }
    document.querySelectorAll("main table").forEach(function (table) {
      if (table.closest(".scroll-x")) return;
      var heads = table.querySelectorAll("thead th");
      if (!heads.length) return;
      var names = Array.prototype.map.call(heads, function (th) { return th.textContent.trim(); });
      table.classList.add("labelled");
      table.querySelectorAll("tbody tr").forEach(function (tr) {
        var i = 0;
        Array.prototype.forEach.call(tr.children, function (cell) {
          if (names[i] && !cell.hasAttribute("data-label")) cell.setAttribute("data-label", names[i]);
          i += cell.colSpan || 1;
        });
      });
    });
  });
})();
