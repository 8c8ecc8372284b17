// The review page's only script: evidence links scroll the transcript panel to their line, play buttons
// start the recording at the item's second, and a re-extraction in progress reloads the page when done.
// Everything else is plain forms, so the page works without it.
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
  // While the transcript is re-extracted, ask every two seconds and show the merged draft once it is done
  // (no meta refresh here: it would throw away what the recorder is typing).
  var rerun = document.getElementById("rerun");
  if (rerun && window.fetch) {
    var timer = setInterval(function () {
      fetch("/api/meetings/" + rerun.dataset.meeting, { credentials: "same-origin" })
        .then(function (r) { return r.json(); })
        .then(function (job) {
          if (job.status !== "queued" && job.status !== "running") {
            clearInterval(timer);
            var typing = document.activeElement && /^(TEXTAREA|INPUT|SELECT)$/.test(document.activeElement.tagName);
            if (!typing) location.reload();
            else rerun.textContent = "重新提取已完成，刷新页面查看合并后的草稿。";
          }
        })
        .catch(function () {});
    }, 2000);
  }
})();
