# Every target sets up .venv from the pinned requirements first.
PYTHON ?= python3
VENV := .venv
BIN := $(CURDIR)/$(VENV)/bin
PORT ?= 4566
export PYTHONPATH := $(CURDIR)/src:$(CURDIR)
# Keep the checks off any real account and independent of the caller's shell.
export AWS_DEFAULT_REGION ?= us-east-1

GENERATED := src/aws_customerprofiles_eventtrigger/models.py \
	src/aws_customerprofiles_eventtrigger/schema_validator.py \
	src/aws_customerprofiles_eventtrigger/identifier_validator.py docs resource-role.yaml

.PHONY: venv generate check-generated lint typecheck validate examples contract package unit test run serve bench bench-quick clean

$(VENV)/.installed: requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

venv: $(VENV)/.installed

## generate: models.py, docs/, resource-role.yaml and the schema validator, from the schema
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

validate: venv
	$(BIN)/cfn validate

## examples: the example templates are cfn-lint clean
examples: venv
	$(BIN)/cfn-lint examples/*.yaml
	@echo "Example templates are cfn-lint clean."

## contract: the CloudFormation CLI's contract suite (cfn test), offline
contract: venv
	$(BIN)/python -m localcloud.contract_tests

## package: the registry package, as cfn submit builds it (no Docker, no account)
package: venv
	$(BIN)/cfn submit --dry-run
	@$(BIN)/python tools/package_size.py aws-customerprofiles-eventtrigger.zip

unit: venv
	$(BIN)/pytest --cov --cov-report=term

## run: the whole lifecycle through the Lambda entrypoint, against the offline service
run: venv
	$(BIN)/python -m localcloud.lifecycle $(ARGS)

## serve: Customer Profiles and Cloud Control on 127.0.0.1:$(PORT) until interrupted
serve: venv
	$(BIN)/python -m localcloud.server --port $(PORT)

## bench: every performance goal measured side by side (about ten minutes), printed and
## written to benchmarks/results.json; the local server runs in a process of its own
bench: venv
	$(BIN)/python benchmarks/bench.py

## bench-quick: the benchmark in quick mode (about a minute), only to keep it working (no
## timing is asserted); it reuses the package `make package` built, if there is one
bench-quick: venv
	$(BIN)/python benchmarks/bench.py --quick

## test: every check CI runs
test: lint typecheck validate check-generated examples package contract bench-quick unit

clean:
	rm -rf $(VENV) build .pytest_cache .mypy_cache .ruff_cache .coverage rpdk.log*
