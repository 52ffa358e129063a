// "Read aloud" under each tutor answer: the browser's voice, as for "Read this page to me".
// Buttons show only where the browser can speak (the page's class can-speak, see chat.css).

export function setUpReadAnswers() {
  if (!("speechSynthesis" in window)) return;
  document.documentElement.classList.add("can-speak");
  let speaking = null;

  function stop() {
    window.speechSynthesis.cancel();
    if (speaking) {
      speaking.setAttribute("aria-pressed", "false");
      speaking.querySelector("[data-read-answer-label]").textContent = "Read aloud";
    }
    speaking = null;
  }

  // On the document, so answers htmx appends later have working buttons too.
  document.addEventListener("click", (event) => {
    const button = event.target.closest("[data-read-answer]");
    if (!button) return;
    const wasThis = speaking === button;
    stop();
    if (wasThis) return;
    const text = button.closest(".chat-message").querySelector("[data-answer-text]");
    if (!text) return;
    const utterance = new SpeechSynthesisUtterance(text.innerText);
    utterance.lang = "en-GB";
    utterance.rate = 0.9;
    utterance.onend = stop;
    utterance.onerror = stop;
    speaking = button;
    button.setAttribute("aria-pressed", "true");
    button.querySelector("[data-read-answer-label]").textContent = "Stop reading";
    window.speechSynthesis.speak(utterance);
  });
}
