"""The analysis cache and parallel analysis change nothing but speed (not timed here: see
benchmarks/)."""

from __future__ import annotations

import dataclasses
import gc
import json
import shutil
import types
import typing
from dataclasses import fields
from pathlib import Path
from typing import Any

import pytest

import digest.build.analysis
import digest.build.cache
import digest.build.keys
import digest.site.generate
import digest.site.records
import digest.site.render
import digest.site.search
from digest.build.cache import ANALYSES, Cache, Memo, ReadFile, Store
from digest.build.pipeline import analyse, build
from digest.config import Config
from digest.errors import DigestError
from digest.models.article import Article, Quoted
from digest.site.records import articles_document, articles_json
from digest.site.render import to_json

from conftest import ROOT, load_generator
from sitecheck import stable_tree, tree_bytes

SEED = "001_d065812160adae77.txt"


def from_cache(config: Config) -> int:
    """Build, and return how many articles the cache held."""
    return build(config).counts.cached


def edit_seed(seeds: Path) -> None:
    """Change one word of one seed: its analysis and pages change, its title does not."""
    edited = seeds / SEED
    edited.write_text(edited.read_text(encoding="utf-8").replace("Ukraine", "Ukraine's army", 1))


@pytest.fixture
def seeds(tmp_path: Path) -> Path:
    folder = tmp_path / "seeds"
    shutil.copytree(ROOT / "seeds", folder)
    return folder


def test_a_rebuild_after_one_edit_is_byte_identical_to_a_cold_build(
    seeds: Path, tmp_path: Path
) -> None:
    cached = Config(seeds=seeds, out=tmp_path / "warm", cache_dir=tmp_path / "cache")
    assert from_cache(cached) == 0
    edit_seed(seeds)
    assert from_cache(cached) == 4
    cold = Config(seeds=seeds, out=tmp_path / "cold")
    assert from_cache(cold) == 0
    assert stable_tree(cached.out) == stable_tree(cold.out)


def test_a_no_change_rebuild_extracts_nothing(
    seeds: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = Config(seeds=seeds, out=tmp_path / "site", cache_dir=tmp_path / "cache", search=False)
    build(config)
    before = tree_bytes(config.out)

    def no_extraction(*_: Any) -> None:
        raise AssertionError("extraction ran on a no-change rebuild")

    monkeypatch.setattr(digest.build.analysis, "extract", no_extraction)
    assert from_cache(config) == 5
    assert tree_bytes(config.out) == before


def test_a_build_counts_what_it_made_and_what_it_took_from_the_build_before(
    seeds: Path, tmp_path: Path
) -> None:
    config = Config(seeds=seeds, out=tmp_path / "site", cache_dir=tmp_path / "cache")
    first = build(config).counts
    files = [path for path in config.out.rglob("*") if path.is_file()]
    assert (first.analysed, first.cached, first.kept, first.written) == (5, 0, 0, len(files))
    assert (first.indexed, first.shards) == (1, 1)
    again = build(config).counts
    assert (again.analysed, again.cached, again.written, again.indexed) == (0, 5, 0, 0)
    assert again.rendered + again.kept == first.rendered and again.kept > again.rendered
    edit_seed(seeds)
    edited = build(config).counts
    assert (edited.analysed, edited.cached, edited.indexed, edited.shards) == (1, 4, 1, 1)
    assert edited.rendered + edited.kept == first.rendered
    assert again.rendered < edited.rendered < first.rendered
    assert 0 < edited.written < first.written


def test_the_cache_is_invalidated_by_the_taxonomy_and_the_package_version(
    seeds: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    themes = tmp_path / "themes.yaml"
    themes.write_text((ROOT / "themes.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    cache = tmp_path / "cache"
    out = tmp_path / "site"
    config = Config(seeds=seeds, out=out, cache_dir=cache, themes=themes, search=False)
    assert from_cache(config) == 0
    assert from_cache(config) == 5
    themes.write_text(
        themes.read_text(encoding="utf-8").replace("label: Negotiations", "label: Peace talks")
    )
    assert from_cache(config) == 0
    assert "Peace talks" in (config.out / "themes" / "negotiations" / "index.html").read_text()
    assert from_cache(config) == 5
    monkeypatch.setattr(digest.build.keys, "code_fingerprint", lambda: "digest 99.0")
    assert from_cache(config) == 0


def test_deleting_or_breaking_the_cache_changes_nothing_but_speed(
    seeds: Path, tmp_path: Path
) -> None:
    cache = tmp_path / "cache"
    config = Config(seeds=seeds, out=tmp_path / "site", cache_dir=cache, search=False)
    build(config)
    before = tree_bytes(config.out)
    shutil.rmtree(cache)
    assert from_cache(config) == 0
    assert tree_bytes(config.out) == before
    for broken in cache.rglob("*"):
        if broken.is_file():
            broken.write_bytes(b"not a pickle" if broken.suffix else b"0123\n<p>stale</p>")
    assert from_cache(config) == 0
    assert tree_bytes(config.out) == before


def test_parallel_analysis_and_rendering_give_the_same_site_as_one_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(digest.site.generate, "PARALLEL_PAGES", 1)  # a worker renders pages too
    corpus = tmp_path / "corpus"
    load_generator().write_corpus(corpus, count=digest.build.analysis.PARALLEL_FROM + 6)
    one = Config(seeds=corpus, out=tmp_path / "one", jobs=1, search=False)
    two = Config(seeds=corpus, out=tmp_path / "two", jobs=2, search=False)
    build(one)
    build(two)
    assert tree_bytes(one.out) == tree_bytes(two.out)


def indexed_shards(monkeypatch: pytest.MonkeyPatch) -> list[list[int]]:
    """The sizes of the shards Pagefind indexes from now on, one list per build that indexes."""
    indexed: list[list[int]] = []
    real = digest.site.generate.pagefind_bundles

    def counting(groups: Any, scratch: Path, lock: int) -> Any:
        indexed.append([len(pages) for pages in groups])
        return real(groups, scratch, lock)

    monkeypatch.setattr(digest.site.generate, "pagefind_bundles", counting)
    return indexed


def test_the_search_bundle_is_reused_only_for_the_same_pages(
    seeds: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = Config(seeds=seeds, out=tmp_path / "site", cache_dir=tmp_path / "cache")
    build(config)
    before = tree_bytes(config.out)
    indexed = indexed_shards(monkeypatch)
    build(config)
    assert indexed == [] and tree_bytes(config.out) == before
    edit_seed(seeds)
    build(config)
    assert indexed == [[5]]


def test_search_later_keeps_the_old_shard_until_the_next_build_indexes_it(
    seeds: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # what --serve does after an edit: the page first, the search index a build later
    config = Config(seeds=seeds, out=tmp_path / "site", cache_dir=tmp_path / "cache")
    build(config)
    bundle = tree_bytes(config.out / "pagefind")
    indexed = indexed_shards(monkeypatch)
    edit_seed(seeds)
    first = build(config, search_later=True)
    assert indexed == [] and first.counts.stale == 1
    assert tree_bytes(config.out / "pagefind") == bundle
    assert "Ukraine&#39;s army" in (config.out / "articles").joinpath(*page_of(config)).read_text()
    names = rendered_templates(monkeypatch)
    second = build(config)
    assert indexed == [[5]] and second.counts.stale == 0
    assert not [name for name in names if name.endswith(".html")]  # only the index changed
    cold = Config(seeds=seeds, out=tmp_path / "cold")
    build(cold)
    assert stable_tree(config.out) == stable_tree(cold.out)


def page_of(config: Config) -> tuple[str, str]:
    """The edited seed's page, under articles/."""
    records = (config.out / "data" / "build-report.json").read_text(encoding="utf-8")
    slug = next(a["slug"] for a in json.loads(records)["articles"] if a["source"] == SEED)
    return slug, "index.html"


def test_an_edit_re_indexes_only_the_search_shard_of_the_changed_page(
    seeds: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(digest.site.search, "SHARD_SIZE", 2)
    config = Config(seeds=seeds, out=tmp_path / "site", cache_dir=tmp_path / "cache")
    indexed = indexed_shards(monkeypatch)
    build(config)
    edit_seed(seeds)
    build(config)
    cold = Config(seeds=seeds, out=tmp_path / "cold")
    build(cold)
    shards, one_shard, all_shards = indexed
    assert len(shards) > 1 and len(one_shard) == 1 and all_shards == shards
    assert stable_tree(config.out) == stable_tree(cold.out)


def rendered_templates(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The templates of every page rendered from now on, one entry per page."""
    names: list[str] = []
    real = digest.site.render.render_template

    def counting(env: Any, template: str, context: Any) -> bytes:
        names.append(template)
        return real(env, template, context)

    monkeypatch.setattr(digest.site.render, "render_template", counting)
    return names


def test_a_rebuild_renders_only_the_pages_that_show_what_changed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = tmp_path / "corpus"
    edited = load_generator().write_corpus(corpus, count=30)[0]
    config = Config(seeds=corpus, out=tmp_path / "site", cache_dir=tmp_path / "cache", search=False)
    build(config)
    names = rendered_templates(monkeypatch)
    build(config)
    assert not [name for name in names if name.endswith(".html")]
    text = edited.read_text(encoding="utf-8")
    edited.write_text(text + "\nOne more sentence on the talks.\n", encoding="utf-8")
    build(config)
    # its own page; a card shows its title and thesis, which did not change
    assert "article.html" in names and not {"theme.html", "index.html", "author.html"} & {*names}
    names.clear()
    edited.write_text("A new headline for the talks\n\n" + text, encoding="utf-8")
    build(config)
    assert {"article.html", "theme.html", "index.html", "archive.html"} <= {*names}
    cold = Config(seeds=corpus, out=tmp_path / "cold", search=False)
    build(cold)
    assert stable_tree(config.out) == stable_tree(cold.out)


def test_an_edit_after_a_no_change_rebuild_serialises_only_the_edited_record(
    seeds: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = Config(seeds=seeds, out=tmp_path / "site", cache_dir=tmp_path / "cache", search=False)
    build(config)
    build(config)  # keeps articles.json without looking at a record
    serialised: list[str] = []
    record = digest.site.records.article_record
    monkeypatch.setattr(
        digest.site.records, "article_record", lambda a: serialised.append(a.source) or record(a)
    )
    edit_seed(seeds)
    build(config)
    assert serialised == [SEED]


def test_a_changed_template_renders_its_pages_again(seeds: Path, tmp_path: Path) -> None:
    templates = tmp_path / "templates"
    templates.mkdir()
    custom = templates / "article.html"
    original = (ROOT / "templates" / "article.html").read_text(encoding="utf-8")
    custom.write_text(original, encoding="utf-8")
    config = Config(
        seeds=seeds, out=tmp_path / "site", cache_dir=tmp_path / "cache", templates_dir=templates
    )
    build(config)
    custom.write_text(original.replace("{% block main %}", "{% block main %}<p>Edition 2</p>"))
    build(config)
    pages = list((config.out / "articles").glob("*/index.html"))
    assert len(pages) == 5 and all("<p>Edition 2</p>" in p.read_text() for p in pages)


def file_identities(root: Path) -> dict[str, tuple[int, int]]:
    """Each file's inode and modification time: what changes when a file is written."""
    return {
        p.relative_to(root).as_posix(): (p.stat().st_ino, p.stat().st_mtime_ns)
        for p in root.rglob("*")
        if p.is_file()
    }


def test_a_rebuild_rewrites_only_changed_files_and_removes_what_is_no_longer_made(
    seeds: Path, tmp_path: Path
) -> None:
    config = Config(seeds=seeds, out=tmp_path / "site", cache_dir=tmp_path / "cache", search=False)
    build(config)
    before, written = tree_bytes(config.out), file_identities(config.out)
    gone = sorted(seeds.glob("*.txt"))[-1]
    gone.unlink()
    build(config)
    cold = Config(seeds=seeds, out=tmp_path / "cold", search=False)
    build(cold)
    after = tree_bytes(config.out)
    assert after == tree_bytes(cold.out)
    assert not [p for p in config.out.rglob("*") if p.is_dir() and not any(p.iterdir())]
    kept = [path for path in after if before.get(path) == after[path]]
    changed = [path for path in after if path not in kept]
    assert "static/style.css" in kept and "data/articles.json" in changed
    assert {path: written[path] for path in kept} == {
        path: identity for path, identity in file_identities(config.out).items() if path in kept
    }


def test_a_serving_process_rebuilds_from_its_cache_in_memory(seeds: Path, tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    config = Config(seeds=seeds, out=tmp_path / "site", cache_dir=folder, search=False)
    cache = Cache(folder)
    build(config, cache=cache)
    assert not folder.joinpath(ANALYSES.name).exists()  # saved by whoever made the cache
    edit_seed(seeds)
    counts = build(config, cache=cache).counts
    assert (counts.analysed, counts.cached) == (1, 4)
    cold = Config(seeds=seeds, out=tmp_path / "cold", search=False)
    build(cold)
    assert tree_bytes(config.out) == tree_bytes(cold.out)
    cache.save()
    assert from_cache(config) == 5


def test_a_cache_another_version_wrote_is_passed_over_without_a_warning(
    seeds: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    config = Config(seeds=seeds, out=tmp_path / "site", cache_dir=tmp_path / "cache", search=False)
    build(config)
    monkeypatch.setattr(digest.build.keys, "code_fingerprint", lambda: "digest 99.0")
    assert from_cache(config) == 0
    assert not caplog.records


def test_articles_json_from_kept_records_is_the_document_serialised_whole(tmp_path: Path) -> None:
    site = analyse(Config(seeds=ROOT / "seeds", out=tmp_path / "site"))
    whole = to_json(articles_document(site))
    memo = Memo({})
    assert b"".join(articles_json(site, memo)) == whole
    kept = Memo(memo.used)
    assert b"".join(articles_json(site, kept)) == whole
    assert not kept.changed


def test_an_edit_rewrites_only_the_cache_files_holding_its_old_and_new_entries(
    tmp_path: Path,
) -> None:
    # 30 articles fill most of the cache's files, whatever the code's fingerprint
    corpus = tmp_path / "corpus"
    edited = load_generator().write_corpus(corpus, count=30)[0]
    config = Config(seeds=corpus, out=tmp_path / "site", cache_dir=tmp_path / "cache", search=False)
    build(config)
    files = sorted((tmp_path / "cache" / ANALYSES.name).glob("*.msgpack"))
    before = {path: path.stat().st_mtime_ns for path in files}
    edited.write_text(edited.read_text(encoding="utf-8") + "\nOne more sentence.\n")
    assert from_cache(config) == 29
    rewritten = [path for path in files if path.stat().st_mtime_ns != before[path]]
    assert 1 <= len(rewritten) <= 2 < len(files)


def test_a_file_changed_in_the_output_since_the_last_build_is_made_again(
    seeds: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = Config(seeds=seeds, out=tmp_path / "site", cache_dir=tmp_path / "cache")
    build(config)
    before = stable_tree(config.out)
    page = next(config.out.glob("articles/*/index.html"))
    page.write_bytes(page.read_bytes().replace(b"<h1", b"<h2", 1))  # same size
    (config.out / "data" / "articles.json").write_text("{}")
    fragment = next(config.out.glob("pagefind/fragment/*"))
    fragment.unlink()
    indexed = indexed_shards(monkeypatch)
    build(config)
    assert stable_tree(config.out) == before
    assert indexed == [[5]]  # the search index lost a file, so it is made again


def test_a_build_leaves_the_cycle_collector_running_even_when_it_fails(
    seeds: Path, tmp_path: Path
) -> None:
    """A serving process builds for hours: a build that paused Python's cycle collector or
    froze objects out of its scans must undo that, or memory would only grow."""
    build(Config(seeds=seeds, out=tmp_path / "site", search=False))
    assert gc.isenabled() and gc.get_freeze_count() == 0
    broken = tmp_path / "themes.yaml"
    broken.write_text("themes: [\n", encoding="utf-8")
    with pytest.raises(DigestError):
        build(Config(seeds=seeds, out=tmp_path / "again", themes=broken, search=False))
    assert gc.isenabled() and gc.get_freeze_count() == 0


def sample(kind: Any, seed: int) -> Any:
    """A value of a type annotation that differs from any default (so that a field left
    out, or read back as its default, shows), made from its annotation alone."""
    origin, args = typing.get_origin(kind), typing.get_args(kind)
    if dataclasses.is_dataclass(kind):
        hints = typing.get_type_hints(kind)
        values = {f.name: sample(hints[f.name], seed + n) for n, f in enumerate(fields(kind))}
        return kind(**values)
    if origin is typing.Literal:
        return args[-1]
    if origin in (types.UnionType, typing.Union):
        return sample(next(a for a in args if a is not type(None)), seed)
    if origin is tuple and args[-1] is Ellipsis:
        return tuple(sample(args[0], seed + n) for n in range(2))
    if origin is tuple:
        return tuple(sample(arg, seed + n) for n, arg in enumerate(args))
    return {str: f"text {seed} ", int: seed + 7, float: seed + 0.123456789, bool: True}.get(
        kind, f"{kind} {seed}".encode() if kind is bytes else None
    )


@pytest.mark.parametrize("kind", [Article, ReadFile])
def test_every_field_of_a_cached_record_comes_back_exactly(tmp_path: Path, kind: Any) -> None:
    """Records are stored by their dataclass fields: a field added to article.py (a quoted
    person's statements, where a date came from) is kept with no change to the cache."""
    store: Store[Any] = Store("records-of-a-kind", kind)
    record = sample(kind, 1)
    writer = Cache(tmp_path)
    writer.replace(store, {"key": record})
    writer.save()
    assert Cache(tmp_path).store(store) == {"key": record}


def test_a_field_added_to_a_record_needs_no_change_to_the_cache(tmp_path: Path) -> None:
    grown = dataclasses.make_dataclass(
        "Quoted",
        [*((f.name, f.type) for f in fields(Quoted)), ("added_later", tuple[str, ...])],
        frozen=True,
        slots=True,
    )
    store: Store[Any] = Store("grown", grown)
    record = sample(grown, 1)
    assert record.added_later
    writer = Cache(tmp_path)
    writer.replace(store, {"key": record})
    writer.save()
    assert Cache(tmp_path).store(store) == {"key": record}
