// While a word is spoken, light up its letters sound by sound (the groups the page marks
// with data-sound inside [data-sounds-of]). The clip carries no timings, so the sounds are
// spread evenly over its length, leaving out the quiet lead-in and tail.

const QUIET_SHARE = 0.12; // of the clip, before the first sound and after the last

function chunksFor(text) {
  const word = Array.prototype.find.call(
    document.querySelectorAll("[data-sounds-of]"),
    (el) => el.getAttribute("data-sounds-of") === text
  );
  if (!word) return [];
  return Array.prototype.filter.call(word.querySelectorAll("[data-sound]"), (el) => el.getAttribute("data-sound"));
}

function clear(chunks) {
  chunks.forEach((el) => { el.classList.remove("is-sounding"); });
}

export function highlightSoundsWhileSpeaking() {
  document.addEventListener("listen:playing", (event) => {
    const { audio, text } = event.detail || {};
    const chunks = chunksFor(text);
    if (!audio || chunks.length < 2) return;
    let frame = 0;
    function step() {
      const length = audio.duration;
      if (!length || !isFinite(length) || audio.paused || audio.ended) {
        clear(chunks);
        if (!audio.paused && !audio.ended) frame = requestAnimationFrame(step);
        return;
      }
      const spoken = (audio.currentTime - length * QUIET_SHARE) / (length * (1 - 2 * QUIET_SHARE));
      const index = Math.min(chunks.length - 1, Math.floor(Math.max(0, spoken) * chunks.length));
      chunks.forEach((el, i) => { el.classList.toggle("is-sounding", i === index && spoken >= 0 && spoken < 1); });
      frame = requestAnimationFrame(step);
    }
    audio.addEventListener("playing", () => { cancelAnimationFrame(frame); frame = requestAnimationFrame(step); });
    ["ended", "pause", "error"].forEach((name) => {
      audio.addEventListener(name, () => { cancelAnimationFrame(frame); clear(chunks); });
    });
  });
}
