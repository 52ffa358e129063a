// Site-wide behaviour. Everything here is an enhancement: pages work without it.
(function () {
  "use strict";

  // "Read this page to me": speaks the page's instructions with the browser's voice.
  function setUpReadAloud() {
    var button = document.querySelector("[data-read-aloud-button]");
    if (!button || !("speechSynthesis" in window)) return;
    var label = button.querySelector("[data-read-aloud-label]");
    button.hidden = false;

    function textToRead() {
      var marked = document.querySelectorAll("main [data-read-aloud]");
      var parts = [];
      if (marked.length) {
        marked.forEach(function (el) { parts.push(el.innerText); });
      } else {
        var heading = document.querySelector("main h1");
        if (heading) parts.push(heading.innerText);
        document.querySelectorAll("main p").forEach(function (el, i) { if (i < 3) parts.push(el.innerText); });
      }
      return parts.join(". ");
    }

    function stop() {
      window.speechSynthesis.cancel();
      button.setAttribute("aria-pressed", "false");
      label.textContent = "Read this page to me";
    }

    button.addEventListener("click", function () {
      if (button.getAttribute("aria-pressed") === "true") { stop(); return; }
      var utterance = new SpeechSynthesisUtterance(textToRead());
      utterance.lang = "en-GB";
      utterance.rate = 0.9;
      utterance.onend = stop;
      utterance.onerror = stop;
      button.setAttribute("aria-pressed", "true");
      label.textContent = "Stop reading";
      window.speechSynthesis.speak(utterance);
    });
  }

  // The preferences page saves on every change; the server tells us the new theme.
  document.addEventListener("reading-style-changed", function (event) {
    document.documentElement.classList.toggle("theme-dark", Boolean(event.detail && event.detail.dark));
  });

  document.addEventListener("DOMContentLoaded", setUpReadAloud);
})();

// Listen buttons: play the word in place instead of opening the audio file.
(function () {
  "use strict";
  var current = null;
  document.addEventListener("click", function (event) {
    var link = event.target.closest("[data-listen]");
    if (!link) return;
    event.preventDefault();
    if (current) { current.pause(); }
    current = new Audio(link.getAttribute("href"));
    link.setAttribute("aria-busy", "true");
    current.addEventListener("ended", function () { link.removeAttribute("aria-busy"); });
    current.addEventListener("error", function () {
      link.removeAttribute("aria-busy");
      var note = link.parentElement.querySelector(".listen-problem") || document.createElement("p");
      note.className = "listen-problem";
      note.setAttribute("role", "status");
      note.textContent = "Sorry, the voice isn't ready yet. Please try again in a moment.";
      link.parentElement.appendChild(note);
    });
    current.play().catch(function () { link.removeAttribute("aria-busy"); });
  });
})();

// Buttons that ask the browser to do something (no inline onclick: the CSP forbids it).
document.addEventListener("click", function (event) {
  "use strict";
  var button = event.target.closest("[data-action='print']");
  if (button) window.print();
});
