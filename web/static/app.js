// The review page's only script: evidence links scroll the transcript panel to their line, and play buttons
// start the recording at the item's second. Everything else is plain forms, so the page works without it.
(function () {
  "use strict";
  function show(line) {
    var el = document.getElementById("line-" + line);
    if (!el) return;
    document.querySelectorAll("#transcript li.hl").forEach(function (x) { x.classList.remove("hl"); });
    el.classList.add("hl");
    el.scrollIntoView({ block: "center", behavior: "smooth" });
  }
  function play(start) {
    var player = document.getElementById("player");
    if (!player || isNaN(start)) return;
    player.currentTime = start;
    player.play().catch(function () {});
  }
  document.addEventListener("click", function (ev) {
    var link = ev.target.closest("a.ev");
    if (link) {
      ev.preventDefault();
      show(link.dataset.line);
      if (link.dataset.start) play(parseFloat(link.dataset.start));
      history.replaceState(null, "", "#line-" + link.dataset.line);
      return;
    }
    var button = ev.target.closest("button.play");
    if (button) play(parseFloat(button.dataset.start));
  });
})();
