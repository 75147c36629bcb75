// The compare view's handle: a WAI-ARIA slider dragged by mouse, pen or touch
// (pointer events) or moved by keys while it has focus.

export class CompareSlider {
  constructor({ frame, handle, onChange }) {
    this.frame = frame;
    this.handle = handle;
    this.onChange = onChange;
    this.value = 50;
    this.leftLabel = "";
    this.rightLabel = "";
    frame.addEventListener("pointerdown", (event) => this.start(event));
    handle.addEventListener("keydown", (event) => this.key(event));
    this.set(50);
  }

  labels(left, right) {
    this.leftLabel = left;
    this.rightLabel = right;
    this.set(this.value);
  }

  set(value) {
    this.value = Math.max(0, Math.min(100, Math.round(value)));
    this.frame.style.setProperty("--split", `${this.value}%`);
    this.handle.setAttribute("aria-valuenow", String(this.value));
    this.handle.setAttribute(
      "aria-valuetext",
      `${this.value}% ${this.leftLabel}, ${100 - this.value}% ${this.rightLabel}`,
    );
    this.onChange?.(this.value);
  }

  fromPointer(event) {
    const rect = this.frame.getBoundingClientRect();
    if (rect.width > 0) this.set(((event.clientX - rect.left) / rect.width) * 100);
  }

  start(event) {
    if (!this.frame.classList.contains("is-comparing") || event.button > 0) return;
    event.preventDefault();
    this.handle.focus({ preventScroll: true });
    this.frame.setPointerCapture(event.pointerId);
    this.fromPointer(event);
    const move = (e) => this.fromPointer(e);
    const end = () => {
      this.frame.removeEventListener("pointermove", move);
      this.frame.removeEventListener("pointerup", end);
      this.frame.removeEventListener("pointercancel", end);
    };
    this.frame.addEventListener("pointermove", move);
    this.frame.addEventListener("pointerup", end);
    this.frame.addEventListener("pointercancel", end);
  }

  key(event) {
    const step = event.shiftKey ? 10 : 1;
    const moves = {
      ArrowLeft: -step, ArrowDown: -step, ArrowRight: step, ArrowUp: step,
      PageDown: -10, PageUp: 10,
    };
    if (event.key in moves) this.set(this.value + moves[event.key]);
    else if (event.key === "Home") this.set(0);
    else if (event.key === "End") this.set(100);
    else return;
    event.preventDefault();
    event.stopPropagation(); // the handle's keys, not the viewer's
  }
}
