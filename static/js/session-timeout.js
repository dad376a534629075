// Warns before the idle timeout and lets the person stay signed in (WCAG 2.2.1, ADR 0027). The dialog
// is the native <dialog>, opened modally so focus moves into it and returns when it closes.
(function () {
  "use strict";
  const root = document.getElementById("session-timeout");
  const dialog = document.getElementById("session-timeout-dialog");
  if (!root || !dialog || typeof dialog.showModal !== "function") return;
  const seconds = Number(root.dataset.seconds);
  const warning = Number(root.dataset.warning);
  const left = document.getElementById("session-timeout-left");
  const extend = document.getElementById("session-timeout-extend");
  let lastActive = Date.now();
  let opener = null;
  let ticker = null;

  function remaining() {
    return Math.max(0, Math.round(seconds - (Date.now() - lastActive) / 1000));
  }
  function describe(total) {
    if (total >= 120) return Math.floor(total / 60) + " minutes";
    if (total >= 60) return "1 minute";
    return total + " seconds";
  }
  function show() {
    left.textContent = describe(remaining());
    dialog.showModal();
    // Updated quietly each second: the dialog's text was read out once when it opened.
    ticker = window.setInterval(function () { left.textContent = describe(remaining()); }, 1000);
  }
  function schedule() {
    window.clearTimeout(opener);
    opener = window.setTimeout(show, Math.max(0, (seconds - warning) * 1000));
  }
  extend.addEventListener("submit", async function (event) {
    event.preventDefault();
    const answer = await fetch(extend.action, {
      method: "POST",
      credentials: "same-origin",
      headers: { "X-CSRFToken": extend.querySelector("input[name=csrfmiddlewaretoken]").value },
    });
    if (!answer.ok) { window.location.reload(); return; }
    lastActive = Date.now();
    window.clearInterval(ticker);
    dialog.close();
    schedule();
  });
  schedule();
})();
