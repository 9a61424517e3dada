"""Text drawn once per canvas: an Agg renderer that keeps each label's glyphs as one bitmap.

Between two filters of the charts tab most labels are the same (the month names, the
weekdays, the hours, the axis titles) and the rest come from a small set (tick values).
matplotlib's Agg renderer lays out and renders every glyph of every label at every draw
(FreeType layout, a font lookup per text, one render and one blend per glyph): about
half of a chart's draw. ``TextBitmapRenderer`` renders a label's glyphs once into one
grey bitmap, keyed by what decides its pixels (text, font, size, angle, antialiasing,
dpi), and then blends that bitmap in one call. A label is placed at a whole pixel (its
glyphs keep their sub-pixel spacing), so a cached label looks the same wherever it lands.
Mathtext goes through matplotlib unchanged. The font's height metrics (which
``Text._get_layout`` reads from the font's tables for every label) are kept too.

Imports matplotlib: import it only where charts are drawn.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
from matplotlib.backends import backend_agg
from matplotlib.font_manager import FontProperties, fontManager, get_font
from matplotlib.ft2font import RenderMode

#: matplotlib's Agg renderer has no type hints: one untyped handle instead of ignores.
_agg: Any = backend_agg

#: Labels kept per canvas before the cache starts again (a few hundred are in use).
MAX_BITMAPS = 4000

#: (bitmap, left, top): the label's glyphs, and where its top-left pixel sits relative
#: to the label's origin (x right, y up, as FreeType gives them).
Bitmap = tuple[np.ndarray, int, int]


def _font_key(prop: FontProperties) -> tuple[object, ...]:
    """What ``FontProperties.__hash__`` hashes, as a key that cannot collide."""
    return (
        tuple(prop.get_family()),
        prop.get_slant(),
        prop.get_variant(),
        prop.get_weight(),
        prop.get_stretch(),
        prop.get_size(),
        prop.get_file(),
        prop.get_math_fontfamily(),
    )


class TextBitmaps:
    """The bitmaps and font metrics one canvas has rendered (kept across its renderers)."""

    def __init__(self) -> None:
        self.bitmaps: dict[tuple[object, ...], Bitmap | None] = {}
        self.heights: dict[tuple[object, ...], tuple[float, float, float] | None] = {}
        #: Labels rendered (misses) and blended from the cache (hits): for the tests.
        self.rendered = 0
        self.reused = 0


class TextBitmapRenderer(_agg.RendererAgg):  # type: ignore[misc]
    """``RendererAgg`` whose plain text comes from ``TextBitmaps``."""

    def __init__(self, width: float, height: float, dpi: float, cache: TextBitmaps) -> None:
        super().__init__(width, height, dpi)
        self._cache = cache

    # Text._get_layout asks the renderer for these before reading the font's tables.
    def _get_font_height_metrics(
        self, prop: FontProperties
    ) -> tuple[float | None, float | None, float | None]:
        key = (_font_key(prop), self.dpi)
        if key not in self._cache.heights:
            self._cache.heights[key] = self._font_heights(prop)
        heights = self._cache.heights[key]
        return heights if heights is not None else (None, None, None)

    def _font_heights(self, prop: FontProperties) -> tuple[float, float, float] | None:
        """Ascent, descent and line gap in pixels, as ``Text._get_layout`` computes them."""
        font: Any = get_font(fontManager._find_fonts_by_props(prop))
        for table_name, gap, ascent, descent in (
            ("OS/2", "sTypoLineGap", "sTypoAscender", "sTypoDescender"),
            ("hhea", "lineGap", "ascent", "descent"),
        ):
            table = font.get_sfnt_table(table_name)
            if table is None:
                continue
            scale = (
                prop.get_size_in_points()
                * self.dpi
                / 72
                / font.get_sfnt_table("head")["unitsPerEm"]
            )
            return table[ascent] * scale, -table[descent] * scale, table[gap] * scale
        return None

    def draw_text(
        self,
        gc: Any,
        x: float,
        y: float,
        s: str,
        prop: FontProperties,
        angle: float,
        ismath: bool | str = False,
        mtext: Any = None,
    ) -> None:
        if ismath or (mtext is not None and (mtext.get_fontfeatures() or mtext.get_language())):
            super().draw_text(gc, x, y, s, prop, angle, ismath=ismath, mtext=mtext)
            return
        antialiased = bool(gc.get_antialiased())
        key = (s, _font_key(prop), float(angle), antialiased, self.dpi)
        cache = self._cache
        if key in cache.bitmaps:
            cache.reused += 1
        else:
            if len(cache.bitmaps) >= MAX_BITMAPS:
                cache.bitmaps.clear()
            cache.bitmaps[key] = self._render(s, prop, angle, antialiased)
            cache.rendered += 1
        found = cache.bitmaps[key]
        if found is None:  # nothing to draw (blank text)
            return
        image, left, top = found
        # Origin at a whole pixel; y below is downwards and names the bitmap's bottom row.
        ox, oy = round(x), round(self.height - y)
        bottom = int(self.height) - (oy + top) + image.shape[0]
        self._renderer.draw_text_image(image, ox + left, bottom, 0, gc)

    def _render(
        self, s: str, prop: FontProperties, angle: float, antialiased: bool
    ) -> Bitmap | None:
        """The label's glyphs rendered at origin (0, 0), as matplotlib places them."""
        font: Any = self._prepare_font(prop)
        flags = _agg.get_hinting_flag()
        items = font._layout(s, flags=flags, features=None, language=None)
        size = prop.get_size_in_points()
        cos, sin = math.cos(math.radians(angle)), math.sin(math.radians(angle))
        matrix = (0x10000 * np.array([[cos, -sin], [sin, cos]])).round().astype(int)
        mode = RenderMode.NORMAL if antialiased else RenderMode.MONO
        glyphs: list[tuple[np.ndarray, int, int]] = []
        for item in items:
            f: Any = item.ft_object
            dx, dy = item.x, item.y
            f.set_size(size, self.dpi)
            f._set_transform(
                matrix, [round(0x40 * (dx * cos - dy * sin)), round(0x40 * (dx * sin + dy * cos))]
            )
            bitmap = f._render_glyph(item.glyph_index, flags, mode)
            buffer = np.array(bitmap.buffer, dtype=np.uint8)
            if buffer.size == 0:
                continue
            if not antialiased:
                buffer *= 0xFF
            glyphs.append((buffer, int(bitmap.left), int(bitmap.top)))
        if not glyphs:
            return None
        left = min(g[1] for g in glyphs)
        top = max(g[2] for g in glyphs)
        right = max(g[1] + g[0].shape[1] for g in glyphs)
        bottom = min(g[2] - g[0].shape[0] for g in glyphs)
        image = np.zeros((top - bottom, right - left), dtype=np.uint8)
        for buffer, gl, gt in glyphs:
            row, col = top - gt, gl - left
            area = image[row : row + buffer.shape[0], col : col + buffer.shape[1]]
            np.maximum(area, buffer, out=area)
        return image, left, top
