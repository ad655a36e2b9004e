# gridflex — the usual targets. `make test` is what CI runs (.ci/run).
GO      ?= go
BIN     ?= bin/gridflex
FUZZTIME ?= 20s

.PHONY: build test bench fuzz lint porcelain golden run clean

build:
	$(GO) build -o $(BIN) ./cmd/gridflex

run: build
	./$(BIN) potential

test:
	$(GO) test ./...

bench:
	$(GO) test -run '^$$' -bench . -benchmem ./...

# Runs every Fuzz* target for FUZZTIME each.
fuzz:
	@for pkg in $$($(GO) list ./...); do \
	  for f in $$($(GO) test -list '^Fuzz' $$pkg | grep '^Fuzz'); do \
	    echo "== $$pkg $$f"; $(GO) test -run '^$$' -fuzz "^$$f$$" -fuzztime $(FUZZTIME) $$pkg || exit 1; \
	  done; \
	done

lint:
	@test -z "$$(gofmt -l .)" || (gofmt -l . && echo "gofmt: files above need formatting" && exit 1)
	$(GO) vet ./...

# Refreshes golden files in testdata/ after a deliberate change, in the
# packages whose tests define the -update flag.
golden:
	$(GO) test $$(grep -rl --include='*_test.go' 'flag.Bool("update"' . | xargs -n1 dirname | sort -u) -update

# gofmt and go mod tidy must leave the tree unchanged.
porcelain: lint
	$(GO) mod tidy
	@git diff --exit-code -- go.mod go.sum || (echo "go mod tidy changed go.mod/go.sum" && exit 1)

clean:
	rm -rf bin
