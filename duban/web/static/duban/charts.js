/* Render every [data-chart] element with ECharts from its json_script payload
 * ({option, links}); a click on an element follows its link. No inline script (CSP). */
(function () {
  "use strict";
  function init(root) {
    if (!window.echarts) { return; }
    root.querySelectorAll("[data-chart]").forEach(function (el) {
      if (el.dataset.ready) { return; }
      var source = document.getElementById(el.dataset.chart);
      if (!source) { return; }
      var payload = JSON.parse(source.textContent);
      var chart = echarts.init(el, el.dataset.theme || null, { renderer: "canvas" });
      chart.setOption(payload.option);
      chart.on("click", function (p) {
        var row = (payload.links || [])[p.seriesIndex] || [];
        var link = row[p.dataIndex];
        if (link) { window.location.href = link; }
      });
      el.dataset.ready = "1";
      window.addEventListener("resize", function () { chart.resize(); });
    });
  }
  function dispose(root) {
    root.querySelectorAll("[data-chart]").forEach(function (el) {
      var chart = window.echarts && echarts.getInstanceByDom(el);
      if (chart) { chart.dispose(); }
      delete el.dataset.ready;
    });
  }
  document.addEventListener("DOMContentLoaded", function () { init(document); });
  document.addEventListener("htmx:beforeSwap", function (e) { dispose(e.detail.target); });
  document.addEventListener("htmx:afterSwap", function (e) { init(e.detail.target); });
})();
