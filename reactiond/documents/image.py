"""Text out of a picture: Pillow prepares it the way Tesseract reads best, Tesseract reads it.

Phone photos and screenshots differ from scans: they carry their orientation in EXIF, come in
any size (a 12-megapixel photo, a 600-pixel thumbnail), with shadows, blur and JPEG noise, and
sometimes sideways or upside down. So, in order:

1. header only first: more than `max_pixels` is refused before any pixel is decoded (a
   decompression bomb is a few kilobytes of PNG that decode to gigabytes);
2. JPEG `draft` decodes a big photo directly at a fraction of its size (less memory and time);
3. EXIF orientation applied, grayscale, scaled so that body text is ~20–40 px high (the long
   side brought into [_MIN_SIDE, _MAX_SIDE]), contrast stretched, speckle removed (median);
4. one Tesseract pass (LSTM, automatic page segmentation, Sauvola local threshold for uneven
   light; Tesseract deskews small rotations itself); when few words read confidently, the
   orientation is asked of Tesseract's OSD, or tried (180°, 90°, 270°) while the time budget
   lasts, and the best-scoring reading wins.

Blocking, CPU heavy; the caller runs one at a time off the event loop.
"""

from __future__ import annotations

import io
import itertools
import os
import re
import tempfile
import warnings
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

import pytesseract
from PIL import Image, ImageChops, ImageFilter, ImageOps, UnidentifiedImageError

from reactiond.documents.budget import Budget
from reactiond.documents.errors import DocumentError
from reactiond.documents.program import tesseract_command

__all__ = ["ocr_image", "open_image", "read_image"]

# One thread per tesseract: two cores are shared with the daemon (and a Pi has four slow
# ones); OpenMP threads in tesseract cost more than they gain on small pages.
os.environ.setdefault("OMP_THREAD_LIMIT", "1")

_FORMATS = ("JPEG", "PNG", "WEBP", "GIF", "TIFF", "BMP", "PPM")  # PPM: a PDF page from pdftoppm
_MIN_SIDE = 1000
_MAX_SIDE = 2400
_MAX_UPSCALE = 3.0
# "--psm 3": automatic layout (bills are columns and boxes); "thresholding_method=2": Sauvola,
# a local threshold that survives a shadow across a photo.
_CONFIG = "--oem 1 --psm 3 -c thresholding_method=2"
# "--psm 4": one column of rows. Automatic segmentation sometimes cuts a right-aligned
# figure at its decimal mark (a receipt's "£106." for "£106.14": the cents taken for
# noise); reading the page as rows keeps them, but loses figures elsewhere, so it is only
# the second reading of a page whose figures came out cut.
_ROWS_CONFIG = "--oem 1 --psm 4 -c thresholding_method=2"
_CUT_FIGURE = re.compile(r"^\D{0,3}\d+[.,:;]$")
_CUT_FIGURES = 2
_GOOD_CONF = 60.0
_GOOD_SHARE = 0.6  # below this share of confident words, the orientation is questioned
_MIN_GOOD_WORDS = 6
_ROTATE = re.compile(r"Rotate:\s*(\d+)")
_ORIENT_CONF = re.compile(r"Orientation confidence:\s*([\d.]+)")
_OSD_SURE = 1.5
_OSD_SIDE = 1600


def _not_installed(exc: BaseException) -> DocumentError:
    return DocumentError(
        "not_installed",
        f"Tesseract is not installed ({exc}): sudo apt-get install tesseract-ocr "
        "tesseract-ocr-spa tesseract-ocr-por tesseract-ocr-eng",
    )


def open_image(data: bytes, *, max_pixels: int) -> Image.Image:
    """Decode `data` into a grayscale image ready for OCR (steps 1–3 above)."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            opened = Image.open(io.BytesIO(data), formats=_FORMATS)
            w, h = opened.size
            if w * h > max_pixels or w <= 0 or h <= 0:
                raise DocumentError(
                    "too_large",
                    f"the picture is {w}x{h} pixels, more than the {max_pixels} allowed",
                )
            if opened.format == "JPEG":
                opened.draft("L", (_MAX_SIDE, _MAX_SIDE))  # decode at 1/2, 1/4, 1/8 size
            opened.seek(0)  # the first frame of a GIF or multi-page TIFF
            img: Image.Image = ImageOps.exif_transpose(opened)
            img.load()
    except DocumentError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise DocumentError("too_large", f"the picture decodes to too many pixels: {exc}") from exc
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError, EOFError) as exc:
        raise DocumentError(
            "unreadable", f"the picture could not be decoded ({type(exc).__name__})"
        ) from exc
    return prepare(img)


def prepare(img: Image.Image) -> Image.Image:
    """Grayscale, scaled, contrast stretched, speckles removed."""
    if img.mode in ("RGBA", "LA", "P"):
        # a transparent screenshot: text on transparency is text on white
        rgba = img.convert("RGBA")
        white = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        img = Image.alpha_composite(white, rgba)
    img = img.convert("L")
    long_side = max(img.size)
    if long_side > _MAX_SIDE:
        scale = _MAX_SIDE / long_side
    elif long_side < _MIN_SIDE:
        scale = min(_MIN_SIDE / long_side, _MAX_UPSCALE)
    else:
        scale = 1.0
    if scale != 1.0:
        size = (max(1, round(img.width * scale)), max(1, round(img.height * scale)))
        img = img.resize(size, Image.Resampling.LANCZOS if scale > 1 else Image.Resampling.BOX)
    img = ImageOps.autocontrast(img, cutoff=1)
    img = img.filter(ImageFilter.MedianFilter(3))
    angle = _skew(img)
    if angle:
        img = img.rotate(angle, expand=True, fillcolor=255, resample=Image.Resampling.BICUBIC)
    return _without_rules(img)


_RULE_RUN = 64  # pixels: longer straight runs of ink than any letter's stroke at this scale
_RULE_INK = 150
_RULE_FULL = 245  # a block this dark (of 255) is all ink: part of a rule
_RULE_SOLID = 128  # a square block this dark is a filled area, not a thin rule


def _without_rules(img: Image.Image) -> Image.Image:
    """The picture with its ruled lines (table borders, boxes) painted white. Tesseract
    drops text that touches a box's border (a boleto's "R$ 187,45" beside its frame) and
    takes the rules for characters ("|", "—"). A rule is a thin run of ink longer than
    `_RULE_RUN` pixels: averaging blocks of that length along one axis keeps only rules at
    full darkness, letters (shorter) fade; a solid area (a brand's colour band with white
    letters in it) is dark in both directions and is kept. A few resizes: ~20 ms."""
    w, h = img.size
    ink = img.point(lambda v: 255 if v < _RULE_INK else 0)
    cols, rows = max(1, w // _RULE_RUN), max(1, h // _RULE_RUN)
    solid = (
        ink.resize((cols, rows), Image.Resampling.BOX)
        .point(lambda v: 255 if v >= _RULE_SOLID else 0)
        .filter(ImageFilter.MaxFilter(3))
        .resize((w, h), Image.Resampling.NEAREST)
    )
    rules = None
    for size in ((w, rows), (cols, h)):  # vertical rules, then horizontal ones
        mask = (
            ink.resize(size, Image.Resampling.BOX)
            .point(lambda v: 255 if v >= _RULE_FULL else 0)
            .filter(ImageFilter.MaxFilter(5))  # the rule's blurred edges too
            .resize((w, h), Image.Resampling.NEAREST)
        )
        rules = mask if rules is None else ImageChops.lighter(rules, mask)
    assert rules is not None
    return ImageChops.lighter(img, ImageChops.subtract(rules, solid))


_SKEW_WIDTH = 500
_SKEW_COARSE = tuple(float(x) for x in range(-6, 7))  # ±6° by degrees, then ±0.75° by quarters
_SKEW_FINE = (-0.75, -0.5, -0.25, 0.25, 0.5, 0.75)


def _skew(img: Image.Image) -> float:
    """The small rotation that makes the text's rows level: the angle whose row profile is
    the sharpest (rows of text and white gaps alternate most). Tesseract reads a skewed
    picture well enough, but its lines then drift across the page, and a label would lose
    the figure printed at its right. A 500-pixel thumbnail is turned 19 times: a few ms each."""
    scale = _SKEW_WIDTH / img.width
    small = img.resize((_SKEW_WIDTH, max(1, round(img.height * scale))), Image.Resampling.BOX)
    ink = small.point(lambda v: 255 if v < 160 else 0)  # text as light on black

    def sharpness(angle: float) -> float:
        turned = ink.rotate(angle, resample=Image.Resampling.NEAREST, fillcolor=0)
        profile: list[int] = list(turned.resize((1, turned.height), Image.Resampling.BOX).tobytes())
        return float(sum((b - a) ** 2 for a, b in itertools.pairwise(profile)))

    def key(angle: float) -> tuple[float, float]:
        return (sharpness(angle), -abs(angle))

    coarse = max(_SKEW_COARSE, key=key)
    best = max((coarse, *(coarse + d for d in _SKEW_FINE)), key=key)
    return best if abs(best) >= 0.25 else 0.0


@dataclass(frozen=True)
class _Reading:
    text: str
    good: int  # words read with confidence
    words: int
    sideways: bool  # most long words are taller than wide: Tesseract read the page turned
    cut: int = 0  # figures ending at their decimal mark ("£20."): cents lost

    @property
    def sure(self) -> bool:
        return (
            not self.sideways
            and self.good >= _MIN_GOOD_WORDS
            and self.good >= _GOOD_SHARE * self.words
        )


@contextmanager
def _as_file(img: Image.Image) -> Iterator[str]:
    """`img` as an uncompressed PGM file for Tesseract: pytesseract would write a PNG, and
    compressing a noisy photo costs more than a third of the OCR itself."""
    with tempfile.TemporaryDirectory(prefix="reactiond-ocr-") as tmp:
        path = os.path.join(tmp, "page.pgm")
        img.convert("L").save(path, "PPM")
        yield path


def _call_tesseract() -> None:
    """Name the program for pytesseract, and let each Tesseract use one thread unless the
    operator chose otherwise (OMP_THREAD_LIMIT set): Debian's build spreads one picture over
    every core with OpenMP, whose threads spin while they wait. Measured here on 2 cores,
    one thread read the same pictures in ~40 % less wall time and half the CPU (0.55 s
    against 1.3 s user+sys a picture) and leaves the other core to the daemon."""
    pytesseract.pytesseract.tesseract_cmd = tesseract_command()
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")


def _tesseract(img: Image.Image, lang: str, budget: Budget, config: str = _CONFIG) -> _Reading:
    _call_tesseract()
    try:
        with _as_file(img) as path:
            data = pytesseract.image_to_data(
                path,
                lang=lang,
                config=config,
                timeout=budget.step(),
                output_type=pytesseract.Output.DICT,
            )
    except RuntimeError as exc:  # pytesseract's "Tesseract process timeout"
        if "timeout" in str(exc).lower():
            raise DocumentError("timed_out", "Tesseract took longer than its time limit") from exc
        raise DocumentError("unreadable", f"Tesseract failed: {exc}") from exc
    except pytesseract.TesseractNotFoundError as exc:
        raise _not_installed(exc) from exc
    except pytesseract.TesseractError as exc:
        raise DocumentError("unreadable", f"Tesseract failed: {exc.message}") from exc
    lines: dict[tuple[int, int, int], _Line] = {}
    good = words = 0
    for i, text in enumerate(data["text"]):
        text = text.strip()
        if not text:
            continue
        key = (data["block_num"][i], data["par_num"][i], data["line_num"][i])
        top, left = data["top"][i], data["left"][i]
        word = _Word(text, left, left + data["width"][i], top, top + data["height"][i])
        line = lines.get(key)
        if line is None:
            lines[key] = _Line([word])
        else:
            line.words.append(word)
        if sum(ch.isalnum() for ch in text) >= 2:
            words += 1
            if float(data["conf"][i]) >= _GOOD_CONF:
                good += 1
    tall = [w.bottom - w.top > w.right - w.left for ln in lines.values() for w in ln.words
            if len(w.text) >= 4]  # fmt: skip
    sideways = sum(tall) * 2 > len(tall)
    cut = sum(1 for ln in lines.values() if _CUT_FIGURE.match(ln.words[-1].text))
    return _Reading(_layout(list(lines.values())), good, words, sideways, cut)


@dataclass(frozen=True)
class _Word:
    text: str
    left: int
    right: int
    top: int
    bottom: int


@dataclass
class _Line:
    words: list[_Word]

    @property
    def top(self) -> int:
        return min(w.top for w in self.words)

    @property
    def bottom(self) -> int:
        return max(w.bottom for w in self.words)

    @property
    def middle(self) -> float:
        return (self.top + self.bottom) / 2


_NEAR = 1.5  # a gap under this many word heights is a space inside a phrase, not a column


def _layout(lines: list[_Line]) -> str:
    """The page as text laid out like `pdftotext -layout`: Tesseract's lines put back into
    the rows of the page (a label in one block and its figure in another are one row when
    they sit at the same height), each word at the column of its place on the page. The
    bill parser reads a label's figure at its right, or below it in its column. Works on a
    deskewed picture (see `prepare`)."""
    rows: list[list[_Line]] = []
    for line in sorted(lines, key=lambda ln: (ln.middle, ln.words[0].left)):
        for row in reversed(rows[-4:]):  # only the last few rows can still be level with it
            first = row[0]
            if first.top <= line.middle <= first.bottom or line.top <= first.middle <= line.bottom:
                row.append(line)
                break
        else:
            rows.append([line])
    widths = sorted((w.right - w.left) / len(w.text) for ln in lines for w in ln.words)
    char = max(widths[len(widths) // 2], 1.0) if widths else 1.0
    out: list[str] = []
    for row in rows:
        text = ""
        placed = sorted((w for ln in row for w in ln.words), key=lambda w: w.left)
        for prev, word in zip([None, *placed], placed, strict=False):
            column = round(word.left / char)
            if prev is not None and word.left - prev.right < _NEAR * (prev.bottom - prev.top):
                column = len(text) + 1  # a space inside a phrase ("$54." "08")
            text += " " * max(column - len(text), 1 if text else 0) + word.text
        out.append(text)
    return "\n".join(out)


def _osd_rotation(img: Image.Image, budget: Budget) -> int | None:
    """Degrees to turn the picture clockwise so its text stands upright, when OSD is sure."""
    if max(img.size) > _OSD_SIDE:  # orientation needs letters, not detail: half the time
        img = img.copy()
        img.thumbnail((_OSD_SIDE, _OSD_SIDE), Image.Resampling.BOX)
    _call_tesseract()
    try:
        with _as_file(img) as path:
            out = pytesseract.image_to_osd(path, config="--psm 0", timeout=budget.step())
    except (pytesseract.TesseractError, RuntimeError):
        return None  # too little text for OSD, or no osd data: the caller tries turns
    rotate, conf = _ROTATE.search(out), _ORIENT_CONF.search(out)
    if rotate is None or conf is None or float(conf.group(1)) < _OSD_SURE:
        return None
    return int(rotate.group(1)) % 360


def _turned(img: Image.Image, clockwise: int) -> Image.Image:
    # PIL rotates counter-clockwise
    return img.rotate(-clockwise, expand=True, fillcolor=255)


def ocr_image(img: Image.Image, *, languages: Sequence[str], budget: Budget) -> str:
    """The text of a prepared image (step 4 above).

    The first reading is in `languages[0]` alone, the language the document most likely
    speaks (its sender's): each language Tesseract is given is one more model run over
    every line (spa+por+eng read the bill corpus in 1.7x the time of one). Figures, dates
    and the Latin alphabet read the same in any of them, so a picture that reads clearly
    in one is done; one that does not (poor, turned, or in another language) is read
    with every language from then on."""
    first = languages[0]
    best = _tesseract(img, first, budget)
    if best.sure:
        return _rows_if_cut(img, first, best, budget)
    if not budget.enough():
        return best.text
    lang = "+".join(languages)
    rotation = _osd_rotation(img, budget) if budget.enough() else None
    if rotation in (0, None) and len(languages) > 1 and budget.enough():
        # upright, or OSD cannot tell: the other languages may be what was missing
        try:
            upright = _tesseract(img, lang, budget)
        except DocumentError as exc:
            if exc.reason != "timed_out":
                raise
        else:
            if (not upright.sideways, upright.good) >= (not best.sideways, best.good):
                best = upright
        if best.sure:
            return _rows_if_cut(img, lang, best, budget)
    if rotation == 0:
        return best.text  # upright for sure: the picture is poor, not turned
    turns = [rotation] if rotation is not None else []
    turns += [t for t in (180, 90, 270) if t not in turns]  # OSD can be wrong on a strip
    for turn in turns:
        if best.sure:
            break
        if not budget.enough():
            break
        try:
            reading = _tesseract(_turned(img, turn), lang, budget)
        except DocumentError as exc:
            if exc.reason == "timed_out":
                break  # keep the best reading so far
            raise
        if (not reading.sideways, reading.good) > (not best.sideways, best.good):
            best = reading
    return best.text


def _rows_if_cut(img: Image.Image, lang: str, best: _Reading, budget: Budget) -> str:
    """The text of a clear reading, read again as rows when its figures came out cut."""
    if best.cut < _CUT_FIGURES or not budget.enough():
        return best.text
    try:
        rows = _tesseract(img, lang, budget, _ROWS_CONFIG)
    except DocumentError as exc:
        if exc.reason != "timed_out":
            raise
        return best.text
    if rows.cut < best.cut and rows.good >= best.good * _GOOD_SHARE:
        return rows.text
    return best.text


def read_image(data: bytes, *, languages: Sequence[str], budget: Budget, max_pixels: int) -> str:
    return ocr_image(open_image(data, max_pixels=max_pixels), languages=languages, budget=budget)
