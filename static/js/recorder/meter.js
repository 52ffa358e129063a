// The loudness bar: quick to rise so a word is seen at once, slow to fall so it doesn't flicker.

const ARIA_INTERVAL_MS = 250; // screen readers can't keep up with every frame
const reducedMotion = window.matchMedia ? window.matchMedia("(prefers-reduced-motion: reduce)") : null;

// -60 dBFS (a quiet room) shows empty, -10 dBFS (close and loud) shows full.
export function levelFor(db) {
  return Math.min(1, Math.max(0, (db + 60) / 50));
}

export function smoothLevel(previous, target) {
  return target > previous ? target : previous * 0.85 + target * 0.15;
}

export function drawMeter(meter, level, updateAria) {
  if (!meter) return;
  meter.style.setProperty("--level", level.toFixed(3));
  if (updateAria) meter.setAttribute("aria-valuenow", String(Math.round(level * 100)));
}

export function createMeter(element) {
  let level = 0;
  let lastAria = 0;
  return {
    restart() { level = 0; lastAria = 0; },
    clear() { drawMeter(element, 0, true); },
    follow(db, now) {
      level = smoothLevel(level, levelFor(db));
      const ariaDue = now - lastAria >= ARIA_INTERVAL_MS;
      if (ariaDue) lastAria = now;
      // Under reduced motion the bar moves in a few calm steps; the value is still reported.
      if (ariaDue || !(reducedMotion && reducedMotion.matches)) drawMeter(element, level, ariaDue);
    }
  };
}
