// newsdesk: the [n] of an answer you can hover and click (issue 21.2), and a new answer read
// from its start.
// Hover shows the source's title, date and where it is from (the answer's own "Sources" line);
// click shows that answer's sources in the panel, scrolls to the card and highlights it (on a
// phone the panel is under the chat: the page scrolls to it). The message text itself is left
// as the app wrote it, so Copy still copies "[1]" and the Sources lines.
(() => {
  const MARK = /\[(\d+)\]/g;

  function sourcesOf(message) {
    const lines = {};
    const text = message.innerText || "";
    const at = text.lastIndexOf("Sources");
    if (at < 0) return lines;
    for (const line of text.slice(at).split("\n")) {
      const found = line.match(/^\s*\[(\d+)\]\s*(.+)$/);
      if (found) lines[found[1]] = found[2].trim();
    }
    return lines;
  }

  function decorate(message) {
    const lines = sourcesOf(message);
    if (!Object.keys(lines).length) return; // still streaming, or a refusal
    const walker = document.createTreeWalker(message, NodeFilter.SHOW_TEXT);
    const nodes = [];
    while (walker.nextNode()) {
      const node = walker.currentNode;
      if (node.parentElement.closest(".nd-cite, button, code")) continue;
      MARK.lastIndex = 0;
      if (MARK.test(node.nodeValue)) nodes.push(node);
    }
    for (const node of nodes) {
      const text = node.nodeValue;
      const parts = document.createDocumentFragment();
      let at = 0;
      for (const found of text.matchAll(MARK)) {
        const n = found[1];
        if (!(n in lines)) continue;
        parts.append(text.slice(at, found.index));
        const cite = document.createElement("a");
        cite.className = "nd-cite";
        cite.href = "#nd-sources";
        cite.dataset.cite = n;
        cite.title = lines[n];
        cite.textContent = found[0];
        parts.append(cite);
        at = found.index + found[0].length;
      }
      if (at === 0) continue;
      parts.append(text.slice(at));
      node.replaceWith(parts);
    }
  }

  function showCard(n) {
    const started = Date.now();
    const look = () => {
      const card = document.querySelector(`#nd-sources .nd-card[data-cite="${n}"]`);
      if (card) {
        card.scrollIntoView({ behavior: "smooth", block: "center" });
        card.classList.add("nd-flash");
        setTimeout(() => card.classList.remove("nd-flash"), 2500);
      } else if (Date.now() - started < 3000) {
        setTimeout(look, 100);
      }
    };
    // The click also selects the message, which puts its own sources in the panel first.
    setTimeout(look, 300);
  }

  document.addEventListener("click", (event) => {
    const cite = event.target.closest && event.target.closest("a.nd-cite");
    if (!cite) return;
    event.preventDefault();
    showCard(cite.dataset.cite);
  });

  // A new question is scrolled to the top of the chat and kept there while its answer grows, so
  // the answer is read from its first line, the bold short answer (the chat's own autoscroll
  // showed a long answer's end). Scrolling by hand lets go.
  let asked = 0;
  let pinned = null;

  function scroller(element, chat) {
    for (let box = element.parentElement; box && box !== chat; box = box.parentElement) {
      const overflow = getComputedStyle(box).overflowY;
      if (overflow === "auto" || overflow === "scroll") return box;
    }
    return null;
  }

  function keepQuestionInView() {
    const chat = document.querySelector("#nd-chat");
    if (!chat) return;
    const questions = chat.querySelectorAll("[data-testid='user']");
    if (questions.length > asked) pinned = questions[questions.length - 1];
    asked = questions.length;
    if (!pinned || !pinned.isConnected) return;
    const box = scroller(pinned, chat);
    if (!box) return;
    const offset = pinned.getBoundingClientRect().top - box.getBoundingClientRect().top - 8;
    if (Math.abs(offset) > 1) box.scrollTop += offset;
  }

  for (const kind of ["wheel", "touchmove", "keydown", "mousedown"]) {
    document.addEventListener(kind, (event) => {
      if (event.target.closest && event.target.closest("#nd-chat")) pinned = null;
    }, { passive: true });
  }

  let queued = false;
  new MutationObserver(() => {
    if (queued) return;
    queued = true;
    requestAnimationFrame(() => {
      queued = false;
      document.querySelectorAll("#nd-chat [data-testid='bot']").forEach(decorate);
      keepQuestionInView();
    });
  }).observe(document.documentElement, { childList: true, subtree: true, characterData: true });
})();
