# Deposit Desk — `make run` opens the app, `make test` runs every test.
# Both install the Debian/Ubuntu packages they need when they are missing.

GO      ?= go
TAGS    := migrated_fynedo
BIN     := depositdesk
export PATH := $(PATH):/usr/local/go/bin

# What building Fyne (cgo, OpenGL, X11) and a headless test window need.
DEB_PACKAGES := gcc pkg-config libgl1-mesa-dev libx11-dev libxcursor-dev libxrandr-dev \
	libxinerama-dev libxi-dev libxxf86vm-dev xvfb xauth libgl1-mesa-dri

.PHONY: all deps build run demo test vet bench fuzz screenshots clean

all: build

# deps installs the system packages that are missing (apt-get, as root or with sudo).
deps:
	@missing=""; for p in $(DEB_PACKAGES); do \
		dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		echo "Installing:$$missing"; \
		SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
		$$SUDO apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y --no-install-recommends $$missing; \
	fi

build: deps
	$(GO) build -tags $(TAGS) -o $(BIN) .

# run opens the window; with no display (a server, CI) it runs under Xvfb.
run: build
	@if [ -n "$$DISPLAY$$WAYLAND_DISPLAY" ]; then ./$(BIN); \
	else echo "No display: starting under Xvfb"; xvfb-run -a -s "-screen 0 1400x900x24" ./$(BIN); fi

# demo loads the sample shops into the database and prints their verdicts.
demo: build
	./$(BIN) demo && ./$(BIN) readiness

vet:
	$(GO) vet -tags $(TAGS) ./...

# test: go vet everywhere, the race detector over the core (app/, data/) on
# SQLite and again on a throwaway PostgreSQL cluster (.ci/with-postgres says
# so when PostgreSQL is not installed), and the window's tests headless
# (Fyne's test driver needs no display).
test: deps vet
	$(GO) test -tags $(TAGS) -race -count=1 ./app/... ./data/...
	.ci/with-postgres $(GO) test -tags $(TAGS) -race -count=1 ./app/... ./data/...
	$(GO) test -tags $(TAGS) -count=1 ./screens/... .

# bench: import throughput, readiness over 2,000 shops, start-up of the overview.
# BenchmarkCLIImport100k runs the built program on the 100k-row export and
# reports, from one run: x-excelize-inline and x-excelize-shared (how many
# times faster the whole import is than a bare excelize pass over the same
# xlsx), csv-rows/s (whole process) and peak-MB (the imports' peak memory);
# BenchmarkCLIImportLarge the peak memory and rows/s of a 1,000,000-row csv;
# BenchmarkCLIImportFolder a folder of 20 exports (csv, xlsx) imported by one
# command against one command per file, five times each (x-one-by-one-csv,
# x-one-by-one-xlsx: the median of the five ratios; x-lowest-*: the lowest),
# into one shop (one-shop) and each file into its own shop (20-shops).
# The readiness and overview start-up benchmarks run again on PostgreSQL, and the csv import on
# both engines in one run (ratio pg/sqlite), on a throwaway cluster with fsync on.
bench: deps
	$(GO) test -tags $(TAGS) -run '^$$' -bench . -skip CLIImport -benchmem -benchtime 3x ./...
	$(GO) test -tags $(TAGS) -run '^$$' -bench 'CLIImport(100k|Large)' -benchtime 2x ./data/exports/
	$(GO) test -tags $(TAGS) -run '^$$' -bench CLIImportFolder -benchtime 5x ./data/exports/
	PG_OPTIONS=" " .ci/with-postgres $(GO) test -tags $(TAGS) -run '^$$' -bench 'Readiness2000|PostgresVsSQLite|OverviewStart' -benchtime 3x ./app/ ./screens/

# fuzz: each reader for a while (FUZZTIME=30s by default), and the xlsx
# reader's one-pass cell reading against its tag loop. Go minimises each
# new input for up to a minute by default, during which nothing new is
# tried: 100 runs per minimisation keep the fuzzers fuzzing.
FUZZTIME ?= 30s
FUZZMINIMIZETIME ?= 100x
fuzz:
	$(GO) test -run '^$$' -fuzz FuzzReadCSV -fuzztime $(FUZZTIME) -fuzzminimizetime $(FUZZMINIMIZETIME) ./data/exports/
	$(GO) test -run '^$$' -fuzz FuzzReadXLSX -fuzztime $(FUZZTIME) -fuzzminimizetime $(FUZZMINIMIZETIME) ./data/exports/
	$(GO) test -run '^$$' -fuzz FuzzQuickCellsReadAsTheTagLoop -fuzztime $(FUZZTIME) -fuzzminimizetime $(FUZZMINIMIZETIME) ./data/sheet/

# screenshots: every screen in both languages, drawn headless by Fyne's test
# driver, into screens/shots/ (the README's pictures come from the real window
# under Xvfb: see docs/screenshots/).
screenshots:
	$(GO) test -tags "$(TAGS) screenshots" -run TestScreenshots -count=1 ./screens/

clean:
	rm -f $(BIN) $(BIN).exe
	rm -rf dist

# ---- Distribution ----------------------------------------------------------
# dist: dist/depositdesk.exe, for Windows amd64 (cross-built here with
# mingw-w64; GUI subsystem, with the icon and version of FyneApp.toml), and
# dist/depositdesk-VERSION-linux-amd64.tar.xz (binary, .desktop file, icon and
# a Makefile that installs them). `fyne package` writes fyne.syso and a .go
# file into the source it builds, so each build gets its own copy of the tree
# and never touches the work tree that a `go build` may be reading meanwhile.
# wine-check: the Windows build under Wine gives the Linux build's verdicts.

DIST      := dist
FYNE_VER  := v1.7.4
FYNE      := $(abspath $(DIST))/.tools/fyne-$(FYNE_VER)/fyne
WIN_CC    ?= x86_64-w64-mingw32-gcc
# VERSION names the Linux archive and overrides FyneApp.toml's (make dist VERSION=1.2.3)
VERSION   ?= $(shell sed -n 's/^[[:space:]]*Version[[:space:]]*=[[:space:]]*"\(.*\)"/\1/p' FyneApp.toml)
WIN_EXE   := $(DIST)/$(BIN).exe
LINUX_TAR := $(DIST)/$(BIN)-$(VERSION)-linux-amd64.tar.xz
APP_VERSION = $(if $(VERSION),--app-version $(VERSION))

# stage copies the files git tracks or would track (not the ignored) to $(1).
stage = rm -rf $(1) && mkdir -p $(1) && git ls-files -z -co --exclude-standard | \
	tar --null --ignore-failed-read -cf - -T - | tar -xf - -C $(1)

.PHONY: dist dist-windows dist-linux wine-check

# the fyne tool, built for this machine whatever the target is
$(FYNE):
	GOBIN=$(dir $(FYNE)) $(GO) install fyne.io/tools/cmd/fyne@$(FYNE_VER)

dist: dist-windows dist-linux
	@ls -lh $(WIN_EXE) $(LINUX_TAR)

dist-windows: $(FYNE)
	@$(MAKE) --no-print-directory deps DEB_PACKAGES="gcc-mingw-w64-x86-64 git xz-utils"
	$(call stage,$(DIST)/.src-windows)
	cd $(DIST)/.src-windows && GOARCH=amd64 CC=$(WIN_CC) $(FYNE) package -os windows --release $(APP_VERSION)
	mv -f $(DIST)/.src-windows/*.exe $(WIN_EXE)
	rm -rf $(DIST)/.src-windows

dist-linux: deps $(FYNE)
	@$(MAKE) --no-print-directory deps DEB_PACKAGES="git xz-utils"
	$(call stage,$(DIST)/.src-linux)
	cd $(DIST)/.src-linux && $(FYNE) package -os linux --release $(APP_VERSION)
	mv -f $(DIST)/.src-linux/*.tar.xz $(LINUX_TAR)
	rm -rf $(DIST)/.src-linux

wine-check:
	bash .ci/windows.sh
