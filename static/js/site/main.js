// Site-wide behaviour. Everything here is an enhancement: pages work without it.

import { listenToListenLinks } from "./listen.js";
import { setUpReadAloud } from "./read-aloud.js";
import { setUpReadAnswers } from "./read-answer.js";

// The preferences page saves on every change; the server tells us the new theme.
document.addEventListener("reading-style-changed", (event) => {
  document.documentElement.classList.toggle("theme-dark", Boolean(event.detail && event.detail.dark));
});

listenToListenLinks();
setUpReadAnswers();

// Buttons that ask the browser to do something (no inline onclick: the CSP forbids it).
document.addEventListener("click", (event) => {
  const button = event.target.closest("[data-action='print']");
  if (button) window.print();
});

if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", setUpReadAloud);
} else {
  setUpReadAloud();
}
