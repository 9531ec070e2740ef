# Supaconnect: `make run` starts the app, `make test` runs every test,
# `make dev` starts `wails dev` with live reload, and `make package` builds
# the Linux and Windows release artifacts into artifacts/. They install what
# they need on Debian first (scripts/setup-debian.sh).

TAGS      := webkit2_41
WAILS     := go tool wails
VERSION   ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
COMMIT    ?= $(shell git rev-parse --short HEAD 2>/dev/null || echo unknown)
CONFIG    := github.com/supaconnect/supaconnect/backend/config
# Every build, release or not, takes its settings from these ldflags.
LDFLAGS   := -s -w -X $(CONFIG).Version=$(VERSION) -X $(CONFIG).Commit=$(COMMIT) \
             -X '$(CONFIG).ClientID=$(SUPACONNECT_CLIENT_ID)' \
             -X '$(CONFIG).ClientSecret=$(SUPACONNECT_CLIENT_SECRET)'
# The API URL and the redirect ports have defaults in backend/config, which
# an empty -X would overwrite, so they are passed only when set.
ifneq ($(SUPACONNECT_API_URL),)
LDFLAGS   += -X '$(CONFIG).APIBaseURL=$(SUPACONNECT_API_URL)'
endif
ifneq ($(SUPACONNECT_REDIRECT_PORTS),)
LDFLAGS   += -X '$(CONFIG).RedirectPorts=$(SUPACONNECT_REDIRECT_PORTS)'
endif
BINARY    := build/bin/supaconnect

# Release packaging. PRODUCT_VERSION is wails.json's info.productVersion,
# which Wails writes into the Windows version resource, the NSIS installer
# and Info.plist. A build of the tag v$(PRODUCT_VERSION) packages as that
# version, and any other build as a prerelease of it that names the commit.
# The g before the hash, as in git describe, makes that field alphanumeric,
# because semver rejects a numeric field with a leading zero (hash 0123456).
PRODUCT_VERSION := $(shell sed -n 's/.*"productVersion": *"\([^"]*\)".*/\1/p' wails.json)
ifeq ($(VERSION),v$(PRODUCT_VERSION))
PACKAGE_VERSION := $(PRODUCT_VERSION)
else
PACKAGE_VERSION := $(PRODUCT_VERSION)-dev.g$(COMMIT)
endif
DIST      := artifacts
# -m skips the `go mod tidy` that wails build runs by default, so a release
# build never changes go.mod.
RELEASE_BUILD := $(WAILS) build -trimpath -m -ldflags "$(LDFLAGS)"
UNAME     := $(shell uname -s)

.PHONY: setup frontend bindings build run test test-frontend test-go test-e2e test-smoke test-ui clean \
        dev test-dev package package-linux package-windows package-darwin test-package release-check

setup:
	scripts/setup-debian.sh
	cd frontend && npm ci --no-audit --no-fund

bindings:
	$(WAILS) generate module -tags $(TAGS)

frontend: bindings
	cd frontend && npm run build

build: setup
	$(WAILS) build -tags $(TAGS) -ldflags "$(LDFLAGS)" -trimpath

# With no OAuth client configured the app starts against the built-in
# sandbox and says so in its window.
run: build
	./$(BINARY)

test: setup frontend test-frontend test-go test-e2e test-smoke test-dev test-ui test-package

test-frontend:
	cd frontend && npm test

test-go:
	go vet -tags $(TAGS) ./...
	go test -race -tags $(TAGS) ./...

test-e2e:
	scripts/with-keyring.sh go test -race -count=1 -tags "$(TAGS) e2e" ./e2e/...

test-smoke: build
	scripts/smoke.sh $(BINARY)

# Starts the app with live reload against the sandbox (set
# SUPACONNECT_SANDBOX=0 and a client ID to use Supabase). The frontend is
# also served at http://localhost:34115 for a normal browser, with working
# Go bindings.
dev: setup bindings
	SUPACONNECT_SANDBOX=$${SUPACONNECT_SANDBOX:-1} $(WAILS) dev -m -nosyncgomod -tags $(TAGS) -ldflags "$(LDFLAGS)"

# Clicks through the app in Chromium against `wails dev` and a sandbox the
# test controls, with an axe-core check of each main screen. Screenshots
# land in build/screenshots/ui-*.png.
test-ui: setup frontend
	scripts/with-keyring.sh xvfb-run -a -s "-screen 0 1280x900x24" \
		go test -count=1 -timeout 15m -tags uitest ./uitest/

# Checks that `wails dev` starts under Xvfb and serves the app.
test-dev: setup bindings
	scripts/test-dev.sh

# The Linux and Windows artifacts, their sizes and SHA256SUMS, in $(DIST)/.
package: package-linux package-windows
	scripts/checksums.sh $(DIST)

package-linux: setup
	rm -f $(BINARY)
	$(RELEASE_BUILD) -tags $(TAGS)
	scripts/package-linux.sh $(PACKAGE_VERSION) $(DIST)

# Both installers in one wails build, which names the binaries
# supaconnect-amd64.exe and supaconnect-arm64.exe. Wails skips the
# installers and still exits 0 when makensis is missing, so
# scripts/package-windows.sh fails unless both are new.
package-windows: setup
	@command -v makensis >/dev/null || { echo "package-windows: makensis is missing: run scripts/setup-debian.sh (Debian package nsis)" >&2; exit 1; }
	rm -f build/bin/supaconnect-amd64*.exe build/bin/supaconnect-arm64*.exe
	$(RELEASE_BUILD) -platform windows/amd64,windows/arm64 -nsis
	scripts/package-windows.sh $(PACKAGE_VERSION) $(DIST)

# A universal .app in a .dmg. Wails cannot cross-compile for macOS: on
# Linux `wails build -platform darwin/...` prints a warning and exits 0
# without building, so this target refuses to run anywhere but macOS.
package-darwin:
ifneq ($(UNAME),Darwin)
	@echo "package-darwin: macOS builds need a Mac, and this is $(UNAME)." >&2
	@echo "Wails cannot cross-compile for macOS (wails build -platform darwin/... would exit 0 and build nothing)." >&2
	@echo "Run make package-darwin on macOS, or push a v* tag to run .github/workflows/release.yml." >&2
	@exit 1
endif
	rm -rf build/bin/Supaconnect.app
	$(RELEASE_BUILD) -platform darwin/universal
	scripts/package-darwin.sh $(PACKAGE_VERSION) $(DIST)

# Installs the .deb from $(DIST)/ on this machine, starts it under Xvfb,
# removes it, and checks the Windows installers' PE and a test signature.
test-package: package
	scripts/test-package.sh $(DIST) $(PACKAGE_VERSION)

# Fails unless this build is the release of wails.json's productVersion,
# which must be MAJOR.MINOR.PATCH because Windows version resources take
# only numbers. The release workflow runs it before building.
release-check:
	@echo "$(PRODUCT_VERSION)" | grep -Eq '^[0-9]+\.[0-9]+\.[0-9]+$$' || { echo "release-check: wails.json's productVersion \"$(PRODUCT_VERSION)\" is invalid: use MAJOR.MINOR.PATCH, such as 1.2.3" >&2; exit 1; }
	@test "$(VERSION)" = "v$(PRODUCT_VERSION)" || { echo "release-check: the version is $(VERSION), but wails.json's productVersion is $(PRODUCT_VERSION): tag v$(PRODUCT_VERSION), or change productVersion to match the tag" >&2; exit 1; }
	@echo "release-check: releasing $(PRODUCT_VERSION)"

clean:
	rm -rf build/bin frontend/wailsjs $(DIST)
	find frontend/dist -mindepth 1 ! -name .gitkeep -delete

# The performance budget. Each bench-* target prints its figures and never
# fails because the machine is slow. BENCHMARKS.md records the results and
# the budgets. bench-startup builds both apps it compares, so it needs
# the npm registry, and takes about two minutes on 2 cores once the Go and
# npm caches are warm.
.PHONY: bench bench-startup bench-size bench-projects bench-signin

bench: bench-size bench-projects bench-signin bench-startup

bench-startup:
	scripts/bench-startup.sh

bench-size: frontend
	scripts/bench-frontend-size.sh

bench-projects:
	go test -run '^$$' -bench 'ProjectList|ProjectStatuses$$' -benchtime 10x ./backend/session/
	go test -run '^$$' -bench 'ProjectStatusesTwice' -benchtime 1x ./backend/session/

bench-signin:
	scripts/with-keyring.sh go test -tags bench -run '^$$' -bench SignIn -benchtime 50x ./bench/
