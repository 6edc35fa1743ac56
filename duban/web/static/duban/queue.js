// The review queue's keys (documented on the page): j / k move to the next / previous report,
// a accepts it, r puts the cursor in its return comment (Enter then returns it). After an
// accept or a return the queue's body is swapped in (HTMX) and the next report is current.
(function () {
  "use strict";
  var current = 0;

  function items() {
    return Array.prototype.slice.call(document.querySelectorAll(".queue-item"));
  }
  function show(index) {
    var all = items();
    if (!all.length) return;
    current = Math.max(0, Math.min(index, all.length - 1));
    all.forEach(function (el, i) {
      el.classList.toggle("current", i === current);
    });
    all[current].focus({ preventScroll: true });
    all[current].scrollIntoView({ block: "nearest" });
  }
  function typing(target) {
    var tag = target && target.tagName;
    return tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || target.isContentEditable;
  }

  document.addEventListener("keydown", function (e) {
    if (e.ctrlKey || e.metaKey || e.altKey || typing(e.target)) return;
    var item = items()[current];
    if (e.key === "j") show(current + 1);
    else if (e.key === "k") show(current - 1);
    else if (e.key === "a" && item) {
      var accept = item.querySelector("button.accept");
      if (accept) accept.click();
    } else if (e.key === "r" && item) {
      var comment = item.querySelector("input.comment");
      if (comment) {
        e.preventDefault();
        comment.focus();
      }
    } else return;
  });

  function start() {
    var error = document.getElementById("queue-error");
    var all = items();
    var at = error ? all.indexOf(error.closest(".queue-item")) : 0;
    show(at < 0 ? 0 : at);
    if (error) {
      var comment = all[at] && all[at].querySelector("input.comment");
      if (comment) comment.focus();
    }
  }
  document.addEventListener("DOMContentLoaded", start);
  document.addEventListener("htmx:afterSwap", start);
})();
