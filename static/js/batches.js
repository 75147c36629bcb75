// New batch form: show the inputs of the chosen source, add metadata rows.
// Without this file every input is shown and the form works the same.

function showSource(form) {
  const chosen = form.querySelector("input[name=source]:checked")?.value ?? "paste";
  form.querySelectorAll(".source-panel").forEach((panel) => {
    panel.hidden = panel.dataset.source !== chosen;
  });
}

function addMetaRow(form) {
  const rows = form.querySelector("[data-meta-rows]");
  const next = rows.querySelectorAll(".meta-row").length;
  if (next >= 50) return;
  const template = rows.querySelector(".meta-row");
  const row = template.cloneNode(true);
  row.querySelectorAll("input, label").forEach((el) => {
    for (const attr of ["id", "name", "for"]) {
      if (el.hasAttribute(attr)) el.setAttribute(attr, el.getAttribute(attr).replace(/_\d+$/, `_${next}`));
    }
    if (el.tagName === "INPUT") el.value = "";
    if (el.tagName === "LABEL") el.textContent = el.textContent.replace(/\d+$/, String(next + 1));
  });
  rows.append(row);
  row.querySelector("input")?.focus();
}

const form = document.querySelector("form.new-batch");
if (form) {
  document.documentElement.classList.add("js");
  showSource(form);
  form.addEventListener("change", (event) => {
    if (event.target.name === "source") showSource(form);
  });
  // Sending (uploads can take a while) shows progress and ignores a second click,
  // so one click is one batch.
  form.addEventListener("submit", (event) => {
    const button = event.submitter;
    if (!button || button.value !== "send") return;
    if (form.dataset.sending) {
      event.preventDefault();
      return;
    }
    form.dataset.sending = "1";
    button.setAttribute("aria-busy", "true");
    button.textContent = "Sending…";
  });
  window.addEventListener("pageshow", () => {
    delete form.dataset.sending;
    const send = form.querySelector("#send-button");
    if (send) {
      send.removeAttribute("aria-busy");
      send.textContent = "Send";
    }
  });
  const add = form.querySelector("[data-add-meta-row]");
  if (add) {
    add.hidden = false;
    add.addEventListener("click", () => addMetaRow(form));
  }
}
