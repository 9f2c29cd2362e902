#!/bin/sh
# Redraws icon.png, the app icon: a shield (the deposit is safe-kept) holding a
# coin with a check mark (it comes back). Needs ImageMagick 6.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
convert=${CONVERT:-/usr/bin/convert}
"$convert" -size 512x512 xc:none \
	-fill '#0b5d55' -draw "path 'M 256,28 L 452,96 L 452,250 C 452,370 370,450 256,490 C 142,450 60,370 60,250 L 60,96 Z'" \
	-fill '#12897c' -draw "path 'M 256,62 L 420,120 L 420,252 C 420,352 352,420 256,456 C 160,420 92,352 92,252 L 92,120 Z'" \
	-fill '#f2b632' -stroke '#c98c10' -strokewidth 10 -draw "circle 256,250 256,112" \
	-fill none -stroke '#c98c10' -strokewidth 6 -draw "circle 256,250 256,140" \
	-stroke none -fill '#ffffff' -draw "polygon 172,258 198,232 238,272 320,190 346,216 238,324" \
	-define png:exclude-chunks=date,time -strip "$here/icon.png"
echo "wrote $here/icon.png"
