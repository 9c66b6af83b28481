"""Hand-made bill layouts, closer to real ones than the generated corpus: colour bands with
white text, boxes, two columns, small print, long payment codes. Kept as source (drawn with
Pillow at test time), not as binaries. Names and numbers are invented."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from PIL import Image, ImageDraw, ImageFont

from tests.unit.documents.corpus import FONT_DIR


def _f(size: int, bold: bool = False) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(FONT_DIR / f"DejaVuSans{'-Bold' if bold else ''}.ttf"), size)


@dataclass(frozen=True)
class Handmade:
    id: str
    tz: str
    vendor: str
    amount: Decimal
    currency: str
    due: date | None
    draw: Callable[[], Image.Image]


def _right(d: ImageDraw.ImageDraw, x: int, y: int, text: str, font: ImageFont.FreeTypeFont,
           fill: int | tuple[int, int, int] = 0) -> None:  # fmt: skip
    d.text((x - d.textlength(text, font=font), y), text, font=font, fill=fill)


def spanish_electricity() -> Image.Image:
    """A Spanish electricity bill: a brand band, the customer block on the left, the
    summary box on the right, consumption and taxes in a table, small print at the foot."""
    img = Image.new("RGB", (1240, 1600), "white")
    d = ImageDraw.Draw(img)
    d.rectangle((0, 0, 1240, 150), fill=(0, 110, 60))
    d.text((60, 40), "Luzverde Energía", font=_f(60, True), fill="white")
    d.text((60, 190), "Factura de electricidad", font=_f(34, True), fill=(0, 110, 60))
    d.text((60, 240), "Nº factura: FE26-0048213", font=_f(24))
    y = 320
    for line in ("Titular: Carmen Ruiz Díaz", "C/ del Olmo 14, 3º B", "28013 Madrid",
                 "CUPS: ES0031405678901234AB"):  # fmt: skip
        d.text((60, y), line, font=_f(26), fill=0)
        y += 40
    d.rectangle((700, 300, 1180, 560), outline=(0, 110, 60), width=4)
    d.text((730, 320), "Resumen", font=_f(30, True), fill=0)
    d.text((730, 380), "Total a pagar", font=_f(30), fill=0)
    _right(d, 1160, 420, "63,47 €", _f(48, True))
    d.text((730, 490), "Cargo en cuenta: 08/01/2027", font=_f(24), fill=0)
    y = 640
    d.text((60, y), "Detalle", font=_f(30, True), fill=0)
    y += 60
    for left, right in (
        ("Periodo de facturación: 01/11/2026 - 30/11/2026", ""),
        ("Consumo electricidad  214 kWh", "38,52 €"),
        ("Potencia contratada 3,45 kW x 30 días", "11,20 €"),
        ("Saldo anterior", "70,10 €"),
        ("Impuesto sobre la electricidad", "2,54 €"),
        ("IVA 21%", "11,01 €"),
    ):
        d.text((60, y), left, font=_f(26), fill=0)
        if right:
            _right(d, 1180, y, right, _f(26))
        y += 48
    d.text((60, y + 40), "Fecha límite de pago: 08/01/2027", font=_f(30, True), fill=0)
    d.text((60, 1500), "Luzverde Energía S.L.U. · CIF B12345678 · www.luzverde.example",
           font=_f(18), fill=90)  # fmt: skip
    return img


def brazilian_boleto() -> Image.Image:
    """A Brazilian boleto: the payee (Beneficiário) and the payer (Pagador) both printed,
    the due date and document value in boxes, the long typeable line on top."""
    img = Image.new("RGB", (1400, 800), "white")
    d = ImageDraw.Draw(img)
    d.text((40, 30), "Banco Exemplo | 999-9 |", font=_f(30, True), fill=0)
    d.text((520, 36), "99990.00009 12345.678901 23456.789012 3 98760000018745",
           font=_f(24), fill=0)  # fmt: skip
    d.line((40, 90, 1360, 90), fill=0, width=3)
    boxes = [
        ((40, 100, 1000, 190), "Beneficiário", "Águas Claras Saneamento S.A."),
        ((1000, 100, 1360, 190), "Vencimento", "15/01/2027"),
        ((40, 190, 1000, 280), "Local de pagamento", "Pagável em qualquer banco"),
        ((1000, 190, 1360, 280), "Valor do documento", "R$ 187,45"),
        ((40, 280, 1000, 370), "Pagador", "Maria da Silva - CPF 123.456.789-00"),
        ((1000, 280, 1360, 370), "(-) Desconto", ""),
        ((40, 370, 1000, 460), "Data do documento", "20/12/2026"),
        ((1000, 370, 1360, 460), "(+) Multa", ""),
    ]
    for (x0, y0, x1, y1), label, value in boxes:
        d.rectangle((x0, y0, x1, y1), outline=0, width=2)
        d.text((x0 + 10, y0 + 6), label, font=_f(20), fill=60)
        if value:
            d.text((x0 + 10, y0 + 40), value, font=_f(30, True), fill=0)
    d.text((40, 520), "Instruções: não receber após 30 dias do vencimento.", font=_f(22),
           fill=0)  # fmt: skip
    return img


def us_phone_bill() -> Image.Image:
    """A US phone bill's first page: the account summary in two columns, a previous balance
    and a payment, the amount due in a shaded box."""
    img = Image.new("RGB", (1275, 1650), "white")
    d = ImageDraw.Draw(img)
    d.text((70, 60), "Bluewave Wireless", font=_f(56, True), fill=(20, 40, 140))
    d.text((70, 140), "Your monthly statement", font=_f(28), fill=0)
    d.text((800, 70), "Account 4401-9982-17", font=_f(24), fill=0)
    d.text((800, 110), "Statement date Dec 12, 2026", font=_f(24), fill=0)
    d.text((70, 240), "Michael Brown", font=_f(28), fill=0)
    d.text((70, 280), "1184 Maple Street, Apt 3", font=_f(28), fill=0)
    d.text((70, 320), "Springfield, IL 62704", font=_f(28), fill=0)
    d.rectangle((700, 230, 1200, 420), fill=(225, 230, 245))
    d.text((730, 250), "Amount due", font=_f(32, True), fill=0)
    d.text((730, 300), "$142.86", font=_f(56, True), fill=0)
    d.text((730, 375), "Due by Jan 20, 2027", font=_f(26), fill=0)
    y = 520
    d.text((70, y), "Account summary", font=_f(32, True), fill=0)
    y += 60
    for left, right in (
        ("Previous balance", "$139.12"),
        ("Payment received Dec 2 - thank you", "-$139.12"),
        ("Monthly plan (3 lines)", "$120.00"),
        ("Equipment installment 14 of 24", "$12.50"),
        ("Taxes, fees and surcharges", "$10.36"),
        ("Total current charges", "$142.86"),
    ):
        d.text((70, y), left, font=_f(28), fill=0)
        _right(d, 1200, y, right, _f(28))
        y += 52
    d.text((70, y + 40), "Data used this month: 38.2 GB", font=_f(24), fill=0)
    return img


def mexican_cfe_receipt() -> Image.Image:
    """A Mexican electricity receipt in capitals: the total and 'pagar antes de' side by
    side, the service number, the reading figures and the previous amount."""
    img = Image.new("RGB", (1100, 1300), "white")
    d = ImageDraw.Draw(img)
    d.text((60, 50), "CFE", font=_f(80, True), fill=(0, 120, 70))
    d.text((60, 150), "Suministrador de Servicios Básicos", font=_f(28), fill=0)
    d.text((60, 230), "JOSÉ HERNÁNDEZ LÓPEZ", font=_f(30, True), fill=0)
    d.text((60, 275), "AV REFORMA 120 COL CENTRO", font=_f(26), fill=0)
    d.text((60, 340), "NO. DE SERVICIO: 123 456 789 012", font=_f(26), fill=0)
    d.rectangle((60, 420, 1040, 560), outline=0, width=3)
    d.text((90, 440), "TOTAL A PAGAR:", font=_f(34, True), fill=0)
    d.text((90, 490), "$1,284.00", font=_f(44, True), fill=0)
    d.text((600, 440), "PAGAR ANTES DE:", font=_f(34, True), fill=0)
    d.text((600, 490), "22 ENE 2027", font=_f(44, True), fill=0)
    y = 620
    for left, right in (
        ("LECTURA ACTUAL", "45821"),
        ("LECTURA ANTERIOR", "45210"),
        ("TOTAL PERIODO kWh", "611"),
        ("ADEUDO ANTERIOR", "$1,102.00"),
        ("SU PAGO", "-$1,102.00"),
        ("IVA 16%", "$177.10"),
    ):
        d.text((60, y), left, font=_f(28), fill=0)
        _right(d, 1040, y, right, _f(28))
        y += 50
    return img


HANDMADE: tuple[Handmade, ...] = (
    Handmade("es-electricity", "Europe/Madrid", "Luzverde Energía", Decimal("63.47"), "EUR",
             date(2027, 1, 8), spanish_electricity),
    Handmade("pt-boleto", "America/Sao_Paulo", "Águas Claras Saneamento", Decimal("187.45"),
             "BRL", date(2027, 1, 15), brazilian_boleto),
    Handmade("en-phone", "America/Chicago", "Bluewave Wireless", Decimal("142.86"), "USD",
             date(2027, 1, 20), us_phone_bill),
    Handmade("es-cfe", "America/Mexico_City", "CFE", Decimal("1284.00"), "MXN",
             date(2027, 1, 22), mexican_cfe_receipt),
)  # fmt: skip
