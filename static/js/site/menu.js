// The main menu behind a button on small screens. Without JavaScript (or on wide screens,
// where site.css hides the button) the menu is simply open.

export function setUpMenu() {
  const header = document.querySelector("[data-site-header]");
  const button = header && header.querySelector("[data-menu-button]");
  if (!button) return;
  button.hidden = false;
  header.classList.add("has-menu-button");

  function setOpen(open) {
    header.classList.toggle("is-open", open);
    button.setAttribute("aria-expanded", open ? "true" : "false");
  }

  button.addEventListener("click", () => {
    setOpen(button.getAttribute("aria-expanded") !== "true");
  });
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && header.classList.contains("is-open")) {
      setOpen(false);
      button.focus();
    }
  });
}
