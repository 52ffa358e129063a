// Hearing the word: notice speech, then stop on the pause after it, so learners
// needn't find the Stop button. Thresholds in dBFS (RMS over one analyser window, about 43 ms).

const SPEECH_DB = -40;   // at least this loud counts as speech...
const SILENCE_DB = -48;  // ...and below this, after speech, counts as silence
const QUIET_DB = -48;    // a recording that never gets above this is "very quiet"
const SPEECH_MS = 150;   // this much speech (small gaps allowed) before we listen for the pause
const SILENCE_MS = 900;  // this much silence after speech stops the recording
const BUMP_GAP_MS = 300; // a gap this long before SPEECH_MS is reached: it was a click or a bump, not a word
const TRUSTED_FRAMES = 3; // fewer readings than this say nothing about how loud the take was

export function startHearing(now) {
  return { frames: 0, peakDb: -100, floorDb: 0, voicedMs: 0, gapMs: 0, speech: false, lastLoud: now };
}

// The hearing after one more reading of db, dt ms after the last one.
export function hear(was, db, dt, now) {
  const floorDb = Math.min(was.floorDb, Math.max(db, -70));
  // In a noisy room the bars rise with the noise floor.
  const speechDb = Math.max(SPEECH_DB, floorDb + 12);
  const silenceDb = Math.max(SILENCE_DB, floorDb + 6);
  const next = {
    frames: was.frames + 1,
    peakDb: Math.max(was.peakDb, db),
    floorDb: floorDb,
    voicedMs: was.voicedMs,
    gapMs: was.gapMs,
    speech: was.speech,
    lastLoud: db >= silenceDb ? now : was.lastLoud
  };
  if (db >= speechDb) {
    next.voicedMs += dt;
    next.gapMs = 0;
    if (next.voicedMs >= SPEECH_MS) next.speech = true;
  } else {
    next.gapMs += dt;
    if (!next.speech && next.gapMs > BUMP_GAP_MS) next.voicedMs = 0;
  }
  return next;
}

export function pauseAfterSpeech(hearing, now) {
  return hearing.speech && now - hearing.lastLoud >= SILENCE_MS;
}

export function soundedTooQuiet(hearing) {
  return !!hearing && hearing.frames >= TRUSTED_FRAMES && hearing.peakDb < QUIET_DB;
}
