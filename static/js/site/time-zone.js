// Fill hidden time-zone fields with the browser's own zone, so a learner's days (and streak)
// start at their midnight. Without JavaScript the field stays empty and the site's zone is used.

export function fillTimeZoneFields(root = document) {
  let zone = "";
  try {
    zone = Intl.DateTimeFormat().resolvedOptions().timeZone || "";
  } catch (error) {
    return;
  }
  root.querySelectorAll("input[data-time-zone]").forEach((input) => {
    input.value = zone;
  });
}
