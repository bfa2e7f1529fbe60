# Two commands:  make lab   (set up, then open the workbook in JupyterLab)
#                make test  (set up, then run every test: unit, panel, notebook, browser)
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
HUB_STAMP := $(VENV)/.hub-installed

.PHONY: lab test test-portability test-hub hub hub-install notebooks benchmarks clean site lite publish test-publish

$(STAMP): requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --upgrade --quiet pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $(STAMP)

lab: $(STAMP)
	$(VENV)/bin/jupyter lab notebooks/00_start_here.ipynb

test: $(STAMP)
	$(PY) -m pytest --nbval -m "not hub" tests notebooks --ignore=tests/lite

# The saved notebooks must read the same on any CPU: nbval again under numpy's other SIMD paths.
test-portability: $(STAMP)
	$(PY) tools/check_portability.py notebooks

# A JupyterHub for a class on this machine (loopback only; hub/README.md): the hub into .venv,
# its proxy into hub/node_modules. Students log in at http://127.0.0.1:8000 with any name.
$(HUB_STAMP): $(STAMP) hub/requirements.txt hub/package.json hub/package-lock.json
	$(PY) -m pip install --quiet -r hub/requirements.txt
	cd hub && npm ci --no-audit --no-fund --loglevel=error
	touch $(HUB_STAMP)

hub-install: $(HUB_STAMP)

hub: $(HUB_STAMP)
	$(VENV)/bin/jupyterhub -f hub/jupyterhub_config.py

# The hub test (two students through the proxy, about a minute); .ci/run runs it.
test-hub: $(HUB_STAMP)
	$(PY) -m pytest -m hub tests/hub

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

# Speed tables: every panel control (median/p95 per update) and the training step.
benchmarks: $(STAMP)
	$(PY) benchmarks/run_all.py

clean:
	rm -rf $(VENV) test-artifacts hub/node_modules hub/.run
