// The ordered list of items a viewer walks: a sparse array filled by windows
// fetched from the gallery's JSON endpoint, so 5,000 items never load at once.

export class ItemStore {
  constructor({ dataUrl, params = {}, total, offset = 0, items = [], imageUrl, itemUrl }) {
    this.dataUrl = dataUrl;
    this.params = params;
    this.total = total;
    this.imageUrl = imageUrl;
    this.itemUrl = itemUrl;
    this.items = new Map();
    this.pending = new Map();
    items.forEach((item, i) => this.items.set(offset + i, this.hydrate(item)));
  }

  // The server sends ids; URLs come from its templates, to keep pages light.
  hydrate(item) {
    item.url = this.itemUrl.replace("{id}", item.id);
    for (const stage of item.stages) {
      const url = this.imageUrl.replace("{id}", stage.id);
      stage.full = url.replace("{variant}", "full");
      stage.thumb = url.replace("{variant}", "thumb");
      stage.width = stage.w;
      stage.height = stage.h;
    }
    return item;
  }

  get(index) {
    return this.items.get(index) ?? null;
  }

  indexOf(id) {
    for (const [index, item] of this.items) if (item.id === id) return index;
    return -1;
  }

  // Make sure items [index - before, index + after] are here; resolves when they are.
  async ensure(index, before = 3, after = 6) {
    const lo = Math.max(0, index - before);
    const hi = Math.min(this.total - 1, index + after);
    let missing = -1;
    for (let i = lo; i <= hi; i++) if (!this.items.has(i)) { missing = i; break; }
    if (missing < 0 || !this.dataUrl) return;
    await this.fetchWindow({ offset: Math.max(0, missing - 10), limit: 40 });
  }

  async fetchWindow({ offset, limit, around }) {
    const query = new URLSearchParams({ ...this.params, limit: String(limit) });
    if (around) query.set("around", around); else query.set("offset", String(offset));
    const key = query.toString();
    if (!this.pending.has(key)) {
      const request = fetch(`${this.dataUrl}?${key}`, { headers: { Accept: "application/json" }, credentials: "same-origin" })
        .then((response) => (response.ok ? response.json() : Promise.reject(new Error(response.statusText))))
        .then((data) => {
          this.total = data.total;
          data.items.forEach((item, i) => this.items.set(data.offset + i, this.hydrate(item)));
          return data;
        })
        .finally(() => this.pending.delete(key));
      this.pending.set(key, request);
    }
    return this.pending.get(key);
  }
}
