// The microphone: one stream, one AudioContext and one analyser for the page's
// life, shared by every recorder form, so a swapped-in form doesn't ask again.

const shared = { stream: null, pending: null, context: null, source: null, sourceStream: null, analyser: null };
const endedListeners = [];

function noop() {}

export function canRecord() {
  return !!(navigator.mediaDevices && typeof navigator.mediaDevices.getUserMedia === "function" &&
    typeof window.MediaRecorder === "function");
}

export function hasLiveTrack(stream) {
  return !!stream && stream.getAudioTracks().some((t) => t.readyState === "live");
}

export function currentStream() {
  return shared.stream;
}

// listener(stream) runs when a track of the stream ends (unplugged, or revoked in the browser's UI).
export function onStreamEnded(listener) {
  endedListeners.push(listener);
}

export function getStream() {
  if (hasLiveTrack(shared.stream)) return Promise.resolve(shared.stream);
  if (shared.pending) return shared.pending;
  shared.stream = null;
  shared.pending = navigator.mediaDevices.getUserMedia({
    audio: { echoCancellation: true, noiseSuppression: true, channelCount: 1 }
  }).then((stream) => {
    shared.stream = stream;
    stream.getAudioTracks().forEach((track) => {
      track.addEventListener("ended", () => {
        if (shared.stream === stream && !hasLiveTrack(stream)) shared.stream = null;
        endedListeners.forEach((listener) => listener(stream));
      });
    });
    return stream;
  });
  shared.pending.then(() => { shared.pending = null; }, () => { shared.pending = null; });
  return shared.pending;
}

export function releaseStream() {
  if (shared.stream) shared.stream.getTracks().forEach((t) => t.stop());
  shared.stream = null;
  dropSource();
}

// Call inside the click/keydown handler: browsers start an AudioContext suspended
// unless it is created or resumed during a user gesture.
export function wakeAudioContext() {
  const Ctx = window.AudioContext || window.webkitAudioContext;
  if (!Ctx) return null;
  if (!shared.context) {
    try { shared.context = new Ctx(); } catch (e) { return null; }
  }
  if (shared.context.state !== "running" && typeof shared.context.resume === "function") {
    try { shared.context.resume().catch(noop); } catch (e) { /* ignore */ }
  }
  return shared.context;
}

// A suspended context hands the analyser stale samples: only trust it while running.
export function audioIsRunning() {
  return !!shared.context && shared.context.state === "running";
}

function dropSource() {
  if (shared.source) { try { shared.source.disconnect(); } catch (e) { /* ignore */ } }
  shared.source = null;
  shared.sourceStream = null;
  shared.analyser = null;
}

export function getAnalyser(stream) {
  const ctx = shared.context;
  if (!ctx) return null;
  if (shared.sourceStream === stream && shared.analyser) return shared.analyser;
  dropSource();
  try {
    const source = ctx.createMediaStreamSource(stream);
    const analyser = ctx.createAnalyser();
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

// Older Safari has only the byte version of the time-domain read.
export function sampleBuffer(analyser) {
  return typeof analyser.getFloatTimeDomainData === "function"
    ? new Float32Array(analyser.fftSize) : new Uint8Array(analyser.fftSize);
}

// Loudness in dBFS (RMS) of one window of samples: floats in -1..1, or bytes centred on 128.
export function loudnessDb(samples) {
  const bytes = !(samples instanceof Float32Array);
  let sum = 0;
  for (let i = 0; i < samples.length; i++) {
    const v = bytes ? (samples[i] - 128) / 128 : samples[i];
    sum += v * v;
  }
  const rms = Math.sqrt(sum / samples.length);
  return rms > 0.00001 ? 20 * Math.log10(rms) : -100;
}

export function readDb(analyser, buffer) {
  if (buffer instanceof Float32Array) analyser.getFloatTimeDomainData(buffer);
  else analyser.getByteTimeDomainData(buffer);
  return loudnessDb(buffer);
}
