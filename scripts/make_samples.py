"""`make samples`: draw the sample product photos into static/samples/.

Each photo is made here, from a fixed seed, with Pillow and NumPy (nothing is
downloaded): a figure with skin-toned head, neck, arms and legs wearing a garment,
a hang tag on a string with printed text, in front of a cluttered backdrop of
shelves, boxes, plants, tiles and soft shadows. Same code, same Pillow, same bytes.
"""

from __future__ import annotations

import random
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "static" / "samples"

SKIN = [(241, 198, 166), (226, 174, 134), (196, 136, 98), (158, 106, 72), (112, 74, 52)]
GARMENT_COLOURS = [
    (38, 70, 140),
    (30, 110, 80),
    (90, 40, 120),
    (200, 170, 40),
    (40, 40, 48),
    (20, 120, 140),
    (130, 30, 40),
    (70, 90, 60),
    (60, 110, 190),
    (180, 190, 200),
]
WALLS = [(120, 128, 140), (150, 140, 120), (96, 110, 104), (140, 120, 130), (110, 104, 96)]


@dataclass(frozen=True)
class Spec:
    name: str
    size: tuple[int, int]
    garment: str  # tee | hoodie | dress | jacket | tank | longsleeve
    seed: int


SPECS = [
    Spec("tee-navy", (1200, 1500), "tee", 1),
    Spec("hoodie-green", (2048, 2048), "hoodie", 2),
    Spec("dress-plum", (1280, 1600), "dress", 3),
    Spec("jacket-mustard", (1600, 2000), "jacket", 4),
    Spec("tank-charcoal", (900, 1200), "tank", 5),
    Spec("longsleeve-teal", (1500, 1500), "longsleeve", 6),
    Spec("tee-burgundy", (1024, 1280), "tee", 7),
    Spec("hoodie-olive", (2048, 1536), "hoodie", 8),
    Spec("dress-blue", (1000, 1250), "dress", 9),
    Spec("jacket-grey", (1800, 1800), "jacket", 10),
    Spec("tank-sky", (800, 1000), "tank", 11),
    Spec("longsleeve-navy", (1100, 1400), "longsleeve", 12),
]


def _font(size: int) -> ImageFont.ImageFont:
    return ImageFont.load_default(size=max(8, size))


def backdrop(w: int, h: int, rng: random.Random) -> Image.Image:
    """A wall with tiles or planks, a floor, and shelves, boxes and plants on it."""
    wall = np.array(rng.choice(WALLS), dtype=np.float32)
    y = np.linspace(0, 1, h, dtype=np.float32)[:, None, None]
    arr = np.broadcast_to(wall * (1.08 - 0.25 * y), (h, w, 3)).copy()
    nrng = np.random.default_rng(rng.randrange(1 << 30))
    arr += nrng.normal(0, 4, (h, w, 1)).astype(np.float32)
    img = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8))
    d = ImageDraw.Draw(img, "RGBA")
    floor_y = int(h * rng.uniform(0.72, 0.8))
    if rng.random() < 0.5:  # tiles
        step = rng.randrange(w // 14, w // 8)
        for x in range(0, w, step):
            d.line([(x, 0), (x, floor_y)], fill=(0, 0, 0, 40), width=max(1, w // 600))
        for yy in range(0, floor_y, step):
            d.line([(0, yy), (w, yy)], fill=(0, 0, 0, 40), width=max(1, w // 600))
    else:  # planks
        step = rng.randrange(w // 20, w // 10)
        for x in range(0, w, step):
            shade = rng.randrange(-18, 18)
            d.rectangle([x, 0, x + step, floor_y], fill=(128 + shade, 100 + shade, 70 + shade, 60))
    fl = tuple(int(c * 0.6) for c in rng.choice(WALLS))
    d.rectangle([0, floor_y, w, h], fill=(*fl, 255))
    for i in range(0, w, max(4, w // 60)):  # floor boards
        d.line([(i, floor_y), (i - w // 8, h)], fill=(0, 0, 0, 30), width=max(1, w // 800))
    for _ in range(rng.randrange(3, 5)):  # shelves with boxes
        sx, sy = rng.randrange(0, w), rng.randrange(int(h * 0.05), int(h * 0.55))
        sw = rng.randrange(w // 5, w // 2)
        d.rectangle([sx, sy, sx + sw, sy + max(6, h // 90)], fill=(70, 50, 35, 255))
        x = sx
        while x < sx + sw - w // 30:
            bw, bh = rng.randrange(w // 30, w // 12), rng.randrange(h // 30, h // 10)
            colour = (rng.randrange(60, 200), rng.randrange(60, 170), rng.randrange(80, 200), 255)
            d.rectangle([x, sy - bh, x + bw, sy], fill=colour, outline=(0, 0, 0, 90))
            x += bw + rng.randrange(2, w // 60)
    for _ in range(rng.randrange(2, 4)):  # potted plants
        px, py = rng.randrange(0, w), floor_y + rng.randrange(-h // 40, h // 30)
        r = rng.randrange(w // 30, w // 16)
        d.polygon(
            [(px - r, py - r), (px + r, py - r), (px + r * 0.7, py + r), (px - r * 0.7, py + r)],
            fill=(120, 70, 50, 255),
        )
        for _ in range(14):
            a, ln = rng.uniform(-2.6, -0.5), rng.uniform(1.5, 3.5) * r
            tip = (px + np.cos(a) * ln, py - r + np.sin(a) * ln)
            d.line(
                [(px, py - r), tip],
                fill=(40, rng.randrange(100, 150), 50, 255),
                width=max(3, r // 5),
            )
    for _ in range(rng.randrange(6, 12)):  # odd shapes: frames, discs, rugs
        x0, y0 = rng.randrange(0, w), rng.randrange(0, h)
        s = rng.randrange(w // 30, w // 8)
        colour = (
            rng.randrange(40, 180),
            rng.randrange(40, 180),
            rng.randrange(40, 180),
            rng.randrange(120, 230),
        )
        if rng.random() < 0.5:
            d.ellipse([x0, y0, x0 + s, y0 + s], fill=colour)
        else:
            d.rectangle([x0, y0, x0 + s, y0 + int(s * 0.7)], outline=colour, width=max(2, s // 10))
    return img


def _shadow(
    size: tuple[int, int], shape: Image.Image, offset: tuple[int, int], blur: int
) -> Image.Image:
    shadow = Image.new("L", size, 0)
    shadow.paste(shape, offset)
    return shadow.filter(ImageFilter.GaussianBlur(blur))


def figure_layers(w: int, h: int, spec: Spec, rng: random.Random):
    """Skin and garment masks (L images) and the collar point a tag hangs from."""
    cx = w // 2 + rng.randrange(-w // 20, w // 20)
    unit = min(w, h * 0.8) / 10
    top = int(h * 0.08)
    head_r = unit * 0.75
    neck_y = top + head_r * 2
    sh_y = neck_y + unit * 0.45
    sh_half = unit * 1.9
    hem_y = sh_y + unit * (5.6 if spec.garment == "dress" else 4.0)
    skin = Image.new("L", (w, h), 0)
    ds = ImageDraw.Draw(skin)
    ds.ellipse([cx - head_r * 0.85, top, cx + head_r * 0.85, top + head_r * 2], fill=255)
    ds.rectangle(
        [cx - unit * 0.35, neck_y - unit * 0.2, cx + unit * 0.35, sh_y + unit * 0.3], fill=255
    )
    arm_w = int(unit * 0.6)
    for side in (-1, 1):
        shoulder = (cx + side * sh_half * 0.92, sh_y + unit * 0.25)
        elbow = (cx + side * (sh_half + unit * 0.5), sh_y + unit * 2.3)
        hand = (cx + side * (sh_half + unit * 0.35), sh_y + unit * 4.3)
        ds.line([shoulder, elbow, hand], fill=255, width=arm_w, joint="curve")
        ds.ellipse(
            [
                hand[0] - arm_w * 0.6,
                hand[1] - arm_w * 0.4,
                hand[0] + arm_w * 0.6,
                hand[1] + arm_w * 0.9,
            ],
            fill=255,
        )
        leg_x = cx + side * unit * 0.7
        ds.line(
            [
                (leg_x, hem_y - unit * 0.3),
                (leg_x + side * unit * 0.15, min(h - 1, hem_y + unit * 3.6)),
            ],
            fill=255,
            width=int(unit * 0.75),
        )
    garment = Image.new("L", (w, h), 0)
    dg = ImageDraw.Draw(garment)
    sleeve = {
        "tee": 1.4,
        "hoodie": 4.0,
        "dress": 0.9,
        "jacket": 4.1,
        "tank": 0.0,
        "longsleeve": 4.1,
    }[spec.garment]
    waist = sh_half * (0.95 if spec.garment != "dress" else 0.8)
    hem_half = sh_half * (1.0 if spec.garment != "dress" else 1.35)
    if spec.garment == "tank":
        body = [
            (cx - sh_half * 0.6, sh_y - unit * 0.1),
            (cx - unit * 0.45, sh_y - unit * 0.1),
            (cx, sh_y + unit * 0.7),
            (cx + unit * 0.45, sh_y - unit * 0.1),
            (cx + sh_half * 0.6, sh_y - unit * 0.1),
            (cx + sh_half * 0.85, sh_y + unit * 1.4),
            (cx + waist, hem_y),
            (cx - waist, hem_y),
            (cx - sh_half * 0.85, sh_y + unit * 1.4),
        ]
    else:
        body = [
            (cx - sh_half, sh_y),
            (cx - unit * 0.45, sh_y - unit * 0.15),
            (cx, sh_y + unit * 0.4),
            (cx + unit * 0.45, sh_y - unit * 0.15),
            (cx + sh_half, sh_y),
            (cx + waist, sh_y + unit * 2.2),
            (cx + hem_half, hem_y),
            (cx - hem_half, hem_y),
            (cx - waist, sh_y + unit * 2.2),
        ]
    dg.polygon(body, fill=255)
    if sleeve:
        for side in (-1, 1):
            shoulder = (cx + side * sh_half * 0.85, sh_y + unit * 0.35)
            elbow = (cx + side * (sh_half + unit * 0.5), sh_y + unit * min(sleeve, 2.3))
            pts = [shoulder, elbow]
            if sleeve > 2.3:
                pts.append((cx + side * (sh_half + unit * 0.35), sh_y + unit * sleeve))
            dg.line(pts, fill=255, width=int(arm_w * 1.45), joint="curve")
    if spec.garment == "hoodie":
        dg.ellipse(
            [cx - head_r * 1.15, neck_y - head_r * 0.5, cx + head_r * 1.15, sh_y + unit * 0.9],
            fill=255,
        )
    collar = (cx + unit * 0.4, sh_y + unit * 0.1)
    return skin, garment, collar, unit, hem_y


def paint_garment(img: Image.Image, garment: Image.Image, colour, unit: float, spec: Spec, rng):
    w, h = img.size
    nrng = np.random.default_rng(spec.seed)
    base = np.array(colour, dtype=np.float32)
    xs = np.linspace(-1, 1, w, dtype=np.float32)[None, :, None]
    shade = 1.0 - 0.22 * xs**2
    weave = nrng.normal(0, 5, (h, w, 1)).astype(np.float32)
    arr = base * shade + weave
    if spec.seed % 3 == 0:  # stripes
        stripes = ((np.arange(h) // max(4, int(unit * 0.25))) % 2 == 0)[:, None, None]
        arr = np.where(stripes, arr * 0.8, arr)
    fabric = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8))
    d = ImageDraw.Draw(fabric, "RGBA")
    for _ in range(8):  # folds
        x = rng.randrange(int(w * 0.3), int(w * 0.7))
        y = rng.randrange(int(h * 0.3), int(h * 0.6))
        d.line(
            [(x, y), (x + rng.randrange(-40, 40), y + unit * 1.5)],
            fill=(0, 0, 0, 45),
            width=int(unit * 0.08),
        )
    if spec.garment == "jacket":
        d.line([(w // 2, 0), (w // 2, h)], fill=(20, 20, 20, 200), width=max(2, int(unit * 0.06)))
        for i in range(5):
            yy = h * 0.3 + i * unit * 0.8
            d.ellipse(
                [w // 2 + unit * 0.15, yy, w // 2 + unit * 0.3, yy + unit * 0.15],
                fill=(230, 230, 230, 255),
            )
    img.paste(fabric, (0, 0), garment)


def hang_tag(img: Image.Image, collar, unit: float, rng: random.Random) -> None:
    """A card tag hung on a string from the collar, with a brand, a price and a barcode."""
    tw, th = int(unit * 1.15), int(unit * 1.9)
    tag = Image.new("RGBA", (tw, th), (0, 0, 0, 0))
    d = ImageDraw.Draw(tag)
    paper = rng.choice([(246, 244, 238), (250, 250, 250), (238, 232, 218)])
    d.rounded_rectangle(
        [0, 0, tw - 1, th - 1],
        radius=int(unit * 0.12),
        fill=(*paper, 255),
        outline=(180, 175, 165, 255),
        width=2,
    )
    hole = (tw // 2, int(th * 0.09))
    d.ellipse(
        [hole[0] - tw * 0.06, hole[1] - tw * 0.06, hole[0] + tw * 0.06, hole[1] + tw * 0.06],
        fill=(60, 60, 60, 255),
    )
    brand = rng.choice(["DYVER", "NORD", "ATELIER", "KORA"])
    d.text((tw * 0.1, th * 0.2), brand, font=_font(int(tw * 0.2)), fill=(20, 20, 20, 255))
    d.text(
        (tw * 0.1, th * 0.38),
        f"${rng.randrange(19, 149)}.99",
        font=_font(int(tw * 0.17)),
        fill=(30, 30, 30, 255),
    )
    d.text(
        (tw * 0.1, th * 0.53),
        f"SIZE {rng.choice('SML')}",
        font=_font(int(tw * 0.12)),
        fill=(60, 60, 60, 255),
    )
    x = tw * 0.1
    while x < tw * 0.9:  # barcode
        bar = rng.choice([1, 2, 3]) * max(1, tw // 90)
        d.rectangle([x, th * 0.7, x + bar, th * 0.9], fill=(10, 10, 10, 255))
        x += bar + rng.choice([1, 2, 3]) * max(1, tw // 90)
    angle = rng.uniform(-14, 14)
    tag = tag.rotate(angle, resample=Image.BICUBIC, expand=True)
    side = rng.choice([-1, 1])
    ax = int(collar[0] + side * unit * rng.uniform(1.6, 2.4))
    ay = int(collar[1] + unit * rng.uniform(0.9, 1.6))
    shadow = Image.new("RGBA", tag.size, (0, 0, 0, 0))
    shadow.putalpha(tag.getchannel("A").point(lambda a: a // 3).filter(ImageFilter.GaussianBlur(6)))
    pos = (ax - tag.width // 2, ay)
    img.paste(shadow, (pos[0] + int(unit * 0.08), pos[1] + int(unit * 0.1)), shadow)
    ImageDraw.Draw(img).line(
        [collar, (ax, ay + int(th * 0.09))], fill=(35, 30, 28), width=max(2, int(unit * 0.03))
    )
    img.paste(tag, pos, tag)


def make(spec: Spec) -> Image.Image:
    rng = random.Random(spec.seed)
    w, h = spec.size
    img = backdrop(w, h, rng).convert("RGB")
    skin, garment, collar, unit, _ = figure_layers(w, h, spec, rng)
    body = Image.fromarray(np.maximum(np.array(skin), np.array(garment)))
    shadow = _shadow((w, h), body, (int(unit * 0.35), int(unit * 0.2)), int(unit * 0.3))
    img.paste(Image.new("RGB", (w, h), (15, 15, 20)), (0, 0), shadow.point(lambda a: int(a * 0.5)))
    tone = SKIN[spec.seed % len(SKIN)]
    sk = np.array(tone, dtype=np.float32) + np.random.default_rng(spec.seed).normal(0, 3, (h, w, 1))
    ys = np.linspace(0, 1, h, dtype=np.float32)[:, None, None]
    sk = sk * (1.04 - 0.1 * ys)
    img.paste(Image.fromarray(np.clip(sk, 0, 255).astype(np.uint8)), (0, 0), skin)
    face = ImageDraw.Draw(img)
    head_cx = np.argwhere(np.array(skin)[: int(h * 0.3)] > 0)[:, 1].mean()
    hair = tuple(
        int(c) for c in rng.choice([(30, 22, 18), (70, 45, 25), (120, 90, 50), (15, 15, 15)])
    )
    top = int(h * 0.08)
    face.chord(
        [head_cx - unit * 0.7, top - unit * 0.1, head_cx + unit * 0.7, top + unit * 0.9],
        180,
        360,
        fill=hair,
    )
    colour = GARMENT_COLOURS[(spec.seed - 1) % len(GARMENT_COLOURS)]
    paint_garment(img, garment, colour, unit, spec, rng)
    hang_tag(img, collar, unit, rng)
    return img.filter(ImageFilter.GaussianBlur(0.6))


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    total = 0
    for spec in SPECS:
        path = OUT / f"{spec.name}.jpg"
        make(spec).save(path, "JPEG", quality=82, optimize=True, progressive=False)
        total += path.stat().st_size
        kb = path.stat().st_size // 1024
        print(f"{path.relative_to(ROOT)}  {spec.size[0]}x{spec.size[1]}  {kb} KB")
    print(f"{len(SPECS)} samples, {total / 1e6:.1f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
