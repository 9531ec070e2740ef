# Supaconnect: `make run` starts the app, `make test` runs every test.
# Both install what they need on Debian first (scripts/setup-debian.sh).

TAGS      := webkit2_41
WAILS     := go tool wails
VERSION   ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
COMMIT    ?= $(shell git rev-parse --short HEAD 2>/dev/null || echo unknown)
CONFIG    := github.com/supaconnect/supaconnect/backend/config
LDFLAGS   := -X $(CONFIG).Version=$(VERSION) -X $(CONFIG).Commit=$(COMMIT) \
             -X '$(CONFIG).ClientID=$(SUPACONNECT_CLIENT_ID)' \
             -X '$(CONFIG).ClientSecret=$(SUPACONNECT_CLIENT_SECRET)'
BINARY    := build/bin/supaconnect

.PHONY: setup frontend bindings build run test test-frontend test-go test-e2e test-smoke clean

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

test: setup frontend test-frontend test-go test-e2e test-smoke

test-frontend:
	cd frontend && npm test

test-go:
	go vet -tags $(TAGS) ./...
	go test -race -tags $(TAGS) ./...

test-e2e:
	scripts/with-keyring.sh go test -race -count=1 -tags "$(TAGS) e2e" ./e2e/...

test-smoke: build
	scripts/smoke.sh $(BINARY)

clean:
	rm -rf build/bin frontend/wailsjs
	find frontend/dist -mindepth 1 ! -name .gitkeep -delete
