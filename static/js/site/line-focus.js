// Line focus, a reading preference (<html data-line-focus="ruler|focus|off">): a band the
// height of a line or two follows the pointer, a finger or the keyboard focus. "ruler" tints
// the band; "focus" shades the page above and below it. The parts ignore the pointer, so
// everything under them still works.

function makePart(name) {
  const part = document.createElement("div");
  part.className = `line-focus-part line-focus-${name}`;
  part.setAttribute("aria-hidden", "true");
  part.hidden = true;
  document.body.appendChild(part);
  return part;
}

export function followWithLineFocus() {
  let parts = null;
  let lastY = null;

  function mode() {
    return document.documentElement.getAttribute("data-line-focus") || "off";
  }

  function place(y) {
    lastY = y;
    const current = mode();
    if (current === "off") {
      if (parts) Object.values(parts).forEach((p) => { p.hidden = true; });
      return;
    }
    if (!parts) parts = { above: makePart("above"), band: makePart("band"), below: makePart("below") };
    const style = getComputedStyle(document.documentElement);
    const line = parseFloat(style.fontSize) * (parseFloat(style.lineHeight) / parseFloat(style.fontSize) || 1.7);
    const height = Math.round(line * 1.6);
    const top = Math.max(0, Math.round(y - height / 2));
    parts.band.style.top = `${top}px`;
    parts.band.style.height = `${height}px`;
    parts.above.style.height = `${top}px`;
    parts.below.style.top = `${top + height}px`;
    parts.band.hidden = false;
    parts.above.hidden = current !== "focus";
    parts.below.hidden = current !== "focus";
  }

  document.addEventListener("pointermove", (e) => { if (mode() !== "off") place(e.clientY); }, { passive: true });
  document.addEventListener("touchmove", (e) => {
    if (mode() !== "off" && e.touches.length) place(e.touches[0].clientY);
  }, { passive: true });
  document.addEventListener("focusin", (e) => {
    if (mode() === "off" || !e.target.getBoundingClientRect) return;
    const box = e.target.getBoundingClientRect();
    place(box.top + Math.min(box.height, 80) / 2);
  });
  document.addEventListener("reading-style-changed", () => { if (lastY !== null || mode() !== "off") place(lastY || window.innerHeight / 3); });
  if (mode() !== "off") place(window.innerHeight / 3);
}
