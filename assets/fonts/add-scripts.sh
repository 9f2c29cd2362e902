#!/bin/sh
# Adds the scripts Fyne's own fonts lack to the bundled fonts, so Thai and
# Vietnamese status values and shop names render in every text style on
# machines without such a system font. Fyne takes one font per text style
# from the theme and otherwise falls back only to its own fonts and to system
# fonts, so these letters have to live in the same file as the Chinese:
#
# - Thai: the Thai block of Noto Sans Thai (SIL OFL 1.1, Debian's
#   fonts-noto-core; LICENSE-NotoSans.txt), with its glyph substitution
#   and mark positioning, so tone marks stack over vowels.
# - Vietnamese: the letters Fyne's monospace font (DejaVu Sans Mono) lacks
#   (ấ, ủ, ử …), from Fyne's own Noto Sans (OFL, LICENSE-NotoSans.txt), so
#   monospace evidence shows them and regular text draws them as Fyne would.
#
# Both go into DepositDeskCJK.ttf (regular) and DepositDeskCJK-Bold.otf
# (bold). Run after subset.sh and subset-bold.sh, which rebuild the files:
#
#   apt-get download fonts-noto-core && dpkg -x fonts-noto-core_*.deb noto
#   SRC=noto/usr/share/fonts/truetype/noto sh assets/fonts/add-scripts.sh
set -eu
here=$(cd "$(dirname "$0")" && pwd)
src=${SRC:-/usr/share/fonts/truetype/noto}
fyne=${FYNE:-$(go env GOMODCACHE)/fyne.io/fyne/v2@v2.7.1/theme/font}
py=${PYTHON:-/usr/bin/python3}
"$py" - "$here" "$src" "$fyne" <<'PY'
import os, sys, tempfile
from fontTools import subset
from fontTools.merge import Merger, Options
from fontTools.ttLib import TTFont, getTableClass
from fontTools.ttLib.scaleUpem import scale_upem
from fontTools.pens.t2CharStringPen import T2CharStringPen

# The Thai block and the dotted circle Thai shaping puts under a mark that
# has no consonant.
THAI = set(range(0x0E01, 0x0E5C)) | {0x25CC}
# Vietnamese letters beyond ASCII.
VIETNAMESE = set(range(0x1EA0, 0x1EFA)) | set(map(ord,
    "ĂăÂâĐđÊêÔôƠơƯưÀÁÃÈÉÌÍÒÓÕÙÚÝàáãèéìíòóõùúýĨĩŨũ"))
METRICS = (("hhea", ("ascent", "descent", "lineGap")),
           ("OS/2", ("sTypoAscender", "sTypoDescender", "sTypoLineGap",
                     "usWinAscent", "usWinDescent")))


def part(src, codes, layout, base, names, tmp):
    """The glyphs of src for codes, without hinting, on base's em, named
    from the names iterator apart from base's glyphs, saved in tmp."""
    font = TTFont(src)
    opts = subset.Options()
    opts.layout_features = ["*"] if layout else []
    opts.hinting = False
    opts.notdef_outline = True
    opts.name_IDs = []
    opts.drop_tables += ["DSIG"]
    s = subset.Subsetter(opts)
    s.populate(unicodes=codes)
    s.subset(font)
    if font["head"].unitsPerEm != base["head"].unitsPerEm:
        scale_upem(font, base["head"].unitsPerEm)
    if "CFF " in base:
        font["maxp"].tableVersion = 0x00005000  # as the CFF font's, to merge
    font = rename(font, [next(names) for _ in font.getGlyphOrder()], tmp)
    if "vmtx" in base:  # vertical metrics the merge expects in every font
        vhea = getTableClass("vhea")()
        vhea.tableVersion = 0x00011000
        for k in ("ascent", "descent", "lineGap", "advanceHeightMax", "minTopSideBearing",
                  "minBottomSideBearing", "yMaxExtent", "caretSlopeRise", "caretSlopeRun",
                  "caretOffset", "reserved1", "reserved2", "reserved3", "reserved4",
                  "metricDataFormat", "numberOfVMetrics"):
            setattr(vhea, k, getattr(base["vhea"], k))
        font["vhea"] = vhea
        vmtx = getTableClass("vmtx")()
        em = base["head"].unitsPerEm
        vmtx.metrics = {n: (em, 0) for n in font.getGlyphOrder()}
        font["vmtx"] = vmtx
    font.save(tmp)


def glyph_names(base):
    """Names for added glyphs: unused CIDs in a CID-keyed CFF font (its
    charset stores CIDs, not names), otherwise plain unique names."""
    if "CFF " in base:
        used = {int(n[3:]) for n in base.getGlyphOrder() if n.startswith("cid")}
        return ("cid%05d" % c for c in range(1, 65535) if c not in used)
    return ("added%d" % i for i in range(1 << 20))


def rename(font, names, tmp):
    """A copy of font (saved in tmp) with its glyphs named names: only the
    post table changes, every other table refers to glyphs by number."""
    font.save(tmp)
    font = TTFont(tmp)
    font["post"].formatType = 2.0
    font["post"].extraNames = []
    font["post"].mapping = {}
    font.setGlyphOrder(names)
    font.save(tmp)
    return TTFont(tmp)


def merge_cid_cff(self, m, tables):
    """Appends the TrueType outlines of the other fonts to a CID-keyed CFF
    (fontTools merges only name-keyed ones), as charstrings of its first
    font dict: they call no subroutines, so the CJK ones stay compact."""
    base = tables[0]
    top = base.cff.topDictIndex[0]
    cs = top.CharStrings
    private = top.FDArray[0].Private
    nominal = getattr(private, "nominalWidthX", 0)
    charset = list(top.charset)
    for font in m.fonts[1:]:
        glyphs = font.getGlyphSet()
        for name in font.getGlyphOrder():
            pen = T2CharStringPen(font["hmtx"][name][0] - nominal, glyphs)
            glyphs[name].draw(pen)
            c = pen.getCharString(private=private, globalSubrs=base.cff.GlobalSubrs)
            cs.charStrings[name] = len(cs.charStringsIndex)
            cs.charStringsIndex.items.append(c)
            top.FDSelect.append(0)
            charset.append(name)
    top.charset = charset
    top.numGlyphs = len(charset)
    return base


getTableClass("CFF ").merge = merge_cid_cff

here, src, fyne = sys.argv[1:]
mono = set(TTFont(os.path.join(fyne, "DejaVuSansMono-Powerline.ttf")).getBestCmap())
for dst, thai, latin in (("DepositDeskCJK.ttf", "NotoSansThai-Regular.ttf", "NotoSans-Regular.ttf"),
                         ("DepositDeskCJK-Bold.otf", "NotoSansThai-Bold.ttf", "NotoSans-Bold.ttf")):
    dst = os.path.join(here, dst)
    base = TTFont(dst)
    have = set(base.getBestCmap())
    if 0x0E01 in have:
        sys.exit("%s already has Thai; rebuild it first" % dst)
    names = glyph_names(base)
    parts = ((os.path.join(src, thai), THAI - have, True),
             (os.path.join(fyne, latin), VIETNAMESE - mono - have, False))
    tmps = []
    try:
        for font, codes, layout in parts:
            fd, tmp = tempfile.mkstemp(suffix=".ttf")
            os.close(fd)
            tmps.append(tmp)
            part(font, codes, layout, base, names, tmp)
        opts = Options()
        opts.drop_tables = ["glyf", "loca", "fpgm", "prep", "cvt ", "gasp"] if "CFF " in base else []
        merged = Merger(options=opts).merge([dst] + tmps)
    finally:
        for tmp in tmps:
            os.remove(tmp)
    # The base font's line metrics and names, so lines keep their height,
    for t, fields in METRICS:
        for n in fields:
            setattr(merged[t], n, getattr(base[t], n))
    merged["name"] = base["name"]
    # and its variation sequences, which the merge leaves out.
    merged["cmap"].tables += [t for t in base["cmap"].tables if t.format == 14]
    merged.save(dst)
    print("wrote %s (%d bytes)" % (dst, os.path.getsize(dst)))
PY
