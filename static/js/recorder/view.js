// The recorder form's markup (templates/partials/recorder_form.html) and how each state looks.

import { TEXT } from "./messages.js";
import { whenSpaceReleased } from "./keyboard.js";

const DEFAULT_MAX_SECONDS = 5;

export function findParts(form) {
  return {
    live: form.querySelector("[data-recorder-live]"),
    fallback: form.querySelector("[data-file-fallback]"),
    recordBtn: form.querySelector("[data-record]"),
    recordLabel: form.querySelector("[data-record-label]"),
    meter: form.querySelector("[data-meter]"),
    status: form.querySelector("[data-recorder-status]"),
    playback: form.querySelector("[data-playback]"),
    rerecordBtn: form.querySelector("[data-rerecord]"),
    sendBtn: form.querySelector("[data-send]"),
    uploadBtn: form.querySelector("[data-upload-send]"),
    fileInput: form.querySelector('input[type="file"][name="recording"]')
  };
}

// data-max-seconds, kept between 1 and 60 so a typo can't make an endless or useless recorder.
export function maxSecondsOf(form) {
  const seconds = parseFloat(form.getAttribute("data-max-seconds"));
  return Math.min(Math.max(seconds > 0 ? seconds : DEFAULT_MAX_SECONDS, 1), 60);
}

export function hide(el) { if (el) el.hidden = true; }
export function show(el) { if (el) el.hidden = false; }

// Also undoes a snapshot restored from htmx's history cache.
export function showFreshForm(form, parts) {
  form.classList.remove("is-recording", "is-recorded", "is-sending");
  hide(parts.rerecordBtn); hide(parts.sendBtn); hide(parts.playback);
  parts.recordBtn.setAttribute("aria-pressed", "false");
  if (parts.recordLabel) parts.recordLabel.textContent = TEXT.start;
}

export function showUnsupported(parts) {
  parts.live.hidden = true;
  const fallback = parts.fallback;
  if (!fallback) return;
  fallback.classList.remove("is-secondary");
  if (fallback.querySelector("[data-recorder-unsupported]")) return;
  const p = document.createElement("p");
  p.className = "recorder-unsupported";
  p.setAttribute("data-recorder-unsupported", "");
  p.textContent = TEXT.unsupported;
  fallback.insertBefore(p, fallback.firstChild);
}

export function showLive(parts) {
  parts.live.hidden = false;
  if (parts.fallback) parts.fallback.classList.add("is-secondary");
}

// state: idle | starting | recording | stopping | recorded | sending
export function showState(form, parts, state) {
  const recording = state === "recording";
  form.classList.toggle("is-recording", recording);
  form.classList.toggle("is-recorded", state === "recorded");
  parts.recordBtn.setAttribute("aria-pressed", recording ? "true" : "false");
  if (parts.recordLabel) parts.recordLabel.textContent = recording ? TEXT.stop : TEXT.start;
}

export function showSending(form, parts, on) {
  form.classList.toggle("is-sending", on);
  if (on) form.setAttribute("aria-busy", "true"); else form.removeAttribute("aria-busy");
  [parts.recordBtn, parts.sendBtn, parts.uploadBtn, parts.rerecordBtn].forEach((b) => { if (b) b.disabled = on; });
}

export function emptyPlayback(playback) {
  if (!playback) return;
  try { playback.pause(); } catch (e) { /* ignore */ }
  playback.removeAttribute("src");
  try { playback.load(); } catch (e) { /* ignore */ }
  hide(playback);
}

export function focusLater(form, el) {
  if (!el || el.hidden) return;
  whenSpaceReleased(() => {
    setTimeout(() => { if (form.isConnected && !el.hidden && !el.disabled) el.focus(); }, 0);
  });
}

// Chromium reports Infinity as the length of a fresh webm recording; seeking
// past the end once makes it work out the real length for the controls.
export function fixInfiniteDuration(playback) {
  if (playback.duration !== Infinity) return;
  const src = playback.currentSrc;
  playback.addEventListener("timeupdate", function back() {
    playback.removeEventListener("timeupdate", back);
    if (playback.currentSrc === src) playback.currentTime = 0;
  });
  try { playback.currentTime = 1e101; } catch (e) { /* ignore */ }
}
