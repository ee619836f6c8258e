"""The development environment of QualitätsMENTOR: Odoo 18, a virtual
environment with its requirements, and a PostgreSQL server of our own.

Only the standard library is used here: this module runs before the virtual
environment exists.
"""

import hashlib
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / ".data"
CACHE_DIR = (
    Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    / "qualitaetsmentor"
)
ODOO_CACHE = CACHE_DIR / "odoo-18.0"
ODOO_GIT_URL = "https://github.com/odoo/odoo.git"
ODOO_BRANCH = "18.0"
# Pinned packages of Odoo 18 build from source with pkg_resources.
PIP_CONSTRAINTS = "setuptools<72\n"
# Only the LDAP addon needs python-ldap, which needs C headers to build.
SKIPPED_ODOO_REQUIREMENTS = ("python-ldap",)
DB_USER = "odoo"


class SetupError(Exception):
    """The environment cannot be set up; the message says what to do."""


def log(message):
    print(f"[qm] {message}", flush=True)


def run(cmd, **kwargs):
    kwargs.setdefault("check", True)
    return subprocess.run([str(c) for c in cmd], **kwargs)


def addon_names():
    """Our addons: the folders at the repository root with a manifest."""
    return sorted(p.parent.name for p in ROOT.glob("*/__manifest__.py"))


# --------------------------------------------------------------------- Odoo


class Odoo:
    """Where Odoo 18 is and how to start it."""

    def __init__(self, source_root=None, importable=False):
        self.source_root = Path(source_root) if source_root else None
        self.importable = importable

    @property
    def odoo_bin(self):
        if self.source_root and (self.source_root / "odoo-bin").is_file():
            return [str(self.source_root / "odoo-bin")]
        return ["-m", "odoo"]

    @property
    def requirements(self):
        if self.source_root and (self.source_root / "requirements.txt").is_file():
            return (self.source_root / "requirements.txt").read_text()
        return ""

    def addons_paths(self):
        import_root = self.source_root
        paths = []
        for candidate in (import_root / "addons", import_root / "odoo" / "addons"):
            if candidate.is_dir():
                paths.append(str(candidate))
        paths.append(str(ROOT))
        return paths


def _odoo_version_of(source_root):
    release = Path(source_root) / "odoo" / "release.py"
    if not release.is_file():
        return None
    namespace = {}
    try:
        exec(compile(release.read_text(), str(release), "exec"), namespace)  # noqa: S102
    except Exception:  # noqa: BLE001 - an unreadable release file is no Odoo
        return None
    return namespace.get("version_info", (None,))[0]


def find_odoo():
    """Odoo 18 in the order the README gives."""
    odoo_path = os.environ.get("ODOO_PATH")
    if odoo_path:
        if _odoo_version_of(odoo_path) == 18:
            return Odoo(odoo_path)
        raise SetupError(
            f"ODOO_PATH={odoo_path} is not an Odoo 18 source checkout "
            "(no odoo/release.py of version 18 there)."
        )
    probe = subprocess.run(
        [
            sys.executable,
            "-c",
            "import odoo, os; print(odoo.release.version_info[0]); "
            "print(os.path.dirname(os.path.dirname(odoo.__file__)))",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    if probe.returncode == 0:
        version, location = probe.stdout.split()[:2]
        if version == "18":
            return Odoo(location, importable=True)
    if _odoo_version_of(ODOO_CACHE) == 18:
        return Odoo(ODOO_CACHE)
    log(f"No Odoo 18 found; cloning the {ODOO_BRANCH} branch into {ODOO_CACHE}")
    ODOO_CACHE.parent.mkdir(parents=True, exist_ok=True)
    clone = subprocess.run(
        [
            "git",
            "clone",
            "--depth",
            "1",
            "--branch",
            ODOO_BRANCH,
            ODOO_GIT_URL,
            str(ODOO_CACHE),
        ],
        check=False,
    )
    if clone.returncode == 0 and _odoo_version_of(ODOO_CACHE) == 18:
        return Odoo(ODOO_CACHE)
    shutil.rmtree(ODOO_CACHE, ignore_errors=True)
    raise SetupError(
        "Odoo 18 could not be found or downloaded. Put an Odoo 18.0 source "
        f"checkout (with odoo-bin) at {ODOO_CACHE}, or point ODOO_PATH at one."
    )


# ----------------------------------------------------- virtual environment


def _odoo_requirements(odoo):
    lines = []
    for line in odoo.requirements.splitlines():
        name = line.split("=")[0].split(";")[0].strip().lower()
        if name and name in SKIPPED_ODOO_REQUIREMENTS:
            continue
        lines.append(line)
    return "\n".join(lines) + "\n"


def ensure_venv(odoo):
    """A virtual environment with Odoo's and our requirements, reused while
    they stay the same."""
    ours = (ROOT / "requirements.txt").read_text()
    odoo_requirements = _odoo_requirements(odoo)
    digest = hashlib.sha256(
        (odoo_requirements + ours + sys.version).encode()
    ).hexdigest()[:12]
    py = f"py{sys.version_info[0]}{sys.version_info[1]}"
    venv = CACHE_DIR / f"venv-{py}-{digest}"
    python = venv / "bin" / "python"
    marker = venv / ".qm-complete"
    if marker.is_file():
        return python
    ensure_system_packages({"pg_config": "libpq-dev", "gcc": "build-essential"})
    log(f"Creating the virtual environment {venv} (once, a few minutes)")
    shutil.rmtree(venv, ignore_errors=True)
    venv_cmd = [sys.executable, "-m", "venv", str(venv)]
    if odoo.importable:
        venv_cmd.append("--system-site-packages")
    run(venv_cmd)
    constraints = venv / "constraints.txt"
    constraints.write_text(PIP_CONSTRAINTS)
    odoo_reqs = venv / "odoo-requirements.txt"
    odoo_reqs.write_text(odoo_requirements)
    env = dict(os.environ, PIP_CONSTRAINT=str(constraints))
    pip = [python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    result = run(
        pip + ["-r", odoo_reqs, "-r", ROOT / "requirements.txt"], env=env, check=False
    )
    if result.returncode:
        raise SetupError(
            "Installing the Python requirements failed (see pip's output above)."
        )
    marker.write_text("ok\n")
    return python


# ---------------------------------------------------------- system packages


def _apt_install(packages):
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        raise SetupError(
            "Missing system packages: "
            + " ".join(packages)
            + ". Install them with your package manager and try again."
        )
    log("Installing system packages: " + " ".join(packages))
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    run(["apt-get", "update", "-qq"], env=env, check=False)
    result = run(
        ["apt-get", "install", "-y", "-qq", "--no-install-recommends", *packages],
        env=env,
        check=False,
    )
    if result.returncode:
        raise SetupError("apt-get could not install " + " ".join(packages))


def ensure_system_packages(binaries_to_packages):
    """Install the Debian packages whose binaries are missing."""
    missing = [
        package
        for binary, package in binaries_to_packages.items()
        if not shutil.which(binary) and not _postgres_bin(binary)
    ]
    if missing:
        _apt_install(sorted(set(missing)))


def ensure_node():
    """Node.js and npm, with which pre-commit installs and runs prettier and
    eslint (.pre-commit-config.yaml)."""
    ensure_system_packages({"node": "nodejs", "npm": "npm"})


def find_chromium():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        if shutil.which(name):
            return shutil.which(name)
    return None


def ensure_chromium():
    if not find_chromium():
        _apt_install(["chromium", "fonts-dejavu-core"])
    if not find_chromium():
        raise SetupError("Chromium is needed for the browser tests.")


# ----------------------------------------------------------------- postgres


def _postgres_bin(name):
    found = shutil.which(name)
    if found:
        return found
    for candidate in sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}")):
        return str(candidate)
    return None


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Postgres:
    """Connection settings of a PostgreSQL server: one given through PGHOST,
    or one we start ourselves in a data folder of ours."""

    def __init__(self, data_dir=None):
        self.data_dir = Path(data_dir) if data_dir else None
        self.host = os.environ.get("PGHOST")
        self.port = int(os.environ.get("PGPORT") or 5432)
        self.user = os.environ.get("PGUSER") or DB_USER
        self.password = os.environ.get("PGPASSWORD") or ""
        self.socket_dir = None
        self.started = False
        self._as_postgres = os.geteuid() == 0

    @property
    def external(self):
        return bool(os.environ.get("PGHOST"))

    def _cmd(self, cmd):
        # PostgreSQL refuses to run as root: then it runs as the postgres user.
        cmd = [str(c) for c in cmd]
        if self._as_postgres:
            return ["runuser", "-u", "postgres", "--", *cmd]
        return cmd

    def _give_to_server(self, path):
        if self._as_postgres:
            shutil.chown(path, "postgres", "postgres")

    def start(self):
        if self.external:
            log(f"Using the PostgreSQL server at {self.host}:{self.port}")
            return
        ensure_system_packages({"initdb": "postgresql", "pg_ctl": "postgresql"})
        initdb, pg_ctl = _postgres_bin("initdb"), _postgres_bin("pg_ctl")
        self.data_dir.parent.mkdir(parents=True, exist_ok=True)
        if self._as_postgres and not self._server_can_use(self.data_dir.parent):
            # The project lies where the postgres user cannot reach it.
            fallback = Path(tempfile.gettempdir()) / (
                "qualitaetsmentor-"
                + hashlib.sha256(str(self.data_dir).encode()).hexdigest()[:8]
            )
            log(
                f"{self.data_dir} is out of the postgres user's reach; using {fallback}"
            )
            self.data_dir = fallback / self.data_dir.name
            self.data_dir.parent.mkdir(parents=True, exist_ok=True)
            os.chmod(self.data_dir.parent, 0o755)
        # Unix socket paths are short: the socket lives in a folder of its own.
        self.socket_dir = Path(tempfile.mkdtemp(prefix="qm-pg-"))
        os.chmod(self.socket_dir, 0o755)
        self._give_to_server(self.socket_dir)
        if not (self.data_dir / "PG_VERSION").is_file():
            self.data_dir.mkdir(parents=True, exist_ok=True)
            self._give_to_server(self.data_dir)
            run(
                self._cmd(
                    [
                        initdb,
                        "-D",
                        self.data_dir,
                        "-U",
                        DB_USER,
                        "--auth=trust",
                        "-E",
                        "UTF8",
                        "--locale=C.UTF-8",
                    ]
                ),
                stdout=subprocess.DEVNULL,
            )
        self.host = str(self.socket_dir)
        self.port = free_port()
        self.user = DB_USER
        options = (
            f"-k {self.socket_dir} -p {self.port} -c listen_addresses='' "
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        )
        run(
            self._cmd(
                [
                    pg_ctl,
                    "-D",
                    self.data_dir,
                    "-o",
                    options,
                    "-l",
                    self.data_dir / "server.log",
                    "-w",
                    "start",
                ]
            ),
            stdout=subprocess.DEVNULL,
        )
        self.started = True
        log(f"PostgreSQL started in {self.data_dir}")

    def _server_can_use(self, path):
        probe = subprocess.run(
            self._cmd(["test", "-w", path, "-a", "-x", path]), check=False
        )
        if probe.returncode == 0:
            return True
        try:
            self._give_to_server(path)
        except OSError:
            return False
        return (
            subprocess.run(self._cmd(["test", "-x", path]), check=False).returncode == 0
        )

    def stop(self):
        if not self.started:
            return
        run(
            self._cmd(
                [
                    _postgres_bin("pg_ctl"),
                    "-D",
                    self.data_dir,
                    "-m",
                    "fast",
                    "-w",
                    "stop",
                ]
            ),
            stdout=subprocess.DEVNULL,
            check=False,
        )
        self.started = False
        shutil.rmtree(self.socket_dir, ignore_errors=True)

    def restart_cmd(self):
        """The command that restarts our own server in place (same data, port
        and socket: pg_ctl reuses the options it was started with), for the
        fault runs of ./qm load; None for a server given through PGHOST."""
        if not self.started:
            return None
        return self._cmd(
            [
                _postgres_bin("pg_ctl"),
                "-D",
                self.data_dir,
                "-m",
                "fast",
                "-l",
                self.data_dir / "server.log",
                "-w",
                "restart",
            ]
        )

    def odoo_options(self):
        return {
            "db_host": self.host or "",
            "db_port": str(self.port),
            "db_user": self.user,
            "db_password": self.password or "False",
        }


# ------------------------------------------------------------------- config


def write_odoo_config(path, odoo, postgres, data_dir, **extra):
    options = {
        "addons_path": ",".join(odoo.addons_paths()),
        "data_dir": str(data_dir / "filestore"),
        "admin_passwd": "admin",
        "http_interface": "127.0.0.1",
        "list_db": "True",
        **postgres.odoo_options(),
        **extra,
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        "[options]\n" + "".join(f"{key} = {value}\n" for key, value in options.items())
    )
    return path


class Environment:
    """Everything a command needs: Odoo, the Python to run it, a database."""

    def __init__(self, data_dir, browser=False):
        self.odoo = find_odoo()
        self.python = ensure_venv(self.odoo)
        if browser:
            ensure_chromium()
        self.data_dir = Path(data_dir)
        self.postgres = Postgres(self.data_dir / "postgres")

    def __enter__(self):
        self.postgres.start()
        return self

    def __exit__(self, *exc):
        self.postgres.stop()

    def config(self, name="odoo.conf", **extra):
        return write_odoo_config(
            self.data_dir / name, self.odoo, self.postgres, self.data_dir, **extra
        )

    def odoo_cmd(self, config, *args):
        return [str(self.python), *self.odoo.odoo_bin, "-c", str(config), *args]

    def env(self):
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(
            p for p in (str(self.odoo.source_root), env.get("PYTHONPATH")) if p
        )
        env.pop("ODOO_RC", None)
        return env


def wait_for_port(port, timeout=120):
    deadline = time.time() + timeout
    while time.time() < deadline:
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return True
        time.sleep(0.5)
    return False
