# Two commands:  make lab   (set up, then open the workbook in JupyterLab)
#                make test  (set up, then run every test: unit, panel, notebook, browser)
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: lab test test-portability notebooks benchmarks clean

$(STAMP): requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --upgrade --quiet pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $(STAMP)

lab: $(STAMP)
	$(VENV)/bin/jupyter lab notebooks/00_start_here.ipynb

test: $(STAMP)
	$(PY) -m pytest --nbval tests notebooks

# The saved notebooks must read the same on any CPU: nbval again under numpy's other SIMD paths.
test-portability: $(STAMP)
	$(PY) tools/check_portability.py notebooks

# For authors: rebuild the saved notebooks from notebook_sources/ (runs each one).
notebooks: $(STAMP)
	$(PY) tools/build_notebooks.py

# Speed tables: every panel control (median/p95 per update) and the training step.
benchmarks: $(STAMP)
	$(PY) benchmarks/run_all.py

clean:
	rm -rf $(VENV) test-artifacts
