// Gallery pages: open the viewer from any tile (click or Enter on its link), open
// it straight away on an item page (a deep link), or run a presentation.

import { Viewer } from "./viewer/viewer.js";

const source = document.getElementById("viewer-data");
if (source) {
  const config = JSON.parse(source.textContent);
  const viewer = new Viewer(config);
  window.galleryViewer = viewer;

  document.addEventListener("click", (event) => {
    const link = event.target.closest("a[data-viewer-item]");
    if (!link || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const index = config.offset + Number(link.dataset.viewerIndex);
    if (Number.isNaN(index)) return;
    event.preventDefault();
    viewer.openAt(index, { opener: link });
  });

  if (config.open) {
    // An item page: the link named this item and stage. Closing goes to the gallery.
    config.closeUrl = config.galleryUrl;
    viewer.openAt(config.offset, { stage: config.open.stage || null, push: false });
  }

  const start = document.getElementById("present-start");
  if (start) {
    const auto = document.getElementById("present-auto");
    config.closeUrl = null;
    start.addEventListener("click", async () => {
      try { await document.documentElement.requestFullscreen?.(); } catch { /* not allowed: present in the window */ }
      await viewer.openAt(0, { opener: start, push: false });
      viewer.startAuto(Number(auto?.value || 0));
    });
    document.addEventListener("fullscreenchange", () => {
      if (!document.fullscreenElement && viewer.isOpen) viewer.close({ fromHistory: true });
    });
  }
}
