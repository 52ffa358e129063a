// Listen buttons: play the word in place instead of opening the audio file.

let current = null; // one voice at a time

function explainProblem(link) {
  const note = link.parentElement.querySelector(".listen-problem") || document.createElement("p");
  note.className = "listen-problem";
  note.setAttribute("role", "status");
  note.textContent = "Sorry, the voice isn't ready yet. Please try again in a moment.";
  link.parentElement.appendChild(note);
}

// Listens on the document, so links that htmx swaps in work too.
export function listenToListenLinks() {
  document.addEventListener("click", (event) => {
    const link = event.target.closest("[data-listen]");
    if (!link) return;
    event.preventDefault();
    if (current) { current.pause(); }
    current = new Audio(link.getAttribute("href"));
    // sound-highlight.js lights the word's letters up in time with this clip.
    document.dispatchEvent(new CustomEvent("listen:playing", {
      detail: { audio: current, text: link.getAttribute("data-listen-text") }
    }));
    link.setAttribute("aria-busy", "true");
    current.addEventListener("ended", () => { link.removeAttribute("aria-busy"); });
    current.addEventListener("error", () => {
      link.removeAttribute("aria-busy");
      explainProblem(link);
    });
    current.play().catch(() => { link.removeAttribute("aria-busy"); });
  });
}
