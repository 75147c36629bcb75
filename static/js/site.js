// Small behaviours shared by every page. No framework, no build step.

// Copy buttons: <button data-copy="#id-of-element"> or data-copy-text="literal".
// The result is said in a polite live region too, since a button's aria-label
// would hide its changed text from a screen reader.
function announce(text) {
  let region = document.getElementById("copy-status");
  if (!region) {
    region = document.createElement("div");
    region.id = "copy-status";
    region.className = "visually-hidden";
    region.setAttribute("role", "status");
    document.body.append(region);
  }
  region.textContent = "";
  setTimeout(() => { region.textContent = text; }, 50);
}

function selectContents(element) {
  if (!element) return;
  const range = document.createRange();
  range.selectNodeContents(element);
  const selection = window.getSelection();
  selection.removeAllRanges();
  selection.addRange(range);
}

document.addEventListener("click", async (event) => {
  const button = event.target.closest("[data-copy], [data-copy-text]");
  if (!button) return;
  const source = button.dataset.copy ? document.querySelector(button.dataset.copy) : null;
  const text = button.dataset.copyText ?? source?.textContent ?? "";
  const label = button.dataset.label ?? button.textContent;
  button.dataset.label = label;
  try {
    await navigator.clipboard.writeText(text.trim());
    button.textContent = "Copied";
    announce("Copied to the clipboard");
  } catch {
    selectContents(source);
    button.textContent = "Press Ctrl+C";
    announce("Selected: press Ctrl+C to copy");
  }
  clearTimeout(button.copyTimer);
  button.copyTimer = setTimeout(() => { button.textContent = label; }, 2000);
});

// Close an open <details class="menu"> on Escape or an outside click.
document.addEventListener("keydown", (event) => {
  if (event.key !== "Escape") return;
  document.querySelectorAll("details.menu[open]").forEach((menu) => {
    menu.open = false;
    menu.querySelector("summary")?.focus();
  });
});
document.addEventListener("click", (event) => {
  document.querySelectorAll("details.menu[open]").forEach((menu) => {
    if (!menu.contains(event.target)) menu.open = false;
  });
});

// <form data-confirm="Remove Bob from the team?">: ask before a destructive submit.
// Without JavaScript the form simply submits.
document.addEventListener("submit", (event) => {
  const form = event.target.closest("form[data-confirm]");
  if (form && !window.confirm(form.dataset.confirm)) event.preventDefault();
});
