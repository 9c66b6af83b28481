"""Spanish words of bill documents (see `document_model.py`)."""

from __future__ import annotations

from reactiond.nlp.lexicon.document_model import DocumentLexicon

DOCUMENT = DocumentLexicon(
    lang="es",
    amount_due=frozenset({
        "total a pagar", "importe a pagar", "monto a pagar", "valor a pagar", "total a abonar",
        "importe total a pagar", "importe total", "total factura", "total de la factura",
        "total del recibo", "importe del recibo", "importe a cargar", "total a cargar",
        "saldo a pagar", "pago total", "monto total", "su pago", "total a depositar",
        "importe adeudado", "total adeudado", "cantidad a pagar",
    }),
    total=frozenset({"total", "importe", "valor", "monto", "cantidad", "total general", "pagar"}),
    not_due=frozenset({
        "saldo anterior", "deuda anterior", "pago anterior", "su ultimo pago", "ultimo pago",
        "pagos recibidos", "pago recibido", "abonos", "subtotal", "sub total",
        "base imponible", "iva", "i.v.a.", "impuesto", "impuestos", "impuesto electrico",
        "impuesto sobre la electricidad", "ieps", "isr", "retencion", "consumo",
        "consumo del periodo", "consumo promedio", "lectura anterior", "lectura actual",
        "lectura", "descuento", "descuentos", "bonificacion", "potencia", "potencia contratada",
        "termino de potencia", "termino fijo", "cargo fijo", "limite de credito",
        "credito disponible", "pago minimo", "cargo por energia", "energia", "alquiler de equipos",
        "total iva", "total impuestos", "total consumo", "interes", "intereses", "tasa",
        "cuota fija", "kwh", "m3", "m³", "litros", "minutos", "gb", "megas",
    }),
    qualifiers=frozenset({
        "iva incluido", "impuestos incluidos", "con iva", "iva inc", "iva incl", "i.v.a. incluido",
    }),
    due_date=frozenset({
        "fecha limite de pago", "fecha limite", "fecha de vencimiento", "vencimiento", "vence",
        "vence el", "pagar antes de", "pagar antes del", "pague antes de", "pague antes del",
        "fecha de pago", "limite de pago", "pagar hasta", "pague hasta", "pagar a mas tardar",
        "fecha maxima de pago", "fecha de cargo", "se cargara el", "fecha de cobro",
        "paguese antes de", "vto", "vto.", "fecha vto",
    }),
    not_due_date=frozenset({
        "fecha de emision", "fecha emision", "emision", "fecha de factura", "fecha factura",
        "periodo", "periodo de facturacion", "periodo facturado", "fecha de lectura",
        "proxima lectura", "fecha de corte", "corte", "fecha",
        "fecha de operacion", "fecha de expedicion", "dias facturados",
    }),
    payee=frozenset({
        "pagar a", "beneficiario", "destinatario", "emisor", "emitido por", "empresa",
        "convenio", "comercio", "proveedor", "razon social", "pago a", "servicio de",
    }),
    customer=frozenset({
        "cliente", "titular", "titular del contrato", "nombre", "nombre del cliente",
        "facturar a", "datos del cliente", "usuario", "suscriptor", "senor", "senora", "sr.",
        "sra.", "domicilio de suministro", "direccion de suministro", "ordenante",
    }),
    document_words=frozenset({
        "factura", "factura electronica", "recibo", "recibo de luz", "recibo de pago", "ticket",
        "comprobante", "comprobante de pago", "estado de cuenta", "aviso de cobro", "boleta",
        "nota", "nota de venta", "cuenta de cobro", "duplicado", "original", "copia",
        "resumen de factura", "detalle de factura", "pago de servicios", "pago", "datos de pago",
        "pago programado", "confirmar pago", "detalle",
    }),
    id_words=frozenset({
        "n", "no", "nro", "num", "numero", "contrato", "cuenta", "cups", "nif", "cif", "dni",
        "rfc", "cuit", "rut", "nit", "referencia", "ref", "poliza", "telefono", "tel", "movil",
        "linea", "codigo", "folio", "medidor", "contador", "cliente", "suministro", "clabe",
        "iban", "tarjeta", "operacion", "autorizacion", "serie",
    }),
    address_words=frozenset({
        "calle", "c/", "av", "av.", "avda", "avda.", "avenida", "paseo", "plaza", "carrera",
        "cra", "col", "col.", "colonia", "cp", "c.p.", "piso", "apartado", "camino", "barrio",
    }),
)  # fmt: skip
