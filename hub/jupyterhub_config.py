# JupyterHub for a class, on this machine, loopback only (started by `make hub`).
#
# Every student logs in with any name and the class password, gets a single-user JupyterLab
# from the workbook's own environment (.venv) and a copy of notebooks/ of their own, as
# nbgitpuller gives on a real hub: copied once, never overwritten, so a student's edits stay.
# SimpleLocalProcessSpawner runs every server as the same system user with no isolation and no
# memory limit: a demo and a measuring rig, not a production hub (see hub/README.md for that).
#
# Settings come from the environment, so that tests and benchmarks can run a private hub:
#   WORKBOOK_HUB_RUN       folder for the hub's state and the students' homes (hub/.run)
#   WORKBOOK_HUB_PORT      public port of the proxy on 127.0.0.1 (8000)
#   WORKBOOK_HUB_PASSWORD  the class password, at least 8 characters (gradient-descent)
import os
import shutil
import socket
import sys
from pathlib import Path

HUB = Path(__file__).resolve().parent
ROOT = HUB.parent
VENV_BIN = Path(sys.executable).parent  # the hub runs from the workbook's .venv
RUN = Path(os.environ.get("WORKBOOK_HUB_RUN", HUB / ".run")).resolve()
PORT = int(os.environ.get("WORKBOOK_HUB_PORT", "8000"))
PASSWORD = os.environ.get("WORKBOOK_HUB_PASSWORD", "gradient-descent")
COURSE_FOLDER = "workbook"  # what nbgitpuller would name the clone in each home
FIRST_NOTEBOOK = f"{COURSE_FOLDER}/notebooks/00_start_here.ipynb"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def give_notebooks(spawner) -> None:
    """Copy notebooks/ into the student's home the first time; never overwrite their work."""
    home = Path(spawner.home_dir)
    target = home / COURSE_FOLDER / "notebooks"
    if not target.exists():
        shutil.copytree(ROOT / "notebooks", target,
                        ignore=shutil.ignore_patterns(".ipynb_checkpoints"))


RUN.mkdir(parents=True, exist_ok=True)
c = get_config()  # noqa: F821  (provided by JupyterHub when it loads this file)

# Loopback only: the proxy, the hub's API and every student's server.
c.JupyterHub.ip = "127.0.0.1"
c.JupyterHub.port = PORT
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = free_port()
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{free_port()}"
c.ConfigurableHTTPProxy.command = [str(HUB / "node_modules" / ".bin" / "configurable-http-proxy")]
c.ConfigurableHTTPProxy.pid_file = str(RUN / "proxy.pid")
c.Spawner.ip = "127.0.0.1"

c.JupyterHub.db_url = f"sqlite:///{RUN / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(RUN / "jupyterhub_cookie_secret")
c.JupyterHub.pid_file = str(RUN / "jupyterhub.pid")
# Stopping the hub stops the proxy and every student's server with it.
c.JupyterHub.cleanup_servers = True
c.JupyterHub.cleanup_proxy = True

# A demo authenticator: any user name, one shared class password.
c.JupyterHub.authenticator_class = "shared-password"
c.SharedPasswordAuthenticator.user_password = PASSWORD
c.Authenticator.allow_all = True

c.JupyterHub.spawner_class = "simple"
c.SimpleLocalProcessSpawner.home_dir_template = str(RUN / "home" / "{username}")
c.Spawner.pre_spawn_hook = give_notebooks
c.Spawner.cmd = [str(VENV_BIN / "jupyterhub-singleuser")]
c.Spawner.args = ["--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate"]
if os.geteuid() == 0:  # Jupyter refuses to run as root without this
    c.Spawner.args.append("--allow-root")
c.Spawner.default_url = f"/lab/tree/{FIRST_NOTEBOOK}"
# Every process of this hub carries the marker, so a test can find any left running.
c.Spawner.environment = {"WORKBOOK_HUB_RUN": str(RUN),
                         "PATH": f"{VENV_BIN}{os.pathsep}{os.environ.get('PATH', '')}"}
c.Spawner.env_keep = ["LANG", "LC_ALL"]
# Many servers starting at once on two cores take longer than the default 30 s to answer.
c.Spawner.http_timeout = 180
c.Spawner.start_timeout = 240
