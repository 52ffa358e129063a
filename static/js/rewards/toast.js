// After a practice result: ask the server what the try earned and show it calmly.
// The result partial announces "attempt-judged" (an HX-Trigger from learning); the toast
// is an enhancement: "My rewards" shows the same, without JavaScript.

function slot() {
  return document.querySelector("[data-toast-slot]");
}

function speak(text) {
  window.speechSynthesis.cancel();
  const utterance = new SpeechSynthesisUtterance(text);
  utterance.lang = "en-GB";
  utterance.rate = 0.9;
  window.speechSynthesis.speak(utterance);
}

function wireToast(toast) {
  const read = toast.querySelector("[data-toast-read]");
  if (read && "speechSynthesis" in window) {
    read.hidden = false;
    const parts = [toast.querySelector(".toast-title"), ...toast.querySelectorAll(".toast-list li")];
    read.addEventListener("click", () => speak(parts.map((el) => el.innerText).join(". ")));
  }
  const close = toast.querySelector("[data-toast-close]");
  if (close) close.addEventListener("click", () => { toast.remove(); });
}

async function showAwards(attemptId) {
  const target = slot();
  if (!target || !attemptId) return;
  // The slot carries the URL for attempt 0; swap in this attempt's id.
  const url = target.dataset.toastUrl.replace(/0\/$/, `${Number(attemptId)}/`);
  const response = await fetch(url, {
    headers: { "HX-Request": "true" },
    credentials: "same-origin",
  });
  if (!response.ok) return;
  const html = (await response.text()).trim();
  if (!html) return;
  target.innerHTML = html;
  const toast = target.querySelector("[data-toast]");
  if (toast) wireToast(toast);
}

document.addEventListener("attempt-judged", (event) => {
  showAwards(event.detail && event.detail.attempt);
});
