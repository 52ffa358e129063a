// The space bar starts and stops the recorder from anywhere on the page, except
// where space already means something (buttons, fields, links, widgets).

const INTERACTIVE = "input, textarea, select, button, a[href], summary, audio, video, iframe, [contenteditable]";
const INTERACTIVE_ROLE =
  /^(button|checkbox|radio|switch|menuitem|menuitemcheckbox|menuitemradio|tab|option|slider|spinbutton|textbox|combobox|searchbox|link)$/;

let spaceHeld = false;
let afterSpaceUp = [];

export function isSpace(e) {
  return e.key === " " || e.key === "Spacebar";
}

export function isInteractive(el, recordButton) {
  if (!el || el.nodeType !== 1 || el === document.body || el === document.documentElement) return false;
  if (el === recordButton) return false;
  if (el.isContentEditable) return true;
  if (el.closest(INTERACTIVE)) return true;
  return INTERACTIVE_ROLE.test((el.getAttribute("role") || "").toLowerCase());
}

// If the space bar stopped the recording, moving focus before its keyup would
// make some browsers "click" the newly focused button.
export function whenSpaceReleased(fn) {
  if (spaceHeld) afterSpaceUp.push(fn); else fn();
}

function releaseSpace(e) {
  if (e && e.type === "keyup" && !isSpace(e)) return;
  spaceHeld = false;
  const fns = afterSpaceUp;
  afterSpaceUp = [];
  fns.forEach((fn) => fn());
}

// activeRecorder() -> the recorder the space bar should drive, or null.
export function listenToKeyboard(activeRecorder) {
  document.addEventListener("keydown", (e) => {
    const space = isSpace(e);
    if (space) spaceHeld = true;
    // Holding Enter on our buttons must not press the next button that gets focus.
    if (e.repeat && (space || e.key === "Enter") && e.target && e.target.closest &&
      e.target.closest("[data-recorder-ready] button")) {
      e.preventDefault();
      return;
    }
    if (!space || e.repeat || e.defaultPrevented || e.isComposing ||
      e.ctrlKey || e.altKey || e.metaKey || e.shiftKey) return;
    const rec = activeRecorder();
    if (!rec || e.target === rec.recordButton || isInteractive(e.target, rec.recordButton)) return;
    e.preventDefault(); // no page scroll
    rec.toggle();
  });
  document.addEventListener("keyup", releaseSpace);
  window.addEventListener("blur", releaseSpace);
}
