# Neural Workbook — the two commands of the README, plus conveniences.
#   make test                 install missing system libraries, then run every test
#   make run CHAPTER=03       run one chapter (release build), writing output/Chapter03/
#   make chapters             run every chapter (release build)
#   make quick                run every chapter with --quick

CHAPTER ?= 01
ARGS ?=
CHAPTERS := $(notdir $(wildcard Chapters/Chapter*))

.PHONY: deps test run chapters quick format

deps:
	@.ci/deps

test: deps
	swift test --disable-xctest

run: deps
	swift run -c release Chapter$(CHAPTER) $(ARGS)

chapters: deps
	@for c in $(CHAPTERS); do swift run -c release $$c $(ARGS) || exit 1; done

quick: deps
	@for c in $(CHAPTERS); do swift run $$c --quick $(ARGS) || exit 1; done

format:
	swift format --in-place --recursive Package.swift Sources Chapters Tests
