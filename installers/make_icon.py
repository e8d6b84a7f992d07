"""Draws the app icon: a blue rounded square with a white tick and "WV" under it.

    .venv/bin/python installers/make_icon.py

writes resources/icons/stocktake-desktop.png (256 px), stocktake-desktop-{16,32,48,256}.png
and stocktake-desktop.ico (all four sizes). Each size is drawn at four times its size and
scaled down; at 16 px the letters would be a smudge, so that size is the tick alone, drawn
bolder. Pillow comes with the app's own dependencies (reportlab needs it).
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "resources" / "icons"
FONT = ROOT / "resources" / "fonts" / "DejaVuSans-Bold.ttf"
SIZES = (16, 32, 48, 256)
BLUE = (22, 88, 160, 255)
EDGE = (12, 56, 110, 255)
WHITE = (255, 255, 255, 255)
SCALE = 4


def draw(size: int) -> Image.Image:
    big = size * SCALE
    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    pen = ImageDraw.Draw(image)
    inset = big * (0.02 if size <= 16 else 0.04)
    radius = big * 0.2
    pen.rounded_rectangle(
        (inset, inset, big - inset, big - inset),
        radius=radius,
        fill=BLUE,
        outline=EDGE,
        width=max(SCALE, round(big * 0.02)),
    )
    if size <= 16:
        tick = [(0.22, 0.52), (0.42, 0.72), (0.80, 0.28)]
        width = 0.17
    else:
        tick = [(0.24, 0.36), (0.42, 0.52), (0.76, 0.18)]
        width = 0.12
    points = [(x * big, y * big) for x, y in tick]
    stroke = round(big * width)
    pen.line(points, fill=WHITE, width=stroke, joint="curve")
    for x, y in (points[0], points[-1]):  # round ends
        pen.ellipse((x - stroke / 2, y - stroke / 2, x + stroke / 2, y + stroke / 2), fill=WHITE)
    if size > 16:
        font = ImageFont.truetype(str(FONT), round(big * 0.36))
        pen.text((big / 2, big * 0.76), "WV", font=font, fill=WHITE, anchor="mm")
    return image.resize((size, size), Image.Resampling.LANCZOS)


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    images = {size: draw(size) for size in SIZES}
    for size, image in images.items():
        image.save(OUT / f"stocktake-desktop-{size}.png", optimize=True)
    images[256].save(OUT / "stocktake-desktop.png", optimize=True)
    # The .ico carries each size as drawn (Pillow would otherwise shrink the 256 px one).
    images[256].save(
        OUT / "stocktake-desktop.ico",
        sizes=[(s, s) for s in SIZES],
        append_images=[images[s] for s in SIZES if s != 256],
    )
    print(f"wrote {len(SIZES) + 2} files to {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
