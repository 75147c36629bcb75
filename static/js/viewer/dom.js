// The viewer dialog's markup, built once. No inline styles: sizes and the compare
// split are set later through element.style / CSS custom properties.

function el(tag, attrs = {}, children = []) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (name === "text") node.textContent = value;
    else if (value === true) node.setAttribute(name, "");
    else if (value !== false && value != null) node.setAttribute(name, value);
  }
  for (const child of children) node.append(child);
  return node;
}

export function buildDialog() {
  const title = el("h2", { class: "viewer-title", id: "viewer-title" });
  const count = el("span", { class: "viewer-count", "aria-hidden": "true" });
  const spoken = el("span", { class: "visually-hidden" });
  const counter = el("p", { class: "viewer-counter", "aria-live": "polite", "aria-atomic": "true" }, [count, spoken]);
  const labelled = (icon, text) => [el("span", { class: "viewer-button-icon", "aria-hidden": "true", text: icon }), el("span", { class: "viewer-button-text", text })];
  const compareButton = el("button", { type: "button", class: "button button-quiet button-small", "aria-pressed": "false", "aria-label": "Compare", "data-action": "compare" }, labelled("⇆", "Compare"));
  const starButton = el("button", { type: "button", class: "button button-quiet button-small viewer-star", "aria-pressed": "false", "aria-label": "Star", "data-action": "star", hidden: true }, labelled("☆", "Star"));
  const download = el("a", { class: "button button-quiet button-small", download: "", "data-action": "download" }, labelled("↓", "Download"));
  const close = el("button", { type: "button", class: "button button-quiet button-small viewer-close", "aria-label": "Close viewer", "data-action": "close" }, labelled("✕", "Close"));
  const bar = el("div", { class: "viewer-bar" }, [
    el("div", { class: "viewer-heading" }, [title, counter]),
    el("div", { class: "viewer-actions" }, [compareButton, starButton, download, close]),
  ]);

  const imgA = el("img", { class: "viewer-img viewer-img-a", alt: "", draggable: "false" });
  const imgB = el("img", { class: "viewer-img viewer-img-b", alt: "", draggable: "false", hidden: true });
  const handle = el("div", {
    class: "compare-handle", role: "slider", tabindex: "0", hidden: true,
    "aria-label": "Compare position", "aria-valuemin": "0", "aria-valuemax": "100", "aria-valuenow": "50",
    "aria-orientation": "horizontal",
  }, [el("span", { class: "compare-grip", "aria-hidden": "true" })]);
  const frame = el("div", { class: "viewer-frame" }, [imgB, imgA, handle]);
  const caption = el("figcaption", { class: "viewer-caption" });
  const figure = el("figure", { class: "viewer-figure" }, [frame, caption]);
  const prev = el("button", { type: "button", class: "viewer-nav viewer-prev", "aria-label": "Previous item", "data-action": "prev", text: "‹" });
  const next = el("button", { type: "button", class: "viewer-nav viewer-next", "aria-label": "Next item", "data-action": "next", text: "›" });
  const area = el("div", { class: "viewer-area" }, [prev, figure, next]);

  const pickLeft = el("select", { id: "viewer-pick-left", "data-pick": "left" });
  const pickRight = el("select", { id: "viewer-pick-right", "data-pick": "right" });
  const picks = el("div", { class: "viewer-picks", hidden: true }, [
    el("span", { class: "viewer-pick" }, [el("label", { for: "viewer-pick-left", text: "Left" }), pickLeft]),
    el("span", { class: "viewer-pick" }, [el("label", { for: "viewer-pick-right", text: "Right" }), pickRight]),
  ]);
  const strip = el("ol", { class: "viewer-strip", "aria-label": "Stages" });
  const meta = el("dl", { class: "viewer-meta" });
  const help = el("p", { class: "viewer-help", "aria-hidden": "true" });
  help.innerHTML = "<kbd>←</kbd> <kbd>→</kbd> Navigate · <kbd>↑</kbd> <kbd>↓</kbd> or <kbd>1</kbd>–<kbd>9</kbd> Stage · <kbd>C</kbd> Compare · <kbd>Esc</kbd> Close · Drag to compare";
  const foot = el("div", { class: "viewer-foot" }, [picks, strip, meta, help]);

  // Presentation hides the bar; on a touch screen (no Esc key) this is the way out.
  const exit = el("button", { type: "button", class: "viewer-exit", "aria-label": "End presentation", "data-action": "close" }, labelled("✕", "End"));
  const dialog = el("dialog", { class: "viewer", tabindex: "-1", "aria-modal": "true", "aria-labelledby": "viewer-title", "aria-describedby": "viewer-describe" }, [
    bar, area, foot, exit,
    el("p", { id: "viewer-describe", class: "visually-hidden", text: "Left and right arrows change item, up and down arrows or number keys change stage, C toggles compare, Escape closes." }),
  ]);
  document.body.append(dialog);
  return { dialog, title, count, spoken, compareButton, starButton, download, close, imgA, imgB, handle, frame, caption, figure, prev, next, picks, pickLeft, pickRight, strip, meta };
}

export function fillStrip(strip, stages, currentKey, compareKeys) {
  strip.replaceChildren(...stages.map((stage, i) => {
    const img = el("img", { src: stage.thumb, alt: "", width: stage.width || null, height: stage.height || null, loading: "lazy", decoding: "async" });
    const label = el("span", { text: `${i + 1}. ${stage.label}` });
    const button = el("button", { type: "button", class: "viewer-strip-button", "data-stage": stage.key }, [img, label]);
    if (stage.key === currentKey) button.setAttribute("aria-current", "true");
    if (compareKeys?.includes(stage.key)) button.classList.add("is-compared");
    const li = el("li", {}, [button]);
    if (i > 0) li.classList.add("viewer-strip-step");
    return li;
  }));
  strip.querySelector("[aria-current]")?.scrollIntoView({ block: "nearest", inline: "nearest" });
}

export function fillMeta(meta, item) {
  const rows = [
    ["Client ref", item.ref || "—"],
    ["Status", item.statusLabel],
    ["Elements", item.elements.join(" → ") || "—"],
  ];
  if (item.error) rows.push(["Error", item.error]);
  meta.replaceChildren(...rows.flatMap(([term, value]) => [el("dt", { text: term }), el("dd", { text: value })]));
}

export function fillPicks(select, stages, key) {
  select.replaceChildren(...stages.map((stage, i) => el("option", { value: stage.key, text: `${i + 1}. ${stage.label}`, selected: stage.key === key })));
}
