# The two commands of the README: `make plan` (set up, build, plan the bundled Wuwei 2025 scenario)
# and `make test` (set up, build, run the whole test suite).
SCENARIO ?= Scenarios/wuwei-2025
OUT ?= out/wuwei-2025

.PHONY: plan test test-release build setup

setup:
	Tools/setup.sh

build: setup
	swift build

plan: build
	.build/debug/jointplan plan $(SCENARIO) --out $(OUT)

test:
	Tools/setup.sh --test
	swift build --build-tests
	swift test --skip-build

# The bad-input corpus once more against an optimised build (the issue asks for both builds).
test-release:
	Tools/setup.sh
	swift build -c release
	JOINTPLAN_BIN=$(CURDIR)/.build/release/jointplan swift test --filter BadInputCorpusTests
