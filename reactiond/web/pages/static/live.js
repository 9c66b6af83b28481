// Live updates: an element with data-live="/live" is reloaded in place (the page at
// data-live-reload, the element of the same id taken from it, through htmx) when the
// event stream says something changed. Without this script the page is the same page,
// only not live. (No hx-* attributes on the element: its links would inherit them.)
(function () {
  "use strict";
  var TYPES = ["record.created", "record.updated", "record.cancelled", "job.failed", "reply.dead", "stream.gap"];
  function start() {
    var el = document.querySelector("[data-live]");
    if (!el || !window.EventSource) { return; }
    var source = new EventSource(el.getAttribute("data-live"));
    var pending = null;
    function refresh() {
      if (pending) { return; }
      pending = setTimeout(function () {
        pending = null;
        var target = document.querySelector("[data-live]");
        if (!target) { return; }
        if (window.htmx) {
          var selector = "#" + target.id;
          window.htmx.ajax("GET", target.getAttribute("data-live-reload"),
            { target: selector, select: selector, swap: "outerHTML" });
        } else { window.location.reload(); }
      }, 150);
    }
    TYPES.forEach(function (type) { source.addEventListener(type, refresh); });
    document.documentElement.setAttribute("data-live-connected", "1");
    source.addEventListener("open", function () { document.documentElement.setAttribute("data-live-open", "1"); });
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();
