// What the recorder tells the learner, and how it says it.

export const TEXT = {
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

// Browsers name the same problem differently (old Chrome and Firefox names included).
export function messageForError(err) {
  const name = err && err.name;
  if (name === "NotAllowedError" || name === "SecurityError" || name === "PermissionDeniedError") return TEXT.blocked;
  if (name === "NotFoundError" || name === "OverconstrainedError" || name === "DevicesNotFoundError" ||
    name === "ConstraintNotSatisfiedError") return TEXT.noMic;
  if (name === "NotReadableError" || name === "TrackStartError") return TEXT.busy;
  return TEXT.failed;
}

export function announce(status, text) {
  if (status.textContent === text) {
    // Same words again: clear first so screen readers announce them again.
    status.textContent = "";
    setTimeout(() => { if (!status.textContent) status.textContent = text; }, 60);
  } else {
    status.textContent = text;
  }
}
