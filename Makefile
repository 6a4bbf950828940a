# Every target sets up .venv from the pinned requirements first: `make run` only what it
# needs (requirements-run.txt), `make serve` the offline toolkit (requirements-toolkit.txt),
# the others everything (requirements-dev.txt). Another Python: `make run PYTHON=python3.12`.
PYTHON ?= python3
VENV := .venv
BIN := $(CURDIR)/$(VENV)/bin
PORT ?= 4566
# The Lambda runtime's Python (.rpdk-config: python3.12), for .venv312 and the package build.
PYTHON312 ?= $(shell $(PYTHON) tools/lambda_build/lambda_build/interpreter.py 3.12 2>/dev/null)
VENV312 := .venv312
# make package TYPE_NAME=MyOrg::CustomerProfiles::EventTrigger: a private type, built in a copy.
TYPE_NAME ?=
export PYTHONPATH := $(CURDIR)/src:$(CURDIR)
# Keep the checks off any real account and independent of the caller's shell.
export AWS_DEFAULT_REGION ?= us-east-1

# The Pythons the pins install on (the Lambda runtime is python3.12; mypy targets 3.11).
SUPPORTED_PYTHONS := 3.11 3.12
# "3.11.7 /usr": the version and installation that made .venv, kept in .venv/.python. With
# .venv activated, python3 is .venv's own, whose base installation is the same.
PYTHON_ID = $(shell $(PYTHON) -c 'import sys; print("%d.%d.%d" % sys.version_info[:3], sys.base_prefix)' 2>/dev/null)
PIP := $(BIN)/python -m pip install --quiet --disable-pip-version-check
# The project itself, editable, so `python -m localcloud...` works with .venv activated.
INSTALL_PROJECT := $(PIP) --no-deps --no-build-isolation --editable .

GENERATED := src/aws_customerprofiles_eventtrigger/models.py \
	src/aws_customerprofiles_eventtrigger/schema_validator.py \
	src/aws_customerprofiles_eventtrigger/identifier_validator.py \
	src/aws_customerprofiles_eventtrigger/schema_facts.py docs resource-role.yaml

.PHONY: venv venv-run venv-toolkit python-check generate check-generated lint typecheck validate examples contract package package-smoke unit unit-py312 moto-cloudformation-tests test run serve deploy bench bench-quick clean

## python-check: PYTHON is a supported version (before .venv is made)
python-check:
	@version=$$($(PYTHON) -c 'import sys; print("%d.%d" % sys.version_info[:2])' 2>/dev/null) || { \
		echo "error: '$(PYTHON)' is not a Python interpreter that runs here. Supported: $(SUPPORTED_PYTHONS); choose one with: make $(or $(MAKECMDGOALS),venv) PYTHON=python3.12" >&2; exit 1; }; \
	case " $(SUPPORTED_PYTHONS) " in *" $$version "*) ;; *) \
		echo "error: '$(PYTHON)' is Python $$version; this project supports $(SUPPORTED_PYTHONS). Choose one with: make $(or $(MAKECMDGOALS),venv) PYTHON=python3.12" >&2; exit 1;; esac

# .venv, made by PYTHON; one made by another interpreter is rebuilt, never reused.
$(VENV)/.python: python-check
	@if [ "$$(cat $@ 2>/dev/null)" != "$(PYTHON_ID)" ]; then \
		if [ -d $(VENV) ]; then echo "Rebuilding $(VENV): it was made by $$(cat $@ 2>/dev/null || echo 'an unknown Python'), not $(PYTHON_ID)"; fi; \
		rm -rf $(VENV); \
		$(PYTHON) -m venv $(VENV) || { rm -rf $(VENV); echo "error: '$(PYTHON) -m venv' failed (on Debian: apt-get install python3-venv)" >&2; exit 1; }; \
		echo "$(PYTHON_ID)" > $@; \
	fi

$(VENV)/.run-installed: $(VENV)/.python requirements.txt requirements-run.txt pyproject.toml
	$(PIP) -r requirements-run.txt
	$(INSTALL_PROJECT)
	touch $@

$(VENV)/.toolkit-installed: $(VENV)/.run-installed requirements-toolkit.txt
	$(PIP) -r requirements-toolkit.txt
	touch $@

$(VENV)/.installed: $(VENV)/.toolkit-installed requirements-dev.txt tools/lambda_build/pyproject.toml
	$(PIP) -r requirements-dev.txt
	$(PIP) --no-deps --no-build-isolation --editable tools/lambda_build
	touch $@

venv-run: $(VENV)/.run-installed
venv-toolkit: $(VENV)/.toolkit-installed
venv: $(VENV)/.installed

## generate: models.py, docs/, resource-role.yaml, the schema validators and schema_facts.py, from the schema
generate: venv
	$(BIN)/python tools/generate.py

## check-generated: fails if regenerating would change a generated file
check-generated: generate
	@if [ -n "$$(git status --porcelain -- $(GENERATED))" ]; then \
		echo "Generated files are out of date: run 'make generate' and commit them."; \
		git status --porcelain -- $(GENERATED); exit 1; fi
	@echo "Generated files are up to date."

lint: venv
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: venv
	$(BIN)/mypy src
	$(BIN)/mypy localcloud
	$(BIN)/mypy tests

validate: venv
	$(BIN)/cfn validate

## examples: the example templates are cfn-lint clean
examples: venv
	$(BIN)/cfn-lint examples/*.yaml
	@echo "Example templates are cfn-lint clean."

## contract: the CloudFormation CLI's contract suite (cfn test), offline
contract: venv
	$(BIN)/python -m localcloud.contract_tests

## package: the registry package, as cfn submit builds it (no Docker, no account), with the
## Lambda code built for python3.12; TYPE_NAME=Org::Service::Resource builds it under that name
package: venv
ifeq ($(TYPE_NAME),)
	$(BIN)/cfn submit --dry-run
	@$(BIN)/python tools/package_size.py aws-customerprofiles-eventtrigger.zip
else
	$(BIN)/python tools/private_type.py "$(TYPE_NAME)"
endif

## package-smoke: the Lambda code run by python3.12 from the unpacked package, and the private-type build
package-smoke: venv
	$(BIN)/pytest tests/package -q -p no:randomly

unit: venv
	$(BIN)/pytest --cov --cov-report=term --ignore=tests/package

$(VENV312)/.installed: requirements.txt requirements-run.txt requirements-toolkit.txt requirements-py312.txt
	@if [ -z "$(PYTHON312)" ]; then echo "Python 3.12 (the Lambda runtime's) not found:" \
		"install it (pyenv install 3.12) or set PYTHON312=/path/to/python3.12"; exit 1; fi
	$(PYTHON312) -m venv $(VENV312)
	$(VENV312)/bin/pip install --quiet --disable-pip-version-check -r requirements-py312.txt
	touch $@

## unit-py312: the handler tests under Python 3.12, the Lambda runtime's version
unit-py312: $(VENV312)/.installed
	$(VENV312)/bin/pytest tests/handlers -q -p no:cacheprovider

## run: the whole lifecycle through the Lambda entrypoint, against the offline service
run: venv-run
	$(BIN)/python -m localcloud.lifecycle $(ARGS)

## serve: Customer Profiles, Cloud Control and moto's services on 127.0.0.1:$(PORT) until interrupted
serve: venv-toolkit
	$(BIN)/customerprofiles-localcloud serve --port $(PORT)

## deploy: deploy TEMPLATE offline (in-process) and print its events; ARGS adds options,
## e.g. ARGS="--parameter-overrides DomainName=retail --endpoint-url http://127.0.0.1:4566"
deploy: venv-toolkit
	@test -n "$(TEMPLATE)" || { echo "usage: make deploy TEMPLATE=examples/<file>.yaml [ARGS=...]"; exit 2; }
	$(BIN)/python -m localcloud.cloudformation deploy --template-file $(TEMPLATE) $(ARGS)

## bench: every performance goal measured side by side (about ten minutes), printed and
## written to benchmarks/results.json; the local server runs in a process of its own
bench: venv
	$(BIN)/python benchmarks/bench.py

## bench-quick: the benchmark in quick mode (about a minute), only to keep it working (no
## timing is asserted); it reuses the package `make package` built, if there is one
bench-quick: venv
	$(BIN)/python benchmarks/bench.py --quick

## moto-cloudformation-tests: moto's own CloudFormation tests (the pinned moto's sdist) with the
## engine installed, but for the moto shortcuts tools/moto_suite/deselected.toml lists
moto-cloudformation-tests: venv
	$(BIN)/python tools/moto_suite/run.py -n 2 $(ARGS)

## test: every check CI runs
test: lint typecheck validate check-generated examples package package-smoke contract bench-quick unit unit-py312 moto-cloudformation-tests

clean:
	rm -rf $(VENV) $(VENV312) build dist .pytest_cache .mypy_cache .ruff_cache .coverage rpdk.log* .cache
