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

  // <textarea data-keep-offline="key">: whatever the server answers — or if it does not answer —
  // the text typed is never lost. It is kept in this browser with the version it was based on
  // before the form is sent and whenever an autosave is not saved (no network, an error page,
  // a refusal); it stays on the page, with a status line saying so. On the next visit, a kept
  // text is put back only if the report is still at that version (the send failed); once a
  // save went through the version has moved on and the kept copy is dropped.
  document.addEventListener("DOMContentLoaded", function () {
    var box = document.querySelector("[data-keep-offline]");
    if (!box) return;
    var key = box.getAttribute("data-keep-offline");
    var status = document.getElementById(box.getAttribute("data-status") || "save-status");
    function version() {
      var field = document.getElementById("id_version");
      return field ? field.value : "";
    }
    function keep() {
      try {
        localStorage.setItem(key, JSON.stringify({ text: box.value, version: version() }));
      } catch (err) {
        // Storage full or disabled: the text is still on the page.
      }
    }
    function say(text) {
      if (status) status.textContent = text;
    }
    if (box.form) box.form.addEventListener("submit", keep);
    document.body.addEventListener("htmx:sendError", function () {
      keep();
      say("网络中断：文字已暂存在本机，恢复后将再次保存。");
    });
    document.body.addEventListener("htmx:timeout", function () {
      keep();
      say("服务器没有答复：文字仍在本页，并已暂存在本机，请稍后再保存。");
    });
    document.body.addEventListener("htmx:responseError", function (e) {
      keep();
      var code = e.detail.xhr ? e.detail.xhr.status : "";
      say("未保存（服务器答复 " + code + "）：文字仍在本页，并已暂存在本机；请复制保存后再刷新页面。");
    });
    document.body.addEventListener("htmx:afterRequest", function (e) {
      var answer = e.detail.xhr ? e.detail.xhr.responseText : "";
      // Saved: the server's status line carries the new version. Any other answer keeps it.
      if (e.detail.successful && answer.indexOf('id="id_version"') !== -1) {
        localStorage.removeItem(key);
      } else if (e.detail.successful) {
        keep();
      }
    });
    var kept = null;
    try {
      kept = JSON.parse(localStorage.getItem(key) || "null");
    } catch (err) {
      kept = { text: localStorage.getItem(key), version: version() }; // kept by an older page
    }
    if (!kept || typeof kept.text !== "string") return;
    if (kept.version !== version()) {
      localStorage.removeItem(key);
    } else if (kept.text !== box.value) {
      box.value = kept.text;
      say("已恢复上次未能保存的文字，请核对后保存。");
    }
  });
})();
