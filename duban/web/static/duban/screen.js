/* Wall display: full screen on the first click, reload every data-refresh seconds. */
(function () {
  "use strict";
  var body = document.body;
  var seconds = parseInt(body.dataset.refresh || "0", 10);
  if (seconds > 0) {
    window.setTimeout(function () { window.location.reload(); }, seconds * 1000);
  }
  var button = document.getElementById("fullscreen");
  if (button && document.documentElement.requestFullscreen) {
    button.addEventListener("click", function () {
      document.documentElement.requestFullscreen();
    });
  }
})();
