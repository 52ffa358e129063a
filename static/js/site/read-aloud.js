// "Read this page to me": speaks the page's instructions with the browser's voice.
// The button stays hidden where the browser has no voice.

// The parts marked data-read-aloud, or else the heading and the first paragraphs.
function textToRead() {
  const marked = document.querySelectorAll("main [data-read-aloud]");
  const parts = [];
  if (marked.length) {
    marked.forEach((el) => { parts.push(el.innerText); });
  } else {
    const heading = document.querySelector("main h1");
    if (heading) parts.push(heading.innerText);
    document.querySelectorAll("main p").forEach((el, i) => { if (i < 3) parts.push(el.innerText); });
  }
  return parts.join(". ");
}

export function setUpReadAloud() {
  const button = document.querySelector("[data-read-aloud-button]");
  if (!button || !("speechSynthesis" in window)) return;
  const label = button.querySelector("[data-read-aloud-label]");
  button.hidden = false;

  function stop() {
    window.speechSynthesis.cancel();
    button.setAttribute("aria-pressed", "false");
    label.textContent = "Read this page to me";
  }

  button.addEventListener("click", () => {
    if (button.getAttribute("aria-pressed") === "true") { stop(); return; }
    const utterance = new SpeechSynthesisUtterance(textToRead());
    utterance.lang = "en-GB";
    utterance.rate = 0.9;
    utterance.onend = stop;
    utterance.onerror = stop;
    button.setAttribute("aria-pressed", "true");
    label.textContent = "Stop reading";
    window.speechSynthesis.speak(utterance);
  });
}
