"""The sandbox's image work: real, deterministic, classical (no model download).

Each stage takes and returns a `Frame` (RGB or RGBA array plus what later stages
can reuse); the worker writes one image per stage plus the final. It does not
match Runflow's quality, but each stage visibly does its job:

- model_removal: skin-toned regions (head, arms, legs) found in YCrCb, then inpainted
  from their surroundings, so the garment is left as on a ghost mannequin;
- tag_removal: bright, low-saturation, card-shaped regions with dark print inside
  (hang tags, labels) and the thin string beside them, inpainted;
- product_isolation: the product segmented with GrabCut (skin seeded as background)
  and the image cropped to it with a margin;
- background_removal: the product mask as a feathered alpha channel;
- result: the last image composed, centred, on a canvas of the asked aspect ratio.
"""

from __future__ import annotations

import io
import logging
from dataclasses import dataclass

import cv2
import numpy as np
from PIL import Image, ImageOps

log = logging.getLogger(__name__)
cv2.setNumThreads(1)  # one item per worker process; parallelism comes from Celery

WORK_SIDE = 1024  # longest side every stage works and writes at
SEG_SIDE = 200  # longest side GrabCut runs at
STAGE_FILE = {
    "model_removal": "model_remover",
    "tag_removal": "tag_remover",
    "product_isolation": "product_isolator",
    "background_removal": "bg_remover",
}
ALLOWED_FORMATS = {"JPEG", "PNG", "WEBP", "GIF", "BMP", "TIFF"}
MAX_PIXELS = 50_000_000


class DecodeError(Exception):
    pass


@dataclass
class Frame:
    rgb: np.ndarray  # HxWx3 uint8
    alpha: np.ndarray | None = None  # HxW uint8
    mask: np.ndarray | None = None  # HxW uint8 product mask, once known
    person: np.ndarray | None = None  # HxW uint8 where model_removal found the person


def decode(data: bytes) -> Frame:
    """A real image, or DecodeError: format checked, size bounded, EXIF orientation applied."""
    try:
        img = Image.open(io.BytesIO(data))
        if img.format not in ALLOWED_FORMATS:
            raise DecodeError(f"not a supported image format ({img.format or 'unknown'})")
        if img.width * img.height > MAX_PIXELS:
            raise DecodeError("image has too many pixels")
        img.draft("RGB", (WORK_SIDE, WORK_SIDE))  # JPEG: decode at a reduced scale, much faster
        img = ImageOps.exif_transpose(img).convert("RGB")
    except DecodeError:
        raise
    except Exception as exc:  # Pillow raises many kinds for a broken file
        raise DecodeError("image could not be decoded") from exc
    img.thumbnail((WORK_SIDE, WORK_SIDE), Image.Resampling.BILINEAR, reducing_gap=2.0)
    return Frame(rgb=np.asarray(img).copy())


def _resize(arr: np.ndarray, size: tuple[int, int], nearest: bool = False) -> np.ndarray:
    return cv2.resize(arr, size, interpolation=cv2.INTER_NEAREST if nearest else cv2.INTER_AREA)


def _inpaint(rgb: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """Inpaint at half size (fast), then paste the fill back only inside the mask."""
    h, w = mask.shape
    if not mask.any():
        return rgb
    small = (max(1, w // 2), max(1, h // 2))
    m_small = (_resize(mask, small) > 0).astype(np.uint8) * 255
    filled = cv2.inpaint(_resize(rgb, small), m_small, 5, cv2.INPAINT_TELEA)
    filled = cv2.resize(filled, (w, h), interpolation=cv2.INTER_LINEAR)
    soft = cv2.GaussianBlur(mask, (0, 0), 2).astype(np.float32)[..., None] / 255.0
    return (rgb * (1 - soft) + filled * soft).astype(np.uint8)


def skin_mask(rgb: np.ndarray) -> np.ndarray:
    """Skin-toned regions of a plausible size (a head, an arm, a leg)."""
    ycrcb = cv2.cvtColor(rgb, cv2.COLOR_RGB2YCrCb)
    mask = cv2.inRange(ycrcb, (40, 141, 77), (255, 175, 118))
    k = max(3, rgb.shape[1] // 200) | 1
    mask = cv2.morphologyEx(mask, cv2.MORPH_OPEN, np.ones((k, k), np.uint8))
    n, labels, stats, _ = cv2.connectedComponentsWithStats(mask)
    area = stats[:, cv2.CC_STAT_AREA]
    # Not a stray warm pixel, and not a wooden wall filling the frame.
    keep = (area > mask.size * 0.002) & (area < mask.size * 0.2)
    keep[0] = False
    return (keep[labels] * 255).astype(np.uint8)


def person_mask(rgb: np.ndarray) -> np.ndarray:
    """Skin, plus the hair: dark pixels just above a head-like region near the top."""
    skin = skin_mask(rgb)
    h, w = skin.shape
    gray = cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY)
    mask = skin.copy()
    n, _, stats, _ = cv2.connectedComponentsWithStats(skin)
    for x, y, bw, bh, _ in stats[1:]:
        if y > h * 0.35 or not 0.4 < bw / max(bh, 1) < 2.5:
            continue
        y0, x0, x1 = max(0, y - bh // 2), max(0, x - bw // 6), min(w, x + bw + bw // 6)
        top = gray[y0 : y + bh // 2, x0:x1] < 90
        mask[y0 : y + bh // 2, x0:x1] |= (top * 255).astype(np.uint8)
    return mask


def model_removal(frame: Frame) -> Frame:
    person = person_mask(frame.rgb)
    k = max(5, frame.rgb.shape[1] // 90) | 1
    mask = cv2.dilate(person, np.ones((k, k), np.uint8))
    log.info("model_removal: %.1f%% of the image covered", 100 * (mask > 0).mean())
    return Frame(rgb=_inpaint(frame.rgb, mask), person=mask)


def tag_mask(rgb: np.ndarray) -> np.ndarray:
    h, w = rgb.shape[:2]
    hsv = cv2.cvtColor(rgb, cv2.COLOR_RGB2HSV)
    bright = cv2.inRange(hsv, (0, 0, 222), (180, 50, 255))
    bright = cv2.morphologyEx(bright, cv2.MORPH_CLOSE, np.ones((7, 7), np.uint8))
    contours, _ = cv2.findContours(bright, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    gray = cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY)
    mask = np.zeros((h, w), np.uint8)
    for contour in contours:
        area = cv2.contourArea(contour)
        if not (h * w * 0.002 < area < h * w * 0.06):
            continue
        (_, _), (rw, rh), _ = cv2.minAreaRect(contour)
        if rw * rh == 0 or area / (rw * rh) < 0.75 or max(rw, rh) / min(rw, rh) > 4:
            continue
        x, y, bw, bh = cv2.boundingRect(contour)
        inside = np.zeros((h, w), np.uint8)
        cv2.drawContours(inside, [contour], -1, 255, -1)
        printed = (gray < 110) & (inside > 0)
        if printed.sum() < area * 0.02:  # a label carries print; a plain pale patch is left
            continue
        # The hull covers print reaching the edge (a barcode); the margin, outline and shadow.
        hull = np.zeros((h, w), np.uint8)
        cv2.drawContours(hull, [cv2.convexHull(contour)], -1, 255, -1)
        grow = max(3, int(min(rw, rh) * 0.12)) | 1
        mask |= cv2.dilate(hull, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (grow, grow)))
        # The string: thin dark strokes near the tag's top edge.
        pad = int(max(bw, bh) * 0.9)
        x0, y0, x1, y1 = max(0, x - pad), max(0, y - pad), min(w, x + bw + pad), min(h, y + bh // 3)
        roi = gray[y0:y1, x0:x1]
        hat = cv2.morphologyEx(roi, cv2.MORPH_BLACKHAT, np.ones((9, 9), np.uint8))
        mask[y0:y1, x0:x1] |= ((hat > 40) * 255).astype(np.uint8)
    if mask.any():
        mask = cv2.dilate(mask, np.ones((9, 9), np.uint8))
    return mask


def tag_removal(frame: Frame) -> Frame:
    mask = tag_mask(frame.rgb)
    log.info("tag_removal: %.1f%% of the image covered", 100 * (mask > 0).mean())
    return Frame(rgb=_inpaint(frame.rgb, mask), person=frame.person)


def _around_head(person: np.ndarray) -> np.ndarray:
    """The person's regions within shoulder reach of the head (so a terracotta pot
    at the side of the room does not widen the box); all of them without a head."""
    h, w = person.shape
    n, labels, stats, _ = cv2.connectedComponentsWithStats(person)
    heads = [
        i
        for i in range(1, n)
        if stats[i, cv2.CC_STAT_TOP] < h * 0.35
        and 0.4 < stats[i, cv2.CC_STAT_WIDTH] / max(stats[i, cv2.CC_STAT_HEIGHT], 1) < 2.5
    ]
    if not heads:
        return person
    head = max(heads, key=lambda i: stats[i, cv2.CC_STAT_AREA])
    hx, hw = stats[head, cv2.CC_STAT_LEFT], stats[head, cv2.CC_STAT_WIDTH]
    lo, hi = hx + hw / 2 - 2.3 * hw, hx + hw / 2 + 2.3 * hw
    left, right = (
        stats[:, cv2.CC_STAT_LEFT],
        stats[:, cv2.CC_STAT_LEFT] + stats[:, cv2.CC_STAT_WIDTH],
    )
    keep = (right > lo) & (left < hi)
    keep[0] = False
    out = (keep[labels] * 255).astype(np.uint8)
    out[:, : max(0, int(lo))] = 0
    out[:, int(hi) :] = 0
    return out


def _seed(person: np.ndarray, sw: int, sh: int, border: float) -> np.ndarray:
    """GrabCut's starting labels: the person's bounding box (or a centre box) may be
    product; outside it, and the person's own pixels, are background; the torso core is product."""
    mask = np.full((sh, sw), cv2.GC_BGD, np.uint8)
    person = _around_head(person)
    ys, xs = np.nonzero(person)
    if len(xs) > person.size * 0.01:
        x0, x1, y0, y1 = xs.min(), xs.max() + 1, ys.min(), ys.max() + 1
        mask[y0:y1, x0:x1] = cv2.GC_PR_FGD
        mask[person > 0] = cv2.GC_BGD
        bw, bh = x1 - x0, y1 - y0
        core = mask[
            y0 + int(bh * 0.28) : y0 + int(bh * 0.5), x0 + int(bw * 0.4) : x0 + int(bw * 0.6)
        ]
        core[core == cv2.GC_PR_FGD] = cv2.GC_FGD
    else:
        bx, by = int(sw * border), int(sh * border)
        mask[by : sh - by, bx : sw - bx] = cv2.GC_PR_FGD
    return mask


def product_mask(
    rgb: np.ndarray, person: np.ndarray | None = None, border: float = 0.06
) -> np.ndarray:
    """GrabCut at a small size, seeded from where the person is (see `_seed`)."""
    h, w = rgb.shape[:2]
    scale = SEG_SIDE / max(h, w)
    sw, sh = max(8, round(w * scale)), max(8, round(h * scale))
    small = _resize(rgb, (sw, sh))
    if person is None:
        person = person_mask(rgb)
    mask = _seed(_resize(person, (sw, sh), nearest=True), sw, sh, border)
    bgd, fgd = np.zeros((1, 65), np.float64), np.zeros((1, 65), np.float64)
    cv2.setRNGSeed(12345)  # GrabCut's k-means: same input, same mask
    cv2.grabCut(small, mask, None, bgd, fgd, 3, cv2.GC_INIT_WITH_MASK)
    fg = np.isin(mask, (cv2.GC_FGD, cv2.GC_PR_FGD)).astype(np.uint8) * 255
    fg = cv2.morphologyEx(fg, cv2.MORPH_OPEN, np.ones((3, 3), np.uint8))
    n, labels, stats, _ = cv2.connectedComponentsWithStats(fg)
    if n > 1:
        largest = stats[1:, cv2.CC_STAT_AREA].max()
        keep = np.zeros(n, bool)
        keep[1:] = stats[1:, cv2.CC_STAT_AREA] >= largest * 0.15
        fg = (keep[labels] * 255).astype(np.uint8)
    big = cv2.resize(fg, (w, h), interpolation=cv2.INTER_LINEAR)
    return ((big > 127) * 255).astype(np.uint8)


def product_isolation(frame: Frame, prompt: str | None = None) -> Frame:
    log.info("product_isolation: prompt=%r", prompt)
    mask = frame.mask if frame.mask is not None else product_mask(frame.rgb, frame.person)
    ys, xs = np.nonzero(mask)
    if not len(xs):
        return Frame(rgb=frame.rgb, mask=mask, person=frame.person)
    h, w = mask.shape
    x0, x1, y0, y1 = xs.min(), xs.max() + 1, ys.min(), ys.max() + 1
    pad = int(max(x1 - x0, y1 - y0) * 0.06)
    x0, y0, x1, y1 = max(0, x0 - pad), max(0, y0 - pad), min(w, x1 + pad), min(h, y1 + pad)
    person = frame.person[y0:y1, x0:x1].copy() if frame.person is not None else None
    return Frame(rgb=frame.rgb[y0:y1, x0:x1].copy(), mask=mask[y0:y1, x0:x1].copy(), person=person)


def background_removal(frame: Frame) -> Frame:
    mask = frame.mask if frame.mask is not None else product_mask(frame.rgb, frame.person)
    alpha = cv2.GaussianBlur(mask, (0, 0), 1.2)  # a soft edge: real alpha, not a cut-out
    return Frame(rgb=frame.rgb, alpha=alpha, mask=mask)


def compose(frame: Frame, aspect_ratio: str | None) -> Frame:
    if not aspect_ratio:
        return frame
    rw, rh = (int(p) for p in aspect_ratio.split(":"))
    unit = WORK_SIDE // max(rw, rh)
    cw, ch = rw * unit, rh * unit
    rgb, alpha = frame.rgb, frame.alpha
    if alpha is not None:  # trim to the visible product before fitting it
        ys, xs = np.nonzero(alpha > 8)
        if len(xs):
            rgb = rgb[ys.min() : ys.max() + 1, xs.min() : xs.max() + 1]
            alpha = alpha[ys.min() : ys.max() + 1, xs.min() : xs.max() + 1]
    h, w = rgb.shape[:2]
    fit = min(cw * 0.9 / w, ch * 0.9 / h)
    nw, nh = max(1, int(w * fit)), max(1, int(h * fit))
    interp = cv2.INTER_AREA if fit < 1 else cv2.INTER_CUBIC
    rgb = cv2.resize(rgb, (nw, nh), interpolation=interp)
    ox, oy = (cw - nw) // 2, (ch - nh) // 2
    if alpha is not None:
        canvas = np.zeros((ch, cw, 3), np.uint8)
        canvas_a = np.zeros((ch, cw), np.uint8)
        canvas_a[oy : oy + nh, ox : ox + nw] = cv2.resize(alpha, (nw, nh), interpolation=interp)
    else:
        border = np.concatenate([rgb[0], rgb[-1], rgb[:, 0], rgb[:, -1]])
        canvas = np.empty((ch, cw, 3), np.uint8)
        canvas[:] = np.median(border, axis=0).astype(np.uint8)
        canvas_a = None
    canvas[oy : oy + nh, ox : ox + nw] = rgb
    return Frame(rgb=canvas, alpha=canvas_a)


def encode(frame: Frame, quality: int = 80) -> bytes:
    if frame.alpha is not None:
        img = Image.fromarray(np.dstack([frame.rgb, frame.alpha]), "RGBA")
    else:
        img = Image.fromarray(frame.rgb, "RGB")
    buf = io.BytesIO()
    img.save(buf, "WEBP", quality=quality, method=2)
    return buf.getvalue()


def process(data: bytes, elements: list[str], config: dict) -> list[tuple[str, bytes]]:
    """(file name, WebP bytes) for every asked stage in order, then the final."""
    frame = decode(data)
    out = []
    for element in elements:
        if element == "model_removal":
            frame = model_removal(frame)
        elif element == "tag_removal":
            frame = tag_removal(frame)
        elif element == "product_isolation":
            frame = product_isolation(frame, config.get("product_isolation_prompt"))
        elif element == "background_removal":
            frame = background_removal(frame)
        out.append((f"{STAGE_FILE[element]}_00001_.webp", encode(frame)))
    final = compose(frame, config.get("aspect_ratio"))
    out.append(("result_00001_.webp", encode(final)))
    return out
