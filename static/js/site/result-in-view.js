// After htmx swaps in an answer (a practice result, the next test word), bring it into view
// and move focus to it: on a phone it would otherwise land below the screen, unseen, while
// the fresh recorder above it says "Start recording" again.
//
// [data-focus-after-swap] inside the swapped target gets focus; the view scrolls to it, or to
// the whole target when the target says so (data-swap-scrolls-here: the result, the test screen).

function reduceMotion() {
  return window.matchMedia("(prefers-reduced-motion: reduce)").matches;
}

function bring(focus, scrollTo, smooth) {
  if (!focus.hasAttribute("tabindex")) focus.setAttribute("tabindex", "-1");
  focus.focus({ preventScroll: true });
  scrollTo.scrollIntoView({ block: "start", behavior: smooth && !reduceMotion() ? "smooth" : "auto" });
  // The fresh recorder above the result finishes its own layout a moment later and can push
  // the result down again: look once more when that has settled.
  setTimeout(() => {
    const box = scrollTo.getBoundingClientRect();
    if (box.top < 0 || box.top > window.innerHeight / 3) scrollTo.scrollIntoView({ block: "start" });
  }, 700);
}

export function bringSwapsIntoView() {
  document.addEventListener("htmx:afterSettle", (event) => {
    const target = event.detail && event.detail.target;
    if (!target || !target.querySelector) return;
    const focus = target.querySelector("[data-focus-after-swap]");
    if (!focus) return;
    bring(focus, target.hasAttribute("data-swap-scrolls-here") ? target : focus, true);
  });
}

// A result on a freshly loaded page (a plain form post, a reload of the attempt's address).
export function bringIntoViewOnLoad() {
  const area = document.querySelector("[data-bring-into-view]");
  const focus = area && area.querySelector("[data-focus-after-swap]");
  if (focus) bring(focus, area, false);
}
