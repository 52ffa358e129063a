// One recorder per <form data-recorder>: the states of a take, from Start to Sent.
// Without a microphone (or without our markup) the form is left to post its file input.

import { TEXT, announce, messageForError } from "./messages.js";
import {
  audioIsRunning, canRecord, currentStream, getAnalyser, getStream, hasLiveTrack, readDb, sampleBuffer,
  wakeAudioContext
} from "./microphone.js";
import { createMeter } from "./meter.js";
import { hear, pauseAfterSpeech, soundedTooQuiet, startHearing } from "./silence.js";
import {
  fileFor, makeMediaRecorder, postLikeHtmx, putInFileInput, recordedType, recordingFormData, swapResponse
} from "./upload.js";
import {
  emptyPlayback, findParts, fixInfiniteDuration, focusLater, hide, maxSecondsOf, show, showFreshForm, showLive,
  showSending, showState, showUnsupported
} from "./view.js";

function noop() {}

// afterSwap(element) runs on content we swapped in ourselves, so its recorder starts too.
export function createRecorder(form, { afterSwap }) {
  const parts = findParts(form);
  const { live, recordBtn, status, playback, rerecordBtn, sendBtn, fileInput } = parts;
  const maxSeconds = maxSecondsOf(form);
  const meter = createMeter(parts.meter);

  let state = "idle"; // idle | starting | recording | stopping | recorded | sending
  let mediaRecorder = null;
  let askedType = "";
  let chunks = [];
  let blob = null;
  let file = null;
  let fileAssigned = false;
  let objectUrl = null;
  let stopReason = "";
  let maxTimer = 0;
  let rafId = 0;
  let lastSubmitter = null;
  let sending = false;
  let take = null; // loudness analysis of the current recording

  const self = {
    form: form,
    recordButton: recordBtn,
    isUsable: () => form.isConnected && !!live && !live.hidden,
    toggle: toggle,
    onTrackEnded: onTrackEnded,
    beforeSubmit: beforeSubmit,
    afterSubmitListeners: afterSubmitListeners,
    abort: abort,
    reset: resetAfterPageShow
  };

  if (!live || !recordBtn || !status) return self; // not our markup: leave the form alone

  showFreshForm(form, parts);
  meter.clear();
  if (!canRecord()) {
    showUnsupported(parts);
    return self;
  }
  showLive(parts);
  greet();
  listen();
  return self;

  function greet() {
    const haveMicrophone = hasLiveTrack(currentStream());
    announce(status, haveMicrophone ? TEXT.ready : TEXT.firstAsk);
    if (haveMicrophone || !navigator.permissions || !navigator.permissions.query) return;
    // Learners who already allowed (or blocked) the microphone needn't read about the browser's question.
    try {
      navigator.permissions.query({ name: "microphone" }).then((result) => {
        if (state !== "idle" || status.textContent !== TEXT.firstAsk) return;
        if (result.state === "granted") announce(status, TEXT.ready);
        else if (result.state === "denied") announce(status, TEXT.blocked);
      }, noop);
    } catch (e) { /* "microphone" is not a known permission name here */ }
  }

  function listen() {
    recordBtn.addEventListener("click", () => { toggle(); });
    if (rerecordBtn) {
      rerecordBtn.addEventListener("click", () => {
        if (state !== "recorded") return;
        recordBtn.focus(); // Record again is about to hide
        start();
      });
    }
    // Older browsers give submit events no submitter: remember which button was pressed.
    form.addEventListener("click", (e) => {
      const b = e.target.closest && e.target.closest('button[type="submit"], input[type="submit"], button:not([type])');
      if (b && form.contains(b)) lastSubmitter = b;
    });
    if (fileInput) fileInput.addEventListener("change", () => { fileAssigned = false; });
    if (playback) playback.addEventListener("loadedmetadata", () => fixInfiniteDuration(playback));
    form.addEventListener("htmx:beforeRequest", (e) => {
      if (e.detail && e.detail.elt && e.detail.elt !== form) return;
      setSending(true);
    });
    form.addEventListener("htmx:afterRequest", (e) => {
      if (e.detail && e.detail.elt && e.detail.elt !== form) return;
      finishSending(!!(e.detail && e.detail.successful));
    });
  }

  function setState(next) {
    state = next;
    showState(form, parts, next);
  }

  function revokeUrl() {
    if (objectUrl) URL.revokeObjectURL(objectUrl);
    objectUrl = null;
  }

  function clearRecording() {
    revokeUrl();
    emptyPlayback(playback);
    hide(sendBtn);
    hide(rerecordBtn);
    blob = null;
    file = null;
    if (fileAssigned && fileInput) fileInput.value = "";
    fileAssigned = false;
  }

  // ----- Recording -----
  function toggle() {
    if (sending) return;
    if (state === "recording") stop("manual");
    else if (state === "idle" || state === "recorded") start();
  }

  function start() {
    if (sending || (state !== "idle" && state !== "recorded")) return;
    wakeAudioContext(); // synchronously, inside the user's gesture
    clearRecording();
    setState("starting");
    getStream().then((stream) => {
      if (state !== "starting" || !form.isConnected) return;
      begin(stream);
    }, (err) => {
      if (state !== "starting") return;
      setState("idle");
      announce(status, messageForError(err));
    });
  }

  function begin(stream) {
    try {
      const made = makeMediaRecorder(stream);
      const mr = made.recorder;
      askedType = made.type;
      chunks = [];
      // Events of a recorder we have let go of (aborted, replaced) are ignored.
      mr.addEventListener("dataavailable", (e) => { if (mr === mediaRecorder && e.data && e.data.size) chunks.push(e.data); });
      mr.addEventListener("stop", () => { if (mr === mediaRecorder) finish(); });
      mr.addEventListener("error", () => {
        if (mr !== mediaRecorder) return;
        cancelTimers();
        mediaRecorder = null;
        setState("idle");
        announce(status, TEXT.failed);
      });
      mediaRecorder = mr;
      mr.start();
    } catch (e) {
      mediaRecorder = null;
      setState("idle");
      announce(status, TEXT.failed);
      return;
    }
    stopReason = "";
    setState("recording");
    announce(status, TEXT.listening);
    startAnalysis(stream);
    maxTimer = setTimeout(() => { stop("max"); }, maxSeconds * 1000);
  }

  function startAnalysis(stream) {
    const analyser = getAnalyser(stream);
    const now = performance.now();
    take = { analyser: analyser, buffer: analyser ? sampleBuffer(analyser) : null, lastTick: now, hearing: startHearing(now) };
    meter.restart();
    rafId = requestAnimationFrame(tick);
  }

  function tick() {
    rafId = 0;
    if (state !== "recording" || !take) return;
    if (!form.isConnected) { abort(); return; }
    const now = performance.now();
    const dt = Math.min(now - take.lastTick, 100); // a background tab pauses frames: don't count that as sound or silence
    take.lastTick = now;
    if (take.analyser && audioIsRunning()) {
      const db = readDb(take.analyser, take.buffer);
      take.hearing = hear(take.hearing, db, dt, now);
      meter.follow(db, now);
      if (pauseAfterSpeech(take.hearing, now)) { stop("silence"); return; }
    }
    rafId = requestAnimationFrame(tick);
  }

  function cancelTimers() {
    if (maxTimer) clearTimeout(maxTimer);
    if (rafId) cancelAnimationFrame(rafId);
    maxTimer = 0;
    rafId = 0;
  }

  function stop(reason) {
    if (state !== "recording") return;
    stopReason = reason;
    cancelTimers();
    meter.clear();
    setState("stopping");
    try {
      if (mediaRecorder && mediaRecorder.state !== "inactive") {
        mediaRecorder.stop();
        return; // finish() runs on the "stop" event
      }
    } catch (e) { /* fall through */ }
    finish();
  }

  function finish() {
    if (state !== "stopping") return;
    const mr = mediaRecorder;
    mediaRecorder = null;
    const type = recordedType(mr, askedType, chunks);
    const recorded = new Blob(chunks, { type: type });
    chunks = [];
    const hearing = take && take.hearing;
    take = null;
    if (!recorded.size) {
      setState("idle");
      announce(status, TEXT.failed);
      focusLater(form, recordBtn);
      return;
    }
    setState("recorded");
    show(rerecordBtn);
    if (soundedTooQuiet(hearing)) {
      announce(status, TEXT.quiet);
      focusLater(form, recordBtn);
      return;
    }
    blob = recorded;
    file = fileFor(recorded, type);
    revokeUrl();
    objectUrl = URL.createObjectURL(recorded);
    if (playback) {
      playback.src = objectUrl;
      show(playback);
    }
    show(sendBtn);
    if (sendBtn) sendBtn.disabled = false;
    announce(status, stopReason === "max" ? TEXT.tooLong : TEXT.done);
    focusLater(form, sendBtn || recordBtn);
  }

  // Stop without keeping anything (the form left the page, or the page is going away).
  function abort() {
    cancelTimers();
    const mr = mediaRecorder;
    mediaRecorder = null;
    take = null;
    if (mr && mr.state !== "inactive") { try { mr.stop(); } catch (e) { /* ignore */ } }
    if (state === "recording" || state === "stopping" || state === "starting") setState("idle");
    meter.clear();
    if (!form.isConnected) revokeUrl();
  }

  function onTrackEnded(stream) {
    const current = currentStream();
    if (stream !== current && current) return;
    if (state === "recording") stop("manual"); // the microphone went away: keep what we have
  }

  function resetAfterPageShow() {
    if (sending) finishSending(false, true);
    if (state === "starting" || state === "recording" || state === "stopping") abort();
  }

  // ----- Sending -----
  function setSending(on) {
    sending = on;
    showSending(form, parts, on);
    if (on) announce(status, TEXT.sending);
  }

  function finishSending(ok, quietly) {
    if (!sending) return;
    const sendHadFocus = document.activeElement === sendBtn || document.activeElement === document.body;
    setSending(false);
    if (!form.isConnected) return; // the response replaced this form
    if (ok) {
      // This recording is done: don't offer to send it twice.
      clearRecording();
      if (state === "recorded") show(rerecordBtn);
      if (!quietly) announce(status, TEXT.sent);
    } else {
      if (!quietly) announce(status, TEXT.sendFailed);
      if (sendHadFocus && blob && sendBtn && !sendBtn.hidden) sendBtn.focus();
    }
  }

  // Runs before anyone else sees the submit (capture phase on window).
  function beforeSubmit(e) {
    const submitter = e.submitter || lastSubmitter;
    lastSubmitter = null;
    if (sending) { e.preventDefault(); e.stopImmediatePropagation(); return; }
    const viaSend = submitter ? submitter === sendBtn : (!!blob && state === "recorded");
    if (!viaSend) return; // the upload button: the chosen file goes as it is
    if (!blob || state !== "recorded" || !sendBtn || sendBtn.hidden) {
      e.preventDefault(); e.stopImmediatePropagation();
      return;
    }
    // Put the recording into the file input now, before htmx or the browser reads the form.
    fileAssigned = putInFileInput(fileInput, file);
    if (fileAssigned) return;
    e.preventDefault(); e.stopImmediatePropagation();
    sendWithFetch();
  }

  // Runs after the form's own listeners (bubble phase on document).
  function afterSubmitListeners(e) {
    if (e.defaultPrevented || sending) return; // htmx took it (htmx:beforeRequest follows) or we did
    sending = true; // an ordinary page submission: block a second one at once...
    setTimeout(() => { setSending(true); }, 0); // ...and disable after the browser has read the form
  }

  function sendWithFetch() {
    const data = recordingFormData(form, file, blob);
    setSending(true);
    postLikeHtmx(form, data).then((html) => {
      finishSending(true);
      afterSwap(swapResponse(form, html));
    }).catch(() => {
      finishSending(false);
    });
  }
}
