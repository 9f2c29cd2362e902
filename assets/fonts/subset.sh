#!/bin/sh
# Rebuilds DepositDeskCJK.ttf: Droid Sans Fallback (Apache-2.0, Debian's
# fonts-droid-fallback) cut down to what a Chinese/English UI needs, so Chinese
# renders on machines without any CJK font and the binary stays small.
#
#   apt-get install fonts-droid-fallback python3-fonttools
#   sh assets/fonts/subset.sh
set -eu
here=$(cd "$(dirname "$0")" && pwd)
src=${SRC:-/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf}
py=${PYTHON:-/usr/bin/python3}
out="$here/DepositDeskCJK.ttf"
list=$(mktemp)
trap 'rm -f "$list"' EXIT

# Every character of GB2312 (6,763 hanzi plus its symbols), one code point a line.
"$py" - >"$list" <<'PY'
cps = set()
for hi in range(0xA1, 0xF8):
    for lo in range(0xA1, 0xFF):
        try:
            ch = bytes([hi, lo]).decode("gb2312")
        except UnicodeDecodeError:
            continue
        cps.add(ord(ch))
for cp in sorted(cps):
    print("U+%04X" % cp)
PY

# ASCII, Latin-1, Latin Extended-A, general punctuation, currency signs,
# arrows, bullets, check marks, CJK punctuation, fullwidth forms, and the
# symbols the UI draws (✓ ✗ • … → ↑ ↓ ¥ € £ ₫ ฿).
extra="U+0020-007E,U+00A0-00FF,U+0100-017F,U+2000-206F,U+20A0-20BF,U+2190-21FF,U+2022,U+2026,U+2713,U+2714,U+2717,U+2718,U+25A0-25FF,U+3000-303F,U+FF00-FFEF,U+0E3F,U+00A5,U+20AC,U+00A3,U+20AB"

"$py" -m fontTools.subset "$src" \
	--unicodes-file="$list" --unicodes="$extra" \
	--output-file="$out" \
	--layout-features='*' --name-IDs='*' --name-languages='*' \
	--notdef-outline --recalc-bounds --drop-tables+=DSIG
# Droid Sans Fallback has no check marks or arrows; draw them (simple strokes
# on its 256-unit em) so status chips and sort markers never fall back to a box.
"$py" - "$out" <<'PY'
import math, sys
from fontTools.ttLib import TTFont
from fontTools.pens.ttGlyphPen import TTGlyphPen

def stroke(p, q, w):
    (x1, y1), (x2, y2) = p, q
    dx, dy = x2 - x1, y2 - y1
    n = math.hypot(dx, dy)
    ox, oy = -dy / n * w / 2, dx / n * w / 2
    return [(x1 + ox, y1 + oy), (x2 + ox, y2 + oy), (x2 - ox, y2 - oy), (x1 - ox, y1 - oy)]

def clockwise(pts):
    area = sum(a[0] * b[1] - b[0] * a[1] for a, b in zip(pts, pts[1:] + pts[:1]))
    return pts if area < 0 else pts[::-1]

def rotate(pts, quarter, c=(128, 92)):
    out = []
    for x, y in pts:
        x, y = x - c[0], y - c[1]
        for _ in range(quarter):
            x, y = -y, x
        out.append((x + c[0], y + c[1]))
    return out

check = [stroke((38, 100), (100, 38), 30), stroke((92, 46), (218, 186), 30)]
cross = [stroke((52, 20), (204, 172), 30), stroke((52, 172), (204, 20), 30)]
right = [[(40, 80), (150, 80), (150, 104), (40, 104)], [(140, 32), (220, 92), (140, 152)]]
shapes = {0x2713: check, 0x2714: check, 0x2717: cross, 0x2718: cross, 0x2192: right}
for code, quarter in ((0x2191, 1), (0x2190, 2), (0x2193, 3)):
    shapes[code] = [rotate(c, quarter) for c in right]

font = TTFont(sys.argv[1])
order = font.getGlyphOrder()
for code, contours in shapes.items():
    name = "uni%04X" % code
    pen = TTGlyphPen(None)
    for c in contours:
        c = clockwise([(round(x), round(y)) for x, y in c])
        pen.moveTo(c[0])
        for pt in c[1:]:
            pen.lineTo(pt)
        pen.closePath()
    glyph = pen.glyph()
    glyph.recalcBounds(font["glyf"])
    if name not in order:
        order.append(name)
    font["glyf"][name] = glyph
    font["hmtx"][name] = (256, glyph.xMin)
    if "vmtx" in font:
        font["vmtx"][name] = (256, 0)
    for table in font["cmap"].tables:
        if table.isUnicode():
            table.cmap[code] = name
font.setGlyphOrder(order)
font["maxp"].numGlyphs = len(order)
font.save(sys.argv[1])
PY
echo "wrote $out ($(wc -c <"$out") bytes); now run add-scripts.sh for Thai and Vietnamese"
