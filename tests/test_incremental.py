"""Large builds: the process pool gives the same bytes as one process, and a rebuild after
edits -- which renders only what the edits touch -- leaves the same output as a clean build."""

from __future__ import annotations

import gc
import io
import json
import os
import shutil
import subprocess
import sys
import time
import weakref
from pathlib import Path

import pytest

from partnerdir import fingerprint, parallel, persist
from partnerdir.loader import ContentLoader
from partnerdir.memo import Memo
from partnerdir.progress import Progress
from tests.conftest import ROOT, build
from tests.many import many_pairs

PINNED = {"SOURCE_DATE_EPOCH": "1767225600"}  # feeds and calendars carry the build moment


@pytest.fixture(scope="module")
def many(tmp_path_factory) -> Path:
    content = tmp_path_factory.mktemp("many") / "content"
    written = many_pairs(content, 600)
    assert written > parallel.MIN_ITEMS  # enough files for the pool to be used
    return content


def files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def assert_same_tree(left: Path, right: Path):
    a, b = files(left), files(right)
    assert sorted(set(a) ^ set(b)) == []
    assert [name for name in a if a[name] != b[name]] == []


def test_loading_in_processes_gives_what_one_process_gives(many):
    serial = ContentLoader(many, processes=1).load_tree()
    pooled = ContentLoader(many, processes=2).load_tree()
    assert pooled.partnerships == serial.partnerships
    assert pooled.problems == serial.problems
    assert pooled.sources == serial.sources


def _named(pair) -> dict:
    return {"name": pair.name, "process": os.getpid()}


def test_the_work_on_each_pair_is_done_by_the_process_that_reads_its_file(many, tmp_path):
    """What the build makes of a pair's file alone (export lines, arcs) is done as the file is
    read, by whichever process read it (this one and a forked copy, in turns); the memo then
    has it, and nothing is computed again."""
    def named_in_turns(pair) -> dict:
        """_named, in a process that waits (once, at most 10 s) until the other has read a file too."""
        mine, theirs = ("here", "copy") if os.getpid() == _TEST_PROCESS else ("copy", "here")
        if not (tmp_path / mine).exists():
            (tmp_path / mine).touch()
            deadline = time.monotonic() + 10
            while not (tmp_path / theirs).exists() and time.monotonic() < deadline:
                time.sleep(0.01)
        return _named(pair)

    serial = ContentLoader(many, processes=1, pair_work=_named).load_tree()
    pooled = ContentLoader(many, processes=2, pair_work=named_in_turns).load_tree()
    assert set(pooled.work) == {pair.slug for pair in pooled.partnerships}
    assert {slug: done["name"] for slug, done in pooled.work.items()} == {
        slug: done["name"] for slug, done in serial.work.items()}
    doers = {done["process"] for done in pooled.work.values()}
    assert len(doers) == 2 and os.getpid() in doers, "shared between this process and its copy"

    memo = Memo(None, "header", pooled.sources)
    for slug, done in pooled.work.items():
        memo.keep("name", slug, done["name"])
    names = memo.pairs("name", pooled.partnerships, lambda pair: pytest.fail(f"{pair.slug} computed again"), 2)
    assert names == [pair.name for pair in pooled.partnerships]

    cache = tmp_path / "content.pickle"
    ContentLoader(many, cache=cache, pair_work=_named).load_tree()
    assert ContentLoader(many, cache=cache, pair_work=_named).load_tree().work == {}, "no file read again, no work"


COUNTING_BUILD = """
import json, sys
from partnerdir import memo
computed = {}
pairs = memo.Memo.pairs

def counting(self, what, items, compute, processes=1):
    def counted(pair):
        computed[what] = computed.get(what, 0) + 1
        return compute(pair)
    return pairs(self, what, items, counted, 1)  # in this process, to be counted

memo.Memo.pairs = counting
import pelican
try:
    pelican.main()
finally:
    print("COMPUTED " + json.dumps(computed))
"""


def test_a_build_finds_each_pair_s_export_lines_and_arc_made_as_its_file_was_read(many, tmp_path):
    """The exports and the overview map (through the directory's pair_work signal) get every
    pair's lines and arc from the workers that read the files; they compute them only for a pair
    whose file was not read (its result came from the content cache) and whose memo is gone."""
    def computed(**settings) -> dict:
        command = [sys.executable, "-c", COUNTING_BUILD, str(many), "-o", str(tmp_path / "output"),
                   "-s", "pelicanconf.py", "-e", *(f"{key}={json.dumps(value)}" for key, value in settings.items())]
        result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300,
                                env={**os.environ, **PINNED})
        assert result.returncode == 0, result.stderr
        return json.loads(result.stdout.split("COMPUTED ", 1)[1])

    settings = {"CACHE_PATH": str(tmp_path / "cache"), "SEARCH_INDEX": False, "DIRECTORY_PROCESSES": 2}
    assert computed(**settings) == {}, "all made as the files were read"
    for memo_file in (tmp_path / "cache/directory").glob("memo-*"):
        memo_file.unlink()
    pairs = len(list((many / "cities").glob("*.md")))
    assert computed(**settings) == {"export": pairs, "overview": pairs}, "no file read again: computed here"


def traced_build(patches: str, content: Path, output: Path, cache: Path):
    """A parallel build (as `make html`) in a new process, with ``patches`` (Python) applied to its
    modules first; they note what they see in ``seen``, printed as JSON whether or not it succeeds.
    The finished process and that list."""
    script = "\n".join([
        "import json, sys",
        'sys.path.insert(0, "plugins")  # as Pelican finds them (PLUGIN_PATHS): the same modules',
        patches,
        "import pelican",
        "try:",
        "    pelican.main()",
        "finally:",
        '    print("SEEN " + json.dumps(seen))',
    ])
    command = [sys.executable, "-c", script, str(content), "-o", str(output), "-s", "pelicanconf.py",
               "-e", "SEARCH_INDEX=false", "DIRECTORY_PROCESSES=2", f"CACHE_PATH={json.dumps(str(cache))}"]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300,
                            env={**os.environ, **PINNED})
    return result, json.loads(result.stdout.split("SEEN ", 1)[1]) if "SEEN " in result.stdout else None


ORDER = """
from directory import pages
from partnerdir import output
seen, queued = [], [0]
later, add = output.OutputFiles.write_later, pages.PageQueue.add

def noting(self, files):
    seen.append([sorted(files), queued[0], self.background])
    return later(self, files)

def counting(self, *args, **kwargs):
    queued[0] += 1
    return add(self, *args, **kwargs)

output.OutputFiles.write_later, pages.PageQueue.add = noting, counting
"""


def test_the_exports_and_maps_are_made_in_the_background_before_any_page_is_queued(many, tmp_path):
    """The exports and the maps need the directory alone: their files are joined, drawn and
    written in the background from the moment it is built, while the main process queues the
    pages (one core would otherwise wait for the pages to begin)."""
    result, seen = traced_build(ORDER, many, tmp_path / "output", tmp_path / "cache")
    assert result.returncode == 0, result.stderr
    assert {name for names, _, _ in seen for name in names} >= {"pairs.json", "pairs.csv", "pairs.geojson",
                                                                "maps/overview.svg", "maps/pairs.json"}
    assert all(queued == 0 and background for _, queued, background in seen), seen
    assert (tmp_path / "output/pairs.geojson").is_file() and (tmp_path / "output/maps/overview.svg").is_file()


FOLDERS = """
from partnerdir import directory, output
seen, built = [], []
plan, index = output.OutputFiles.plan_folders, directory.Directory.__init__

def noting(self, folders, count):
    seen.append([sorted(folders()), count, self.background, len(built)])  # listed here too, to compare
    return plan(self, folders, count)

def building(self, *args, **kwargs):
    built.append(1)
    return index(self, *args, **kwargs)

output.OutputFiles.plan_folders, directory.Directory.__init__ = noting, building
"""


def test_the_page_folders_are_asked_for_once_the_content_passes_its_checks(many, tmp_path):
    """The pairs and places plugins name their pages' folders (the page_folders signal) once the
    content has passed its checks, before the directory's indexes are made (a copy lists and makes
    them, see the test above). They are exactly the folders of the pair and place pages."""
    result, seen = traced_build(FOLDERS, many, tmp_path / "output", tmp_path / "cache")
    assert result.returncode == 0, result.stderr
    [(folders, count, background, indexes_made)] = seen
    output = tmp_path / "output"
    pages = sorted(path.parent.relative_to(output).as_posix()
                   for kind in ("pairs", "places") for path in (output / kind).glob("*/index.html"))
    assert folders == pages and count == len(list((many / "cities").glob("*.md")))
    assert background and indexes_made == 0

    broken = tmp_path / "broken"  # content with an error: no folder is asked for, nothing is written
    shutil.copytree(many, broken)
    (broken / "cities" / sorted(path.name for path in (many / "cities").glob("*.md"))[0]).write_text("---\nkind: x\n---\n")
    result, seen = traced_build(FOLDERS, broken, tmp_path / "broken-output", tmp_path / "cache")
    assert result.returncode != 0 and seen == []
    assert not (tmp_path / "broken-output").exists()


def test_serial_and_parallel_builds_write_the_same_bytes(many, tmp_path):
    for name, processes in (("serial", 1), ("parallel", 2)):
        result = build(many, tmp_path / name, env=PINNED, DIRECTORY_PROCESSES=processes, DIRECTORY_CACHE=False,
                       SEARCH_INDEX=False)
        assert result.returncode == 0, result.stderr
    assert_same_tree(tmp_path / "serial", tmp_path / "parallel")
    assert len(list((tmp_path / "serial/pairs").glob("*/index.html"))) > parallel.MIN_ITEMS


def test_a_rebuild_after_edits_equals_a_clean_build_and_renders_only_what_they_touch(many, tmp_path):
    content, output, cache = tmp_path / "content", tmp_path / "output", tmp_path / "cache"
    shutil.copytree(many, content)
    settings = {"CACHE_PATH": str(cache), "SEARCH_INDEX": False}
    assert build(content, output, env=PINNED, **settings).returncode == 0
    pages = sorted((content / "cities").glob("*.md"))
    edited, promoted, deleted, untouched = pages[0], pages[1], pages[2], pages[-1]
    stamp = {name: (output / name).stat().st_mtime_ns for name in files(output)}

    edited.write_text(edited.read_text(encoding="utf-8") + "\nA sentence added in an edit.\n", encoding="utf-8")
    promoted.write_text(promoted.read_text(encoding="utf-8").replace("status: unknown", "status: official"),
                        encoding="utf-8")
    deleted.unlink()
    result = build(content, output, env=PINNED, **settings)
    assert result.returncode == 0, result.stderr

    clean = tmp_path / "clean"
    assert build(content, clean, env=PINNED, CACHE_PATH=str(tmp_path / "clean-cache"), SEARCH_INDEX=False).returncode == 0
    assert_same_tree(output, clean)
    # Only what shows the edits was rendered again; the deleted pair's page is gone.
    assert "A sentence added in an edit." in (output / f"pairs/{edited.stem}/index.html").read_text(encoding="utf-8")
    assert (output / f"pairs/{edited.stem}/index.html").stat().st_mtime_ns != stamp[f"pairs/{edited.stem}/index.html"]
    assert (output / f"pairs/{untouched.stem}/index.html").stat().st_mtime_ns == stamp[f"pairs/{untouched.stem}/index.html"]
    assert not (output / f"pairs/{deleted.stem}").exists()
    kept = [name for name in stamp if name.endswith(".html") and (output / name).exists()
            and (output / name).stat().st_mtime_ns == stamp[name]]
    assert len(kept) > 0.9 * len([name for name in stamp if name.endswith(".html")])


def test_make_serve_rebuilding_in_one_process_equals_a_clean_build(many, tmp_path):
    """Pelican's autoreload builds again in the same process (caches kept in memory, a pool forked
    from a process that built before): the result is still a clean build's."""
    content, output, cache = tmp_path / "content", tmp_path / "output", tmp_path / "cache"
    shutil.copytree(many, content)
    assert build(content, output, env=PINNED, CACHE_PATH=str(cache), SEARCH_INDEX=False).returncode == 0
    edited = sorted((content / "cities").glob("*.md"))[5]
    result = subprocess.run(
        [sys.executable, "-m", "benchmarks.serve_rebuild", str(content), str(output), str(cache), str(edited),
         str(tmp_path / "timing.json")],
        cwd=ROOT, capture_output=True, text=True, timeout=600, env={**os.environ, **PINNED})
    assert result.returncode == 0, result.stderr
    assert "Edited while serving." in (output / f"pairs/{edited.stem}/index.html").read_text(encoding="utf-8")
    clean = tmp_path / "clean"
    assert build(content, clean, env=PINNED, CACHE_PATH=str(tmp_path / "clean-cache"), SEARCH_INDEX=False).returncode == 0
    assert_same_tree(output, clean)


def test_warnings_are_reported_again_when_files_come_from_the_cache(many, tmp_path):
    settings = {"CACHE_PATH": str(tmp_path / "cache"), "SEARCH_INDEX": False}
    first = build(many, tmp_path / "output", **settings)
    second = build(many, tmp_path / "output", **settings)
    warnings = [line for line in first.stderr.splitlines() if ": warning: " in line]
    assert warnings, "the fixture has pairs that draw warnings"
    assert [line for line in second.stderr.splitlines() if ": warning: " in line] == warnings


def test_a_cache_from_other_code_or_another_day_is_set_aside(many, tmp_path):
    cache = tmp_path / "content.pickle"
    first = ContentLoader(many, cache=cache).load_tree()
    assert cache.is_file() and persist._pending == {}, "one process: saved in place"
    import datetime as dt
    later = ContentLoader(many, cache=cache, today=dt.date(2099, 1, 1))
    assert persist.Entries(cache, later._cache_header()).values == {}
    assert len(persist.Entries(cache, ContentLoader(many, cache=cache)._cache_header()).values) == len(first.sources)
    assert ContentLoader(many, cache=cache).load_tree().partnerships == first.partnerships


def test_cache_entries_save_the_changes_beside_the_base_and_read_back_the_same(tmp_path):
    path = tmp_path / "entries.pickle"
    base = {f"pair-{n}": [n] for n in range(200)}
    persist.Entries(path, "h").save(base)
    assert path.is_file() and not path.with_name("entries.pickle.recent").exists()
    store = persist.Entries(path, "h")
    assert store.values == base
    edited = {**store.values, "pair-3": ["edited"], "pair-new": ["added"]}
    del edited["pair-7"]
    before = path.stat().st_mtime_ns
    store.save(edited)
    recent = path.with_name("entries.pickle.recent")
    assert recent.is_file() and path.stat().st_mtime_ns == before, "a few changes go to the recent file only"
    again = persist.Entries(path, "h")
    assert again.values == edited
    again.save({**again.values, "pair-7": ["back"]})
    assert persist.Entries(path, "h").values == {**edited, "pair-7": ["back"]}
    assert persist.Entries(path, "other header").values == {}
    many_changes = {key: ["all new"] for key in base}
    persist.Entries(path, "h").save(many_changes)
    assert not recent.exists(), "past a sixteenth of the entries, the whole dict is the new base"
    assert persist.Entries(path, "h").values == many_changes
    nothing = tmp_path / "nothing.pickle"
    persist.Entries(nothing, "h").save({})
    assert not nothing.exists(), "nothing kept, nothing to keep: no file"
    few = {"pair-1": ["under another header"]}  # other code or settings: a new base, however few the entries
    persist.Entries(path, "other header").save(few)
    assert not recent.exists() and persist.Entries(path, "other header").values == few


def test_a_cache_saved_in_the_background_is_written_by_another_process_and_waited_for(tmp_path, caplog):
    persist.wait()  # nothing left from other tests
    path = tmp_path / "entries.pickle"
    values = {f"pair-{n}": [n] for n in range(200)}
    persist.Entries(path, "h").save(values, background=True)
    saving, _ = persist._pending[str(path)]
    pid, parent = saving.pid, saving.parent
    assert pid != os.getpid() and parent == os.getpid(), "the file is written by a forked copy of this process"
    store = persist.Entries(path, "h")  # reading the file waits for its save
    assert store.values == values and str(path) not in persist._pending
    assert store.values["pair-3"] is values["pair-3"], "the value saved is known to this process without reading it"
    edited = {**store.values, "pair-3": ["edited"]}
    store.save(edited, background=True)  # a few changes: the recent file, in the background too
    worker = os.fork()  # a pool's worker forked meanwhile sees the save, and leaves it to its parent
    if worker == 0:
        try:
            persist.wait()
            os._exit(0 if persist._pending == {} else 2)
        finally:
            os._exit(3)
    assert os.waitstatus_to_exitcode(os.waitpid(worker, 0)[1]) == 0
    assert set(persist._pending) == {str(path) + ".recent"}
    persist.wait()
    assert persist._pending == {} and persist.Entries(path, "h").values == edited
    recent = path.with_name(path.name + ".recent")
    assert persist._kept[str(recent)][0] == (recent.stat().st_mtime_ns, recent.stat().st_size), "as it was written"

    # A new base, in the background: the recent file goes only once the base is written.
    many_changes = {key: ["new"] for key in values}
    persist.Entries(path, "h").save(many_changes, background=True)
    persist.wait()

    assert not recent.exists() and persist.Entries(path, "h").values == many_changes
    store = persist.Entries(path, "h")
    store.save({**many_changes, "pair-1": ["one change"]})  # a recent file again
    saved = persist.Entries(path, "h").values
    with caplog.at_level("WARNING"):  # a new base that cannot be written: the recent file stays
        persist.Entries(path, "h").save({key: (lambda: None) for key in values}, background=True)
        persist.wait()
    assert recent.exists() and persist.Entries(path, "h").values == saved

    # A save that fails (here a value that does not pickle) leaves the file as it was, and says so.
    before = path.read_bytes()
    persist.save(path, {"a function": lambda: None}, background=True)
    with caplog.at_level("WARNING"):
        persist.wait()
    assert "could not write the cache file" in caplog.text
    assert path.read_bytes() == before and [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []

    # Saves asked for together: one forked copy writes them all, in order.
    other = tmp_path / "other.pickle"
    with parallel.together():
        persist.Entries(path, "h").save(values, background=True)
        persist.Entries(other, "h").save(edited, background=True)
        assert persist._pending[str(path)][0].pid is None, "nothing forked before the block ends"
    (saving, _), (other_saving, _) = persist._pending[str(path)], persist._pending[str(other)]
    assert saving.pid == other_saving.pid != os.getpid()
    assert persist.Entries(path, "h").values == values and persist.Entries(other, "h").values == edited
    assert persist._pending == {}


def test_a_recent_file_left_from_another_base_is_not_applied(tmp_path):
    path = tmp_path / "entries.pickle"
    persist.Entries(path, "h").save({f"k{n}": n for n in range(100)})
    store = persist.Entries(path, "h")
    store.save({**store.values, "k1": "changed"})
    left = path.with_name("entries.pickle.recent").read_bytes()
    persist.Entries(path, "h").save({"only": 1})  # a new base
    path.with_name("entries.pickle.recent").write_bytes(left)
    assert persist.Entries(path, "h").values == {"only": 1}


def test_memo_keeps_values_for_the_same_header_only(tmp_path):
    path = tmp_path / "memo.pickle"
    memo = Memo(path, "code-1")
    assert memo.get("a", lambda: 1) == 1
    memo.save()
    assert Memo(path, "code-1").get("a", lambda: 2) == 1
    assert Memo(path, "code-2").get("a", lambda: 2) == 2


def test_a_memo_saved_again_writes_only_what_was_added_since(tmp_path):
    path = tmp_path / "memo.pickle"
    memo = Memo(path, "code-1", {"a-b": "digest-1", "c-d": "digest-2"})
    memo.keep_all({"a-b": {"export": "line a-b"}, "gone": {"export": "no file"}})
    memo.save()
    written = path.stat().st_mtime_ns
    memo.save()  # nothing added: nothing written
    assert path.stat().st_mtime_ns == written and not path.with_name(path.name + ".recent").exists()
    memo.keep("share", "c-d", b"png")
    memo.save()
    assert Memo(path, "code-1").get(("share", "digest-2"), lambda: None) == b"png"
    assert Memo(path, "code-1").get(("export", "digest-1"), lambda: None) == "line a-b"


def test_fingerprints_are_stable_and_follow_the_pairs(many):
    tree = ContentLoader(many).load_tree()
    pairs = tree.partnerships[:3]
    assert fingerprint.Fingerprinter()(pairs) == fingerprint.Fingerprinter()(pairs)
    assert fingerprint.Fingerprinter(tree.sources)(pairs) != fingerprint.Fingerprinter(tree.sources)(pairs[:2])


class Terminal(io.StringIO):
    def isatty(self):
        return True


def test_progress_shows_on_a_terminal_and_not_in_ci_or_a_pipe(monkeypatch):
    monkeypatch.delenv("CI", raising=False)
    shown = Terminal()
    with Progress("Writing pages", 2, shown) as progress:
        progress.update(2)
    assert "Writing pages: 2 of 2" in shown.getvalue()
    piped = io.StringIO()
    with Progress("Writing pages", 2, piped) as progress:
        progress.update(2)
    assert piped.getvalue() == ""
    monkeypatch.setenv("CI", "true")
    quiet = Terminal()
    with Progress("Writing pages", 2, quiet) as progress:
        progress.update(2)
    assert quiet.getvalue() == ""


def test_map_chunks_keeps_order_and_raises_worker_errors():
    items = list(range(1000))
    assert parallel.map_chunks(lambda chunk: [i * 2 for i in chunk], items, 2) == [i * 2 for i in items]

    def fails(chunk):
        if 500 in chunk:
            raise ValueError("item 500")
        return list(chunk)

    with pytest.raises(ValueError, match="item 500"):
        parallel.map_chunks(fails, items, 2)


def test_where_there_are_no_files_in_memory_a_copy_s_results_go_through_a_temporary_file(monkeypatch):
    """(macOS, the BSDs: fork, but no memfd) The same results, in order, errors raised here."""
    monkeypatch.delattr(os, "memfd_create", raising=False)
    before = len(os.listdir(f"/proc/{os.getpid()}/fd")) if os.path.isdir("/proc") else None
    items = list(range(3000))
    assert parallel.map_chunks(lambda chunk: [str(i) * 50 for i in chunk], items, 3) == [str(i) * 50 for i in items]
    with pytest.raises(ZeroDivisionError):
        parallel.map_chunks(lambda chunk: [1 / (i - 2999) for i in chunk], items, 2)
    if before is not None:
        assert len(os.listdir(f"/proc/{os.getpid()}/fd")) == before, "no file left open"


_pickled_here: list[int] = []


class _Result:
    """A result that notes each time it is pickled in the process that made the test."""

    def __init__(self, item: int):
        self.item, self.made_by = item, os.getpid()

    def __getstate__(self):
        if os.getpid() == _TEST_PROCESS:
            _pickled_here.append(self.item)
        return self.__dict__


_TEST_PROCESS = os.getpid()


def _after_the_copy(marker: Path) -> None:
    """In the copy: note that it took a chunk. Here: wait (at most 10 s) until it has, so that
    it surely takes one, however slowly it starts."""
    if os.getpid() != _TEST_PROCESS:
        marker.touch()
        return
    deadline = time.monotonic() + 10
    while not marker.exists() and time.monotonic() < deadline:
        time.sleep(0.01)


def test_this_process_takes_chunks_in_turn_with_its_copy_and_pickles_none_of_its_own(tmp_path):
    def both(chunk):
        """Neither process finishes a chunk before the other has taken one (at most 10 s)."""
        mine, theirs = ("here", "copy") if os.getpid() == _TEST_PROCESS else ("copy", "here")
        (tmp_path / mine).touch()
        deadline = time.monotonic() + 10
        while not (tmp_path / theirs).exists() and time.monotonic() < deadline:
            time.sleep(0.01)
        return [_Result(i) for i in chunk]

    _pickled_here.clear()
    items = list(range(2_000))
    results = parallel.map_chunks(both, items, 2)
    assert [r.item for r in results] == items, "in order"
    makers = {r.made_by for r in results}
    assert len(makers) == 2 and os.getpid() in makers, "both processes did chunks"
    assert _pickled_here == [], "what this process made never went through a pipe"


def test_an_error_in_a_copy_is_raised_here_with_its_traceback(tmp_path):
    def fails_in_the_copy(chunk):
        _after_the_copy(tmp_path / "took")
        if os.getpid() != _TEST_PROCESS:
            raise ValueError(f"item {chunk[0]} refused")
        return list(chunk)

    with pytest.raises(ValueError, match="refused") as raised:
        parallel.map_chunks(fails_in_the_copy, list(range(2_000)), 2)
    assert isinstance(raised.value.__cause__, parallel.ForkFailed)
    assert "fails_in_the_copy" in str(raised.value.__cause__), "the copy's traceback"


def test_an_error_here_stops_the_copies_at_once(tmp_path):
    noted = tmp_path / "copy.pid"

    def fails_here(chunk):
        if os.getpid() != _TEST_PROCESS:
            writing = noted.with_suffix(".writing")
            writing.write_text(str(os.getpid()))
            writing.rename(noted)  # whole when it is seen
            time.sleep(60)  # a long chunk, never finished
        deadline = time.monotonic() + 10
        while not noted.exists() and time.monotonic() < deadline:
            time.sleep(0.01)
        raise KeyError("stop")

    started = time.monotonic()
    with pytest.raises(KeyError):
        parallel.map_chunks(fails_here, list(range(2_000)), 2)
    assert time.monotonic() - started < 30, "the copy was not waited for"
    with pytest.raises(ProcessLookupError):
        os.kill(int(noted.read_text()), 0)  # stopped, and reaped


def test_a_copy_that_stops_without_a_word_fails_the_work(tmp_path):
    def dies_in_the_copy(chunk):
        _after_the_copy(tmp_path / "took")
        if os.getpid() != _TEST_PROCESS:
            os._exit(3)
        return list(chunk)

    with pytest.raises(parallel.ForkFailed, match="exit code 3"):
        parallel.map_chunks(dies_in_the_copy, list(range(2_000)), 2)


def test_chunks_shrink_so_no_worker_is_left_alone_with_much():
    """A build's queue ends with its costliest pages (the listings): the pool's last chunks are
    small, so one worker does not go on alone for long after the other has run out of work."""
    for count in (400, 5_000, 41_050):
        bounds = parallel.chunk_bounds(count, 2)
        assert bounds[0][0] == 0 and bounds[-1][1] == count
        assert all(stop == start for (_, stop), (start, _) in zip(bounds, bounds[1:]))  # consecutive
        sizes = [stop - start for start, stop in bounds]
        assert sizes == sorted(sizes, reverse=True)
        assert sizes[0] <= -(-count // 4)  # the first chunks leave work for the other worker
        assert max(sizes[-4:]) <= parallel.MIN_CHUNK  # and the last ones are small
    assert len(parallel.chunk_bounds(41_050, 2)) < 40  # few round trips between processes


class _Node:
    pass


def _garbage_cycle():
    """An object only the collector can free (it refers to itself), and a way to see it go."""
    node = _Node()
    node.me = node
    return weakref.ref(node)


def test_a_build_leaves_its_objects_frozen_and_the_idle_process_collects_them(monkeypatch):
    monkeypatch.setattr(parallel, "IDLE_SECONDS", 0.05)
    parallel.start_build()
    parallel.hold_heap()
    alive = _garbage_cycle()
    parallel.end_build()  # a finished `make html` exits now without walking the frozen objects
    gc.collect()
    assert alive() is not None and gc.get_freeze_count() > 0
    deadline = time.monotonic() + 10
    while alive() is not None and time.monotonic() < deadline:  # `make serve`, waiting for an edit
        time.sleep(0.02)
    assert alive() is None and gc.get_freeze_count() == 0


def test_a_build_makes_no_automatic_collections_and_gives_the_collector_back_at_its_end():
    parallel.start_build()
    parallel.hold_heap()
    try:
        assert not gc.isenabled()
        parallel.hold_heap()  # again, as a build does after reading its content
        assert not gc.isenabled()
    finally:
        parallel.end_build()
    assert gc.isenabled()
    parallel.start_build()
    gc.disable()  # a process that had turned it off keeps it off
    try:
        parallel.hold_heap()
        parallel.end_build()
        assert not gc.isenabled()
    finally:
        gc.enable()
        parallel.start_build()


def test_a_build_started_before_the_idle_collection_collects_first(monkeypatch):
    monkeypatch.setattr(parallel, "IDLE_SECONDS", 60)
    parallel.start_build()
    parallel.hold_heap()
    alive = _garbage_cycle()
    parallel.end_build()
    parallel.start_build()  # the next build, at once
    assert alive() is None and gc.get_freeze_count() == 0
    parallel.end_build()
    parallel.start_build()


def test_the_collector_is_paused_within_and_comes_back_as_it_was():
    assert gc.isenabled()
    with parallel.collector_paused():
        assert not gc.isenabled()
        with parallel.collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled(), "an inner pause does not end the outer one"
    assert gc.isenabled()
    gc.disable()
    try:
        with parallel.collector_paused():
            pass
        assert not gc.isenabled(), "off before, off after"
    finally:
        gc.enable()
    with pytest.raises(KeyError), parallel.collector_paused():
        raise KeyError("a failure within")
    assert gc.isenabled()


def test_pool_workers_and_forked_tasks_run_without_collections_and_this_process_gets_it_back():
    """They make objects that live on (results, a cache) and little garbage: collections walk
    them for nothing. This process unpickles the results with the collector off too."""
    items = list(range(parallel.MIN_ITEMS))
    assert set(parallel.map_chunks(lambda chunk: [gc.isenabled() for _ in chunk], items, 2)) == {False}
    assert gc.isenabled()
    assert parallel.Forked(lambda: str(gc.isenabled()).encode()).result() == b"False"
    assert gc.isenabled()


def test_a_build_freezes_the_pools_results_before_the_collector_comes_back():
    """Else its first collection would walk every result the pool sent back."""
    parallel.start_build()
    parallel.hold_heap()
    try:
        results = parallel.map_chunks(lambda chunk: [[i] for i in chunk], list(range(parallel.MIN_ITEMS)), 2)
        tracked = {id(item) for item in gc.get_objects()}
        assert not any(id(result) in tracked for result in results)
    finally:
        parallel.end_build()
        parallel.start_build()


def test_a_cache_is_unpickled_without_collections(tmp_path, monkeypatch):
    persist.save(tmp_path / "kept.pickle", {"a": [1]})
    persist._kept.clear()  # read from the file, as a new process would
    seen = []
    real = persist.pickle.load
    monkeypatch.setattr(persist.pickle, "load", lambda stream: seen.append(gc.isenabled()) or real(stream))
    assert persist.load(tmp_path / "kept.pickle") == {"a": [1]}
    assert seen == [False] and gc.isenabled()
    persist._kept.clear()
    parallel.start_build()
    parallel.hold_heap()  # in a build, what a cache holds is frozen before the collector comes back
    try:
        loaded = persist.load(tmp_path / "kept.pickle")
        tracked = {id(item) for item in gc.get_objects()}
        assert loaded == {"a": [1]} and id(loaded) not in tracked and id(loaded["a"]) not in tracked
    finally:
        parallel.end_build()
        parallel.start_build()


def test_file_digests_are_trusted_by_time_and_size_unless_taken_too_soon_after_a_change(tmp_path):
    from partnerdir import loader
    settled = tmp_path / "settled.md"
    settled.write_text("one", encoding="utf-8")
    long_ago = time.time_ns() - 60 * 10**9
    os.utime(settled, ns=(long_ago, long_ago))
    first = loader._file_digest(str(settled))
    assert loader._digests[str(settled)][2] == first
    fresh = tmp_path / "fresh.md"
    fresh.write_text("one", encoding="utf-8")
    digest = loader._file_digest(str(fresh))
    mtime = fresh.stat().st_mtime_ns
    fresh.write_text("two", encoding="utf-8")  # the same size, and the time put back: a change within one tick
    os.utime(fresh, ns=(mtime, mtime))
    assert loader._file_digest(str(fresh)) != digest, "a file changed close to its digest is read again"


def test_a_file_is_read_whole_with_the_time_and_size_it_had(tmp_path):
    from partnerdir import loader

    path = tmp_path / "pair.md"
    path.write_bytes(b"x" * 70_000)
    entry, raw = loader._read_with_digest(str(path))
    stat = path.stat()
    assert raw == path.read_bytes() and entry[:3] == (stat.st_mtime_ns, stat.st_size, fingerprint.digest(raw))
    earlier = os.stat(path)
    path.write_bytes(b"y" * 200_000)  # changed after its time and size were taken: read whole all the same
    assert loader._read_with_digest(str(path), earlier)[1] == b"y" * 200_000
    path.write_bytes(b"z")
    assert loader._read_with_digest(str(path), earlier)[1] == b"z"


def test_file_digests_are_kept_for_the_next_process(many, tmp_path):
    from partnerdir import loader
    cache = tmp_path / "content.pickle"
    ContentLoader(many, cache=cache).load_tree()
    kept = persist.Entries(cache.with_name("content.pickle.digests"), ("file digests", fingerprint.code())).values
    paths = sorted(str(p) for p in (many / "cities").glob("*.md"))
    assert sorted(kept) == paths
    assert all(kept[path] == loader._digests[path] for path in paths)


def test_in_a_build_the_partnerships_read_are_kept_out_of_the_collectors_walks(many, tmp_path):
    parallel.start_build()
    assert ContentLoader(many).load_tree().partnerships and gc.get_freeze_count() == 0  # not in a build
    parallel.hold_heap()  # a build, as DirectoryGenerator starts it
    try:
        for _ in range(2):  # read from the files, then unpickled from the cache
            tree = ContentLoader(many, cache=tmp_path / "content.pickle").load_tree()
            tracked = {id(item) for item in gc.get_objects()}  # the frozen ones are not listed
            assert tree.partnerships and not any(id(pair) in tracked or id(pair.places[0]) in tracked
                                                 for pair in tree.partnerships)
    finally:
        parallel.end_build()
        parallel.start_build()


def test_files_made_in_the_background_are_written_and_a_failure_is_raised(tmp_path):
    from partnerdir.output import DuplicateOutput, OutputFailed, OutputFiles

    files = OutputFiles(tmp_path / "site", background=True)
    files.write_later({"maps/made-by.txt": lambda: str(os.getpid()).encode(), "two.txt": lambda: b"2"})
    files.wait()
    assert (tmp_path / "site/two.txt").read_bytes() == b"2"
    assert int((tmp_path / "site/maps/made-by.txt").read_text()) != os.getpid(), "made by a forked copy"
    with pytest.raises(DuplicateOutput):
        files.write_later({"two.txt": lambda: b"twice"})
    files.write_later({"three.txt": lambda: str(1 / 0).encode()})
    with pytest.raises(OutputFailed, match=r"(?s)three\.txt: .*ZeroDivisionError"):
        files.wait()
    assert sorted(p.name for p in (tmp_path / "site").iterdir()) == ["maps", "two.txt"], "nothing half-written"

    here = OutputFiles(tmp_path / "serial")  # a build in one process writes them itself
    here.write_later({"made-by.txt": lambda: str(os.getpid()).encode()})
    here.wait()
    assert int((tmp_path / "serial/made-by.txt").read_text()) == os.getpid()


def test_a_copy_goes_on_while_this_process_is_too_busy_to_read_its_results(tmp_path):
    """A copy's results wait in a file, not in a pipe a thread here must empty (which needs the
    interpreter this process's work holds): the copy takes its next chunk at once."""
    started = tmp_path / "copy-started"

    def work(chunk):
        if os.getpid() == _TEST_PROCESS:  # one long call that never lets the interpreter go
            if not (tmp_path / "busy").exists():
                (tmp_path / "busy").write_text(str(time.monotonic()))
                sum(range(60_000_000))
                (tmp_path / "done").write_text(str(time.monotonic()))
            return [None] * len(chunk)
        deadline = time.monotonic() + 10  # (at most 10 s) until this process is busy
        while not (tmp_path / "busy").exists() and time.monotonic() < deadline:
            time.sleep(0.01)
        with started.open("a") as log:
            log.write(f"{time.monotonic()}\n")
        return [bytes([item % 256]) * 4096 for item in chunk]  # megabytes a chunk, more than a pipe holds

    results = parallel.map_chunks(work, list(range(4000)), 2)
    assert [item for item, result in enumerate(results) if result is not None] == \
        [item for item, result in enumerate(results) if result == bytes([item % 256]) * 4096], "in order"
    assert None in results and len(set(results)) > 2, "both processes took chunks"
    busy, done = float((tmp_path / "busy").read_text()), float((tmp_path / "done").read_text())
    during = [float(line) for line in started.read_text().split() if busy < float(line) < done]
    assert len(during) >= 2, "the copy sent a chunk's results and took the next while this process was busy"


def test_the_tasks_asked_for_together_are_done_by_one_copy_each_with_its_own_outcome():
    with parallel.together():
        first = parallel.Forked(lambda: str(os.getpid()).encode())
        failing = parallel.Forked(lambda: str(1 / 0).encode())
        last = parallel.Forked(lambda: str(os.getpid()).encode())
        assert first.pid is None, "forked as the block ends"
    assert first.pid == failing.pid == last.pid != os.getpid()
    assert last.result() == first.result() == str(first.pid).encode(), "one copy, in any order of waiting"
    with pytest.raises(parallel.ForkFailed, match="ZeroDivisionError"):
        failing.result()
    with parallel.together():  # waited for inside its block: the tasks asked for so far start then
        early = parallel.Forked(lambda: b"early")
        assert early.result() == b"early"
        later = parallel.Forked(lambda: b"later")
    assert later.pid not in (None, early.pid) and later.result() == b"later"
    alone = parallel.Forked(lambda: b"")  # outside a block: a copy of its own
    assert alone.pid not in (None, first.pid) and alone.result() == b""


def test_the_folders_of_pages_to_come_are_made_ahead_in_the_background(tmp_path):
    """A large build's page folders (a page to each) are listed and made by a forked copy while
    the build makes its pages' queue, before that copy writes the exports and maps; each page
    is then written into its folder, or makes it if it is missing."""
    from directory.pages import _write
    from partnerdir.output import OutputFiles

    site = tmp_path / "site"
    files = OutputFiles(site, background=True)
    pairs = [f"pairs/p-{n:03}" for n in range(parallel.MIN_ITEMS)]
    listed = []

    def folders():
        listed.append(os.getpid())
        return [*pairs, "places/a-de", "/abs", "../up", "pairs/../../up", "places/a-de"]

    def first() -> bytes:  # the folders are there when the copy makes its first file
        return str(sorted(path.name for path in (site / "pairs").iterdir()) == [p.split("/")[1] for p in pairs]).encode()

    files.plan_folders(folders, len(pairs))
    files.write_later({"exports/a.txt": first})
    files.write_later({"maps/b.txt": lambda: str(os.getpid()).encode()})
    assert not site.exists(), "nothing made before the build starts the background work"
    files.start_background()
    files.wait()
    made = sorted(path.relative_to(site).as_posix() for path in site.rglob("*"))
    assert made == ["exports", "exports/a.txt", "maps", "maps/b.txt", "pairs", *pairs, "places", "places/a-de"], \
        "empty folders, inside the output"
    assert (site / "exports/a.txt").read_text() == "True", "the folders first, then the files"
    assert (site / "maps/b.txt").read_text() != str(os.getpid()) and not listed, "listed and made by the copy"
    assert not (tmp_path / "up").exists() and not Path("/abs").exists()

    few = OutputFiles(tmp_path / "small", background=True)  # a small site: not worth a fork
    few.plan_folders(lambda: ["pairs/a-b", "places/a-de"], 2)
    few.start_background()
    few.wait()
    assert not (tmp_path / "small").exists()

    again = OutputFiles(site, background=True)  # a rebuild: the folders are there, none is made
    again.plan_folders(lambda: [*pairs, "pairs/e-f"], len(pairs) + 1)
    again.start_background()
    again.wait()
    assert not (site / "pairs/e-f").exists()
    assert _write(str(site / "pairs/e-f/index.html"), b"page").st_size == 4, "its page makes it"

    serial = OutputFiles(tmp_path / "serial")  # in one process, no head start: each page makes its folder
    serial.plan_folders(lambda: ["pairs/a-b"] * parallel.MIN_ITEMS, parallel.MIN_ITEMS)
    serial.start_background()
    serial.wait()
    assert not (tmp_path / "serial").exists()
    _write(str(tmp_path / "serial/pairs/a-b/index.html"), b"page")
    assert (tmp_path / "serial/pairs/a-b/index.html").read_bytes() == b"page"


def test_a_claimed_path_is_named_as_normpath_names_it_and_stays_inside_the_output(tmp_path):
    import posixpath

    from partnerdir.output import DuplicateOutput, OutputFiles

    for path in ["pairs/a/index.html", "/pairs/a/index.html", "//x", "a//b", "./a", "a/./b", "a/../b", ".", "",
                 "a/", ".hidden/x", "a/.b", "a/..b", "...", "x/.", "x/.."]:
        assert OutputFiles(tmp_path).claim(path) == posixpath.normpath(path.lstrip("/")), path
    for outside in ["../a", "..", "a/../../b"]:
        with pytest.raises(DuplicateOutput):
            OutputFiles(tmp_path).claim(outside)
    files = OutputFiles(tmp_path)
    files.claim("pairs/a/index.html")
    with pytest.raises(DuplicateOutput):
        files.claim("pairs//a/./index.html")

    # Many at once (a large build's pages), as one by one.
    paths = ["pairs/a/index.html", "/pairs/b/index.html", "a//b", "x/..", "c\nd", "e/"]
    assert OutputFiles(tmp_path).claim_all(paths) == [OutputFiles(tmp_path).claim(path) for path in paths]
    plain = [f"pairs/p-{n}/index.html" for n in range(50)]
    many = OutputFiles(tmp_path)
    assert many.claim_all(plain) == plain and many.written == set(plain)
    for again in (["pairs/p-3/index.html"], ["new/index.html", "new/index.html"], ["ok/index.html", "../out"]):
        with pytest.raises(DuplicateOutput):
            many.claim_all(again)
