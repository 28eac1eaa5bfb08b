"""The compiled ruleset cached on disk by sha256: used when it is safe, ignored when it is not."""

from __future__ import annotations

import dataclasses
import os
import pickle
import shutil
import subprocess
import sys
from array import array

import pytest

from chithi.api import compiled_matcher, compiled_reader, default_ruleset_path, load_ruleset
from chithi.core.i18n import Text
from chithi.inputs import cache as ruleset_cache
from chithi.match import learned
from conftest import ROOT, SEEDS
from helpers import copy_reader

SEED = str(SEEDS / "03-leader-repeated-delays.yaml")


@pytest.fixture
def run_chithi(run_chithi):
    """The on-disk cache is what a new process finds: each run here is its own process."""
    return lambda *args, **kwargs: run_chithi(*args, console_script=True, **kwargs)


@pytest.fixture
def cache(tmp_path):
    folder = tmp_path / "cache"
    return folder, {"CHITHI_CACHE_DIR": str(folder)}


def only_entry(folder):
    (entry,) = folder.glob("ruleset-*.pickle")
    return entry


def plant(entry, level_name: str) -> None:
    """Rewrite a cache entry so its ruleset names the `serious` level differently: a run that
    prints that name has used the cache."""
    sha, ruleset, matcher, model = ruleset_cache.read_entry(entry)
    levels = tuple(
        dataclasses.replace(lv, name=Text(level_name, level_name)) if lv.id == "serious" else lv
        for lv in ruleset.scoring.levels
    )
    ruleset = dataclasses.replace(
        ruleset, scoring=dataclasses.replace(ruleset.scoring, levels=levels)
    )
    ruleset_cache.write_entry(entry, sha, ruleset, matcher, model)


def test_second_run_reads_the_compiled_ruleset_from_the_cache(run_chithi, cache):
    folder, env = cache
    first = run_chithi("check", SEED, env=env)
    assert first.returncode == 0 and "Nghiêm trọng" in first.stdout
    entry = only_entry(folder)
    assert oct(folder.stat().st_mode & 0o777) == "0o700"
    assert oct(entry.stat().st_mode & 0o777) == "0o600"
    plant(entry, "PLANTED")
    assert "PLANTED" in run_chithi("check", SEED, env=env).stdout
    # CHITHI_NO_CACHE=1 reads the ruleset afresh.
    fresh = run_chithi("check", SEED, env={**env, "CHITHI_NO_CACHE": "1"})
    assert "PLANTED" not in fresh.stdout and "Nghiêm trọng" in fresh.stdout


def test_the_cache_holds_the_learned_reader_it_pins(run_chithi, cache):
    folder, env = cache
    run_chithi("check", SEED, env=env)
    _sha, ruleset, _matcher, model = ruleset_cache.read_entry(only_entry(folder))
    assert model is not None and ruleset.reader is not None
    assert model.sha256 == ruleset.reader.sha256
    assert len(model.vocabulary) > 1000  # the whole model, not a path to one


def test_the_readers_weights_are_mapped_from_a_private_side_file_and_read_the_same(
    run_chithi, cache
):
    """The weights are not unpickled but mapped from raw bytes beside the entry; a model read
    that way scores every text exactly as the model file does."""
    folder, env = cache
    run_chithi("check", SEED, env=env)
    entry = only_entry(folder)
    side = entry.with_suffix(".weights")
    assert oct(side.stat().st_mode & 0o777) == "0o600"
    assert len(pickle.dumps(ruleset_cache.read_entry(entry)[0])) < side.stat().st_size
    _sha, ruleset, _matcher, mapped = ruleset_cache.read_entry(entry)
    assert isinstance(mapped.weights, memoryview)
    assert ruleset.reader is not None
    original = learned.loads((default_ruleset_path().parent / ruleset.reader.file).read_bytes())
    assert isinstance(original.weights, array)
    assert side.stat().st_size == 4 * len(original.weights)
    assert list(mapped.weights) == list(original.weights)
    words = ["nhan", "tien", "muon", "late", "hồ", "không-có-từ-này"]
    for word in words:
        assert mapped.word_vector(word) == original.word_vector(word)
    # a mapped model still travels to a spawned --jobs worker, as plain data
    travelled = pickle.loads(pickle.dumps(mapped))
    assert [travelled.word_vector(w) for w in words] == [original.word_vector(w) for w in words]


@pytest.mark.parametrize("damage", ["missing", "short", "others-can-write"])
def test_a_weights_file_missing_torn_or_unsafe_is_a_miss(run_chithi, cache, damage):
    folder, env = cache
    expected = run_chithi("check", SEED, env=env).stdout
    entry = only_entry(folder)
    plant(entry, "PLANTED")
    side = entry.with_suffix(".weights")
    if damage == "missing":
        side.unlink()
    elif damage == "short":
        side.write_bytes(side.read_bytes()[:-4000])
    else:
        side.chmod(0o666)
    again = run_chithi("check", SEED, env=env)
    assert again.returncode == 0 and again.stdout == expected  # read afresh, not PLANTED


def test_an_entry_others_could_write_is_never_unpickled(run_chithi, cache):
    folder, env = cache
    run_chithi("check", SEED, env=env)
    entry = only_entry(folder)
    plant(entry, "PLANTED")
    entry.chmod(0o666)
    assert "PLANTED" not in run_chithi("check", SEED, env=env).stdout
    entry.chmod(0o600)
    folder.chmod(0o777)
    assert "PLANTED" not in run_chithi("check", SEED, env=env).stdout


@pytest.mark.parametrize("content", [b"", b"not a pickle", pickle.dumps(("other-sha", 1, 2, 3))])
def test_a_torn_or_foreign_entry_is_a_miss(run_chithi, cache, content):
    folder, env = cache
    expected = run_chithi("check", SEED, env=env).stdout
    only_entry(folder).write_bytes(content)
    again = run_chithi("check", SEED, env=env)
    assert again.returncode == 0 and again.stdout == expected


def test_an_edited_ruleset_gets_its_own_entry(run_chithi, cache, tmp_path):
    folder, env = cache
    run_chithi("check", SEED, env=env)
    plant(only_entry(folder), "PLANTED")
    edited = tmp_path / "edited.yaml"
    shutil.copy(default_ruleset_path(), edited)
    copy_reader(tmp_path)
    edited.write_text(edited.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    result = run_chithi("check", SEED, "--ruleset", str(edited), env=env)
    assert "PLANTED" not in result.stdout and "Nghiêm trọng" in result.stdout
    assert len(list(folder.glob("ruleset-*.pickle"))) == 2


def test_an_unwritable_cache_folder_only_costs_time(run_chithi, tmp_path):
    blocked = tmp_path / "file-not-folder"
    blocked.write_text("x", encoding="utf-8")
    result = run_chithi("check", SEED, env={"CHITHI_CACHE_DIR": str(blocked / "sub")})
    assert result.returncode == 0 and result.stderr == ""


def test_invalid_ruleset_is_never_cached(run_chithi, cache, tmp_path):
    folder, env = cache
    broken = tmp_path / "broken.yaml"
    copy_reader(tmp_path)
    broken.write_text(
        default_ruleset_path().read_text(encoding="utf-8").replace("size: 12", "size: 11", 1),
        encoding="utf-8",
    )
    for _ in range(2):  # and the second run still reports the problem
        result = run_chithi("check", SEED, "--ruleset", str(broken), env=env)
        assert result.returncode == 3 and "RS-GROUP-SIZE" in result.stderr
    assert not list(folder.glob("ruleset-*.pickle"))


def test_key_depends_on_code_as_well_as_ruleset(monkeypatch, tmp_path):
    monkeypatch.setenv("CHITHI_CACHE_DIR", str(tmp_path))
    one = ruleset_cache.entry("a" * 64)
    ruleset_cache.code_fingerprint.cache_clear()
    monkeypatch.setattr(ruleset_cache, "__version__", "9.9.9")
    try:
        assert ruleset_cache.entry("a" * 64) != one
    finally:
        ruleset_cache.code_fingerprint.cache_clear()
    assert one is not None and one.name.startswith("ruleset-" + "a" * 32)


def test_old_entries_are_evicted_and_a_used_one_is_kept(monkeypatch, tmp_path):
    ruleset = load_ruleset()  # before the cache moves: loading it may store an entry
    matcher = compiled_matcher(ruleset)
    monkeypatch.setenv("CHITHI_CACHE_DIR", str(tmp_path))
    tmp_path.chmod(0o700)
    shas = [f"{n:x}" * 64 for n in range(ruleset_cache.KEEP + 3)]
    for age, sha in enumerate(shas):
        ruleset_cache.store(sha, ruleset, matcher, None)
        entry = ruleset_cache.entry(sha)
        assert entry is not None
        os.utime(entry, ns=(age * 10**9, age * 10**9))  # stored one second apart, oldest first
    assert ruleset_cache.load(shas[-1]) is not None  # the newest survived its own eviction
    kept = {p.name for p in tmp_path.glob("ruleset-*.pickle")}
    assert len(kept) == ruleset_cache.KEEP
    assert ruleset_cache.load(shas[0]) is None  # the oldest are gone
    # a hit is a use: the oldest kept entry, once read, outlives newer unread ones
    oldest_kept = shas[len(shas) - ruleset_cache.KEEP]
    assert ruleset_cache.load(oldest_kept) is not None
    ruleset_cache.store("f" * 64, ruleset, matcher, None)
    assert ruleset_cache.load(oldest_kept) is not None
    assert ruleset_cache.load(shas[len(shas) - ruleset_cache.KEEP + 1]) is None


def test_eviction_takes_an_entrys_weights_with_it(monkeypatch, tmp_path):
    ruleset = load_ruleset()
    reader = compiled_reader(ruleset)
    monkeypatch.setenv("CHITHI_CACHE_DIR", str(tmp_path))
    tmp_path.chmod(0o700)
    ruleset_cache.store("a" * 64, ruleset, reader.matcher, reader.model)
    assert len(list(tmp_path.glob("ruleset-*.weights"))) == 1
    ruleset_cache.evict(tmp_path, keep=0)
    assert not list(tmp_path.iterdir())


def test_collecting_the_tests_writes_nothing_into_the_users_cache(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("CHITHI_CACHE_DIR", "XDG_CACHE_HOME", "CHITHI_NO_CACHE")
    }
    collected = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider"],
        cwd=ROOT,
        env={**env, "HOME": str(home)},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert collected.returncode == 0, collected.stdout[-2000:]
    assert not (home / ".cache" / "chithi").exists()
