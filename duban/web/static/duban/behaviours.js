// Behaviours that templates ask for with data- attributes, so that no page needs an inline
// script or an on*= attribute (the Content-Security-Policy allows scripts from 'self' only).
(function () {
  "use strict";

  // <form data-confirm="…">: ask before sending.
  document.addEventListener("submit", function (e) {
    var message = e.target.getAttribute && e.target.getAttribute("data-confirm");
    if (message && !window.confirm(message)) e.preventDefault();
  });

  // <select data-autosubmit>: choosing an option sends its form.
  document.addEventListener("change", function (e) {
    if (e.target.hasAttribute && e.target.hasAttribute("data-autosubmit")) e.target.form.submit();
  });

  // <textarea data-keep-offline="key">: keep the text in the browser when the network fails,
  // so nothing typed is lost; put it back on the next visit.
  document.addEventListener("DOMContentLoaded", function () {
    var box = document.querySelector("[data-keep-offline]");
    if (!box) return;
    var key = box.getAttribute("data-keep-offline");
    var status = document.getElementById(box.getAttribute("data-status") || "save-status");
    document.body.addEventListener("htmx:sendError", function () {
      localStorage.setItem(key, box.value);
      if (status) status.textContent = "网络中断：文字已暂存在本机，恢复后将再次保存。";
    });
    document.body.addEventListener("htmx:afterRequest", function (e) {
      if (e.detail.successful) localStorage.removeItem(key);
    });
    var kept = localStorage.getItem(key);
    if (kept && kept !== box.value) {
      box.value = kept;
      if (status) status.textContent = "已恢复上次网络中断时暂存的文字，请保存。";
    }
  });
})();
