"""Bill words per language (GUIDELINES §8): what to drop from a vendor, what names a kind of
service rather than a company, and the words that spread one due date over every bill.

Data only, lower-case and accent-folded (see `bill.py`, which matches on folded text).
Multi-word entries are matched as phrases.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class BillLexicon:
    lang: str
    drop: frozenset[str]
    """Dropped anywhere in a vendor: verbs of paying, bill/invoice words, due words."""
    edge: frozenset[str]
    """Dropped at either end of a vendor only: articles, prepositions, particles."""
    service_prefix: frozenset[str]
    """A kind of service before a name: "luz CFE" → "CFE", "cartão nubank" → "Nubank"."""
    strong_prefix: frozenset[str]
    """Service words that always yield to the following word ("internet telmex")."""
    service_suffix: frozenset[str]
    """A product line after a name: "movistar fibra", "Airtel postpaid", "Claro celular"."""
    recurring: frozenset[str]
    """Recurrence phrases, dropped from vendors ("cada mes", "todo mês")."""
    shared: frozenset[str]
    """Words after which one due date applies to every bill ("ambos", "both", "as duas")."""
    shared_unless_recurring: frozenset[str]
    """Words that spread a due date too, unless a `recurring_after` word follows: "todo vence
    el 2" is shared, "todos los meses" and "todo dia 10" are recurring."""
    recurring_after: frozenset[str]
    installment: frozenset[str]
    """Installment words that, with a number, are dropped ("1ª parcela", "cuota 3")."""


_COMMON_SUFFIX = frozenset(
    {"postpaid", "prepaid", "postpago", "pospago", "prepago", "pre-pago", "pos-pago", "mobile"}
)

LEXICONS: dict[str, BillLexicon] = {
    "es": BillLexicon(
        lang="es",
        drop=frozenset(
            {
                "pagar",
                "paga",
                "pague",
                "debo",
                "le debo",
                "deberle",
                "pagale",
                "pagarle",
                "pago",
                "pagos",
                "abonar",
                "transferir",
                "transferencia",
                "transferirle",
                "depositar",
                "depositarle",
                "deposito",
                "mandar",
                "mandarle",
                "enviar",
                "enviarle",
                "hay que",
                "tengo que",
                "toca",
                "factura",
                "facturas",
                "recibo",
                "recibos",
                "cuenta de",
                "boleta",
                "vence",
                "vencen",
                "vencimiento",
                "fecha limite",
                "limite",
                "antes del",
                "antes de",
                "hasta el",
                "hasta",
                "para el",
                "a mas tardar",
                "pendiente",
                "vencida",
                "vencido",
                "atrasado",
                "atrasada",
                "urgente",
                "mensual",
            }
        ),
        edge=frozenset(
            {
                "el",
                "la",
                "los",
                "las",
                "lo",
                "un",
                "una",
                "a",
                "al",
                "de",
                "del",
                "para",
                "por",
                "con",
                "en",
                "mi",
                "mis",
                "su",
                "sus",
                "que",
                "y",
                "o",
                "e",
                "es",
            }
        ),
        service_prefix=frozenset(
            {
                "luz",
                "agua",
                "gas",
                "internet",
                "telefono",
                "celular",
                "movil",
                "cable",
                "tarjeta",
                "tarjeta de credito",
                "tarjeta de debito",
                "tdc",
                "credito",
                "gimnasio",
                "gym",
                "seguro",
                "seguro medico",
                "streaming",
                "tv",
                "fibra",
            }
        ),
        strong_prefix=frozenset(
            {
                "internet",
                "tarjeta",
                "tarjeta de credito",
                "tarjeta de debito",
                "tdc",
                "telefono",
                "celular",
                "movil",
                "cable",
                "streaming",
                "tv",
                "luz",
                "fibra",
            }
        ),
        service_suffix=_COMMON_SUFFIX
        | frozenset(
            {"fibra", "movil", "celular", "fijo", "internet", "tarjeta", "tarjeta de credito"}
        ),
        recurring=frozenset(
            {
                "cada mes",
                "todos los meses",
                "todo los meses",
                "mensualmente",
                "bimestral",
                "trimestral",
                "quincenal",
                "semanal",
                "anual",
                "al mes",
                "cada semana",
                "cada quincena",
                "cada ano",
                "cada año",
                "todos los anos",
            }
        ),
        shared=frozenset(
            {
                "ambos",
                "ambas",
                "los dos",
                "las dos",
                "los tres",
                "las tres",
                "todas ellas",
                "todos ellos",
            }
        ),
        shared_unless_recurring=frozenset({"todo", "todos", "todas"}),
        recurring_after=frozenset(
            {
                "los meses",
                "las semanas",
                "los dias",
                "los anos",
                "el mes",
                "el ano",
                "mes",
                "dia",
                "los lunes",
                "los martes",
                "los miercoles",
                "los jueves",
                "los viernes",
                "los sabados",
                "los domingos",
            }
        ),
        installment=frozenset({"cuota", "mensualidad", "pago", "parcialidad"}),
    ),
    "pt": BillLexicon(
        lang="pt",
        drop=frozenset(
            {
                "pagar",
                "paga",
                "pague",
                "pagamento",
                "devo",
                "devendo",
                "pix",
                "fazer pix",
                "fazer um pix",
                "mandar",
                "mandar pix",
                "transferir",
                "transferencia",
                "depositar",
                "ted",
                "doc",
                "conta",
                "contas",
                "fatura",
                "faturas",
                "boleto",
                "boletos",
                "recibo",
                "vence",
                "vencem",
                "vencimento",
                "vencendo",
                "ate",
                "antes de",
                "antes do",
                "antes da",
                "no maximo",
                "prazo",
                "atrasada",
                "atrasado",
                "vencida",
                "vencido",
                "tenho que",
                "preciso",
                "preciso pagar",
                "mensal",
                "urgente",
            }
        ),
        edge=frozenset(
            {
                "o",
                "a",
                "os",
                "as",
                "um",
                "uma",
                "de",
                "do",
                "da",
                "dos",
                "das",
                "pro",
                "pra",
                "pros",
                "pras",
                "para",
                "por",
                "no",
                "na",
                "com",
                "em",
                "meu",
                "minha",
                "e",
                "ao",
            }
        ),
        service_prefix=frozenset(
            {
                "luz",
                "agua",
                "gas",
                "internet",
                "telefone",
                "celular",
                "cartao",
                "cartao de credito",
                "plano de saude",
                "plano",
                "academia",
                "tv",
                "seguro",
                "energia",
                "streaming",
            }
        ),
        strong_prefix=frozenset(
            {
                "internet",
                "cartao",
                "cartao de credito",
                "plano de saude",
                "academia",
                "telefone",
                "celular",
                "tv",
                "streaming",
                "luz",
                "energia",
            }
        ),
        service_suffix=_COMMON_SUFFIX
        | frozenset({"celular", "fibra", "internet", "movel", "cartao", "cartao de credito"}),
        recurring=frozenset(
            {
                "todo mes",
                "todos os meses",
                "por mes",
                "cada mes",
                "mensalmente",
                "ao mes",
                "bimestral",
                "trimestral",
                "quinzenal",
                "semanal",
                "anual",
            }
        ),
        shared=frozenset(
            {
                "tudo",
                "ambos",
                "ambas",
                "os dois",
                "as duas",
                "os tres",
                "as tres",
                "todas elas",
                "todos eles",
            }
        ),
        shared_unless_recurring=frozenset({"todos", "todas", "todo", "toda"}),
        recurring_after=frozenset(
            {
                "os meses",
                "as semanas",
                "os dias",
                "os anos",
                "mes",
                "dia",
                "as segundas",
                "as tercas",
                "as quartas",
                "as quintas",
                "as sextas",
                "os sabados",
                "os domingos",
            }
        ),
        installment=frozenset({"parcela", "prestacao", "mensalidade"}),
    ),
    "en": BillLexicon(
        lang="en",
        drop=frozenset(
            {
                "pay",
                "paid",
                "owe",
                "i owe",
                "owes",
                "pay off",
                "pay back",
                "venmo",
                "zelle",
                "paypal",
                "cashapp",
                "cash app",
                "transfer",
                "send",
                "wire",
                "bill",
                "bills",
                "invoice",
                "invoices",
                "due",
                "overdue",
                "due on",
                "due by",
                "by",
                "before",
                "until",
                "till",
                "deadline",
                "need to",
                "have to",
                "gotta",
                "must",
                "back",
                "statement",
                "urgent",
                "asap",
                "late",
                "reminder",
            }
        ),
        edge=frozenset(
            {
                "the",
                "a",
                "an",
                "to",
                "for",
                "of",
                "on",
                "my",
                "our",
                "and",
                "at",
                "in",
                "is",
                "with",
                "from",
            }
        ),
        service_prefix=frozenset(
            {"internet", "phone", "cell", "mobile", "credit card", "card", "gym", "cable", "tv"}
        ),
        strong_prefix=frozenset(
            {"internet", "phone", "cell", "mobile", "credit card", "card", "cable", "tv"}
        ),
        service_suffix=_COMMON_SUFFIX
        | frozenset({"broadband", "phone", "cell", "card", "credit card", "debit card"}),
        recurring=frozenset(
            {
                "every month",
                "each month",
                "monthly",
                "a month",
                "per month",
                "every week",
                "weekly",
                "every year",
                "yearly",
                "annually",
                "/mo",
                "per year",
            }
        ),
        shared=frozenset({"both", "both of them", "all of them", "all three", "all of these"}),
        shared_unless_recurring=frozenset({"all", "each"}),
        recurring_after=frozenset({"month", "week", "year", "day", "the time"}),
        installment=frozenset({"installment", "instalment", "payment"}),
    ),
}
