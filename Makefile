# A thin wrapper around CMake. The README's quick start is `make demo` and
# `make test`; each installs what is missing first.

BUILD_DIR ?= build
BUILD_TYPE ?= RelWithDebInfo
JOBS ?= $(shell nproc 2>/dev/null || echo 2)

# Debian 12 packages the build, the tests, the evaluation and the benchmark
# need (xapian-omega: scriptindex; sqlite3, ripgrep, python3-xapian: the
# engines ns is measured against).
PACKAGES := cmake make g++ pkg-config python3 python3-yaml python3-jsonschema tmux \
	sqlite3 ripgrep python3-xapian \
	xapian-tools xapian-omega \
	libxapian-dev libicu-dev libyaml-cpp-dev libboost-program-options-dev \
	doctest-dev nlohmann-json3-dev

SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: all deps build demo test eval bench clean

all: build

# Installs only what is missing; silent when everything is there.
deps:
	@missing=$$(for p in $(PACKAGES); do \
	  dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q '^install ok installed' || echo $$p; \
	done); \
	if [ -n "$$missing" ]; then \
	  echo "make deps: installing" $$missing; \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	fi

$(BUILD_DIR)/CMakeCache.txt: | deps
	cmake -S . -B $(BUILD_DIR) -DCMAKE_BUILD_TYPE=$(BUILD_TYPE)

build: deps $(BUILD_DIR)/CMakeCache.txt
	cmake --build $(BUILD_DIR) -j $(JOBS)

# Relevance against a plain BM25 baseline on judged queries (bench/eval/;
# needs ../shared/corpus).
eval: build
	python3 bench/eval/evaluate.py --build $(BUILD_DIR)

# Index the sample articles into a fresh database and run a real search.
demo: build
	$(BUILD_DIR)/indexer/ns-index --rebuild --db $(BUILD_DIR)/demo-db data
	$(BUILD_DIR)/searcher/ns-search --db $(BUILD_DIR)/demo-db "SenseTime IPO"

# Speed against scriptindex/quest, SQLite FTS5 and ripgrep on a synthetic
# corpus (bench/; ARTICLES=100000 by default, about 15 minutes). Debian's
# python3 has the xapian module.
ARTICLES ?= 100000
bench: build
	/usr/bin/python3 bench/bench.py --articles $(ARTICLES) --build $(BUILD_DIR)

test: build
	cd $(BUILD_DIR) && ctest --output-on-failure -j $(JOBS)

clean:
	rm -rf $(BUILD_DIR)
