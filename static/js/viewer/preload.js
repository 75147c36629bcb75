// Full-resolution images, loaded on demand and decoded ahead of time, so that the
// next item paints at once (PhotoSwipe preloads one before and two after).

const cache = new Map(); // url -> { image, ready: Promise<boolean>, done: boolean }
const LIMIT = 24;

export function load(url) {
  if (!url) return Promise.resolve(false);
  let entry = cache.get(url);
  if (!entry) {
    const image = new Image();
    image.decoding = "async";
    entry = { image, done: false };
    entry.ready = new Promise((resolve) => {
      image.onload = () => {
        const finish = () => { entry.done = true; resolve(true); };
        image.decode ? image.decode().then(finish, finish) : finish();
      };
      image.onerror = () => resolve(false);
    });
    image.src = url;
    cache.set(url, entry);
    if (cache.size > LIMIT) cache.delete(cache.keys().next().value);
  } else {
    cache.delete(url); // keep recently used ones last
    cache.set(url, entry);
  }
  return entry.ready;
}

export function isReady(url) {
  return Boolean(cache.get(url)?.done);
}
