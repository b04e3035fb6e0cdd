"""House style: series name, sections, masthead, footer and fonts, from YAML."""

from __future__ import annotations

from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from kuaibao.errors import ConfigError

HOUSE_STYLE_FILE = "house_style.yaml"
# The forms of the contributor line that printed bulletins use (张娟 供稿, 张娟 供稿自);
# the importer reads both back, so a house style picks one of them.
CONTRIBUTOR_LABELS = ("供稿", "供稿自")


@dataclass(frozen=True)
class Fonts:
    """Font families; the CJK ones must be installed (Debian fonts-noto-cjk)."""

    cjk_serif: str = "Noto Serif CJK SC"
    cjk_sans: str = "Noto Sans CJK SC"
    latin: str = "Noto Serif"


@dataclass(frozen=True)
class HouseStyle:
    """How a series looks; one per installation, editable by the editors."""

    series: str = "科技快报"
    issuing_unit: str = "科技信息研究中心"
    editor: str = "编辑部"
    sections: tuple[str, ...] = ("重点关注", "科技政策与科研计划", "前沿研究动态", "产业动态")
    masthead: str = "科技快报"
    footer: str = ""
    contributor_label: str = "供稿"
    fonts: Fonts = field(default_factory=Fonts)


def parse_house_style(text: str, origin: str = HOUSE_STYLE_FILE) -> HouseStyle:
    """Parse house-style YAML; missing keys keep their defaults."""
    try:
        doc: Any = yaml.safe_load(text) or {}
    except yaml.YAMLError as exc:
        raise ConfigError(f"{origin} is not valid YAML: {exc}") from exc
    if not isinstance(doc, dict):
        raise ConfigError(f"{origin}: expected a mapping of house-style settings")
    base = HouseStyle()
    known = {
        "series",
        "issuing_unit",
        "editor",
        "sections",
        "masthead",
        "footer",
        "contributor_label",
        "fonts",
    }
    unknown = set(doc) - known
    if unknown:
        raise ConfigError(f"{origin}: unknown setting(s) {sorted(unknown)}; known: {sorted(known)}")
    sections = doc.get("sections", base.sections)
    if not isinstance(sections, list | tuple) or not all(isinstance(s, str) for s in sections):
        raise ConfigError(f"{origin}: `sections` must be a list of section names")
    label = str(doc.get("contributor_label", base.contributor_label)).strip()
    if label not in CONTRIBUTOR_LABELS:
        raise ConfigError(
            f"{origin}: `contributor_label` must be one of {', '.join(CONTRIBUTOR_LABELS)}, "
            f"got {label!r}"
        )
    fonts_doc = doc.get("fonts") or {}
    if not isinstance(fonts_doc, dict):
        raise ConfigError(f"{origin}: `fonts` must be a mapping")
    return HouseStyle(
        series=str(doc.get("series", base.series)),
        issuing_unit=str(doc.get("issuing_unit", base.issuing_unit)),
        editor=str(doc.get("editor", base.editor)),
        sections=tuple(sections),
        masthead=str(doc.get("masthead", doc.get("series", base.masthead))),
        footer=str(doc.get("footer", base.footer)),
        contributor_label=label,
        fonts=Fonts(**{k: str(v) for k, v in fonts_doc.items() if k in Fonts.__dataclass_fields__}),
    )


def load_house_style(data_dir: Path | None = None) -> HouseStyle:
    """DATA_DIR/house_style.yaml if present, else the packaged default."""
    if data_dir is not None and (data_dir / HOUSE_STYLE_FILE).is_file():
        path = data_dir / HOUSE_STYLE_FILE
        return parse_house_style(path.read_text(encoding="utf-8"), str(path))
    text = (resources.files("kuaibao.bulletin") / HOUSE_STYLE_FILE).read_text(encoding="utf-8")
    return parse_house_style(text)
