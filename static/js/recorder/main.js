// Dyslexia Empower Hub: record one spoken word in the browser and send it.
//
// Enhances every <form data-recorder> (templates/partials/recorder_form.html),
// including those htmx swaps in later. Without JavaScript, or in a browser that
// can't record, the form still works through its file input. Nothing is global
// except window.DEHRecorder.init(root).

import { listenToKeyboard } from "./keyboard.js";
import { onStreamEnded, releaseStream } from "./microphone.js";
import { createRecorder } from "./recorder.js";

const registry = new WeakMap(); // form -> recorder
let recorders = [];             // recorders whose form may still be in the page

// Forget recorders whose form was swapped out, stopping any take they still hold.
function prune() {
  recorders = recorders.filter((r) => {
    if (r.form.isConnected) return true;
    r.abort();
    return false;
  });
}

function recorderForms(root) {
  const forms = Array.prototype.slice.call(root.querySelectorAll("[data-recorder]"));
  if (root.nodeType === 1 && root.matches("[data-recorder]")) forms.unshift(root);
  return forms;
}

function init(root) {
  root = root || document;
  if (!root.querySelectorAll) return 0;
  let count = 0;
  recorderForms(root).forEach((form) => {
    if (registry.has(form)) return;
    const rec = createRecorder(form, { afterSwap: init });
    registry.set(form, rec);
    recorders.push(rec);
    form.setAttribute("data-recorder-ready", "");
    count += 1;
  });
  prune();
  return count;
}

// The newest usable form: after a swap the fresh form is the one on screen.
function activeRecorder() {
  for (let i = recorders.length - 1; i >= 0; i--) {
    if (recorders[i].isUsable()) return recorders[i];
  }
  return null;
}

function listenToPage() {
  listenToKeyboard(activeRecorder);
  onStreamEnded((stream) => recorders.forEach((r) => r.onTrackEnded(stream)));

  window.addEventListener("submit", (e) => {
    const rec = registry.get(e.target);
    if (rec) rec.beforeSubmit(e);
  }, true);
  document.addEventListener("submit", (e) => {
    const rec = registry.get(e.target);
    if (rec) rec.afterSubmitListeners(e);
  });

  // Let go of the microphone when leaving, so its light goes out; a page
  // restored from the back/forward cache must not look busy.
  window.addEventListener("pagehide", () => {
    recorders.forEach((r) => r.abort());
    releaseStream();
  });
  window.addEventListener("pageshow", (e) => {
    if (e.persisted) recorders.forEach((r) => r.reset());
  });

  document.addEventListener("htmx:load", (e) => {
    init((e.detail && e.detail.elt) || e.target);
  });
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", () => { init(document); });
  } else {
    init(document);
  }
}

// A module runs once per URL, but the same file under another URL (a stale
// cached copy, a hashed and an unhashed name) would add every listener twice.
if (!window.DEHRecorder) {
  listenToPage();
  window.DEHRecorder = { init: (root) => init(root) };
}
