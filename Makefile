# Neural Workbook — the two commands of the README, plus conveniences.
#   make test                 install missing system libraries, then run every test
#   make test FILTER=Chapter03Tests   only the tests whose names match
#   make run CHAPTER=03       run one chapter (release build), writing output/Chapter03/
#   make chapters             run every chapter (release build)
#   make quick                run every chapter with --quick into output/quick/ (its results.json
#                             files are committed; CI checks a fresh quick run against them)
#   make exercises            prove every exercise's checks honest (references pass, stubs fail,
#                             known mistakes are caught); `swift run Workbook` is the learner's side
#   make fuzz SECONDS=60      fuzz every parser (libFuzzer + AddressSanitizer), SECONDS each
#   make docs                 build NeuralCore's documentation (DocC) into .build/docs/
#   make format               swift format every source file in place

CHAPTER ?= 01
ARGS ?=
FILTER ?=
SECONDS ?= 60
CHAPTERS := $(notdir $(wildcard Chapters/Chapter*))

# Tests and --quick runs train real networks, and unoptimized Swift arithmetic is many times
# slower, so they are debug builds compiled with the optimizer (still with testable imports).
# .ci/run passes the same flags, so CI's tests and smoke runs share one build; `make docs` too,
# so building the documentation does not rebuild NeuralCore unoptimized under the tests.
FAST := -Xswiftc -O -Xcc -O2

.PHONY: deps test run chapters quick exercises docs fuzz format print-fast

deps:
	@.ci/deps

test: deps
	swift test --disable-xctest $(FAST) $(if $(FILTER),--filter "$(FILTER)")

run: deps
	swift run -c release Chapter$(CHAPTER) $(ARGS)

chapters: deps
	@for c in $(CHAPTERS); do swift run -c release $$c $(ARGS) || exit 1; done

quick: deps
	@for c in $(CHAPTERS); do swift run $(FAST) $$c --quick $(ARGS) || exit 1; done

exercises: deps
	swift run $(FAST) Workbook verify --pristine

docs:
	swift package $(FAST) --disable-sandbox generate-documentation --target NeuralCore \
		--warnings-as-errors --output-path .build/docs
	@echo "Documentation written to .build/docs (open index.html through a web server, or use preview-documentation)."

fuzz: deps
	.ci/fuzz $(SECONDS)

print-fast:
	@echo $(FAST)

format:
	swift format --in-place --recursive Package.swift Sources Chapters Tests
