// Live preview, added by `digest --serve` to the pages it serves (never written into a
// build): reload the page after a good rebuild; show a failed rebuild's error over the page
// until the next good one reloads it. The server sends both as server-sent events.
(() => {
  const OVERLAY = "digest-build-error";
  const events = new EventSource(document.currentScript.dataset.events);
  events.addEventListener("reload", () => location.reload());
  events.addEventListener("failed", (event) => showError(JSON.parse(event.data)));

  function element(tag, text, css) {
    const made = document.createElement(tag);
    made.textContent = text; // text, never markup: the message quotes the user's files
    made.style.cssText = css;
    return made;
  }

  function showError(message) {
    document.getElementById(OVERLAY)?.remove();
    const overlay = element(
      "div",
      "",
      "position:fixed;inset:0;z-index:2147483647;overflow:auto;padding:2rem;" +
        "background:rgba(20,20,20,.92);color:#fff;font:16px/1.5 system-ui,sans-serif",
    );
    overlay.id = OVERLAY;
    overlay.setAttribute("role", "alertdialog");
    overlay.setAttribute("aria-modal", "true");
    overlay.setAttribute("aria-labelledby", `${OVERLAY}-title`);
    overlay.setAttribute("aria-describedby", `${OVERLAY}-message`);
    const title = element("h2", "The last rebuild failed", "margin:0 0 1rem;color:#ff8a80");
    title.id = `${OVERLAY}-title`;
    const text = element(
      "pre",
      message,
      "white-space:pre-wrap;overflow-wrap:anywhere;font:15px/1.5 ui-monospace,monospace",
    );
    text.id = `${OVERLAY}-message`;
    const note = element(
      "p",
      "This page is the last good build. Fix the problem and save: the page reloads " +
        "when a rebuild succeeds.",
      "",
    );
    const close = element("button", "Dismiss", "font:inherit;padding:.3rem 1rem");
    close.type = "button";
    close.addEventListener("click", () => overlay.remove());
    overlay.addEventListener("keydown", (event) => event.key === "Escape" && overlay.remove());
    overlay.append(title, text, note, close);
    document.body.append(overlay);
    close.focus();
  }
})();
