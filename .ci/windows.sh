#!/usr/bin/env bash
# The Windows build cannot break unnoticed: cross-build dist/depositdesk.exe
# (make dist-windows, mingw-w64), run its command line under Wine, and fail
# when its verdicts differ from the Linux build's on the same demo data.
#
# Wine here is Debian 12's 8.0, which has two gaps that real Windows 10/11
# does not: it lacks bcryptprimitives.dll (ProcessPrng), which the Go runtime
# loads before main, so a stand-in built from .ci/wine/processprng.c goes into
# the prefix's system32; and it fails os.RemoveAll on directories, so only the
# command line runs here, not the test suite.
#
# Environment: KEEP_WINE=1 keeps the work folder (prefix, outputs) for a look;
# SCREENSHOT=FILE saves a screenshot of the window (opened under Xvfb).
set -euo pipefail
cd "$(dirname "$0")/.."
exec </dev/null # CI may start this with no standard input; Wine and script(1) want one
export PATH="$PATH:/usr/local/go/bin"
started=$SECONDS
step() { printf '\n== windows: %s (%ds)\n' "$*" "$((SECONDS - started))"; }
fail() { printf '\nFAIL (windows): %s\n' "$*" >&2; exit 1; }

step "packages"
packages=(gcc-mingw-w64-x86-64 wine64 xvfb xauth x11-utils)
[ -z "${SCREENSHOT:-}" ] || packages+=(imagemagick)
missing=()
for p in "${packages[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if [ ${#missing[@]} -gt 0 ]; then
	echo "installing: ${missing[*]}"
	SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
	$SUDO apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
wine=${WINE:-}
for w in wine64 /usr/lib/wine/wine64 wine; do
	[ -n "$wine" ] && break
	command -v "$w" >/dev/null && wine=$(command -v "$w")
done
[ -n "$wine" ] || fail "no wine64 after installing it"
wineserver=$(dirname "$wine")/wineserver
[ -x "$wineserver" ] || wineserver=$(command -v wineserver || echo /usr/lib/wine/wineserver)

step "build: Windows (make dist-windows)"
make --no-print-directory dist-windows
exe=dist/depositdesk.exe
[ -s "$exe" ] || fail "make dist-windows made no $exe"
step "build: Linux (make build)"
make --no-print-directory build

work=$(mktemp -d "${TMPDIR:-/tmp}/depositdesk-wine.XXXXXX")
export WINEPREFIX="$work/prefix" WINEARCH=win64 WINEDEBUG=-all
# no Mono or Gecko: nothing here needs .NET or a browser, and asking would hang
export WINEDLLOVERRIDES="mscoree=;mshtml="
cleanup() {
	"$wineserver" -k >/dev/null 2>&1 || true
	if [ -n "${KEEP_WINE:-}" ]; then echo "kept $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT

step "Wine prefix and the ProcessPrng stand-in"
x86_64-w64-mingw32-gcc -shared -O2 -s -Wall -o "$work/bcryptprimitives.dll" \
	.ci/wine/processprng.c -ladvapi32
x86_64-w64-mingw32-gcc -O2 -s -Wall -o "$work/nohandles.exe" .ci/wine/nohandles.c
timeout 300 "$wine" wineboot -i >"$work/wineboot.log" 2>&1 || { cat "$work/wineboot.log"; fail "wineboot -i failed"; }
# Wine loads a system DLL from system32 only, not from beside the exe.
cp "$work/bcryptprimitives.dll" "$WINEPREFIX/drive_c/windows/system32/bcryptprimitives.dll"
cp "$exe" "$WINEPREFIX/drive_c/depositdesk.exe"
cp "$work/nohandles.exe" "$WINEPREFIX/drive_c/nohandles.exe"

# win runs the Windows build's command line; its output is piped, as a
# script's would be on Windows.
win() { timeout 180 "$wine" 'C:\depositdesk.exe' --db 'C:\deposit.db' "$@"; }
lin() { timeout 180 ./depositdesk --db "$work/deposit.db" "$@"; }

step "demo and readiness under Wine"
win demo >"$work/win-demo.txt" 2>&1 || { cat "$work/win-demo.txt"; fail "depositdesk.exe demo failed under Wine"; }
cat "$work/win-demo.txt"
win readiness --as-of 2026-11-24 --json >"$work/win.json" 2>"$work/win.err" ||
	{ cat "$work/win.err"; fail "depositdesk.exe readiness --json failed under Wine"; }
win readiness --as-of 2026-11-24 >"$work/win.txt" 2>&1 || { cat "$work/win.txt"; fail "depositdesk.exe readiness failed"; }

step "the same on Linux"
lin demo
lin readiness --as-of 2026-11-24 --json >"$work/linux.json"
lin readiness --as-of 2026-11-24 >"$work/linux.txt"

step "compare"
shops=$(grep -c '"shop":' "$work/linux.json" || true)
[ "$shops" -ge 4 ] || { cat "$work/linux.json"; fail "the Linux demo gave $shops shops, expected 4 or more"; }
if ! diff -u --label linux.json --label windows.json "$work/linux.json" "$work/win.json"; then
	fail "readiness --json differs between the Windows build (under Wine) and the Linux build (diff above)"
fi
if ! diff -u --label linux.txt --label windows.txt "$work/linux.txt" "$work/win.txt"; then
	fail "the readiness table differs between the Windows and the Linux build (diff above)"
fi
echo "same verdicts for $shops shops:"
grep -o '"shop": "[^"]*",\|"status": "[^"]*"' "$work/win.json" | paste -d' ' - - | sed 's/^/  /'

# A GUI-subsystem exe started from a console has no standard handles on
# Windows; the command line must then print to the console it came from.
step "output when started without standard handles (a console, not a pipe)"
if command -v script >/dev/null; then
	TERM=dumb timeout 180 script -qec "'$wine' 'C:\\nohandles.exe' 'C:\\depositdesk.exe' --db 'C:\\deposit.db' shop list" \
		/dev/null >"$work/console.txt" 2>&1 || { cat "$work/console.txt"; fail "shop list with no standard handles failed"; }
	grep -q 'Panda UK' "$work/console.txt" ||
		{ cat "$work/console.txt"; fail "with no standard handles the command line printed nothing to the console"; }
	echo "printed to the console: $(grep -c . "$work/console.txt") lines"
else
	echo "skipped: no script(1) to give Wine a console"
fi

# The window itself: it must open and keep running (a panic or a GL failure
# at start ends the process); SCREENSHOT=FILE also saves a picture of it.
step "the window under Xvfb"
# a Wine session that started without a display cannot make windows: end it
"$wineserver" -k >/dev/null 2>&1 || true
"$wineserver" -w >/dev/null 2>&1 || true
shot=""
[ -z "${SCREENSHOT:-}" ] || shot=$(realpath -m "$SCREENSHOT")
xvfb-run -a -s "-screen 0 1400x900x24" bash -c '
	wine=$1 shot=$2 work=$3 wineserver=$4
	"$wine" "C:\\depositdesk.exe" --db "C:\\deposit.db" >"$work/window.log" 2>&1 &
	pid=$!
	id=""
	for i in $(seq 120); do
		sleep 1
		kill -0 $pid 2>/dev/null || break
		id=$(xwininfo -name "Deposit Desk" 2>/dev/null | awk "/Window id:/ {print \$4}") && [ -n "$id" ] && break
	done
	# the first frames under Wine and a software GL take a while
	[ -z "$id" ] || sleep 20
	if [ -z "$id" ] || ! kill -0 $pid 2>/dev/null; then
		echo "the window did not open, or closed by itself; its output:"; cat "$work/window.log"; exit 1
	fi
	xwininfo -id "$id" | grep -E "Width|Height" | tr -s " " | tr "\n" " "; echo
	[ -z "$shot" ] || import -window "$id" "$shot"
	"$wineserver" -k 2>/dev/null || true' _ "$wine" "$shot" "$work" "$wineserver" ||
	fail "depositdesk.exe did not open its window under Wine"
echo "the window opened and kept running"
[ -z "$shot" ] || echo "screenshot: $shot"

step "done"
