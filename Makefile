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
# make package / make custom-resource-code CODE_BUCKET=name: the S3 bucket the printed commands name.
CODE_BUCKET ?=
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

.PHONY: custom-resource-code cdk-tools cdk-test sam-tools sam-test venv venv-run venv-toolkit venv-newest test-newest api-drift api-digest python-check generate check-generated lint typecheck validate examples contract package package-smoke unit unit-py312 moto-cloudformation-tests test run serve deploy bench bench-quick clean

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
	@echo "Setting up $(VENV): the provider's runtime and moto (requirements-run.txt), about a minute the first time"
	$(PIP) -r requirements-run.txt
	$(INSTALL_PROJECT)
	touch $@

$(VENV)/.toolkit-installed: $(VENV)/.run-installed requirements-toolkit.txt
	@echo "Adding the offline toolkit to $(VENV): moto's server, cfn-lint, the SAM translator (requirements-toolkit.txt), about a minute the first time"
	$(PIP) -r requirements-toolkit.txt
	touch $@

$(VENV)/.installed: $(VENV)/.toolkit-installed requirements-dev.txt tools/lambda_build/pyproject.toml
	@echo "Adding the development tools to $(VENV): pytest, ruff, mypy, the CloudFormation CLI (requirements-dev.txt), a minute or two the first time"
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

## examples: the example templates are cfn-lint clean (the SAM one after the SAM transform,
## which cfn-lint runs with aws-sam-translator)
examples: venv
	$(BIN)/cfn-lint examples/*.yaml examples/sam/template.yaml
	@echo "Example templates are cfn-lint clean."

## contract: the CloudFormation CLI's contract suite (cfn test), offline
contract: venv
	$(BIN)/python -m localcloud.contract_tests

# A recipe that fails leaves no target behind (cfn submit writes its zip as it goes).
.DELETE_ON_ERROR:
PACKAGE_ZIP := aws-customerprofiles-eventtrigger.zip
PACKAGE_INPUTS := $(shell find src -type f -name '*.py') aws-customerprofiles-eventtrigger.json \
	.rpdk-config requirements.txt requirements-run.txt

## package: the registry package, as cfn submit builds it (no Docker, no account), with the
## Lambda code built for python3.12, also written out for the custom resource form with how to
## deploy it; TYPE_NAME=Org::Service::Resource builds it under that name
package: venv
ifeq ($(TYPE_NAME),)
	$(BIN)/cfn submit --dry-run || { rm -f $(PACKAGE_ZIP); exit 1; }
	@$(BIN)/python tools/package_size.py $(PACKAGE_ZIP)
	@$(BIN)/python tools/custom_resource_code.py $(PACKAGE_ZIP) --bucket "$(CODE_BUCKET)"
else
	$(BIN)/python tools/private_type.py "$(TYPE_NAME)"
endif

## custom-resource-code: the Lambda code of the package make package built, as dist/*.zip for
## S3, and the commands that upload it and deploy examples/custom-resource.yaml (printed, not run;
## CODE_BUCKET=name fills in the bucket)
custom-resource-code: $(PACKAGE_ZIP)
	$(BIN)/python tools/custom_resource_code.py $(PACKAGE_ZIP) --bucket "$(CODE_BUCKET)"

# The package, built when there is none or what goes into it changed (custom-resource-code's
# input; make package always builds it anew).
$(PACKAGE_ZIP): $(PACKAGE_INPUTS) | venv
	$(BIN)/cfn submit --dry-run
	@$(BIN)/python tools/package_size.py $@

## package-smoke: the Lambda code run by python3.12 from the unpacked package, and the private-type build
package-smoke: venv
	$(BIN)/pytest tests/package -q -p no:randomly

# The AWS CDK example's tools, pinned in examples/cdk: the cdk CLI (npm, package-lock.json)
# and aws-cdk-lib (PyPI, requirements.txt), in a cache of the checkout (gitignored).
CDK_DIR := examples/cdk
CDK_CACHE := .cache/cdk
NPM ?= npm

$(CDK_CACHE)/.installed: $(VENV)/.python $(CDK_DIR)/requirements.txt $(CDK_DIR)/package.json $(CDK_DIR)/package-lock.json
	@command -v node >/dev/null && command -v $(NPM) >/dev/null || { \
		echo "error: the AWS CDK CLI needs Node.js 18 or newer and npm (on Debian: apt-get install nodejs npm)" >&2; exit 1; }
	@node -e 'process.exit(Number(process.versions.node.split(".")[0]) >= 18 ? 0 : 1)' || { \
		echo "error: the AWS CDK CLI needs Node.js 18 or newer; this is $$(node --version)" >&2; exit 1; }
	@echo "Installing the AWS CDK tools into $(CDK_CACHE): aws-cdk-lib (PyPI) and the cdk CLI (npm), about a minute the first time"
	rm -rf $(CDK_CACHE)
	mkdir -p $(CDK_CACHE)
	$(PYTHON) -m venv $(CDK_CACHE)/venv
	$(CDK_CACHE)/venv/bin/python -m pip install --quiet --disable-pip-version-check -r $(CDK_DIR)/requirements.txt
	cp $(CDK_DIR)/package.json $(CDK_DIR)/package-lock.json $(CDK_CACHE)/
	cd $(CDK_CACHE) && $(NPM) ci --no-audit --no-fund --loglevel=error
	touch $@

## cdk-tools: the cdk CLI and aws-cdk-lib for examples/cdk, into .cache/cdk (bin: venv/bin, node_modules/.bin)
cdk-tools: $(CDK_CACHE)/.installed

## cdk-test: the CDK example deployed, diffed, updated by change set and destroyed with the real cdk CLI
cdk-test: venv cdk-tools
	$(BIN)/pytest tests/cdk -q -p no:randomly

# The AWS SAM example's tool: the sam CLI (aws-sam-cli, from PyPI), pinned with every package it
# pulls in, in a venv of its own in a cache of the checkout (gitignored); bin/ holds only `sam`.
SAM_DIR := examples/sam
SAM_CACHE := .cache/sam

$(SAM_CACHE)/.installed: $(VENV)/.python $(SAM_DIR)/requirements-tools.txt
	@echo "Installing the AWS SAM CLI (aws-sam-cli $$(sed -n 's/^aws-sam-cli==//p' $(SAM_DIR)/requirements-tools.txt) and its pinned dependencies, $(SAM_DIR)/requirements-tools.txt) into $(SAM_CACHE): 1 to 2 minutes and about 350 MB, the first time only"
	rm -rf $(SAM_CACHE)
	mkdir -p $(SAM_CACHE)/bin
	$(PYTHON) -m venv $(SAM_CACHE)/venv
	$(SAM_CACHE)/venv/bin/python -m pip install --quiet --disable-pip-version-check -r $(SAM_DIR)/requirements-tools.txt
	ln -s ../venv/bin/sam $(SAM_CACHE)/bin/sam
	touch $@

## sam-tools: the sam CLI for examples/sam, into .cache/sam (bin/sam)
sam-tools: $(SAM_CACHE)/.installed

## sam-test: the SAM example deployed, updated and deleted with the real sam CLI
sam-test: venv sam-tools
	$(BIN)/pytest tests/sam -q -p no:randomly

# The CDK and SAM tests and the guide's CDK and SAM commands (the docs test) run in unit: they
# need the tools.
unit: venv cdk-tools sam-tools
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

# .venv-newest: this project installed as a user installs it (pip install <checkout>, no
# constraints file), so the newest releases its declared ranges allow, with the newest pytest.
VENV_NEWEST := .venv-newest
NEWEST_TESTS := tests/toolkit tests/service tests/cloudcontrol tests/cloudformation tests/registry_handler \
	tests/core tests/awslambda tests/s3
# What the tests themselves use, newest too: pytest, the wheel test's build backend, cfn test.
NEWEST_TOOLS := pytest pytest-xdist hypothesis awscli hatchling cloudformation-cli \
	cloudformation-cli-python-plugin
# Two toolkit tests are of the development set-up, so they run on the pins: the documented
# commands run the README's own (make, .venv), and cfn test from the root needs .venv's
# editable install with the python312-lambda plugin of tools/lambda_build.
NEWEST_SKIP := --deselect tests/toolkit/test_docs_commands.py --deselect tests/toolkit/test_cfn_test.py

## venv-newest: .venv-newest, refreshed to the newest releases the ranges allow on every run
venv-newest: python-check
	@test -x $(VENV_NEWEST)/bin/python || $(PYTHON) -m venv $(VENV_NEWEST)
	$(VENV_NEWEST)/bin/python -m pip install --quiet --disable-pip-version-check --upgrade \
		--upgrade-strategy eager . $(NEWEST_TOOLS)
	$(VENV_NEWEST)/bin/python -m pip install --quiet --disable-pip-version-check \
		--force-reinstall --no-deps .
	@$(VENV_NEWEST)/bin/python -m pip list --disable-pip-version-check 2>/dev/null \
		| grep -iE '^(moto|boto3|botocore|cloudformation-cli-python-lib|cfn-lint|werkzeug|flask) '

## test-newest: the toolkit, service, Cloud Control, CloudFormation, Lambda runner and S3 tests on
## .venv-newest, after the drift of its botocore's models from the pinned one
test-newest: venv-newest
	$(VENV_NEWEST)/bin/python -m localcloud.api_drift
	$(VENV_NEWEST)/bin/python -m pytest -q -n 2 -p no:randomly -p no:cacheprovider $(NEWEST_TESTS) \
		$(NEWEST_SKIP)

## api-drift: what changed in the newest botocore's models since the pinned one, and whether the
## local services handle each change (exit 1 if one is not handled)
api-drift: venv-newest
	$(VENV_NEWEST)/bin/python -m localcloud.api_drift

## api-digest: record the pinned botocore's models (localcloud/api_digest.json), after a pin bump
api-digest: venv
	$(BIN)/python -m localcloud.api_drift --write

## run: the whole lifecycle through the Lambda entrypoint, against the offline service
run: venv-run
	$(BIN)/python -m localcloud.lifecycle $(ARGS)

## serve: Customer Profiles, Cloud Control and moto's services on 127.0.0.1:$(PORT) until interrupted
serve: venv-toolkit
	$(BIN)/customerprofiles-localcloud serve --port $(PORT)

## deploy: deploy TEMPLATE offline and print its events: in-process, or to the server that
## --endpoint-url in ARGS (or AWS_ENDPOINT_URL) names; ARGS adds options,
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
test: lint typecheck validate check-generated examples package package-smoke contract bench-quick unit unit-py312 moto-cloudformation-tests test-newest

clean:
	rm -rf $(VENV) $(VENV312) $(VENV_NEWEST) $(CDK_CACHE) $(SAM_CACHE) build dist .pytest_cache .mypy_cache .ruff_cache .coverage rpdk.log* .cache
