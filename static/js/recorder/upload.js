// Turning a take into a file and getting it to the server: through the form's
// own file input when the browser allows it (so htmx or a plain post sends it),
// otherwise by posting it ourselves the way htmx would.

// Opus first: small files for one spoken word. mp4 for browsers (Safari) that record nothing else.
const MIME_TYPES = ["audio/webm;codecs=opus", "audio/ogg;codecs=opus", "audio/mp4", "audio/webm"];
const EXTENSIONS = {
  "audio/webm": "webm", "video/webm": "webm", "audio/ogg": "ogg", "audio/mp4": "mp4",
  "video/mp4": "mp4", "audio/x-m4a": "m4a", "audio/aac": "aac", "audio/mpeg": "mp3",
  "audio/wav": "wav", "audio/x-wav": "wav"
};

export function pickMimeType() {
  if (typeof MediaRecorder.isTypeSupported !== "function") return "";
  for (const type of MIME_TYPES) {
    try { if (MediaRecorder.isTypeSupported(type)) return type; } catch (e) { /* next */ }
  }
  return "";
}

// { recorder, type }: type is "" when the browser picks its own format.
export function makeMediaRecorder(stream) {
  const type = pickMimeType();
  if (type) {
    try { return { recorder: new MediaRecorder(stream, { mimeType: type }), type: type }; } catch (e) { /* fall back */ }
  }
  return { recorder: new MediaRecorder(stream), type: "" };
}

export function extensionFor(type) {
  const base = (type || "").split(";")[0].trim().toLowerCase();
  return EXTENSIONS[base] || "webm";
}

// What the browser actually recorded can differ from what we asked for.
export function recordedType(mediaRecorder, askedType, chunks) {
  return (mediaRecorder && mediaRecorder.mimeType) || askedType || (chunks[0] && chunks[0].type) || "audio/webm";
}

// A plain type and a matching name, as if the learner had chosen the file from disk.
export function fileFor(blob, type) {
  const baseType = type.split(";")[0].trim() || "audio/webm";
  try { return new File([blob], "recording." + extensionFor(type), { type: baseType }); } catch (e) { return null; }
}

// True when the file input now holds exactly this file (not every browser lets us set it).
export function putInFileInput(fileInput, file) {
  if (!file || !fileInput || typeof window.DataTransfer !== "function") return false;
  try {
    const dt = new DataTransfer();
    dt.items.add(file);
    fileInput.files = dt.files;
    return !!(fileInput.files && fileInput.files.length === 1 && fileInput.files[0].size === file.size);
  } catch (e) {
    return false;
  }
}

// Read the form before the caller disables anything: disabled controls are left out.
export function recordingFormData(form, file, blob) {
  const data = new FormData(form);
  if (file) data.set("recording", file); else data.set("recording", blob, "recording." + extensionFor(blob.type));
  return data;
}

// Resolves with the response's HTML; rejects on a network error or a non-2xx answer.
export function postLikeHtmx(form, data) {
  const url = form.getAttribute("hx-post") || form.getAttribute("action") || location.href;
  return fetch(url, {
    method: "POST", body: data, credentials: "same-origin",
    headers: { "HX-Request": "true", "HX-Current-URL": location.href }
  }).then((response) => response.text().then((html) => {
    if (!response.ok) throw new Error("HTTP " + response.status);
    return html;
  }));
}

// The subset of hx-target that our templates use.
export function resolveTarget(form) {
  const spec = (form.getAttribute("hx-target") || "").trim();
  if (!spec || spec === "this") return form;
  try {
    if (spec.indexOf("closest ") === 0) return form.closest(spec.slice(8)) || form;
    if (spec.indexOf("find ") === 0) return form.querySelector(spec.slice(5)) || form;
    return document.querySelector(spec) || form;
  } catch (e) {
    return form;
  }
}

// Swaps html in as the form's hx-target/hx-swap ask; returns the element holding the new content.
export function swapResponse(form, html) {
  const target = resolveTarget(form);
  const outer = /^outerHTML/.test((form.getAttribute("hx-swap") || "").trim());
  const parent = target.parentNode;
  if (outer && parent) target.outerHTML = html; else target.innerHTML = html;
  const processed = outer && parent ? parent : target;
  if (window.htmx && typeof window.htmx.process === "function") window.htmx.process(processed);
  return processed;
}
