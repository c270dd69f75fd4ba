"""Measure plandiff against bare Python, deepdiff's `deep diff` and graphtage; print one table.

    python bench/run.py                  # everything: start-up, the corpus, 100 to 100,000 clauses
    python bench/run.py --sizes 100,1000 --runs 3
    python bench/run.py --sections hostile   # only the inputs built to be slow
    python bench/run.py --sections treaties --treaty-sizes 1000,10000   # one large version

Every figure comes from this one run: each command runs in a fresh process, several times
(interleaved with what it is compared with, so the machine's drift hits both), and the table gives
the median with the spread (min–max). Peak memory is the child's maximum resident set size. The
goals are ratios of figures measured side by side, since absolute times on a shared machine drift.

Each tool runs as its users install it: the bench makes one clean virtual environment per tool
(`pip install .` for plandiff, `pip install 'deepdiff[cli]'`, `pip install graphtage`) and prints
what each holds, so that no tool pays for another's dependencies (deepdiff imports numpy at start
when numpy is installed beside it). `--venvs DIR` keeps them between runs (plandiff's is made again
every run). A tool that cannot be installed is reported, not fatal.
"""

from __future__ import annotations

import argparse
import ast
import itertools
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
BIN = Path(sys.executable).parent
sys.path.insert(0, str(HERE))

from generate import generate, generate_treaty  # noqa: E402  (bench/ is not a package)
from hostile import edited_source, nul_seed, unknown_keys, unknown_sources  # noqa: E402

SIZES = (100, 1_000, 10_000, 100_000)
SECTIONS = ("startup", "corpus", "commands", "single", "repositories", "treaties", "hostile")
SINGLE_SIZE = 50_000  # clauses in each of the two single-file versions of the `single` section
# What each tool's users install, one clean virtual environment each; plandiff from this checkout.
TOOLS = {"plandiff": [str(REPO)], "deep": ["deepdiff[cli]"], "graphtage": ["graphtage"]}
PACKAGES = {"plandiff": "plandiff", "deep": "deepdiff", "graphtage": "graphtage"}
# Variables a user's shell does not set, which would change how the tools start.
UNSET = ("PYTHONDONTWRITEBYTECODE", "PYTHONPATH", "PYTHONHOME", "PYTHONSTARTUP",
         "PLANDIFF_ROOT", "PLANDIFF_CACHE", "PLANDIFF_CACHE_DIR", "VIRTUAL_ENV")
TREATY_SIZES = (1_000, 10_000, 50_000)  # clauses in each of the two versions compared
DEEP_TREATY_MAX = 10_000  # `deep diff` takes minutes on larger versions
SITE_SIZE = 10_000
IMPORT_SIZE = 2_000  # `import` is measured up to this size: it scores every point-clause pair


@dataclass
class Measure:
    """The runs of one command: wall-clock seconds and peak memory (MB) of each."""

    label: str
    command: list[str]
    seconds: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)  # user + system seconds of the process
    peak_mb: list[float] = field(default_factory=list)
    failure: str | None = None
    env: dict[str, str] = field(default_factory=dict)
    setup: Callable[[], None] | None = None  # run before each timed run, untimed

    @property
    def ok(self) -> bool:
        return self.failure is None and bool(self.seconds)

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)

    @property
    def cpu_median(self) -> float:
        return statistics.median(self.cpu)

    @property
    def peak(self) -> float:
        return max(self.peak_mb)

    def cpu_cell(self) -> str:
        return _seconds(self.cpu_median) if self.ok else "–"

    def time_cell(self) -> str:
        if not self.ok:
            return self.failure or "not run"
        low, high = min(self.seconds), max(self.seconds)
        return f"{_seconds(self.median)} ({_seconds(low)}–{_seconds(high)})"

    def memory_cell(self) -> str:
        return f"{self.peak:,.0f} MB" if self.ok else "–"


def _seconds(value: float) -> str:
    return f"{value * 1000:.0f} ms" if value < 1 else f"{value:.2f} s"


def run_once(measure: Measure, *, ok_codes: tuple[int, ...], timeout: float, cwd: Path) -> None:
    """Run the command in a fresh process; record its time and peak memory, or why it failed."""
    if measure.failure:
        return
    if measure.setup is not None:
        measure.setup()
    # stderr goes to a file, not a pipe: a command that writes more than a pipe holds (import's
    # alignment table) would block on a pipe nobody reads until it ends.
    with tempfile.TemporaryFile() as errors:
        started = time.perf_counter()
        process = subprocess.Popen(measure.command, cwd=cwd, stdout=subprocess.DEVNULL,
                                   stderr=errors, env={**clean_environment(), **measure.env})
        # wait4 gives this child's own resource usage, peak memory included (KB on Linux).
        deadline = started + timeout
        while True:
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                process.kill()
                os.wait4(process.pid, 0)
                measure.failure = f"over {timeout:.0f} s"
                return
            time.sleep(0.002)
        elapsed = time.perf_counter() - started
        errors.seek(0)
        stderr = errors.read()
    code = os.waitstatus_to_exitcode(status)
    if code not in ok_codes:
        last = stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or ["no message"]
        measure.failure = f"failed (exit {code}: {last[0][:80]})"
        return
    measure.seconds.append(elapsed)
    measure.cpu.append(usage.ru_utime + usage.ru_stime)
    measure.peak_mb.append(usage.ru_maxrss / 1024)


def run_interleaved(measures: list[Measure], runs: int, *, cwd: Path, timeout: float = 600,
                    ok_codes: tuple[int, ...] = (0,)) -> None:
    for _ in range(runs):
        for measure in measures:
            run_once(measure, ok_codes=ok_codes, timeout=timeout, cwd=cwd)


def clean_environment() -> dict[str, str]:
    """The environment the measured commands run in: this one without what a user's shell does
    not set (a cache or a root of this run's choosing is given per command), without colour."""
    return {**{k: v for k, v in os.environ.items() if k not in UNSET}, "NO_COLOR": "1"}


@dataclass
class Venv:
    """A clean virtual environment holding one tool, as its users install it."""

    name: str
    folder: Path
    failure: str = ""
    packages: dict[str, str] = field(default_factory=dict)  # name -> version

    @property
    def python(self) -> Path:
        return self.folder / "bin" / "python"

    def describe(self) -> str:
        if self.failure:
            return f"{self.name}: {self.failure}"
        main = PACKAGES[self.name]
        others = ", ".join(f"{name} {version}" for name, version in sorted(self.packages.items())
                           if name.lower() not in (main, "pip"))
        return (f"`{' '.join(TOOLS[self.name]) if self.name != 'plandiff' else 'pip install .'}`"
                f" ({main} {self.packages.get(main, '?')}, pip {self.packages.get('pip', '?')};"
                f" with {others or 'nothing else'})")


VENVS: dict[str, Venv] = {}


def make_venvs(folder: Path, names: list[str]) -> None:
    """One clean virtual environment per tool under `folder` (reused when it is there, but
    plandiff's, which is this checkout: made again), each compiled as pip leaves it."""
    for name in names:
        venv = Venv(name, folder / name)
        VENVS[name] = venv
        if name == "plandiff" or not venv.python.exists():
            shutil.rmtree(venv.folder, ignore_errors=True)
            steps = [[sys.executable, "-m", "venv", str(venv.folder)],
                     [str(venv.python), "-m", "pip", "install", "-q", "-U", "pip"],
                     [str(venv.python), "-m", "pip", "install", "-q", *TOOLS[name]],
                     # what pip does at install unless PYTHONDONTWRITEBYTECODE is set
                     [str(venv.python), "-m", "compileall", "-q", str(venv.folder / "lib")]]
            for step in steps:
                done = subprocess.run(step, capture_output=True, text=True, check=False,
                                      env=clean_environment(), cwd=folder)
                if done.returncode != 0 and step[-2:] != ["-q", str(venv.folder / "lib")]:
                    last = (done.stderr.strip().splitlines() or ["no message"])[-1]
                    venv.failure = f"not installed ({last[:100]})"
                    break
        if not venv.failure:
            listed = subprocess.run([str(venv.python), "-m", "pip", "list", "--format=json"],
                                    capture_output=True, text=True, check=False)
            try:
                venv.packages = {p["name"].lower(): p["version"]
                                 for p in json.loads(listed.stdout)}
            except ValueError:
                venv.failure = "not installed (pip list failed)"


def tool(name: str, hint: str = "") -> tuple[list[str] | None, str]:
    """The command of a tool in its own virtual environment (made by make_venvs)."""
    venv = VENVS.get(name)
    if venv is None or venv.failure:
        return None, f"missing: {venv.failure if venv else 'no environment'}"
    return [str(venv.folder / "bin" / name)], ""


# --- the sections of the table ---------------------------------------------------------------


@dataclass
class Row:
    what: str
    measure: Measure | None
    note: str = ""


@dataclass
class Goal:
    text: str
    value: str
    passed: bool | None  # None: could not be measured


def startup(runs: int) -> tuple[list[Row], list[Goal]]:
    plandiff, why = tool("plandiff", "install plandiff (pip install -e .)")
    python = str(VENVS["plandiff"].python) if "plandiff" in VENVS else sys.executable
    bare = Measure("python -c pass", [python, "-c", "pass"])
    version = Measure("plandiff --version", [*(plandiff or []), "--version"])
    if plandiff is None:
        version.failure = why
    # The console-script wrapper of pip before 25.1 imports `re` before plandiff: its share.
    wrapper = Measure("python -c 'import re'", [python, "-c", "import re"])
    run_interleaved([bare, version, wrapper], runs, cwd=REPO)
    rows = [Row("bare `python -c pass`", bare), Row("`plandiff --version`", version,
                                                       "the installed console script"),
            Row("`python -c 'import re'`", wrapper,
                "what the script wrapper of pip < 25.1 does first")]
    goals = [ratio_goal("`plandiff --version` ≤ 1.5× bare `python -c pass`", version, bare, 1.5)]
    return rows, goals


def corpus(runs: int, work: Path) -> tuple[list[Row], list[Goal]]:
    plandiff, why = tool("plandiff")
    deep, deep_why = tool("deep")
    graphtage, graphtage_why = tool("graphtage")
    command = [*(plandiff or []), "v28", "geneva"]  # cwd: the repo, or a folder outside any
    outside = work / "outside"
    outside.mkdir(exist_ok=True)
    rows: list[Row] = []
    goals: list[Goal] = []
    theirs = Measure("deep diff", [*(deep or []), "diff", "plans/v28.yaml", "plans/geneva.yaml"])
    if deep is None:
        theirs.failure = deep_why
    for where, cwd in (("", REPO), ("outside a plan repository, ", outside)):
        # `plandiff A B` keeps its output in a cache keyed by every byte it reads, and every
        # command the repository it read: a repeated run reads the output back, a first run
        # starts from empty caches (a new folder each run) and fills them.
        warm_cache = work / f"cache-warm-{cwd.name}"
        warm = Measure("repeated", command, env={"PLANDIFF_CACHE_DIR": str(warm_cache)})
        cold = cold_measure("first", command, work)
        off = Measure("no cache", command, env={"PLANDIFF_CACHE": "0"})
        for measure in (warm, cold, off):
            measure.failure = why if plandiff is None else None
        if plandiff is not None:
            subprocess.run(command, cwd=cwd, capture_output=True, check=False,
                           env={**clean_environment(), **warm.env})  # fills the warm cache
        measured = [warm, cold, off] + ([theirs] if cwd == REPO else [])
        run_interleaved(measured, runs, cwd=cwd)
        rows += [Row(f"{where}`plandiff v28 geneva`, repeated run", warm, "its output read back"
                     " from the cache: every file under plans/ read and hashed"),
                 Row(f"{where}`plandiff v28 geneva`, first run", cold, "empty caches, filled by"
                     " the run" + ("; the corpus bundled with plandiff" if where else "")),
                 Row(f"{where}`plandiff v28 geneva`, cache off", off, "PLANDIFF_CACHE=0")]
        goals += [ratio_goal(f"{where}`plandiff v28 geneva` repeated ≤ 0.5× `deep diff`", warm,
                             theirs, 0.5),
                  ratio_goal(f"{where}`plandiff v28 geneva` first run ≤ 0.6× `deep diff`", cold,
                             theirs, 0.6),
                  ratio_goal(f"{where}`plandiff v28 geneva` first run ≤ 1.05× cache off"
                             " (a miss costs no more)", cold, off, 1.05)]
        if cwd == REPO:
            rows.append(Row("`deep diff plans/v28.yaml plans/geneva.yaml`", theirs,
                            "`pip install 'deepdiff[cli]'` in a clean environment"))
    # graphtage cannot read YAML dates (2025-11-20), so it reads the same two files as JSON.
    as_json = [_as_json(REPO / "plans" / f"{name}.yaml", work) for name in ("v28", "geneva")]
    tree = Measure("graphtage", [*(graphtage or []), *map(str, as_json)])
    if graphtage is None:
        tree.failure = graphtage_why
    # graphtage exits 1 when the files differ; it takes seconds, so fewer runs.
    run_interleaved([tree], max(1, runs // 3), cwd=REPO, ok_codes=(0, 1), timeout=300)
    rows.append(Row("`graphtage` on the same two files", tree, "as JSON: it cannot read YAML"
                    " dates"))
    return rows, goals


FRESH = itertools.count()
PARAGRAPHS: list[str] = []  # where the time goes, printed after the table


def cold_measure(label: str, command: list[str], work: Path) -> Measure:
    """A command run with empty caches: a new cache folder at every run."""
    measure = Measure(label, command)

    def empty() -> None:
        measure.env["PLANDIFF_CACHE_DIR"] = str(work / "caches" / f"cold-{next(FRESH)}")

    measure.setup = empty
    return measure


# The last two with options, which cli/options.py parses without typer (a newsroom's Arabic
# edition, a Markdown report of a diff).
COMMANDS = (["history", "armed-forces-cap"], ["show", "geneva"], ["positions"],
            ["report", "v28", "geneva"], ["log"], ["show", "geneva", "--lang", "ar"],
            ["v28", "geneva", "-f", "markdown"])


def commands(runs: int, work: Path) -> tuple[list[Row], list[Goal]]:
    """Each command on the corpus, inside and outside a plan repository: cold (empty caches),
    warm (the repository cache filled by another command, `plandiff v28 geneva`) and with the
    caches off. Inside the repository, beside each warm goal, the lowest ratio a repository cache
    could reach, from where the time of each run goes (a paragraph each, in PARAGRAPHS)."""
    plandiff, why = tool("plandiff")
    outside = work / "outside"
    outside.mkdir(exist_ok=True)
    rows: list[Row] = []
    goals: list[Goal] = []
    found: dict[str, dict[str, Breakdown]] = {}
    if plandiff is not None:
        found = breakdowns(VENVS["plandiff"].python, REPO, work, runs)
        PARAGRAPHS.extend(describe_breakdown(args, found.get(" ".join(args), {}))
                          for args in COMMANDS)
    for where, cwd in (("", REPO), ("outside a plan repository, ", outside)):
        warm_cache = work / f"commands-warm-{cwd.name}"
        if plandiff is not None:  # another command fills the repository cache
            subprocess.run([*plandiff, "v28", "geneva"], cwd=cwd, capture_output=True,
                           check=False, env={**clean_environment(),
                                             "PLANDIFF_CACHE_DIR": str(warm_cache)})
        for number, args in enumerate(COMMANDS):
            command = [*(plandiff or []), *args]
            # the same command run before, in a cache folder of its own (its output kept there
            # would serve the warm runs too)
            repeat_cache = work / f"commands-repeat-{cwd.name}-{number}"
            if plandiff is not None:
                subprocess.run(command, cwd=cwd, capture_output=True, check=False,
                               env={**clean_environment(), "PLANDIFF_CACHE_DIR": str(repeat_cache)})
            cold = cold_measure("cold", command, work)
            warm = Measure("warm", command, env={"PLANDIFF_CACHE_DIR": str(warm_cache)})
            repeated = Measure("repeated", command, env={"PLANDIFF_CACHE_DIR": str(repeat_cache)})
            off = Measure("off", command, env={"PLANDIFF_CACHE": "0"})
            for measure in (cold, warm, repeated, off):
                measure.failure = why if plandiff is None else None
            run_interleaved([cold, warm, repeated, off], runs, cwd=cwd)
            shown = f"`plandiff {' '.join(args)}`"
            rows += [Row(f"{where}{shown}, cold", cold, "empty caches"),
                     Row(f"{where}{shown}, warm", warm, "the repository read back from the cache"
                         " that `plandiff v28 geneva` filled"),
                     Row(f"{where}{shown}, repeated", repeated, "the same command run before:"
                         " its output read back from the output cache"),
                     Row(f"{where}{shown}, cache off", off, "PLANDIFF_CACHE=0")]
            goals.append(ratio_goal(f"{where}{shown} warm ≤ 0.3× cache off", warm, off, 0.3))
            goals.append(ratio_goal(f"{where}{shown} repeated ≤ 0.3× cache off", repeated, off,
                                    0.3))
            if cwd == REPO:
                goals.append(bound_goal(shown, found.get(" ".join(args), {})))
            goals += [ratio_goal(f"{where}{shown} cold ≤ 1.05× cache off (a miss costs no"
                                 " more)", cold, off, 1.05)]
    return rows, goals


def bound_goal(shown: str, cases: dict[str, Breakdown]) -> Goal:
    """Whether `warm ≤ 0.3× cache off` is within reach of any repository cache at all."""
    text = (f"{shown} warm ≤ 0.3× cache off within reach: the lowest ratio a repository cache"
            " could give (cache off less its reading and validating and the importing done"
            " within them, over cache off)")
    off = cases.get("off")
    if off is None:
        return Goal(text, "not measured", None)
    return Goal(text, f"{bound(off):.2f}× ({_seconds(off.whole - saved(off))} of"
                f" {_seconds(off.whole)}; see below)", bound(off) <= 0.3)


def single(runs: int, work: Path, size: int = SINGLE_SIZE) -> tuple[list[Row], list[Goal]]:
    """A pair of `size`-clause versions, each one file (27 MB at 50,000), in a repository:
    `plandiff diff` with the caches off, cold, and warm from the repository cache."""
    plandiff, why = tool("plandiff")
    root = work / f"single-{size}"
    counts = generate_treaty(root, size, folders=False)
    megabytes = (root / "plans" / "base.yaml").stat().st_size / 1e6
    command = [*(plandiff or []), "diff", "base", "head", "--root", str(root)]
    off = Measure("off", command, env={"PLANDIFF_CACHE": "0"})
    cold = cold_measure("cold", command, work)
    warm_cache = work / "single-warm"
    warm = Measure("warm", command, env={"PLANDIFF_CACHE_DIR": str(warm_cache)})
    for measure in (off, cold, warm):
        measure.failure = why if plandiff is None else None
    if plandiff is not None:
        subprocess.run(command, cwd=root, capture_output=True, check=False,
                       env={**clean_environment(), **warm.env})
    run_interleaved([off, cold, warm], runs, cwd=root, timeout=900)
    pair = f"{counts['base']:,} + {counts['head']:,} clauses, {megabytes:.1f} MB a file"
    rows = [Row(f"{size:,}-clause versions as single files: `plandiff diff base head`,"
                " cache off", off, pair),
            Row(f"{size:,}-clause single files: `plandiff diff`, cold", cold,
                "empty caches, filled by the run"),
            Row(f"{size:,}-clause single files: `plandiff diff`, warm", warm,
                "the repository read back from the cache")]
    goals = [limit_goal(f"{size:,}-clause single files: `plandiff diff` (cache off) under"
                        " 12 s and 1 GB", off, seconds=12, memory=1024),
             limit_goal(f"{size:,}-clause single files: `plandiff diff` (cold) under 12 s"
                        " and 1 GB", cold, seconds=12, memory=1024)]
    shutil.rmtree(root, ignore_errors=True)
    return rows, goals


# Run by plandiff's own Python: a cold `plandiff v28 geneva` (empty caches) in one process, then
# the same again under cProfile (its modules already imported), to share out the time.
PROFILE = r"""
import cProfile, io, json, os, pstats, sys, tempfile, time
clock = time.process_time  # CPU time: the machine may be shared
from plandiff.cli.main import main

def once():
    os.environ["PLANDIFF_CACHE_DIR"] = tempfile.mkdtemp()
    out, sys.stdout = sys.stdout, io.StringIO()
    try:
        main(["v28", "geneva"])
    finally:
        sys.stdout = out

started = clock(); once(); first = clock() - started
started = clock(); once(); again = clock() - started
profiler = cProfile.Profile(clock); profiler.enable(); once(); profiler.disable()
stats = pstats.Stats(profiler).stats
total = sum(row[2] for row in stats.values())
phases = {"read": ("repository.py", "read_repository"),
          "validate": ("repository.py", "inspect_repository"),
          "diff": ("diff.py", "diff_versions"), "print": ("formats.py", "write"),
          "cache key": ("output_cache.py", "key"), "cache slot": ("repository_cache.py", "slot"),
          "cache keep": ("repository_cache.py", "keep"),
          "cache write": ("output_cache.py", "write")}
found = {name: 0.0 for name in phases}
for (path, _, function), row in stats.items():
    for name, (file, wanted) in phases.items():
        if path.endswith(file) and function == wanted:
            found[name] += row[3]
whole = next((row[3] for (path, _, function), row in stats.items()
              if path.endswith("quick.py") and function == "plain_diff"), total)
print(json.dumps({"first": first, "again": again, "whole": whole, **found}))
"""

GROUPS = (("pydantic", ("pydantic", "pydantic_core", "typing_extensions", "annotated_types",
                        "typing_inspection")),
          ("the models (plain classes)", ("plandiff.core.models",)),
          ("rich", ("rich", "markdown_it", "pygments", "mdurl")),
          ("ruamel.yaml", ("ruamel", "_ruamel_yaml")),
          ("plandiff's other modules", ("plandiff",)))


def where_the_time_goes(work: Path) -> str:
    """One paragraph: how a cold `plandiff v28 geneva` spends its time, measured by -X importtime
    (the imports) and cProfile (the rest) in plandiff's own environment."""
    venv = VENVS.get("plandiff")
    if venv is None or venv.failure:
        return ""
    script = PROFILE.strip()
    env = {**clean_environment(), "PLANDIFF_CACHE_DIR": str(work / "profile-cache")}
    imports = subprocess.run([str(venv.python), "-X", "importtime", "-c", script], cwd=REPO,
                             capture_output=True, text=True, check=False, env=env)
    timed = subprocess.run([str(venv.python), "-c", script], cwd=REPO, capture_output=True,
                           text=True, check=False, env=env)
    try:
        figures = json.loads(timed.stdout.strip().splitlines()[-1])
    except (ValueError, IndexError):
        return f"(the profile failed: {(timed.stderr.strip().splitlines() or ['?'])[-1]})"
    shares: dict[str, float] = {}
    for line in imports.stderr.splitlines():
        if not line.startswith("import time:") or "self [us]" in line:
            continue
        own, _, name = (part.strip() for part in line[len("import time:"):].split("|"))
        group = next((label for label, prefixes in GROUPS
                      if any(name == p or name.startswith(p + ".") for p in prefixes)),
                     "the standard library and others")
        shares[group] = shares.get(group, 0.0) + int(own) / 1e6
    # -X importtime counts wall-clock time (and its own overhead): it only shares out the CPU
    # time the imports took, the first run's less the second's.
    work_time = figures["again"]  # the same run without imports, unprofiled
    imported = max(0.0, figures["first"] - work_time)
    counted = sum(shares.values()) or 1.0
    shares = {label: value * imported / counted for label, value in shares.items()}
    scale = work_time / figures["whole"] if figures["whole"] else 0.0

    def part(name: str) -> float:
        return figures[name] * scale

    caches = sum(part(name) for name in ("cache key", "cache slot", "cache keep",
                                         "cache write"))
    # validating is inspect_repository; reading the YAML is read_repository (called before it)
    named = {"reading the YAML": part("read"), "validating": part("validate"),
             "comparing": part("diff"), "printing": part("print"),
             "the caches (hashing the inputs, writing the entries)": caches}
    rest = max(0.0, work_time - sum(named.values()))
    parts = ", ".join(f"{label} {_seconds(value)}" for label, value in sorted(
        shares.items(), key=lambda item: -item[1]))
    work_parts = "; ".join(f"{label} {_seconds(value)}" for label, value in named.items())
    return (f"Where the CPU time of a cold `plandiff v28 geneva` goes (empty caches, in"
            f" plandiff's environment; one process: the first run {_seconds(figures['first'])},"
            f" the same command again in that process {_seconds(work_time)}): importing"
            f" {_seconds(imported)}, the first less the second (shared out as -X importtime"
            f" shares it: {parts}); then {work_parts}; other"
            f" {_seconds(rest)} (cProfile's shares of the second run, scaled to its unprofiled"
            " time). Python's own start-up is the bare row above.")


# Run by plandiff's own Python, one process a measurement: a command through plandiff.cli.main
# with sys.argv set and its output captured. The CPU time of each phase is taken around the
# function that does it (wrapped as the module that defines it is loaded) and around every
# module's loading, each less the phases inside it (and the importing done within each phase
# apart). It imports nothing Python has not loaded at
# start before the command runs, so that the command's imports are all its own.
PHASED = r"""
import _frozen_importlib as bootstrap, io, sys, time
clock = time.process_time
PHASES = {}
spent, calls, within, stack = {}, {}, {}, []

def timed(label, function):
    def run(*args, **kwargs):
        if stack and stack[-1][0] == label:  # counted by the outer call
            return function(*args, **kwargs)
        frame = [label, clock(), 0.0]
        stack.append(frame)
        try:
            return function(*args, **kwargs)
        finally:
            stack.pop()
            elapsed = clock() - frame[1]
            spent[label] = spent.get(label, 0.0) + elapsed - frame[2]
            calls[label] = calls.get(label, 0) + 1
            if stack:
                stack[-1][2] += elapsed
            if label == "importing":  # the phases it happened in
                for outer in {frame[0] for frame in stack}:
                    within[outer] = within.get(outer, 0.0) + elapsed
    run.__wrapped__ = function
    return run

wanted = {}
for label, (module, function) in PHASES.items():
    wanted.setdefault(module, []).append((label, function))
load = bootstrap._find_and_load

def find_and_load(name, import_):
    module = load(name, import_)
    for label, function in wanted.pop(name, ()):
        setattr(module, function, timed(label, getattr(module, function)))
    return module

bootstrap._find_and_load = timed("importing", find_and_load)
sys.stderr.write("plandiff-bench: the command starts\n")
sys.stderr.flush()
out, sys.argv = sys.argv[1], ["plandiff", *sys.argv[2:]]
shown, sys.stdout = sys.stdout, io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
code = 0
try:
    from plandiff.cli.main import main
    main()
except SystemExit as stop:
    code = stop.code
finally:
    sys.stdout = shown
with open(out, "a", encoding="utf-8") as stream:
    stream.write(repr({"spent": spent, "calls": calls, "within": within, "code": code}) + "\n")
"""
STARTS = "plandiff-bench: the command starts"
# The phases of a run, by the function that does each (its module, its name).
PHASES = {"key": ("plandiff.repo.repository_cache", "slot"),
          "entry": ("plandiff.repo.repository_cache", "read"),
          "yaml": ("plandiff.repo.repository", "read_repository"),
          "validating": ("plandiff.repo.repository", "inspect_repository")}
IMPORT_GROUPS = ("plandiff's modules", "the standard library", "rich", "others")


@dataclass
class Breakdown:
    """Where the CPU time of one command's run goes: seconds, medians of its runs."""

    whole: float  # the process's CPU time (user + system)
    start: float  # a bare `python -c pass`
    imports: dict[str, float]  # by IMPORT_GROUPS, scaled to the time the imports took
    phases: dict[str, float]  # by PHASES name, those the run called
    imported_in: dict[str, float]  # by PHASES name, the importing done within it
    largest: dict[str, list[str]]  # the standard library's and others' largest, largest first
    runs: int

    @property
    def importing(self) -> float:
        return sum(self.imports.values())

    @property
    def reading(self) -> float:
        """Reading the YAML and validating it: what a repository cache skips."""
        return self.phases.get("yaml", 0.0) + self.phases.get("validating", 0.0)

    @property
    def reading_imports(self) -> float:
        """The importing done while reading the YAML and validating (part of `importing`)."""
        return self.imported_in.get("yaml", 0.0) + self.imported_in.get("validating", 0.0)

    @property
    def own(self) -> float:
        """The command's own work: the rest."""
        return self.whole - self.start - self.importing - sum(self.phases.values())


def import_shares(stderr: str) -> dict[str, float]:
    """Seconds of each top-level package's own import time, as -X importtime prints it, counting
    only what was imported after the command started (not Python's own start)."""
    lines = stderr.splitlines()
    if STARTS in lines:
        lines = lines[lines.index(STARTS) + 1:]
    shares: dict[str, float] = {}
    for line in lines:
        if not line.startswith("import time:") or "self [us]" in line:
            continue
        own, _, name = (part.strip() for part in line[len("import time:"):].split("|"))
        top = name.split(".")[0]
        shares[top] = shares.get(top, 0.0) + int(own) / 1e6
    return shares


def import_group(top: str) -> str:
    if top == "plandiff":
        return IMPORT_GROUPS[0]
    if top in sys.stdlib_module_names:
        return IMPORT_GROUPS[1]
    return IMPORT_GROUPS[2] if top == "rich" else IMPORT_GROUPS[3]


def breakdowns(python: Path, cwd: Path, work: Path, runs: int,
               commands: tuple[list[str], ...] = COMMANDS) -> dict[str, dict[str, Breakdown]]:
    """For each command (by its words), where the CPU time of its warm run (the repository cache
    filled by `plandiff v28 geneva`) and of its cache-off run goes; {} when it cannot be
    measured. Every figure is a median of `runs` processes, interleaved."""
    warm_cache = work / "breakdown-warm"
    environment = {**clean_environment(), "PLANDIFF_CACHE_DIR": str(warm_cache)}
    filled = subprocess.run([str(python), "-m", "plandiff", "v28", "geneva"], cwd=cwd,
                            capture_output=True, check=False, env=environment)
    if filled.returncode != 0:
        return {}
    script = PHASED.strip().replace("PHASES = {}", f"PHASES = {PHASES!r}", 1)
    modes = {"warm": {"PLANDIFF_CACHE_DIR": str(warm_cache)}, "off": {"PLANDIFF_CACHE": "0"}}
    bare = Measure("bare", [str(python), "-c", "pass"])
    measured: dict[str, dict[str, tuple[Measure, Path, dict[str, float]]]] = {}
    for args in commands:
        words = " ".join(args)
        cases = measured[words] = {}
        for mode, env in modes.items():
            phased = work / f"phases-{mode}-{'-'.join(args)}.txt"
            phased.unlink(missing_ok=True)
            shares: dict[str, float] = {}
            cases[mode] = (Measure(mode, [str(python), "-c", script, str(phased), *args],
                                   env=env), phased, shares)
        run_interleaved([bare, *(case[0] for case in cases.values())], runs, cwd=cwd)
        for mode, (_, _, shares) in cases.items():  # the imports, shared out: other processes
            for _ in range(runs):
                listed = subprocess.run([str(python), "-X", "importtime", "-c", script,
                                         str(work / "importtime.txt"), *args], cwd=cwd,
                                        capture_output=True, text=True, check=False,
                                        env={**clean_environment(), **modes[mode]})
                for top, seconds in import_shares(listed.stderr).items():
                    shares[top] = shares.get(top, 0.0) + seconds
    if not bare.ok:
        return {}
    found: dict[str, dict[str, Breakdown]] = {}
    for words, cases in measured.items():
        for mode, (measure, phased, shares) in cases.items():
            records = [ast.literal_eval(line) for line in
                       phased.read_text(encoding="utf-8").splitlines()] if phased.exists() else []
            if not measure.ok or not records or any(r["code"] not in (0, None) for r in records):
                continue
            imported = statistics.median(r["spent"].get("importing", 0.0) for r in records)
            counted = sum(shares.values()) or 1.0
            groups = dict.fromkeys(IMPORT_GROUPS, 0.0)
            for top, seconds in shares.items():
                groups[import_group(top)] += seconds * imported / counted
            called = {name for r in records for name in r["calls"] if name in PHASES}
            phases = {name: statistics.median(r["spent"].get(name, 0.0) for r in records)
                      for name in PHASES if name in called}
            imported_in = {name: statistics.median(r["within"].get(name, 0.0) for r in records)
                           for name in phases}
            largest = {group: sorted((top for top in shares if import_group(top) == group),
                                     key=lambda top: -shares[top])[:3]
                       for group in (IMPORT_GROUPS[1], IMPORT_GROUPS[3])}
            found.setdefault(words, {})[mode] = Breakdown(
                measure.cpu_median, bare.cpu_median, groups, phases, imported_in, largest,
                len(records))
    return found


def saved(off: Breakdown) -> float:
    """The most a repository cache can save of a cache-off run: its reading and validating,
    with the importing done within them."""
    return off.reading + off.reading_imports


def bound(off: Breakdown) -> float:
    """The lowest warm / cache-off ratio any repository cache could reach: the cache-off run
    less its reading and validating (reading an entry back free), over the cache-off run."""
    return (off.whole - saved(off)) / off.whole


def describe_breakdown(args: list[str], cases: dict[str, Breakdown]) -> str:
    """One paragraph: where the CPU time of a command's warm run and cache-off run goes."""
    shown = f"`plandiff {' '.join(args)}`"
    if set(cases) != {"warm", "off"}:
        return f"Where the CPU time of {shown} goes: not measured (a run failed)."

    def parts(case: Breakdown) -> str:
        def share(label: str) -> str:
            text = f"{label} {_seconds(case.imports[label])}"
            largest = case.largest.get(label)
            if largest and case.imports[label] >= 0.0005:  # a share that shows as 1 ms or more
                text += f", the most {', '.join(largest)}"
            return text

        imports = "; ".join(map(share, IMPORT_GROUPS))
        listed = [f"Python's start {_seconds(case.start)}",
                  f"importing {_seconds(case.importing)} ({imports})"]
        if "key" in case.phases:
            listed.append(f"the repository cache's key {_seconds(case.phases['key'])}")
        if "entry" in case.phases:
            listed.append(f"reading the entry back {_seconds(case.phases['entry'])}")
        if "yaml" in case.phases or "validating" in case.phases:
            listed.append(f"reading the YAML and validating {_seconds(case.reading)} (reading"
                          f" {_seconds(case.phases.get('yaml', 0.0))}, validating"
                          f" {_seconds(case.phases.get('validating', 0.0))})")
        listed.append(f"the command's own work {_seconds(case.own)}")
        return f"{_seconds(case.whole)} = " + " + ".join(listed)

    warm, off = cases["warm"], cases["off"]
    runs = f"medians of {off.runs} processes each" if off.runs > 1 else "one process each"
    return (f"Where the CPU time of {shown} goes ({runs}, in"
            f" plandiff's environment; Python's start is a bare `python -c pass` there, importing"
            f" is timed around each module's loading and shared out as -X importtime shares it"
            f" (with a share's largest packages), each phase is timed around the function that"
            f" does it, the command's own work is the rest). Warm, the repository read back from"
            f" the cache that `plandiff v28 geneva` filled: {parts(warm)}. Cache off:"
            f" {parts(off)}. The most a repository cache can save is the reading and validating"
            f" with the importing done within them ({_seconds(off.reading_imports)} of the"
            f" importing above), {_seconds(saved(off))}: {_seconds(off.whole - saved(off))} of"
            f" {_seconds(off.whole)} remain, {bound(off):.2f}× at best, against the goal of"
            f" ≤ 0.3× (warm over cache off in these runs: {warm.whole / off.whole:.2f}×).")


def _as_json(path: Path, work: Path) -> Path:
    sys.path.insert(0, str(REPO / "src"))
    from plandiff.repo.located_yaml import yaml_loader

    target = work / f"{path.stem}.json"
    data = yaml_loader().load(path.read_text(encoding="utf-8"))
    target.write_text(json.dumps(data, default=str, ensure_ascii=False, indent=1),
                      encoding="utf-8")
    return target


def repositories(sizes: list[int], runs: int, work: Path) -> tuple[list[Row], list[Goal]]:
    plandiff, why = tool("plandiff", "install plandiff (pip install -e .)")
    deep, deep_why = tool("deep", "pip install -e '.[bench]' (deepdiff's command line)")
    rows: list[Row] = []
    diffs: dict[int, Measure] = {}
    checks: dict[int, Measure] = {}
    deeps: dict[int, Measure] = {}
    for size in sizes:
        root = work / f"repo-{size}"
        counts = generate(root, size)
        pair = f"{counts['base']:,} + {counts['head']:,} clauses"
        versions = f"{len(counts)} versions"
        diff = Measure("diff", [*(plandiff or []), "diff", "base", "head", "--root", str(root)])
        check = Measure("check", [*(plandiff or []), "check", "--root", str(root)])
        other = Measure("deep", [*(deep or []), "diff", "plans/base.yaml", "plans/head.yaml"])
        if plandiff is None:
            diff.failure = check.failure = why
        if deep is None:
            other.failure = deep_why
        # The largest size takes seconds a run: fewer runs there.
        count = runs if size < 100_000 else max(1, (runs + 1) // 2)
        run_interleaved([diff, check, other], count, cwd=root)
        diffs[size], checks[size], deeps[size] = diff, check, other
        rows += [Row(f"{size:,} clauses ({versions}): `plandiff diff base head`", diff),
                 Row(f"{size:,} clauses: `plandiff check` (quotes verified)", check),
                 Row(f"{size:,} clauses: `deep diff` base.yaml head.yaml", other,
                     f"the same two files: {pair}")]
        if size <= IMPORT_SIZE and plandiff is not None:
            rows.append(importing(plandiff, root, counts, count))
        shutil.rmtree(root, ignore_errors=True)
    goals: list[Goal] = []
    if 10_000 in diffs:
        goals.append(ratio_goal("10,000 clauses: `plandiff diff` ≤ 0.5× `deep diff`",
                                diffs[10_000], deeps[10_000], 0.5))
        goals.append(limit_goal("10,000 clauses: `plandiff diff` under 200 MB peak",
                                diffs[10_000], memory=200))
        goals.append(limit_goal("10,000 clauses: `plandiff check` under 5 s", checks[10_000],
                                seconds=5))
    for name, series in (("diff", diffs), ("check", checks)):
        ordered = sorted(series)
        for small, large in itertools.pairwise(ordered):
            scale = large / small
            goals.append(growth_goal(f"`{name}` {small:,} → {large:,} clauses: time ≤"
                                     f" {scale * 1.2:.0f}× ({scale:.0f}× the clauses)",
                                     series[small], series[large], scale * 1.2))
    if 100_000 in diffs:
        goals.append(limit_goal("100,000 clauses: `plandiff diff` under 30 s and 1.5 GB",
                                diffs[100_000], seconds=30, memory=1536))
    return rows, goals


def hostile(runs: int, work: Path) -> tuple[list[Row], list[Goal]]:
    """Inputs built to be slow (issue 16): `review` of a source file whose every line changed,
    and `check` of a version file of 40,000 unknown keys (each a located problem). Each at two
    sizes, so the table shows how time grows."""
    plandiff, why = tool("plandiff", "install plandiff (pip install -e .)")
    rows: list[Row] = []
    goals: list[Goal] = []
    reviews: dict[int, Measure] = {}
    for paragraphs in (1_000, 3_000):
        root = edited_source(work / f"review-{paragraphs}", paragraphs)
        size = (root / "seeds" / "article.txt").stat().st_size
        measure = Measure("review", [*(plandiff or []), "review", "HEAD~1", "HEAD"])
        if plandiff is None:
            measure.failure = why
        run_interleaved([measure], runs, cwd=root, ok_codes=(0, 1), timeout=600)
        reviews[paragraphs] = measure
        rows.append(Row(f"`plandiff review` of a source file of {paragraphs:,} paragraphs, every"
                        " line rewritten", measure, f"{size / 1000:,.0f} KB; was cubic (1,000"
                        " paragraphs: 31 s)"))
        shutil.rmtree(root, ignore_errors=True)
    checks: dict[int, Measure] = {}
    for keys in (10_000, 40_000):
        root = unknown_keys(work / f"keys-{keys}", keys)
        size = (root / "plans" / "v1.yaml").stat().st_size
        measure = Measure("check", [*(plandiff or []), "check", "--root", str(root)])
        if plandiff is None:
            measure.failure = why
        run_interleaved([measure], runs, cwd=root, ok_codes=(1,), timeout=600)
        checks[keys] = measure
        rows.append(Row(f"`plandiff check` of {keys:,} unknown keys in one file", measure,
                        f"{size / 1000:,.0f} KB; each a located problem; was quadratic (40,000:"
                        " 104 s)"))
        shutil.rmtree(root, ignore_errors=True)
    cited: dict[int, Measure] = {}
    for count in (1_000, 4_000):
        root = unknown_sources(work / f"sources-{count}", count)
        measure = Measure("check", [*(plandiff or []), "check", "--root", str(root)])
        if plandiff is None:
            measure.failure = why
        run_interleaved([measure], runs, cwd=root, ok_codes=(1,), timeout=900)
        cited[count] = measure
        rows.append(Row(f"`plandiff check` of {count:,} unknown sources among {count:,}", measure,
                        "each a typo of a known id; \"did you mean\" for the first ones only; was"
                        " quadratic (1,000: 32 s, 4,000: 7.7 min)"))
        shutil.rmtree(root, ignore_errors=True)
    goals.append(growth_goal("`check` 1,000 → 4,000 unknown sources: time ≤ 6×", cited[1_000],
                             cited[4_000], 6))
    root = nul_seed(work / "nul-40", 40)
    nul = Measure("review", [*(plandiff or []), "review", "HEAD~1", "HEAD"])
    if plandiff is None:
        nul.failure = why
    run_interleaved([nul], runs, cwd=root, ok_codes=(1,), timeout=600)
    rows.append(Row("`plandiff review` of a seed of 40 MB of NUL bytes", nul,
                    "one line; scanned in constant memory per line; was ~6 GB"))
    shutil.rmtree(root, ignore_errors=True)
    goals.append(limit_goal("`review` of 40 MB of NUL bytes under 500 MB of memory", nul,
                            memory=500))
    goals.append(limit_goal("`review` of 3,000 rewritten paragraphs under 10 s", reviews[3_000],
                            seconds=10))
    goals.append(growth_goal("`check` 10,000 → 40,000 unknown keys: time ≤ 6× (4× the keys)",
                             checks[10_000], checks[40_000], 6))
    return rows, goals


def treaties(sizes: list[int], runs: int, work: Path) -> tuple[list[Row], list[Goal]]:
    """One agreement as large as a treaty: `base` and `head` of SIZE clauses each, as version
    folders (chapters of 1,000 clauses); `deep diff` compares the same two versions as single
    files."""
    plandiff, why = tool("plandiff", "install plandiff (pip install -e .)")
    deep, deep_why = tool("deep", "pip install -e '.[bench]' (deepdiff's command line)")
    rows: list[Row] = []
    goals: list[Goal] = []
    diffs: dict[int, Measure] = {}
    checks: dict[int, Measure] = {}
    deeps: dict[int, Measure] = {}
    for size in sizes:
        root = work / f"treaty-{size}"
        counts = generate_treaty(root, size)
        megabytes = sum(p.stat().st_size for p in (root / "single").iterdir()) / 2 / 1e6
        diff = Measure("diff", [*(plandiff or []), "diff", "base", "head", "--root", str(root)])
        check = Measure("check", [*(plandiff or []), "check", "--root", str(root)])
        other = Measure("deep", [*(deep or []), "diff", "single/base.yaml", "single/head.yaml"])
        if plandiff is None:
            diff.failure = check.failure = why
        if deep is None:
            other.failure = deep_why
        count = runs if size <= 1_000 else max(1, (runs + 1) // 2)
        measured = [diff, check] + ([other] if size <= DEEP_TREATY_MAX else [])
        run_interleaved(measured, count, cwd=root, ok_codes=(0,), timeout=900)
        diffs[size], checks[size] = diff, check
        pair = f"{counts['base']:,} + {counts['head']:,} clauses, {megabytes:.1f} MB a version"
        rows += [Row(f"treaty of {size:,} clauses: `plandiff diff base head`", diff,
                     f"version folders: {pair}"),
                 Row(f"treaty of {size:,} clauses: `plandiff check` (quotes verified)", check)]
        if size <= DEEP_TREATY_MAX:
            deeps[size] = other
            rows.append(Row(f"treaty of {size:,} clauses: `deep diff` base.yaml head.yaml", other,
                            "the same two versions as single files"))
        if size == SITE_SIZE and plandiff is not None:
            site_rows, site_goals = site(plandiff, root, work)
            rows += site_rows
            goals += site_goals
        shutil.rmtree(root, ignore_errors=True)
    if 10_000 in diffs and 10_000 in deeps:
        goals.append(ratio_goal("treaty of 10,000 clauses: `plandiff diff` ≤ 0.5× `deep diff`",
                                diffs[10_000], deeps[10_000], 0.5))
        goals.append(limit_goal("treaty of 10,000 clauses: `plandiff diff` under 200 MB peak",
                                diffs[10_000], memory=200))
    if 50_000 in diffs:
        goals.append(limit_goal("treaty of 50,000 clauses: `plandiff diff` under 15 s and 1 GB",
                                diffs[50_000], seconds=15, memory=1024))
        goals.append(limit_goal("treaty of 50,000 clauses: `plandiff check` under 15 s",
                                checks[50_000], seconds=15))
    for name, series in (("diff", diffs), ("check", checks)):
        ordered = sorted(series)
        for small, large in itertools.pairwise(ordered):
            scale = large / small
            goals.append(growth_goal(f"treaty `{name}` {small:,} → {large:,} clauses: time ≤"
                                     f" {scale * 1.2:.0f}× ({scale:.0f}× the clauses)",
                                     series[small], series[large], scale * 1.2))
        if len(ordered) >= 2 and all(series[size].ok for size in ordered[-2:]):
            goals.append(extrapolation(name, series[ordered[-2]], series[ordered[-1]],
                                       ordered[-2], ordered[-1]))
    return rows, goals


def extrapolation(name: str, small: Measure, large: Measure, low: int, high: int) -> Goal:
    """The time at 100,000 clauses, from the growth measured between the two largest sizes
    (time ∝ clauses^k, k from those two): a forecast, not a measurement."""
    import math

    exponent = math.log(large.median / small.median) / math.log(high / low)
    forecast = large.median * (100_000 / high) ** exponent
    return Goal(f"treaty `{name}` at 100,000 clauses (forecast: time ∝ clauses^{exponent:.2f},"
                f" from {low:,} → {high:,})", _seconds(forecast), None)


def site(plandiff: list[str], root: Path, work: Path) -> tuple[list[Row], list[Goal]]:
    """`plandiff site` on the treaty, then its largest pages opened in headless Chromium."""
    out = work / "site"
    build = Measure("site", [*plandiff, "site", str(out), "--root", str(root), "--force"])
    run_interleaved([build], 1, cwd=root, timeout=900)
    rows = [Row(f"treaty of {SITE_SIZE:,} clauses: `plandiff site`", build,
                f"{sum(1 for _ in out.rglob('*.html')):,} pages" if out.exists() else "")]
    goals = [limit_goal(f"treaty of {SITE_SIZE:,} clauses: `plandiff site` under 60 s", build,
                        seconds=60)]
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    pages = ["index.html", "versions/base.html", "diffs/base..head.html"]
    loaded = []
    for page in pages:
        target = out / page
        measure = Measure(page, [*([browser] if browser else []), "--headless", "--no-sandbox",
                                 "--disable-gpu", "--no-first-run", "--disable-dev-shm-usage",
                                 f"--user-data-dir={work / 'chromium'}",
                                 "--virtual-time-budget=2000", "--dump-dom", target.as_uri()])
        if browser is None:
            measure.failure = "missing: chromium"
        elif not target.exists():
            measure.failure = "no such page"
        run_interleaved([measure], 1, cwd=work, timeout=300)
        size = target.stat().st_size / 1e6 if target.exists() else 0
        rows.append(Row(f"Chromium loads `{page}` ({size:.1f} MB)", measure, "headless,"
                        " --dump-dom"))
        loaded.append(measure.ok)
    goals.append(Goal(f"treaty of {SITE_SIZE:,} clauses: the site's largest pages load in a"
                      " browser", f"{sum(loaded)} of {len(pages)}",
                      all(loaded) if browser else None))
    shutil.rmtree(out, ignore_errors=True)
    return rows, goals


def importing(plandiff: list[str], root: Path, counts: dict[str, int], runs: int) -> Row:
    """`import` of `head` rendered as a numbered text, against `base`: every point is scored
    against every clause, so its time grows with points × clauses."""
    text = root / "head.txt"
    shown = subprocess.run([*plandiff, "show", "head", "--format", "text", "--root", str(root)],
                           capture_output=True, text=True, check=True).stdout
    text.write_text(shown, encoding="utf-8")
    measure = Measure("import", [*plandiff, "import", str(text), "--parent", "base", "--id",
                                 "imported", "--dry-run", "--root", str(root)])
    run_interleaved([measure], runs, cwd=root, ok_codes=(0, 1))
    return Row(f"{counts['head']:,} points against {counts['base']:,} clauses: `plandiff import`"
               " (--dry-run)", measure, "points × clauses pairs scored")


def ratio_goal(text: str, ours: Measure, theirs: Measure, limit: float) -> Goal:
    """A ratio of CPU times (user + system): on a shared machine the wall-clock time of a
    process measures the others as much as it; both are in the table."""
    if not (ours.ok and theirs.ok):
        return Goal(text, "not measured", None)
    ratio = ours.cpu_median / theirs.cpu_median
    wall = ours.median / theirs.median
    return Goal(text, f"{ratio:.2f}× (wall clock {wall:.2f}×)", ratio <= limit)


def growth_goal(text: str, small: Measure, large: Measure, limit: float) -> Goal:
    if not (small.ok and large.ok):
        return Goal(text, "not measured", None)
    ratio = large.cpu_median / small.cpu_median
    return Goal(text, f"{ratio:.1f}× (wall clock {large.median / small.median:.1f}×)",
                ratio <= limit)


def limit_goal(text: str, measure: Measure, *, seconds: float | None = None,
               memory: float | None = None) -> Goal:
    if not measure.ok:
        return Goal(text, "not measured", None)
    passed = (seconds is None or measure.cpu_median < seconds) and (
        memory is None or measure.peak < memory)
    return Goal(text, f"{_seconds(measure.cpu_median)} CPU ({_seconds(measure.median)} wall"
                f" clock), {measure.peak:,.0f} MB", passed)


# --- output ------------------------------------------------------------------------------------


def machine() -> str:
    model = platform.processor() or "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        load = "load average " + " ".join(f"{x:.1f}" for x in os.getloadavg()) + " at the end"
    except OSError:
        load = "load average unknown"
    tools = "; ".join(venv.describe() for venv in VENVS.values())
    unset = ", ".join(name for name in UNSET if name in os.environ) or "none"
    return (f"{os.cpu_count()} cores ({model}), Python {platform.python_version()},"
            f" {platform.system()} {platform.release()}, {load}.\nEach tool in a clean virtual"
            f" environment of its own, as its users install it: {tools}.\nEnvironment: the"
            f" bench's own, with NO_COLOR=1 and without {', '.join(UNSET)} (of which this shell"
            f" had set: {unset}).")


def table(rows: list[Row], goals: list[Goal]) -> str:
    lines = ["| what | median time (min–max) | median CPU | peak memory | note |",
             "|---|---|---|---|---|"]
    for row in rows:
        measure = row.measure
        runs = f"{len(measure.seconds)} runs" if measure and measure.seconds else ""
        note = "; ".join(part for part in (row.note, runs) if part)
        lines.append(f"| {row.what} | {measure.time_cell() if measure else '–'} |"
                     f" {measure.cpu_cell() if measure else '–'} |"
                     f" {measure.memory_cell() if measure else '–'} | {note} |")
    lines += ["", "| goal | measured | holds |", "|---|---|---|"]
    for goal in goals:
        mark = "yes" if goal.passed else "no" if goal.passed is not None else (
            "not measured" if goal.value == "not measured" else "–")
        lines.append(f"| {goal.text} | {goal.value} | {mark} |")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)),
                        help="clause counts of the synthetic repositories (comma-separated)")
    parser.add_argument("--treaty-sizes", default=",".join(map(str, TREATY_SIZES)),
                        help="clauses in each version of the one-agreement repositories")
    parser.add_argument("--runs", type=int, default=5, help="runs of each command (default 5)")
    parser.add_argument("--sections", default=",".join(SECTIONS),
                        help="which parts to measure (comma-separated; default: all of "
                        f"{','.join(SECTIONS)})")
    parser.add_argument("--single-size", type=int, default=SINGLE_SIZE,
                        help=f"clauses in each single-file version (default {SINGLE_SIZE:,})")
    parser.add_argument("--venvs", type=Path, default=None,
                        help="where to keep the tools' virtual environments between runs"
                        " (default: a temporary folder)")
    args = parser.parse_args()
    chosen = [name.strip() for name in args.sections.split(",") if name.strip()]
    if unknown := set(chosen) - set(SECTIONS):
        parser.error(f"unknown section(s): {', '.join(sorted(unknown))}")
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    treaty_sizes = [int(s) for s in args.treaty_sizes.split(",") if s.strip()]
    rows: list[Row] = []
    goals: list[Goal] = []
    with tempfile.TemporaryDirectory(prefix="plandiff-bench-") as folder:
        work = Path(folder)
        venvs = args.venvs.resolve() if args.venvs else work / "venvs"
        venvs.mkdir(parents=True, exist_ok=True)
        make_venvs(venvs, ["plandiff", "deep"] + (
            ["graphtage"] if "corpus" in chosen else []))
        sections = {"startup": lambda: startup(args.runs * 3),
                    "corpus": lambda: corpus(args.runs, work),
                    "commands": lambda: commands(args.runs, work),
                    "single": lambda: single(max(1, (args.runs + 1) // 2), work,
                                             args.single_size),
                    "repositories": lambda: repositories(sizes, args.runs, work),
                    "treaties": lambda: treaties(treaty_sizes, args.runs, work),
                    "hostile": lambda: hostile(max(1, args.runs // 2), work)}
        for name in chosen:
            section_rows, section_goals = sections[name]()
            rows += section_rows
            goals += section_goals
            print(".", end="", file=sys.stderr, flush=True)
        profile = "\n\n".join(([where_the_time_goes(work)] if "corpus" in chosen else [])
                              + PARAGRAPHS)
    print(file=sys.stderr)
    print(f"Machine: {machine()}\n")
    print(table(rows, goals))
    if profile:
        print(f"\n{profile}")
    return 0 if all(goal.passed is not False for goal in goals) else 1


if __name__ == "__main__":
    sys.exit(main())
