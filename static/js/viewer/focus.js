// Keep Tab inside the dialog (WAI-ARIA dialog pattern) and list what can take focus.

const FOCUSABLE = "a[href], button:not([disabled]), select:not([disabled]), input:not([disabled]), [tabindex]:not([tabindex='-1'])";

export function focusables(root) {
  return [...root.querySelectorAll(FOCUSABLE)].filter((el) => !el.closest("[hidden]") && el.getClientRects().length > 0);
}

export function trapTab(root, event) {
  if (event.key !== "Tab") return false;
  const items = focusables(root);
  if (items.length === 0) { event.preventDefault(); return true; }
  const first = items[0];
  const last = items[items.length - 1];
  const active = document.activeElement;
  if (active === root) {
    event.preventDefault(); (event.shiftKey ? last : first).focus(); return true;
  }
  if (event.shiftKey && (active === first || !root.contains(active))) {
    event.preventDefault(); last.focus(); return true;
  }
  if (!event.shiftKey && (active === last || !root.contains(active))) {
    event.preventDefault(); first.focus(); return true;
  }
  return false;
}
