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

.PHONY: venv generate check-generated lint typecheck validate unit test run serve bench package clean

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

validate: venv
	$(BIN)/cfn validate

unit: venv
	$(BIN)/pytest --cov --cov-report=term

## test: every check CI runs
test: lint typecheck validate check-generated unit

clean:
	rm -rf $(VENV) build .pytest_cache .mypy_cache .ruff_cache .coverage rpdk.log*
