// The viewer: an accessible modal dialog over the gallery that walks an item list,
// shows each item's stage sequence, compares any two stages, and keeps the URL in
// step (a link opens it there; Back closes it). Learned from PhotoSwipe and the
// WAI-ARIA dialog and slider patterns.

import { CompareSlider } from "./compare.js";
import { buildDialog, fillMeta, fillPicks, fillStrip } from "./dom.js";
import { trapTab } from "./focus.js";
import { isReady, load } from "./preload.js";
import { ItemStore } from "./store.js";

const EDITABLE = "input, select, textarea";

function csrfToken() {
  try { return JSON.parse(document.body.getAttribute("hx-headers") || "{}")["X-CSRFToken"] || ""; } catch { return ""; }
}

export class Viewer {
  constructor(config) {
    this.config = config;
    this.store = new ItemStore(config);
    this.ui = buildDialog();
    this.index = -1;
    this.stageKey = null;
    this.compare = false;
    this.compareKeys = [null, null];
    this.opener = null;
    this.pushed = false;
    this.ignorePop = false;
    this.present = Boolean(config.present);
    this.timer = null;
    this.slider = new CompareSlider({ frame: this.ui.frame, handle: this.ui.handle });
    this.bind();
  }

  get item() { return this.store.get(this.index); }
  get isOpen() { return this.ui.dialog.open; }

  bind() {
    const { dialog } = this.ui;
    dialog.addEventListener("cancel", (event) => { event.preventDefault(); this.close(); });
    dialog.addEventListener("keydown", (event) => this.key(event));
    dialog.addEventListener("click", (event) => {
      const action = event.target.closest("[data-action]")?.dataset.action;
      const stage = event.target.closest("[data-stage]")?.dataset.stage;
      if (stage) this.showStage(stage);
      else if (action === "close") this.close();
      else if (action === "prev") this.go(this.index - 1);
      else if (action === "next") this.go(this.index + 1);
      else if (action === "compare") this.toggleCompare();
      else if (action === "star") this.star();
    });
    dialog.addEventListener("change", (event) => {
      const side = event.target.dataset.pick;
      if (!side) return;
      this.compareKeys[side === "left" ? 0 : 1] = event.target.value;
      this.render();
    });
    this.bindSwipe();
    window.addEventListener("popstate", (event) => this.popstate(event));
    window.addEventListener("resize", () => this.isOpen && this.fit());
  }

  // A horizontal swipe on the photo (touch or pen) changes item, unless comparing.
  bindSwipe() {
    const { frame } = this.ui;
    let start = null;
    frame.addEventListener("pointerdown", (event) => {
      if (event.pointerType !== "mouse" && !this.compare) start = { x: event.clientX, y: event.clientY };
    });
    frame.addEventListener("pointerup", (event) => {
      if (!start) return;
      const dx = event.clientX - start.x;
      const dy = event.clientY - start.y;
      start = null;
      if (Math.abs(dx) > 50 && Math.abs(dx) > 1.5 * Math.abs(dy)) this.go(this.index + (dx < 0 ? 1 : -1));
    });
    frame.addEventListener("pointercancel", () => { start = null; });
  }

  // --- opening and closing -------------------------------------------------
  async openAt(index, { stage = null, opener = null, push = true } = {}) {
    this.opener = opener || document.activeElement;
    this.stageKey = stage || null;
    this.index = index;
    this.ui.dialog.classList.toggle("viewer-present", this.present);
    if (!this.isOpen) this.ui.dialog.showModal();
    document.documentElement.classList.add("viewer-open");
    await this.store.ensure(index);
    this.render();
    if (push && !this.present) { history.pushState({ viewer: true }, "", this.url()); this.pushed = true; }
    else this.syncUrl();
    // Focus goes to the dialog itself: its name is read, and the keys work at once.
    this.ui.dialog.focus({ preventScroll: true });
  }

  async openId(id, options = {}) {
    let index = this.store.indexOf(id);
    if (index < 0 && this.config.dataUrl) {
      const data = await this.store.fetchWindow({ around: id, limit: 40 });
      index = data.items.findIndex((item) => item.id === id);
      if (index >= 0) index += data.offset;
    }
    if (index >= 0) await this.openAt(index, options);
  }

  close({ fromHistory = false } = {}) {
    if (!this.isOpen) return;
    this.stopAuto();
    this.ui.dialog.close();
    document.documentElement.classList.remove("viewer-open");
    if (document.fullscreenElement) document.exitFullscreen().catch(() => {});
    const opener = this.opener;
    if (!fromHistory) {
      if (this.pushed) { this.ignorePop = true; history.back(); }
      else if (this.config.closeUrl) { window.location.assign(this.config.closeUrl); return; }
    }
    this.pushed = false;
    if (opener && document.contains(opener)) opener.focus({ preventScroll: false });
    this.config.onClose?.(this);
  }

  popstate(event) {
    if (this.ignorePop) { this.ignorePop = false; return; }
    if (this.isOpen) { this.pushed = false; this.close({ fromHistory: true }); }
    else if (event.state?.viewer) {
      const id = new URL(location.href).pathname.split("/").filter(Boolean).pop();
      this.openId(id, { push: false, stage: new URL(location.href).searchParams.get("stage") });
    }
  }

  syncUrl() {
    if (!this.present) history.replaceState({ viewer: true }, "", this.url());
  }

  url() {
    const item = this.item;
    if (!item) return location.href;
    const url = new URL(item.url, location.origin);
    if (this.stageKey) url.searchParams.set("stage", this.stageKey);
    return url.pathname + url.search;
  }

  // --- moving ----------------------------------------------------------------
  async go(index) {
    const total = this.store.total;
    if (total === 0) return;
    const target = Math.max(0, Math.min(total - 1, index));
    if (target === this.index) return;
    this.index = target;
    if (!this.store.get(target)) await this.store.ensure(target);
    if (this.index !== target) return;
    this.render();
    this.syncUrl();
  }

  stages() { return this.item?.stages ?? []; }

  currentStage() {
    const stages = this.stages();
    return stages.find((s) => s.key === this.stageKey) || stages.find((s) => s.stage === "result") || stages[stages.length - 1] || null;
  }

  showStage(key) {
    if (!this.stages().some((s) => s.key === key)) return;
    this.stageKey = key;
    if (this.compare) this.compareKeys[1] = key;
    this.render();
    this.syncUrl();
  }

  stepStage(offset) {
    const stages = this.stages();
    const at = stages.indexOf(this.currentStage());
    const next = stages[Math.max(0, Math.min(stages.length - 1, at + offset))];
    if (next) this.showStage(next.key);
  }

  toggleCompare(on = !this.compare) {
    const stages = this.stages();
    if (on && stages.length < 2) return;
    this.compare = on;
    this.compareKeys = [null, null];
    this.render();
  }

  // --- keys ------------------------------------------------------------------
  key(event) {
    if (trapTab(this.ui.dialog, event)) return;
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    if (event.target.closest?.(EDITABLE) || event.target === this.ui.handle) return;
    const total = this.store.total;
    const actions = {
      ArrowLeft: () => this.go(this.index - 1),
      ArrowRight: () => this.go(this.index + 1),
      Home: () => this.go(0),
      End: () => this.go(total - 1),
      ArrowUp: () => this.stepStage(-1),
      ArrowDown: () => this.stepStage(1),
      c: () => this.toggleCompare(),
      C: () => this.toggleCompare(),
      " ": () => (this.present ? this.toggleAuto() : null),
    };
    let action = actions[event.key];
    if (!action && /^[1-9]$/.test(event.key)) {
      const stage = this.stages()[Number(event.key) - 1];
      if (stage) action = () => this.showStage(stage.key);
    }
    if (!action) return;
    if (event.key === " " && !this.present) return;
    event.preventDefault();
    action();
  }

  // --- presentation ----------------------------------------------------------
  startAuto(seconds) {
    this.stopAuto();
    if (!seconds) return;
    this.autoSeconds = seconds;
    this.timer = setInterval(() => {
      if (this.index >= this.store.total - 1) this.go(0); else this.go(this.index + 1);
    }, seconds * 1000);
  }

  stopAuto() { clearInterval(this.timer); this.timer = null; }
  toggleAuto() { this.timer ? this.stopAuto() : this.startAuto(this.autoSeconds || 5); }

  // --- starring --------------------------------------------------------------
  async star() {
    const item = this.item;
    if (!item || !this.config.starUrl) return;
    const body = new FormData();
    body.set("item", item.id);
    const response = await fetch(this.config.starUrl, {
      method: "POST", body, credentials: "same-origin",
      headers: { Accept: "application/json", "X-CSRFToken": csrfToken() },
    });
    if (!response.ok) return;
    const data = await response.json();
    item.starred = data.starred;
    this.renderStar();
    document.querySelectorAll(`[data-star-item="${item.id}"]`).forEach((button) => {
      button.setAttribute("aria-pressed", String(data.starred));
      const icon = button.querySelector("[aria-hidden]");
      if (icon) icon.textContent = data.starred ? "★" : "☆";
    });
  }

  renderStar() {
    const { starButton } = this.ui;
    const item = this.item;
    starButton.hidden = this.config.public || !this.config.starUrl || !item;
    if (!item) return;
    starButton.setAttribute("aria-pressed", String(Boolean(item.starred)));
    starButton.querySelector(".viewer-button-text").textContent = item.starred ? "Starred" : "Star";
    starButton.querySelector(".viewer-button-icon").textContent = item.starred ? "★" : "☆";
  }

  // --- drawing ---------------------------------------------------------------
  render() {
    const item = this.item;
    const ui = this.ui;
    if (!item) return;
    const stages = this.stages();
    const shown = this.currentStage();
    this.stageKey = shown?.key ?? null;
    const number = this.index + 1;
    const total = this.store.total;
    ui.title.textContent = item.ref || `Item ${number}`;
    ui.count.textContent = `${number} / ${total}`;
    ui.spoken.textContent = `Item ${number} of ${total}`;
    ui.prev.disabled = this.index <= 0;
    ui.next.disabled = this.index >= total - 1;
    fillMeta(ui.meta, item);
    this.renderStar();

    const comparing = this.compare && stages.length >= 2;
    let left = null;
    let right = shown;
    if (comparing) {
      left = stages.find((s) => s.key === this.compareKeys[0]) || stages[0];
      right = stages.find((s) => s.key === this.compareKeys[1]) || shown || stages[stages.length - 1];
      if (right === left) right = stages[stages.length - 1] === left ? stages[0] : stages[stages.length - 1];
      this.compareKeys = [left.key, right.key];
      fillPicks(ui.pickLeft, stages, left.key);
      fillPicks(ui.pickRight, stages, right.key);
      this.slider.labels(left.label, right.label);
    }
    ui.compareButton.setAttribute("aria-pressed", String(comparing));
    ui.compareButton.disabled = stages.length < 2;
    ui.picks.hidden = !comparing;
    ui.handle.hidden = !comparing;
    ui.imgB.hidden = !comparing;
    ui.frame.classList.toggle("is-comparing", comparing);
    const stripKeys = [comparing ? null : this.stageKey, comparing ? this.compareKeys : null];

    if (!shown) {
      ui.imgA.removeAttribute("src");
      ui.imgA.alt = "";
      ui.caption.textContent = item.error ? `Failed: ${item.error}` : "No images yet.";
      ui.download.hidden = true;
      ui.frame.classList.add("is-empty");
      fillStrip(ui.strip, stages, ...stripKeys);
      return;
    }
    ui.frame.classList.remove("is-empty");
    const top = comparing ? left : shown;
    this.setImage(ui.imgA, top, item);
    if (comparing) this.setImage(ui.imgB, right, item);
    ui.frame.classList.toggle("checker", stages.some((s) => s.alpha));
    ui.caption.textContent = comparing
      ? `${left.label} ← → ${right.label}`
      : `${stages.indexOf(shown) + 1}. ${shown.label}${shown.width ? ` · ${shown.width} × ${shown.height}` : ""}`;
    const downloadStage = comparing ? right : shown;
    ui.download.hidden = false;
    ui.download.href = `${downloadStage.full}?download=1`;
    ui.download.setAttribute("aria-label", `Download ${downloadStage.label.toLowerCase()}`);
    this.fit(top);
    // The photo first; the strip and the preloading once that frame is painted.
    const token = (this.paintToken = (this.paintToken || 0) + 1);
    requestAnimationFrame(() => setTimeout(() => {
      if (token !== this.paintToken || this.item !== item) return;
      fillStrip(ui.strip, stages, ...stripKeys);
      this.preloadNeighbours();
    }, 0));
  }

  setImage(img, stage, item) {
    img.alt = `${stage.label} of ${item.ref || "this item"}`;
    img.width = stage.width || 0;
    img.height = stage.height || 0;
    if (isReady(stage.full)) {
      if (img.getAttribute("src") !== stage.full) img.src = stage.full;
      return;
    }
    if (img.getAttribute("src") !== stage.thumb) img.src = stage.thumb;
    const itemId = item.id;
    load(stage.full).then((ok) => {
      if (ok && this.item?.id === itemId && img.alt.startsWith(stage.label)) img.src = stage.full;
    });
  }

  // Size the frame to the image's shape inside the space the dialog leaves it.
  fit(stage = this.compare ? this.stages().find((s) => s.key === this.compareKeys[0]) : this.currentStage()) {
    const { figure, frame, caption } = this.ui;
    if (!stage) return;
    const width = stage.width || 1;
    const height = stage.height || 1;
    const style = getComputedStyle(figure);
    const padY = parseFloat(style.paddingTop) + parseFloat(style.paddingBottom);
    const padX = parseFloat(style.paddingLeft) + parseFloat(style.paddingRight);
    const boxW = (figure.clientWidth || 800) - padX;
    const boxH = Math.max(120, figure.clientHeight - padY - (caption.offsetHeight ? caption.offsetHeight + 8 : 0));
    const scale = Math.min(boxW / width, boxH / height, this.present ? Infinity : 2);
    frame.style.width = `${Math.floor(width * scale)}px`;
    frame.style.height = `${Math.floor(height * scale)}px`;
  }

  preloadNeighbours() {
    const key = this.stageKey;
    const want = [this.index + 1, this.index - 1, this.index + 2];
    this.store.ensure(this.index).then(() => {
      for (const index of want) {
        const item = this.store.get(index);
        if (!item) continue;
        const stage = item.stages.find((s) => s.key === key) || item.stages.find((s) => s.stage === "result") || item.stages[item.stages.length - 1];
        if (stage) load(stage.full);
        if (this.compare && item.stages[0]) load(item.stages[0].full);
        if (Math.abs(index - this.index) === 1) item.stages.forEach((s) => load(s.thumb));
      }
    });
  }
}
