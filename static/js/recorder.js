// Dyslexia Empower Hub: record one spoken word in the browser and send it.
//
// Enhances <form data-recorder> (see the template for the markup). Without
// JavaScript, or in a browser that can't record, the form still works through
// its file input. Nothing is global except window.DEHRecorder.init(root).
(function () {
  "use strict";

  if (window.DEHRecorder) return; // loaded twice (e.g. by a swapped partial): keep the first copy

  var MIME_TYPES = ["audio/webm;codecs=opus", "audio/ogg;codecs=opus", "audio/mp4", "audio/webm"];
  var DEFAULT_MAX_SECONDS = 5;
  // Loudness thresholds in dBFS (RMS over one analyser window, about 43 ms).
  var SPEECH_DB = -40;   // at least this loud counts as speech...
  var SILENCE_DB = -48;  // ...and below this, after speech, counts as silence
  var QUIET_DB = -48;    // a recording that never gets above this is "very quiet"
  var SPEECH_MS = 150;   // this much speech (small gaps allowed) before we listen for the pause
  var SILENCE_MS = 900;  // this much silence after speech stops the recording
  var ARIA_INTERVAL_MS = 250;

  var TEXT = {
    firstAsk: "When you press Start, your browser will ask to use the microphone. Please choose Allow.",
    ready: "Press Start recording, then say the word.",
    listening: "Listening… say the word.",
    quiet: "That was very quiet. Move closer to the microphone and try again.",
    tooLong: "That recording reached the time limit. Say just the word, then stop.",
    done: "Listen back if you like, then send it.",
    sending: "Sending…",
    sent: "Sent. Thank you!",
    sendFailed: "We couldn't send your recording. Please try again.",
    blocked: "The microphone is blocked. To allow it, click the lock or camera icon next to the web address, " +
      "choose Allow for the microphone, then try again. You can also upload a recording below.",
    noMic: "We can't find a microphone. Plug one in or turn it on, then try again. You can also upload a recording below.",
    busy: "Another app is using the microphone. Close it, then try again.",
    failed: "Something went wrong with the microphone. Please try again, or upload a recording below.",
    unsupported: "Your browser can't record here. You can upload a recording instead.",
    start: "Start recording",
    stop: "Stop recording"
  };

  // Shared for the page's life: one microphone stream, one AudioContext, one analyser.
  var shared = { stream: null, pending: null, context: null, source: null, sourceStream: null, analyser: null };
  var registry = new WeakMap(); // form -> recorder
  var recorders = [];           // recorders whose form may still be in the page
  var spaceHeld = false;
  var afterSpaceUp = [];
  var reducedMotion = window.matchMedia ? window.matchMedia("(prefers-reduced-motion: reduce)") : null;

  function noop() {}

  function canRecord() {
    return !!(navigator.mediaDevices && typeof navigator.mediaDevices.getUserMedia === "function" &&
      typeof window.MediaRecorder === "function");
  }

  function pickMimeType() {
    if (typeof MediaRecorder.isTypeSupported !== "function") return "";
    for (var i = 0; i < MIME_TYPES.length; i++) {
      try { if (MediaRecorder.isTypeSupported(MIME_TYPES[i])) return MIME_TYPES[i]; } catch (e) { /* next */ }
    }
    return "";
  }

  function extensionFor(type) {
    var base = (type || "").split(";")[0].trim().toLowerCase();
    var map = { "audio/webm": "webm", "video/webm": "webm", "audio/ogg": "ogg", "audio/mp4": "mp4",
      "video/mp4": "mp4", "audio/x-m4a": "m4a", "audio/aac": "aac", "audio/mpeg": "mp3",
      "audio/wav": "wav", "audio/x-wav": "wav" };
    return map[base] || "webm";
  }

  function messageForError(err) {
    var name = err && err.name;
    if (name === "NotAllowedError" || name === "SecurityError" || name === "PermissionDeniedError") return TEXT.blocked;
    if (name === "NotFoundError" || name === "OverconstrainedError" || name === "DevicesNotFoundError" ||
      name === "ConstraintNotSatisfiedError") return TEXT.noMic;
    if (name === "NotReadableError" || name === "TrackStartError") return TEXT.busy;
    return TEXT.failed;
  }

  function hasLiveTrack(stream) {
    return !!stream && stream.getAudioTracks().some(function (t) { return t.readyState === "live"; });
  }

  function getStream() {
    if (hasLiveTrack(shared.stream)) return Promise.resolve(shared.stream);
    if (shared.pending) return shared.pending;
    shared.stream = null;
    shared.pending = navigator.mediaDevices.getUserMedia({
      audio: { echoCancellation: true, noiseSuppression: true, channelCount: 1 }
    }).then(function (stream) {
      shared.stream = stream;
      stream.getAudioTracks().forEach(function (track) {
        track.addEventListener("ended", function () {
          if (shared.stream === stream && !hasLiveTrack(stream)) shared.stream = null;
          recorders.forEach(function (r) { r.onTrackEnded(stream); });
        });
      });
      return stream;
    });
    shared.pending.then(function () { shared.pending = null; }, function () { shared.pending = null; });
    return shared.pending;
  }

  function releaseStream() {
    if (shared.stream) shared.stream.getTracks().forEach(function (t) { t.stop(); });
    shared.stream = null;
    dropSource();
  }

  // Called inside the click/keydown handler: browsers start an AudioContext suspended
  // unless it is created or resumed during a user gesture.
  function wakeAudioContext() {
    var Ctx = window.AudioContext || window.webkitAudioContext;
    if (!Ctx) return null;
    if (!shared.context) {
      try { shared.context = new Ctx(); } catch (e) { return null; }
    }
    if (shared.context.state !== "running" && typeof shared.context.resume === "function") {
      try { shared.context.resume().catch(noop); } catch (e) { /* ignore */ }
    }
    return shared.context;
  }

  function dropSource() {
    if (shared.source) { try { shared.source.disconnect(); } catch (e) { /* ignore */ } }
    shared.source = null;
    shared.sourceStream = null;
    shared.analyser = null;
  }

  function getAnalyser(stream) {
    var ctx = shared.context;
    if (!ctx) return null;
    if (shared.sourceStream === stream && shared.analyser) return shared.analyser;
    dropSource();
    try {
      var source = ctx.createMediaStreamSource(stream);
      var analyser = ctx.createAnalyser();
      analyser.fftSize = 2048;
      source.connect(analyser); // an analyser is pulled without being connected to the speakers
      shared.source = source;
      shared.sourceStream = stream;
      shared.analyser = analyser;
      return analyser;
    } catch (e) {
      dropSource();
      return null; // e.g. a sample-rate mismatch: record without the meter and silence detection
    }
  }

  function readDb(analyser, buffer) {
    var sum = 0;
    var i;
    if (buffer instanceof Float32Array) {
      analyser.getFloatTimeDomainData(buffer);
      for (i = 0; i < buffer.length; i++) sum += buffer[i] * buffer[i];
    } else {
      analyser.getByteTimeDomainData(buffer);
      for (i = 0; i < buffer.length; i++) { var v = (buffer[i] - 128) / 128; sum += v * v; }
    }
    var rms = Math.sqrt(sum / buffer.length);
    return rms > 0.00001 ? 20 * Math.log10(rms) : -100;
  }

  function isInteractive(el, recordButton) {
    if (!el || el.nodeType !== 1 || el === document.body || el === document.documentElement) return false;
    if (el === recordButton) return false;
    if (el.isContentEditable) return true;
    if (el.closest("input, textarea, select, button, a[href], summary, audio, video, iframe, [contenteditable]")) return true;
    var role = (el.getAttribute("role") || "").toLowerCase();
    return /^(button|checkbox|radio|switch|menuitem|menuitemcheckbox|menuitemradio|tab|option|slider|spinbutton|textbox|combobox|searchbox|link)$/.test(role);
  }

  function whenSpaceReleased(fn) {
    if (spaceHeld) afterSpaceUp.push(fn); else fn();
  }

  function resolveTarget(form) {
    var spec = (form.getAttribute("hx-target") || "").trim();
    if (!spec || spec === "this") return form;
    try {
      if (spec.indexOf("closest ") === 0) return form.closest(spec.slice(8)) || form;
      if (spec.indexOf("find ") === 0) return form.querySelector(spec.slice(5)) || form;
      return document.querySelector(spec) || form;
    } catch (e) {
      return form;
    }
  }

  function createRecorder(form) {
    var live = form.querySelector("[data-recorder-live]");
    var fallback = form.querySelector("[data-file-fallback]");
    var recordBtn = form.querySelector("[data-record]");
    var recordLabel = form.querySelector("[data-record-label]");
    var meter = form.querySelector("[data-meter]");
    var status = form.querySelector("[data-recorder-status]");
    var playback = form.querySelector("[data-playback]");
    var rerecordBtn = form.querySelector("[data-rerecord]");
    var sendBtn = form.querySelector("[data-send]");
    var uploadBtn = form.querySelector("[data-upload-send]");
    var fileInput = form.querySelector('input[type="file"][name="recording"]');
    var maxSeconds = parseFloat(form.getAttribute("data-max-seconds"));
    if (!(maxSeconds > 0)) maxSeconds = DEFAULT_MAX_SECONDS;
    maxSeconds = Math.min(Math.max(maxSeconds, 1), 60);

    var state = "idle"; // idle | starting | recording | stopping | recorded | sending
    var mediaRecorder = null;
    var chosenType = "";
    var chunks = [];
    var blob = null;
    var file = null;
    var fileAssigned = false;
    var objectUrl = null;
    var stopReason = "";
    var maxTimer = 0;
    var rafId = 0;
    var lastSubmitter = null;
    var sending = false;
    var a = null; // analysis of the current recording

    var self = {
      form: form,
      recordButton: recordBtn,
      isUsable: function () { return form.isConnected && !!live && !live.hidden; },
      toggle: toggle,
      onTrackEnded: onTrackEnded,
      beforeSubmit: beforeSubmit,
      afterSubmitListeners: afterSubmitListeners,
      abort: abort,
      reset: resetAfterPageShow
    };

    if (!live || !recordBtn || !status) return self; // not our markup: leave the form alone

    // ----- Set-up (also undoes a snapshot restored from htmx's history cache) -----
    form.classList.remove("is-recording", "is-recorded", "is-sending");
    hide(rerecordBtn); hide(sendBtn); hide(playback);
    recordBtn.setAttribute("aria-pressed", "false");
    if (recordLabel) recordLabel.textContent = TEXT.start;
    setMeter(0, true);

    if (!canRecord()) {
      live.hidden = true;
      if (fallback) {
        fallback.classList.remove("is-secondary");
        if (!fallback.querySelector("[data-recorder-unsupported]")) {
          var p = document.createElement("p");
          p.className = "recorder-unsupported";
          p.setAttribute("data-recorder-unsupported", "");
          p.textContent = TEXT.unsupported;
          fallback.insertBefore(p, fallback.firstChild);
        }
      }
      return self;
    }

    live.hidden = false;
    if (fallback) fallback.classList.add("is-secondary");
    setStatus(hasLiveTrack(shared.stream) ? TEXT.ready : TEXT.firstAsk);
    if (!hasLiveTrack(shared.stream) && navigator.permissions && navigator.permissions.query) {
      try {
        navigator.permissions.query({ name: "microphone" }).then(function (result) {
          if (state !== "idle" || status.textContent !== TEXT.firstAsk) return;
          if (result.state === "granted") setStatus(TEXT.ready);
          else if (result.state === "denied") setStatus(TEXT.blocked);
        }, noop);
      } catch (e) { /* "microphone" is not a known permission name here */ }
    }

    recordBtn.addEventListener("click", function () { toggle(); });
    if (rerecordBtn) {
      rerecordBtn.addEventListener("click", function () {
        if (state !== "recorded") return;
        recordBtn.focus(); // Record again is about to hide
        start();
      });
    }
    form.addEventListener("click", function (e) {
      var b = e.target.closest && e.target.closest('button[type="submit"], input[type="submit"], button:not([type])');
      if (b && form.contains(b)) lastSubmitter = b;
    });
    if (fileInput) fileInput.addEventListener("change", function () { fileAssigned = false; });
    if (playback) playback.addEventListener("loadedmetadata", fixInfiniteDuration);

    form.addEventListener("htmx:beforeRequest", function (e) {
      if (e.detail && e.detail.elt && e.detail.elt !== form) return;
      setSending(true);
    });
    form.addEventListener("htmx:afterRequest", function (e) {
      if (e.detail && e.detail.elt && e.detail.elt !== form) return;
      finishSending(!!(e.detail && e.detail.successful));
    });

    // ----- State and display -----
    function hide(el) { if (el) el.hidden = true; }
    function show(el) { if (el) el.hidden = false; }

    function setStatus(text) {
      if (status.textContent === text) {
        // Same words again: clear first so screen readers announce them again.
        status.textContent = "";
        setTimeout(function () { if (!status.textContent) status.textContent = text; }, 60);
      } else {
        status.textContent = text;
      }
    }

    function setState(next) {
      state = next;
      var recording = next === "recording";
      form.classList.toggle("is-recording", recording);
      form.classList.toggle("is-recorded", next === "recorded");
      recordBtn.setAttribute("aria-pressed", recording ? "true" : "false");
      if (recordLabel) recordLabel.textContent = recording ? TEXT.stop : TEXT.start;
    }

    function setMeter(level, updateAria) {
      if (!meter) return;
      meter.style.setProperty("--level", level.toFixed(3));
      if (updateAria) meter.setAttribute("aria-valuenow", String(Math.round(level * 100)));
    }

    function revokeUrl() {
      if (objectUrl) URL.revokeObjectURL(objectUrl);
      objectUrl = null;
    }

    function clearRecording() {
      revokeUrl();
      if (playback) {
        try { playback.pause(); } catch (e) { /* ignore */ }
        playback.removeAttribute("src");
        try { playback.load(); } catch (e) { /* ignore */ }
        hide(playback);
      }
      hide(sendBtn);
      hide(rerecordBtn);
      blob = null;
      file = null;
      if (fileAssigned && fileInput) fileInput.value = "";
      fileAssigned = false;
    }

    function focusLater(el) {
      if (!el || el.hidden) return;
      // If the space bar stopped the recording, wait for its keyup: otherwise
      // some browsers would "click" the newly focused button.
      whenSpaceReleased(function () {
        setTimeout(function () { if (form.isConnected && !el.hidden && !el.disabled) el.focus(); }, 0);
      });
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
      getStream().then(function (stream) {
        if (state !== "starting" || !form.isConnected) return;
        begin(stream);
      }, function (err) {
        if (state !== "starting") return;
        setState("idle");
        setStatus(messageForError(err));
      });
    }

    function makeMediaRecorder(stream) {
      chosenType = pickMimeType();
      if (chosenType) {
        try { return new MediaRecorder(stream, { mimeType: chosenType }); } catch (e) { chosenType = ""; }
      }
      return new MediaRecorder(stream);
    }

    function begin(stream) {
      var mr;
      try {
        mr = makeMediaRecorder(stream);
        chunks = [];
        mr.addEventListener("dataavailable", function (e) { if (mr === mediaRecorder && e.data && e.data.size) chunks.push(e.data); });
        mr.addEventListener("stop", function () { if (mr === mediaRecorder) finish(); });
        mr.addEventListener("error", function () {
          if (mr !== mediaRecorder) return;
          cancelTimers();
          mediaRecorder = null;
          setState("idle");
          setStatus(TEXT.failed);
        });
        mediaRecorder = mr;
        mr.start();
      } catch (e) {
        mediaRecorder = null;
        setState("idle");
        setStatus(TEXT.failed);
        return;
      }
      stopReason = "";
      setState("recording");
      setStatus(TEXT.listening);
      startAnalysis(stream);
      maxTimer = setTimeout(function () { stop("max"); }, maxSeconds * 1000);
    }

    function startAnalysis(stream) {
      var analyser = getAnalyser(stream);
      var now = performance.now();
      a = {
        analyser: analyser,
        buffer: analyser ? (typeof analyser.getFloatTimeDomainData === "function"
          ? new Float32Array(analyser.fftSize) : new Uint8Array(analyser.fftSize)) : null,
        runningFrames: 0, peakDb: -100, floorDb: 0, voicedMs: 0, gapMs: 0, speech: false,
        lastLoud: now, lastTick: now, lastAria: 0, level: 0
      };
      rafId = requestAnimationFrame(tick);
    }

    function tick() {
      rafId = 0;
      if (state !== "recording" || !a) return;
      if (!form.isConnected) { abort(); return; }
      var now = performance.now();
      var dt = Math.min(now - a.lastTick, 100);
      a.lastTick = now;
      var ctx = shared.context;
      if (a.analyser && ctx && ctx.state === "running") {
        var db = readDb(a.analyser, a.buffer);
        a.runningFrames += 1;
        if (db > a.peakDb) a.peakDb = db;
        a.floorDb = Math.min(a.floorDb, Math.max(db, -70));
        var speechDb = Math.max(SPEECH_DB, a.floorDb + 12);
        var silenceDb = Math.max(SILENCE_DB, a.floorDb + 6);
        if (db >= speechDb) {
          a.voicedMs += dt;
          a.gapMs = 0;
          if (a.voicedMs >= SPEECH_MS) a.speech = true;
        } else {
          a.gapMs += dt;
          if (!a.speech && a.gapMs > 300) a.voicedMs = 0; // a click or a bump, not a word
        }
        if (db >= silenceDb) a.lastLoud = now;
        var target = Math.min(1, Math.max(0, (db + 60) / 50));
        a.level = target > a.level ? target : a.level * 0.85 + target * 0.15; // quick rise, slow fall
        var ariaDue = now - a.lastAria >= ARIA_INTERVAL_MS;
        if (ariaDue) a.lastAria = now;
        // Under reduced motion the bar moves in a few calm steps; the value is still reported.
        if (ariaDue || !(reducedMotion && reducedMotion.matches)) setMeter(a.level, ariaDue);
        if (a.speech && now - a.lastLoud >= SILENCE_MS) { stop("silence"); return; }
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
      setMeter(0, true);
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
      var mr = mediaRecorder;
      mediaRecorder = null;
      var type = (mr && mr.mimeType) || chosenType || (chunks[0] && chunks[0].type) || "audio/webm";
      var recorded = new Blob(chunks, { type: type });
      chunks = [];
      var analysis = a;
      a = null;
      if (!recorded.size) {
        setState("idle");
        setStatus(TEXT.failed);
        focusLater(recordBtn);
        return;
      }
      var trusted = !!(analysis && analysis.analyser && analysis.runningFrames >= 3);
      setState("recorded");
      show(rerecordBtn);
      if (trusted && analysis.peakDb < QUIET_DB) {
        setStatus(TEXT.quiet);
        focusLater(recordBtn);
        return;
      }
      blob = recorded;
      var baseType = type.split(";")[0].trim() || "audio/webm";
      var name = "recording." + extensionFor(type);
      try { file = new File([recorded], name, { type: baseType }); } catch (e) { file = null; }
      revokeUrl();
      objectUrl = URL.createObjectURL(recorded);
      if (playback) {
        playback.src = objectUrl;
        show(playback);
      }
      show(sendBtn);
      if (sendBtn) sendBtn.disabled = false;
      setStatus(stopReason === "max" ? TEXT.tooLong : TEXT.done);
      focusLater(sendBtn || recordBtn);
    }

    // Chromium reports Infinity as the length of a fresh webm recording; seeking
    // past the end once makes it work out the real length for the controls.
    function fixInfiniteDuration() {
      if (playback.duration !== Infinity) return;
      var src = playback.currentSrc;
      playback.addEventListener("timeupdate", function back() {
        playback.removeEventListener("timeupdate", back);
        if (playback.currentSrc === src) playback.currentTime = 0;
      });
      try { playback.currentTime = 1e101; } catch (e) { /* ignore */ }
    }

    // Stop without keeping anything (the form left the page, or the page is going away).
    function abort() {
      cancelTimers();
      var mr = mediaRecorder;
      mediaRecorder = null;
      a = null;
      if (mr && mr.state !== "inactive") { try { mr.stop(); } catch (e) { /* ignore */ } }
      if (state === "recording" || state === "stopping" || state === "starting") setState("idle");
      setMeter(0, true);
      if (!form.isConnected) revokeUrl();
    }

    function onTrackEnded(stream) {
      if (stream !== shared.stream && shared.stream) return;
      if (state === "recording") stop("manual"); // the microphone went away: keep what we have
    }

    function resetAfterPageShow() {
      if (sending) finishSending(false, true);
      if (state === "starting" || state === "recording" || state === "stopping") abort();
    }

    // ----- Sending -----
    function assignFile() {
      fileAssigned = false;
      if (!file || !fileInput || typeof window.DataTransfer !== "function") return false;
      try {
        var dt = new DataTransfer();
        dt.items.add(file);
        fileInput.files = dt.files;
        fileAssigned = !!(fileInput.files && fileInput.files.length === 1 && fileInput.files[0].size === file.size);
      } catch (e) {
        fileAssigned = false;
      }
      return fileAssigned;
    }

    function setSending(on) {
      sending = on;
      form.classList.toggle("is-sending", on);
      if (on) form.setAttribute("aria-busy", "true"); else form.removeAttribute("aria-busy");
      [recordBtn, sendBtn, uploadBtn, rerecordBtn].forEach(function (b) { if (b) b.disabled = on; });
      if (on) setStatus(TEXT.sending);
    }

    function finishSending(ok, quietly) {
      if (!sending) return;
      var sendHadFocus = document.activeElement === sendBtn || document.activeElement === document.body;
      setSending(false);
      if (!form.isConnected) return; // the response replaced this form
      if (ok) {
        // This recording is done: don't offer to send it twice.
        clearRecording();
        if (state === "recorded") show(rerecordBtn);
        if (!quietly) setStatus(TEXT.sent);
      } else {
        if (!quietly) setStatus(TEXT.sendFailed);
        if (sendHadFocus && blob && sendBtn && !sendBtn.hidden) sendBtn.focus();
      }
    }

    // Runs before anyone else sees the submit (capture phase on window).
    function beforeSubmit(e) {
      var submitter = e.submitter || lastSubmitter;
      lastSubmitter = null;
      if (sending) { e.preventDefault(); e.stopImmediatePropagation(); return; }
      var viaSend = submitter ? submitter === sendBtn : (!!blob && state === "recorded");
      if (!viaSend) return; // the upload button: the chosen file goes as it is
      if (!blob || state !== "recorded" || !sendBtn || sendBtn.hidden) {
        e.preventDefault(); e.stopImmediatePropagation();
        return;
      }
      // Put the recording into the file input now, before htmx or the browser reads the form.
      if (assignFile()) return;
      e.preventDefault(); e.stopImmediatePropagation();
      sendWithFetch();
    }

    // Runs after the form's own listeners (bubble phase on document).
    function afterSubmitListeners(e) {
      if (e.defaultPrevented || sending) return; // htmx took it (htmx:beforeRequest follows) or we did
      sending = true; // an ordinary page submission: block a second one at once...
      setTimeout(function () { setSending(true); }, 0); // ...and disable after the browser has read the form
    }

    function sendWithFetch() {
      var url = form.getAttribute("hx-post") || form.getAttribute("action") || location.href;
      var data = new FormData(form);
      if (file) data.set("recording", file); else data.set("recording", blob, "recording." + extensionFor(blob.type));
      setSending(true);
      fetch(url, {
        method: "POST", body: data, credentials: "same-origin",
        headers: { "HX-Request": "true", "HX-Current-URL": location.href }
      }).then(function (response) {
        return response.text().then(function (html) {
          if (!response.ok) throw new Error("HTTP " + response.status);
          return html;
        });
      }).then(function (html) {
        var target = resolveTarget(form);
        var outer = /^outerHTML/.test((form.getAttribute("hx-swap") || "").trim());
        var parent = target.parentNode;
        finishSending(true);
        if (outer && parent) target.outerHTML = html; else target.innerHTML = html;
        var processed = outer && parent ? parent : target;
        if (window.htmx && typeof window.htmx.process === "function") window.htmx.process(processed);
        init(processed);
      }).catch(function () {
        finishSending(false);
      });
    }

    return self;
  }

  function prune() {
    recorders = recorders.filter(function (r) {
      if (r.form.isConnected) return true;
      r.abort();
      return false;
    });
  }

  function init(root) {
    root = root || document;
    if (!root.querySelectorAll) return 0;
    var forms = Array.prototype.slice.call(root.querySelectorAll("[data-recorder]"));
    if (root.nodeType === 1 && root.matches("[data-recorder]")) forms.unshift(root);
    var count = 0;
    forms.forEach(function (form) {
      if (registry.has(form)) return;
      var rec = createRecorder(form);
      registry.set(form, rec);
      recorders.push(rec);
      form.setAttribute("data-recorder-ready", "");
      count += 1;
    });
    prune();
    return count;
  }

  function activeRecorder() {
    for (var i = recorders.length - 1; i >= 0; i--) {
      if (recorders[i].isUsable()) return recorders[i];
    }
    return null;
  }

  // ----- Page-wide listeners, added once -----
  document.addEventListener("keydown", function (e) {
    var isSpace = e.key === " " || e.key === "Spacebar";
    if (isSpace) spaceHeld = true;
    // Holding Enter on our buttons must not press the next button that gets focus.
    if (e.repeat && (isSpace || e.key === "Enter") && e.target && e.target.closest &&
      e.target.closest("[data-recorder-ready] button")) {
      e.preventDefault();
      return;
    }
    if (!isSpace || e.repeat || e.defaultPrevented || e.isComposing ||
      e.ctrlKey || e.altKey || e.metaKey || e.shiftKey) return;
    var rec = activeRecorder();
    if (!rec || e.target === rec.recordButton || isInteractive(e.target, rec.recordButton)) return;
    e.preventDefault(); // no page scroll
    rec.toggle();
  });

  function releaseSpace(e) {
    if (e && e.type === "keyup" && !(e.key === " " || e.key === "Spacebar")) return;
    spaceHeld = false;
    var fns = afterSpaceUp;
    afterSpaceUp = [];
    fns.forEach(function (fn) { fn(); });
  }
  document.addEventListener("keyup", releaseSpace);
  window.addEventListener("blur", releaseSpace);

  window.addEventListener("submit", function (e) {
    var rec = registry.get(e.target);
    if (rec && rec.beforeSubmit) rec.beforeSubmit(e);
  }, true);
  document.addEventListener("submit", function (e) {
    var rec = registry.get(e.target);
    if (rec && rec.afterSubmitListeners) rec.afterSubmitListeners(e);
  });

  window.addEventListener("pagehide", function () {
    recorders.forEach(function (r) { r.abort(); });
    releaseStream();
  });
  window.addEventListener("pageshow", function (e) {
    if (e.persisted) recorders.forEach(function (r) { r.reset(); });
  });

  document.addEventListener("htmx:load", function (e) {
    init((e.detail && e.detail.elt) || e.target);
  });
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { init(document); });
  } else {
    init(document);
  }

  window.DEHRecorder = { init: function (root) { return init(root); } };
})();
