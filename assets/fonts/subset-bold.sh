#!/bin/sh
# Rebuilds DepositDeskCJK-Bold.otf: Noto Sans CJK SC Bold (SIL OFL 1.1,
# Debian's fonts-noto-cjk) cut down to GB2312 and CJK punctuation, so Chinese
# is bold beside bold Latin on machines without any CJK font. Latin letters
# and digits are left out: Fyne's own bold font draws them.
#
#   apt-get install fonts-noto-cjk python3-fonttools
#   sh assets/fonts/subset-bold.sh
#   apt-get remove fonts-noto-cjk   # to check the window without a system CJK font again
set -eu
here=$(cd "$(dirname "$0")" && pwd)
src=${SRC:-/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc}
py=${PYTHON:-/usr/bin/python3}
out="$here/DepositDeskCJK-Bold.otf"
"$py" - "$src" "$out" <<'PY'
import sys
from fontTools.ttLib import TTCollection
from fontTools import subset

src, out = sys.argv[1], sys.argv[2]
font = next(f for f in TTCollection(src).fonts
            if "Noto Sans CJK SC" in f["name"].getDebugName(1))
cps = set()
for hi in range(0xA1, 0xF8):
    for lo in range(0xA1, 0xFF):
        try:
            cps.add(ord(bytes([hi, lo]).decode("gb2312")))
        except UnicodeDecodeError:
            pass
cps |= set(range(0x3000, 0x3040)) | set(range(0xFF00, 0xFFF0))
# The symbols the UI draws: punctuation, currency signs, arrows, check marks.
cps |= set(range(0x2000, 0x2070)) | set(range(0x20A0, 0x20C0)) | set(range(0x2190, 0x2200))
cps |= set(range(0x25A0, 0x2600)) | {0x0E3F, 0x2713, 0x2714, 0x2717, 0x2718}
# Latin letters, digits and ASCII punctuation come from Fyne's bold font.
# The space stays: a space between Chinese words is shaped with them.
cps = {c for c in cps if c > 0x2FF} | {0x20, 0xA0}
opts = subset.Options()
opts.layout_features = ["*"]
opts.name_IDs = ["*"]
opts.name_languages = ["*"]
opts.notdef_outline = True
opts.recalc_bounds = True
opts.drop_tables += ["DSIG"]
s = subset.Subsetter(opts)
s.populate(unicodes=cps)
s.subset(font)
font.save(out)
PY
# Line metrics of the regular font (scaled), so a bold label is as tall as
# a regular one beside it.
"$py" - "$here/DepositDeskCJK.ttf" "$out" <<'PY'
import sys
from fontTools.ttLib import TTFont
reg, bold = TTFont(sys.argv[1]), TTFont(sys.argv[2])
k = bold["head"].unitsPerEm / reg["head"].unitsPerEm
for t, names in (("hhea", ("ascent", "descent", "lineGap")),
                 ("OS/2", ("sTypoAscender", "sTypoDescender", "sTypoLineGap", "usWinAscent", "usWinDescent"))):
    for n in names:
        setattr(bold[t], n, round(getattr(reg[t], n) * k))
bold.save(sys.argv[2])
PY
echo "wrote $out ($(wc -c <"$out") bytes); now run add-scripts.sh for Thai and Vietnamese"
