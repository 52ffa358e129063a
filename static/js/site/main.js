// Site-wide behaviour. Everything here is an enhancement: pages work without it.

import { listenToListenLinks } from "./listen.js";
import { setUpReadAloud } from "./read-aloud.js";
import { fillTimeZoneFields } from "./time-zone.js";
import { setUpMenu } from "./menu.js";
import { bringSwapsIntoView, bringIntoViewOnLoad } from "./result-in-view.js";
import { highlightSoundsWhileSpeaking } from "./sound-highlight.js";
import { followWithLineFocus } from "./line-focus.js";
import { setUpReadAnswers } from "./read-answer.js";

// The preferences page saves on every change; the server tells us the new theme.
document.addEventListener("reading-style-changed", (event) => {
  const detail = event.detail || {};
  document.documentElement.classList.toggle("theme-dark", Boolean(detail.dark));
  if (detail.lineFocus) document.documentElement.setAttribute("data-line-focus", detail.lineFocus);
});

listenToListenLinks();
fillTimeZoneFields();
bringSwapsIntoView();
highlightSoundsWhileSpeaking();
followWithLineFocus();
setUpReadAnswers();

// Buttons that ask the browser to do something (no inline onclick: the CSP forbids it).
document.addEventListener("click", (event) => {
  const button = event.target.closest("[data-action='print']");
  if (button) window.print();
});

function setUpPage() {
  setUpMenu();
  setUpReadAloud();
  bringIntoViewOnLoad();
}

if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", setUpPage);
} else {
  setUpPage();
}
