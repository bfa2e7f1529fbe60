# Two commands:  make lab   (set up, then open the workbook in JupyterLab)
#                make test  (set up, then run every test: unit, panel, notebook, browser)
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: lab test test-portability notebooks benchmarks clean site lite publish test-publish

$(STAMP): requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --upgrade --quiet pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $(STAMP)

lab: $(STAMP)
	$(VENV)/bin/jupyter lab notebooks/00_start_here.ipynb

test: $(STAMP)
	$(PY) -m pytest --nbval tests notebooks --ignore=tests/lite

# The saved notebooks must read the same on any CPU: nbval again under numpy's other SIMD paths.
test-portability: $(STAMP)
	$(PY) tools/check_portability.py notebooks

# For authors: rebuild the saved notebooks from notebook_sources/ (runs each one).
notebooks: $(STAMP)
	$(PY) tools/build_notebooks.py

# For teachers: the static HTML site in build/publish/ (copy that folder to any web host).
site: $(STAMP)
	$(PY) tools/build_site.py --out build/publish

# The browser edition (JupyterLite, no install, no outside requests) in build/publish/lite/.
lite: $(STAMP)
	$(PY) tools/build_lite.py --out build/publish/lite

# Both, side by side: copy build/publish/ to any static web host (or a USB stick).
publish: site lite

# The published editions: the browser edition in headless chromium, and the static site.
test-publish: lite
	$(PY) -m pytest tests/lite tests/site

benchmarks: $(STAMP)
	for script in benchmarks/*.py; do $(PY) $$script; done

clean:
	rm -rf $(VENV) test-artifacts
