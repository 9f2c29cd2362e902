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

# test: go vet everywhere, the race detector over the core (app/, data/), and
# the window's tests headless (Fyne's test driver needs no display).
test: deps vet
	$(GO) test -tags $(TAGS) -race -count=1 ./app/... ./data/...
	$(GO) test -tags $(TAGS) -count=1 ./screens/... .

# bench: import throughput, readiness over 2,000 shops, start-up of the overview.
bench: deps
	$(GO) test -tags $(TAGS) -run '^$$' -bench . -benchmem -benchtime 3x ./...

# fuzz: each reader for a while (FUZZTIME=30s by default).
FUZZTIME ?= 30s
fuzz:
	$(GO) test -run '^$$' -fuzz FuzzReadCSV -fuzztime $(FUZZTIME) ./data/exports/
	$(GO) test -run '^$$' -fuzz FuzzReadXLSX -fuzztime $(FUZZTIME) ./data/exports/

clean:
	rm -f $(BIN) $(BIN).exe
	rm -rf dist
