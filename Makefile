# A thin wrapper around CMake. The README's quick start is `make demo` and
# `make test`; each installs what is missing first.

BUILD_DIR ?= build
BUILD_TYPE ?= RelWithDebInfo
JOBS ?= $(shell nproc 2>/dev/null || echo 2)

# Debian 12 packages the build, the tests, the evaluation and the benchmark
# need (xapian-omega: scriptindex; sqlite3, ripgrep, python3-xapian: the
# engines ns is measured against; chromium, its driver, selenium and a CJK
# font: the search page's browser test and its screenshots; help2man writes
# the man pages, man-db checks them; dpkg-dev and file: dpkg-shlibdeps for
# the .deb's Depends; zsh and fish: the completion tests; jing: the Atom
# feed test's RELAX NG check against RFC 4287's schema).
PACKAGES := cmake make g++ pkg-config python3 python3-yaml python3-jsonschema tmux \
	sqlite3 ripgrep python3-xapian \
	xapian-tools xapian-omega \
	libxapian-dev libicu-dev libyaml-cpp-dev libyaml-dev libboost-program-options-dev \
	doctest-dev nlohmann-json3-dev libjemalloc-dev libcpp-httplib-dev \
	chromium chromium-driver python3-selenium fonts-wqy-zenhei \
	help2man man-db dpkg-dev file zsh fish jing

SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: all deps build demo test install package check-package check-sanitize \
	check-batch-memory fuzz eval bench clean

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
	@echo
	@echo "The search page over this database: $(BUILD_DIR)/server/ns-serve --db $(BUILD_DIR)/demo-db"
	@echo "then open http://127.0.0.1:8080/ (Ctrl-C stops it)."

# Speed against scriptindex/quest, SQLite FTS5 and ripgrep on a synthetic
# corpus (bench/; ARTICLES=100000 by default, about 15 minutes). Debian's
# python3 has the xapian module.
ARTICLES ?= 100000
bench: build
	/usr/bin/python3 bench/bench.py --articles $(ARTICLES) --build $(BUILD_DIR)

test: build
	cd $(BUILD_DIR) && ctest --output-on-failure -j $(JOBS)

# The programs, man pages, completions, README and docs/ under $(DESTDIR)$(PREFIX).
PREFIX ?= /usr/local
install: build
	DESTDIR="$(DESTDIR)" cmake --install $(BUILD_DIR) --prefix "$(PREFIX)"

# $(BUILD_DIR)/ns_VERSION_ARCH.deb, its Depends computed by dpkg-shlibdeps.
package: build
	cd $(BUILD_DIR) && cpack -G DEB

# Installs the .deb with apt-get, runs the programs from /usr/bin on data/,
# purges it and checks that none of its files remain (needs root or sudo).
check-package: package
	$(SUDO) packaging/check_package.sh $(BUILD_DIR)

# A million queries through one ns-search --batch, its resident size
# sampled (make test runs 50,000; about 4 minutes).
check-batch-memory: build
	NS_BIN_DIR=$(abspath $(BUILD_DIR)) NS_ROOT=$(CURDIR) NS_BATCH_QUERIES=1000000 \
	  python3 tests/property/batch_memory_test.py

# The whole suite again, built with AddressSanitizer, LeakSanitizer and
# UndefinedBehaviorSanitizer (-O1): any report fails the test that hit it
# (exit 86 and the report on stderr). Of the corpus-scale tests only
# corpus_count_test runs here (tests/property/nslib.py: SANITIZED).
SANITIZE_DIR ?= build-sanitize
# new_delete_type_mismatch=0: Xapian 1.4.22's own Database::check, which
# ns runs before trusting a database (common/integrity.cc), deletes one of
# its table objects through a pointer of a smaller type (440 bytes
# allocated, 432 freed, both frames inside libxapian).
SANITIZE_ENV := ASAN_OPTIONS=exitcode=86:detect_leaks=1:strict_string_checks=1:detect_stack_use_after_return=1:new_delete_type_mismatch=0 \
	UBSAN_OPTIONS=exitcode=86:print_stacktrace=1:halt_on_error=1 \
	LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp:print_suppressions=0 \
	NS_SANITIZED=1 NS_BATCH_QUERIES=10000
check-sanitize: deps
	cmake -S . -B $(SANITIZE_DIR) -DCMAKE_BUILD_TYPE=None -DCMAKE_CXX_FLAGS="-O1 -g1" -DNS_SANITIZE=ON
	cmake --build $(SANITIZE_DIR) -j $(JOBS)
	cd $(SANITIZE_DIR) && $(SANITIZE_ENV) ctest --output-on-failure -j $(JOBS)

# Each libFuzzer target (tests/fuzz/) for FUZZ_SECONDS, starting from its
# seed corpus in the repository; new inputs go to $(FUZZ_DIR)/corpus-NAME,
# crashes to $(FUZZ_DIR)/crash-NAME-*. Needs clang (installed here).
FUZZ_DIR ?= build-fuzz
FUZZ_SECONDS ?= 60
FUZZ_TARGETS := front_matter analyzer query_parser serve_params search_cli
fuzz: deps
	@$(MAKE) --no-print-directory deps PACKAGES="clang libclang-rt-14-dev"
	CXX=clang++ cmake -S . -B $(FUZZ_DIR) -DCMAKE_BUILD_TYPE=None -DCMAKE_CXX_FLAGS="-O1 -g" -DNS_FUZZ=ON
	cmake --build $(FUZZ_DIR) -j $(JOBS) --target $(addprefix fuzz_,$(FUZZ_TARGETS))
	@for t in $(FUZZ_TARGETS); do \
	  mkdir -p $(FUZZ_DIR)/corpus-$$t && \
	  echo "make fuzz: $$t for $(FUZZ_SECONDS) s" && \
	  $(SANITIZE_ENV) $(FUZZ_DIR)/tests/fuzz/fuzz_$$t -max_total_time=$(FUZZ_SECONDS) \
	    -print_final_stats=1 -artifact_prefix=$(FUZZ_DIR)/crash-$$t- \
	    $(FUZZ_DIR)/corpus-$$t tests/fuzz/corpus/$$t >$(FUZZ_DIR)/fuzz-$$t.log 2>&1; \
	  status=$$?; tail -n 12 $(FUZZ_DIR)/fuzz-$$t.log; \
	  [ $$status = 0 ] || { echo "make fuzz: $$t failed; see $(FUZZ_DIR)/fuzz-$$t.log"; exit 1; }; \
	done

clean:
	rm -rf $(BUILD_DIR) $(SANITIZE_DIR) $(FUZZ_DIR)
