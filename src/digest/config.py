"""The typed site config: defaults, a `digest.yaml` file, and command-line overrides."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, get_args, get_type_hints
from urllib.parse import urlsplit

import yaml

from .bounded_yaml import yaml_with_lines
from .errors import ConfigError
from .problems import Problem, unknown_key

DEFAULT_CONFIG_FILE = "digest.yaml"


def shipped(name: str) -> Path:
    """A file or folder the package ships beside its code: found wherever digest is
    installed, or run from a checkout. In a checkout the package's `templates`, `static` and
    `themes.yaml` are links to the repository's top-level ones; resolved, so that messages
    name the file an editor would change."""
    return (Path(__file__).resolve().parent / name).resolve()


SHIPPED_TEMPLATES = shipped("templates")
SHIPPED_STATIC = shipped("static")
SHIPPED_ABOUT = SHIPPED_TEMPLATES / "about.md"
SHIPPED_THEMES = shipped("themes.yaml")


@dataclass(frozen=True, slots=True)
class Config:
    """Everything a build needs to know; paths are resolved against the config file's folder."""

    # folder of input files (.txt), read recursively
    seeds: Path = Path("seeds")
    # output folder; each build switches its site in whole, replacing only what builds made
    out: Path = Path("site")
    # the digest's name, shown in the output
    title: str = "Research digest"
    # one sentence on what the digest covers
    description: str = "Scraped articles, cleaned, summarised and cross-referenced."
    # files larger than this many bytes are skipped with the reason
    max_file_bytes: int = 5_000_000
    # the theme taxonomy (YAML)
    themes: Path = SHIPPED_THEMES
    # where the site will be published ("https://example.org/digest/"); canonical links, the
    # feed and the sitemap use it. Empty: the site still works, with relative feed links
    base_url: str = ""
    # a folder of templates that replace the shipped ones of the same name
    templates_dir: Path | None = None
    # a folder of static files copied over the shipped ones into the output's static/
    static_dir: Path | None = None
    # treat warnings and skipped files as errors: nothing is written (for a user's CI)
    strict: bool = False
    # build Pagefind's full-text index; when off, search covers titles, theses and claims
    search: bool = True
    # the "About this digest" page, in Markdown; the shipped one explains the automatic fields
    about: Path = SHIPPED_ABOUT
    # where each article's analysis is cached between builds (None: no cache); safe to delete
    cache_dir: Path | None = None
    # processes that analyse articles; 0: one per core
    jobs: int = 0
    # articles on each page of a theme; a longer theme is split into numbered pages
    per_page: int = 50
    # entries in feed.xml: the newest articles (Pelican's FEED_MAX_ITEMS is also 100)
    feed_items: int = 100
    # show images from other sites in Markdown; off, they are links (no request leaves a page)
    remote_images: bool = False

    @property
    def base_path(self) -> str:
        """The URL path the site is published under, with slashes at both ends ("/digest/")."""
        path = urlsplit(self.base_url).path.strip("/")
        return f"/{path}/" if path else "/"


def _setting_type(annotation: Any) -> type:
    """The type of a setting as `Config` declares it, without None (a setting left out of
    the file keeps its default)."""
    kinds = [k for k in get_args(annotation) or (annotation,) if k is not type(None)]
    if len(kinds) != 1 or not isinstance(kinds[0], type):
        raise TypeError(f"a setting is of one type, or of that type or None: {annotation}")
    return kinds[0]


# Each setting's type, from Config's annotations. A path is written as text in the file.
_DECLARED = {name: _setting_type(hint) for name, hint in get_type_hints(Config).items()}
_PATH_KEYS = frozenset(name for name, kind in _DECLARED.items() if kind is Path)
_TYPES: dict[str, type] = {name: str if kind is Path else kind for name, kind in _DECLARED.items()}
# A config as read, and the warnings of its file.
Configured = tuple[Config, tuple[Problem, ...]]
# The cache of a build run from the command line, in the working folder unless configured.
DEFAULT_CACHE_DIR = Path(".digest-cache")
# Settings that must be 1 or more.
_POSITIVE = frozenset({"per_page", "feed_items"})


def load_config(path: Path | None, **overrides: Any) -> Configured:
    """Read the config file (if any), then apply command-line overrides that are not None;
    and the file's warnings, for the build to report (`build(..., problems=...)`).

    With no path, `digest.yaml` in the working folder is read when it exists.
    """
    path = path or default_config_file()
    config, problems = (Config(), ()) if path is None else _from_file(path)
    given = {k: v for k, v in overrides.items() if v is not None}
    return with_checked_base_url(replace(config, **given)), problems


# What a build would do if two of its folders overlapped.
_OVERLAP_HARM = {
    frozenset({"output folder", "seeds folder"}): "replace or remove its own input files",
    frozenset({"cache folder", "seeds folder"}): "read its own cache as input",
    frozenset({"cache folder", "output folder"}): "publish or remove its own cache",
}


def check_folders(config: Config) -> None:
    """Refuse an output folder that is, holds or lies in the seeds folder, a cache folder
    that overlaps either, and an output folder at the root of the file system (a new site
    is made beside it): a build replaces what is in its output, and would count its cache
    and output among its inputs. Checked before anything is read or written."""
    if config.out.resolve().parent == config.out.resolve():
        raise ConfigError(f"the output folder {config.out} is the root of the file system")
    folders = [("output folder", config.out), ("seeds folder", config.seeds)]
    folders += [("cache folder", config.cache_dir)] if config.cache_dir else []
    resolved = [(role, path, path.resolve()) for role, path in folders]
    for n, (role, path, place) in enumerate(resolved):
        for other_role, other, other_place in resolved[n + 1 :]:
            if place == other_place:
                relation = "is"
            elif place.is_relative_to(other_place):
                relation = "lies in"
            elif other_place.is_relative_to(place):
                relation = "holds"
            else:
                continue
            raise ConfigError(
                f"the {role} {path} {relation} the {other_role} {other}; a build would "
                f"{_OVERLAP_HARM[frozenset((role, other_role))]}. Choose separate folders"
            )


def default_config_file() -> Path | None:
    """`digest.yaml` in the working folder, when it exists."""
    path = Path(DEFAULT_CONFIG_FILE)
    return path if path.is_file() else None


def with_checked_base_url(config: Config) -> Config:
    """Refuse a base URL that is not an absolute http(s) URL; make it end with a slash."""
    if not config.base_url:
        return config
    parts = urlsplit(config.base_url)
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment:
        raise ConfigError(
            f"base URL {config.base_url!r} must be an absolute http(s) URL such as "
            "https://example.org/digest/"
        )
    return replace(config, base_url=config.base_url.rstrip("/") + "/")


def _from_file(path: Path) -> Configured:
    try:
        raw, key_lines = yaml_with_lines(path.read_text(encoding="utf-8"), yaml.SafeLoader)
    except FileNotFoundError:
        raise ConfigError(f"{path}: config file not found") from None
    except OSError as err:
        raise ConfigError(f"{path}: cannot read config file: {err.strerror}") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: config file is not UTF-8 text") from None
    except yaml.YAMLError as err:
        raise malformed_yaml(str(path), err) from None
    if raw is None:
        return Config(), ()
    if not isinstance(raw, dict):
        raise ConfigError(f"{path}: expected a mapping of settings, got {type(raw).__name__}")
    lines = {key[0]: line + 1 for key, line in key_lines.items() if len(key) == 1}
    return _typed(path, raw, lines)


def _typed(path: Path, raw: dict[str, Any], lines: dict[str, int]) -> Configured:
    """Check every key and type, refuse a wrong value (every one at once), warn of an
    unknown key, and build the Config."""
    unknown: list[Problem] = []
    problems: list[str] = []
    values: dict[str, Any] = {}
    for key, value in raw.items():
        if key not in _TYPES:
            line = lines.get(str(key))
            unknown.append(unknown_key(str(path), line, key, "setting", sorted(_TYPES)))
            continue
        expected = _TYPES[key]
        if not isinstance(value, expected) or (isinstance(value, bool) and expected is not bool):
            problems.append(f"{key!r} must be {expected.__name__}, got {type(value).__name__}")
            continue
        if key in _POSITIVE and isinstance(value, int) and value < 1:
            problems.append(f"{key!r} must be 1 or more, got {value}")
            continue
        values[key] = (path.parent / str(value)) if key in _PATH_KEYS else value
    if problems:
        raise ConfigError(f"{path}: " + "; ".join(problems))
    return Config(**values), tuple(unknown)


def malformed_yaml(source: str, err: yaml.YAMLError) -> ConfigError:
    """The error for a YAML file that does not parse: file, line and the parser's problem."""
    return ConfigError(yaml_problem(source, err))


def yaml_problem(source: str, err: yaml.YAMLError, first_line: int = 1) -> str:
    """The text "file:line: malformed YAML: problem"; first_line is where the YAML starts."""
    mark = getattr(err, "problem_mark", None)
    line = f"{mark.line + first_line}" if mark is not None else "?"
    problem = str(getattr(err, "problem", None) or err).strip()
    return f"{source}:{line}: malformed YAML: {problem}"
