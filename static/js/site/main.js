// Site-wide behaviour. Everything here is an enhancement: pages work without it.

import { listenToListenLinks } from "./listen.js";
import { setUpReadAloud } from "./read-aloud.js";
import { fillTimeZoneFields } from "./time-zone.js";

// The preferences page saves on every change; the server tells us the new theme.
document.addEventListener("reading-style-changed", (event) => {
  document.documentElement.classList.toggle("theme-dark", Boolean(event.detail && event.detail.dark));
});

listenToListenLinks();
fillTimeZoneFields();

if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", setUpReadAloud);
} else {
  setUpReadAloud();
}
