"""A labelled set of bill documents, generated: the proof of issue 23.

Each `BillCase` holds the known values (vendor, amount, currency, due) and the lines of a
layout in one of five templates — a utility bill, a phone bill, an invoice, a bank app's
payment screen, a receipt — in Spanish, English or Portuguese, with decoys a reader must not
take: the customer's name, a previous balance, consumption, taxes listed apart, account
numbers, an issue date and a billing period. `render_png` draws it with Debian's DejaVu fonts;
`degrade` turns it (small skew, 90°, 180°), blurs it, adds noise and JPEG compression at a
strength; `render_pdf` writes it with reportlab as a text PDF or a scanned (image-only) PDF.

Everything is seeded: case `i` of a seed is always the same document, byte for byte.
"""

from __future__ import annotations

import io
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from statistics import NormalDist
from typing import Literal

from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageFont

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
Template = Literal["utility", "phone", "invoice", "bank", "receipt"]
TEMPLATES: tuple[Template, ...] = ("utility", "phone", "invoice", "bank", "receipt")
Strength = Literal["clean", "light", "moderate", "strong"]


@dataclass(frozen=True)
class Locale:
    lang: str
    tz: str
    currency: str
    vendors: tuple[str, ...]
    customers: tuple[str, ...]
    money: Callable[[Decimal], str]
    day: Callable[[date, random.Random], str]


def _group(value: Decimal, thousands: str, decimal: str) -> str:
    whole, cents = f"{value:.2f}".split(".")
    parts = []
    while len(whole) > 3:
        parts.insert(0, whole[-3:])
        whole = whole[:-3]
    parts.insert(0, whole)
    return thousands.join(parts) + decimal + cents


_ES_MONTHS = ("ENE", "FEB", "MAR", "ABR", "MAY", "JUN", "JUL", "AGO", "SEP", "OCT", "NOV", "DIC")
_PT_MONTHS = ("janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho", "agosto",
              "setembro", "outubro", "novembro", "dezembro")  # fmt: skip
_EN_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
              "September", "October", "November", "December")  # fmt: skip


def _es_day(d: date, rng: random.Random) -> str:
    return rng.choice((f"{d:%d/%m/%Y}", f"{d.day:02d} {_ES_MONTHS[d.month - 1]} {d.year}"))


def _pt_day(d: date, rng: random.Random) -> str:
    return rng.choice((f"{d:%d/%m/%Y}", f"{d.day} de {_PT_MONTHS[d.month - 1]} de {d.year}"))


def _us_day(d: date, rng: random.Random) -> str:
    return rng.choice((f"{_EN_MONTHS[d.month - 1][:3]} {d.day}, {d.year}", f"{d:%m/%d/%Y}"))


def _uk_day(d: date, rng: random.Random) -> str:
    return rng.choice((f"{d.day} {_EN_MONTHS[d.month - 1]} {d.year}", f"{d:%d/%m/%Y}"))


LOCALES: tuple[Locale, ...] = (
    Locale("es", "Europe/Madrid", "EUR",
           ("Iberdrola", "Endesa", "Aguas de Valencia", "Movistar", "Naturgy", "Vodafone",
            "Electra Norte", "Canal de Isabel II"),
           ("Juan Pérez Gómez", "María López", "Carmen Ruiz Díaz"),
           lambda v: f"{_group(v, '.', ',')} €", _es_day),
    Locale("es", "America/Mexico_City", "MXN",
           ("CFE", "Telmex", "Telcel", "Agua de Puebla", "Izzi", "Gas Natural del Norte"),
           ("José Hernández", "Ana Martínez", "Luis García Soto"),
           lambda v: f"${_group(v, ',', '.')}", _es_day),
    Locale("pt", "America/Sao_Paulo", "BRL",
           ("CEMIG", "Sabesp", "Vivo", "Enel", "Claro", "Comgás", "Águas do Sul"),
           ("Maria da Silva", "João Souza", "Ana Paula Costa"),
           lambda v: f"R$ {_group(v, '.', ',')}", _pt_day),
    Locale("pt", "Europe/Lisbon", "EUR",
           ("EDP", "MEO", "EPAL", "Galp", "Águas do Porto"),
           ("Rui Almeida", "Sofia Martins"),
           lambda v: f"{_group(v, '.', ',')} €", _pt_day),
    Locale("en", "America/New_York", "USD",
           ("Comcast", "Con Edison", "Verizon", "Acme Water", "Riverside Power", "Spectrum"),
           ("John Smith", "Emily Johnson", "Michael Brown"),
           lambda v: f"${_group(v, ',', '.')}", _us_day),
    Locale("en", "Europe/London", "GBP",
           ("Thames Water", "Octopus Energy", "British Gas", "Northfield Council", "Virgin Media"),
           ("Oliver Jones", "Amelia Taylor"),
           lambda v: f"£{_group(v, ',', '.')}", _uk_day),
)  # fmt: skip

# Words per language: the labels a real bill prints, several of each, so the parser's
# grammar (not one phrase) is what is measured.
WORDS: dict[str, dict[str, tuple[str, ...]]] = {
    "es": {
        "due_amount": ("Total a pagar", "Importe a pagar", "TOTAL A PAGAR", "Importe total"),
        "due_date": (
            "Fecha límite de pago", "Vencimiento", "Pagar antes de", "Fecha de vencimiento",
        ),
        "issue": ("Fecha de emisión",), "period": ("Periodo de facturación",),
        "customer": ("Cliente", "Titular"), "contract": ("Nº de contrato", "Nº de cliente"),
        "consumption": ("Consumo",), "previous": ("Saldo anterior",), "paid": ("Pago recibido",),
        "tax": ("IVA 21%", "IVA 16%"), "subtotal": ("Subtotal", "Base imponible"),
        "invoice": ("FACTURA", "Factura"), "receipt": ("TICKET DE COMPRA",),
        "bank_title": ("Pago de servicios", "Confirmar pago"), "payee": ("Pagar a", "Empresa"),
        "bank_amount": ("Importe", "Monto"), "phone_line": ("Línea",), "plan": ("Plan mensual",),
        "data": ("Datos usados",), "items": ("Descripción", "Cant.", "Precio", "Total"),
        "thanks": ("Gracias por su compra",), "total": ("TOTAL",),
    },
    "en": {
        "due_amount": ("Amount due", "Total due", "AMOUNT DUE", "Total amount due"),
        "due_date": ("Due date", "Pay by", "Payment due", "Please pay by"),
        "issue": ("Statement date", "Invoice date"), "period": ("Billing period",),
        "customer": ("Customer", "Bill to", "Account holder"),
        "contract": ("Account number", "Account no."),
        "consumption": ("Usage",), "previous": ("Previous balance",),
        "paid": ("Payment received",), "tax": ("Sales tax", "VAT 20%"),
        "subtotal": ("Subtotal",), "invoice": ("INVOICE", "Invoice"), "receipt": ("RECEIPT",),
        "bank_title": ("Pay a bill", "Review payment"), "payee": ("Payee", "Pay to"),
        "bank_amount": ("Amount",), "phone_line": ("Line",), "plan": ("Monthly plan",),
        "data": ("Data used",), "items": ("Description", "Qty", "Price", "Total"),
        "thanks": ("Thank you for shopping",), "total": ("TOTAL",),
    },
    "pt": {
        "due_amount": ("Valor a pagar", "Total a pagar", "VALOR A PAGAR", "Valor do documento"),
        "due_date": ("Vencimento", "Data de vencimento", "Pagar até"),
        "issue": ("Data de emissão",), "period": ("Período de consumo", "Mês de referência"),
        "customer": ("Cliente", "Titular"), "contract": ("Nº da instalação", "Código do cliente"),
        "consumption": ("Consumo do mês", "Consumo"), "previous": ("Saldo anterior",),
        "paid": ("Pagamento anterior",), "tax": ("ICMS", "IVA 23%"),
        "subtotal": ("Subtotal",), "invoice": ("FATURA", "Nota Fiscal"), "receipt": ("CUPOM",),
        "bank_title": ("Pagamento de conta", "Confirmar pagamento"),
        "payee": ("Beneficiário", "Pagar para"), "bank_amount": ("Valor",),
        "phone_line": ("Linha",), "plan": ("Plano mensal",), "data": ("Dados usados",),
        "items": ("Descrição", "Qtd", "Preço", "Total"), "thanks": ("Obrigado pela preferência",),
        "total": ("TOTAL",),
    },
}  # fmt: skip
BANKS = ("Nubank", "BBVA", "Banco Azul", "Chase")


@dataclass(frozen=True)
class Row:
    """One printed row: a left text and, optionally, a right-aligned text; `size` is a
    relative font size, `bold` for headings."""

    left: str
    right: str = ""
    size: float = 1.0
    bold: bool = False


@dataclass(frozen=True)
class BillCase:
    id: str
    template: Template
    locale: Locale
    vendor: str
    amount: Decimal
    due: date | None
    rows: tuple[Row, ...] = field(repr=False)
    width: int = 1240
    mono: bool = False

    @property
    def currency(self) -> str:
        return self.locale.currency


NOW_DATE = date(2026, 12, 20)


def _amount(rng: random.Random, low: int, high: int) -> Decimal:
    return Decimal(rng.randrange(low * 100, high * 100)) / 100


def _other(rng: random.Random, value: Decimal) -> Decimal:
    """A decoy figure that differs from `value`."""
    while True:
        x = _amount(rng, 5, 400)
        if x != value:
            return x


def make_case(i: int, *, seed: int = 23, template: Template | None = None) -> BillCase:
    rng = random.Random(seed * 100_003 + i)
    loc = LOCALES[i % len(LOCALES)]
    tpl = template or TEMPLATES[(i // len(LOCALES)) % len(TEMPLATES)]
    w = WORDS[loc.lang]
    vendor = rng.choice(loc.vendors)
    amount = _amount(rng, 12, 2500)
    due = NOW_DATE + timedelta(days=rng.randrange(5, 40))
    if loc.tz == "America/New_York" and due.day <= 12:
        due = due.replace(day=due.day + 12)  # "01/05/2027" would be a guess by design
    money, day, pick = loc.money, loc.day, rng.choice
    issued = NOW_DATE - timedelta(days=rng.randrange(1, 10))
    start = issued - timedelta(days=30)
    customer = pick(loc.customers)
    account = str(rng.randrange(10**8, 10**9))
    legal = {"es": " S.A.", "pt": " S.A.", "en": " Inc."}[loc.lang] if rng.random() < 0.4 else ""
    rows: list[Row] = []
    width, mono = 1240, False
    if tpl == "utility":
        units = f"{rng.randrange(80, 900)} kWh"
        rows = [
            Row(vendor + legal, size=1.6, bold=True),
            Row(pick(w["invoice"]) + f" {rng.randrange(1000, 99999)}"),
            Row(""),
            Row(f"{pick(w['customer'])}: {customer}"),
            Row(f"{pick(w['contract'])}: {account}"),
            Row(pick(w["issue"]), day(issued, rng)),
            Row(pick(w["period"]), f"{day(start, rng)} - {day(issued, rng)}"),
            Row(""),
            Row(pick(w["consumption"]), units),
            Row(pick(w["previous"]), money(_other(rng, amount))),
            Row(pick(w["paid"]), money(_other(rng, amount))),
            Row(pick(w["tax"]), money(_other(rng, amount))),
            Row(pick(w["due_amount"]), money(amount), size=1.2, bold=True),
            Row(pick(w["due_date"]), day(due, rng), bold=True),
        ]
    elif tpl == "phone":
        rows = [
            Row(vendor, size=1.8, bold=True),
            Row(f"{pick(w['customer'])}: {customer}"),
            Row(f"{pick(w['phone_line'])}: {rng.randrange(600, 699)} {rng.randrange(100, 999)} "
                f"{rng.randrange(100, 999)}"),
            Row(pick(w["plan"]), money(_other(rng, amount))),
            Row(pick(w["data"]), f"{rng.randrange(2, 60)} GB"),
            Row(""),
            # a header row with its values below, as phone bills print their summary
            Row(f"{pick(w['issue'])}    {pick(w['due_date'])}", pick(w["due_amount"]), bold=True),
            Row(f"{day(issued, rng)}            {day(due, rng)}", money(amount)),
        ]  # fmt: skip
    elif tpl == "invoice":
        items = [_amount(rng, 5, 300) for _ in range(rng.randrange(2, 4))]
        subtotal = sum(items, Decimal(0))
        tax = (subtotal * Decimal("0.2")).quantize(Decimal("0.01"))
        amount = subtotal + tax
        a, b, c, d = w["items"]
        rows = [
            Row(pick(w["invoice"]) + f" #{rng.randrange(100, 9999)}", size=1.3, bold=True),
            Row(vendor + legal, size=1.4, bold=True),
            Row(f"{pick(w['customer'])}: {customer}"),
            Row(pick(w["issue"]), day(issued, rng)),
            Row(""),
            Row(f"{a}          {b}     {c}", d, bold=True),
        ]
        for k, v in enumerate(items, start=1):
            rows.append(Row(f"Item {k}          1     {money(v)}", money(v)))
        rows += [
            Row(pick(w["subtotal"]), money(subtotal)),
            Row(pick(w["tax"]), money(tax)),
            Row(pick(w["due_amount"]), money(amount), size=1.2, bold=True),
            Row(pick(w["due_date"]), day(due, rng)),
        ]
    elif tpl == "bank":
        width = 900
        rows = [
            Row(f"{rng.randrange(7, 23)}:{rng.randrange(10, 59)}", "5G 87%", size=0.8),
            Row(pick(BANKS), size=1.3, bold=True),
            Row(pick(w["bank_title"]), size=1.2),
            Row(""),
            Row(f"{pick(w['payee'])}: {vendor}", size=1.1),
            Row(f"{pick(w['contract'])}: {account}"),
            Row(f"{pick(w['bank_amount'])}: {money(amount)}", size=1.3, bold=True),
            Row(f"{pick(w['due_date'])}: {day(due, rng)}"),
        ]
    else:  # receipt: no due date; the total among items, change and tax
        width, mono = 700, True
        items = [_amount(rng, 1, 60) for _ in range(rng.randrange(3, 6))]
        amount = sum(items, Decimal(0))
        paid_cash = (amount + 20).quantize(Decimal("1"))
        due = None
        rows = [Row(vendor, size=1.4, bold=True), Row(pick(w["receipt"])), Row(day(issued, rng))]
        rows += [Row(f"Item {k}", money(v)) for k, v in enumerate(items, start=1)]
        rows += [
            Row(pick(w["total"]), money(amount), bold=True),
            Row(pick(w["tax"]), money((amount * Decimal("0.16")).quantize(Decimal("0.01")))),
            Row(pick(w["thanks"])),
        ]
        _ = paid_cash
    return BillCase(f"{tpl}-{loc.lang}-{loc.tz.split('/')[-1]}-{i}", tpl, loc, vendor, amount,
                    due, tuple(rows), width, mono)  # fmt: skip


# ------------------------------------------------------------------ rendering
def _font(size: int, bold: bool, mono: bool) -> ImageFont.FreeTypeFont:
    name = ("DejaVuSansMono" if mono else "DejaVuSans") + ("-Bold" if bold else "") + ".ttf"
    return ImageFont.truetype(str(FONT_DIR / name), size)


def render_image(case: BillCase, *, scale: float = 1.0) -> Image.Image:
    """The document as a clean picture (white page, black text); `scale` 3 is a page as a
    12-megapixel phone camera sees it."""
    base = round(30 * scale)
    margin = round(60 * scale)
    line_h = int(base * 1.9)
    height = margin * 2 + sum(int(line_h * r.size) for r in case.rows)
    width = round(case.width * scale)
    img = Image.new("L", (width, max(height, round(400 * scale))), 255)
    draw = ImageDraw.Draw(img)
    y = margin
    for r in case.rows:
        f = _font(int(base * r.size), r.bold, case.mono)
        draw.text((margin, y), r.left, font=f, fill=0)
        if r.right:
            w = draw.textlength(r.right, font=f)
            draw.text((width - margin - w, y), r.right, font=f, fill=0)
        y += int(line_h * r.size)
    return img


STRENGTHS: dict[Strength, dict[str, float]] = {
    "clean": {"skew": 0.0, "blur": 0.0, "noise": 0.0, "quality": 95},
    "light": {"skew": 1.0, "blur": 0.4, "noise": 6.0, "quality": 75},
    "moderate": {"skew": 2.5, "blur": 0.8, "noise": 12.0, "quality": 50},
    "strong": {"skew": 5.0, "blur": 1.3, "noise": 22.0, "quality": 30},
}


def degrade(img: Image.Image, strength: Strength, rng: random.Random, *, turn: int = 0) -> bytes:
    """`img` photographed badly: skewed by up to the strength's degrees, turned `turn`
    degrees (0, 90, 180, 270), blurred, noisy, JPEG-compressed; JPEG bytes."""
    s = STRENGTHS[strength]
    out = img.convert("L")
    if s["skew"]:
        angle = rng.uniform(-s["skew"], s["skew"])
        out = out.rotate(angle, expand=True, fillcolor=235, resample=Image.Resampling.BICUBIC)
    if turn:
        out = out.rotate(turn, expand=True)
    if s["blur"]:
        out = out.filter(ImageFilter.GaussianBlur(s["blur"]))
    if s["noise"]:
        # Pillow's noise is seeded by nothing: draw it from `rng` instead (reproducible)
        out = _add_noise(out, _noise(out.size, s["noise"], rng))
    buf = io.BytesIO()
    out.save(buf, "JPEG", quality=int(s["quality"]))
    return buf.getvalue()


def _noise(size: tuple[int, int], sigma: float, rng: random.Random) -> Image.Image:
    """Gaussian noise centred on 128, seeded by `rng` (Pillow's own is not): uniform bytes
    mapped through the normal quantiles, drawn on a half-size grid and scaled up (fast, and
    grainy like a phone sensor's)."""
    w, h = max(1, size[0] // 2), max(1, size[1] // 2)
    normal = NormalDist(128, sigma)
    table = [max(0, min(255, round(normal.inv_cdf((k + 0.5) / 256)))) for k in range(256)]
    grain = Image.frombytes("L", (w, h), rng.randbytes(w * h)).point(table)
    return grain.resize(size, Image.Resampling.NEAREST)


def _add_noise(img: Image.Image, noise: Image.Image) -> Image.Image:
    return ImageChops.add(img, noise, scale=1.0, offset=-128)  # img + (noise - 128)


def png_bytes(img: Image.Image) -> bytes:
    buf = io.BytesIO()
    img.save(buf, "PNG")
    return buf.getvalue()


def render_pdf(case: BillCase, *, scanned: bool = False) -> bytes:
    """The document as a PDF: with a text layer, or `scanned` (one picture per page)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    pdf = canvas.Canvas(buf, pagesize=A4, invariant=True)  # invariant: same bytes every run
    width, height = A4
    if scanned:
        rng = random.Random(case.id)
        img = Image.open(io.BytesIO(degrade(render_image(case), "light", rng)))
        scale = min((width - 60) / img.width, (height - 60) / img.height)
        pdf.drawImage(ImageReader(img), 30, height - 30 - img.height * scale,
                      img.width * scale, img.height * scale)  # fmt: skip
    else:
        for name, file in (("DV", "DejaVuSans.ttf"), ("DVB", "DejaVuSans-Bold.ttf")):
            if name not in pdfmetrics.getRegisteredFontNames():
                pdfmetrics.registerFont(TTFont(name, str(FONT_DIR / file)))
        y = height - 60
        for r in case.rows:
            size = 10 * r.size
            pdf.setFont("DVB" if r.bold else "DV", size)
            pdf.drawString(50, y, r.left)
            if r.right:
                pdf.drawRightString(width - 50, y, r.right)
            y -= size * 1.8
    pdf.showPage()
    pdf.save()
    return buf.getvalue()
