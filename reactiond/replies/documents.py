"""What reactiond says about a 💳 on a picture or a PDF (issue 23), in es, en, pt and fr:
why it could not be read, and which fields of the bill it did not find (the person
answers the confirmation with them: a correction by reply, issue 20)."""

from __future__ import annotations

from dataclasses import dataclass

from reactiond.nlp.result import BillData, Language, ParseResult

# What a machine needs to read pictures and PDFs (Debian / Raspberry Pi OS).
INSTALL_COMMAND = (
    "sudo apt install tesseract-ocr tesseract-ocr-spa tesseract-ocr-por tesseract-ocr-eng "
    "poppler-utils"
)

# Why a document could not be read: `reactiond.documents.DocumentError.reason`, and the
# engine's own "unavailable" (Evolution did not give the file).
FAILURES = ("not_installed", "unreadable", "too_large", "timed_out", "unsupported", "unavailable")


@dataclass(frozen=True)
class DocumentPhrases:
    not_installed: str  # {command}
    unreadable: str
    too_large: str  # {size} {limit}
    timed_out: str
    unsupported: str  # {mimetype}
    unavailable: str
    no_amount: str  # {example}
    missing_due: str
    missing_vendor: str


ES = DocumentPhrases(
    not_installed="📷 Leer fotos y PDFs no está activado en este reactiond. Para activarlo, "
    "en la máquina donde corre: {command}",
    unreadable="📷 No pude abrir este archivo (¿dañado o protegido con contraseña?). "
    "Escribe la cuenta en un mensaje y reacciona con 💳.",
    too_large="📷 El archivo es demasiado grande para leerlo ({size}; el máximo es {limit}). "
    "Escribe la cuenta en un mensaje y reacciona con 💳.",
    timed_out="📷 Leer este archivo tardó demasiado. Prueba con una foto más nítida y de "
    "cerca, o escribe la cuenta en un mensaje y reacciona con 💳.",
    unsupported="📎 Solo leo fotos y PDFs, y este archivo es {mimetype}.",
    unavailable="📷 No pude descargar el archivo de WhatsApp. Vuelve a enviarlo y reacciona "
    "con 💳.",
    no_amount="💳 No encontré el importe a pagar en el archivo. Escríbelo en un mensaje, "
    "por ejemplo «{example}», y reacciona con 💳.",
    missing_due="❓ No encontré la fecha de vencimiento — responde con ella",
    missing_vendor="❓ No encontré quién emite la cuenta",
)

EN = DocumentPhrases(
    not_installed="📷 Reading pictures and PDFs is not enabled on this reactiond. To enable "
    "it, on the machine it runs on: {command}",
    unreadable="📷 I could not open this file (damaged, or protected by a password?). "
    "Write the bill in a message and react with 💳.",
    too_large="📷 This file is too large to read ({size}; the limit is {limit}). Write the "
    "bill in a message and react with 💳.",
    timed_out="📷 Reading this file took too long. Try a sharper, closer photo, or write the "
    "bill in a message and react with 💳.",
    unsupported="📎 I only read pictures and PDFs, and this file is {mimetype}.",
    unavailable="📷 I could not download the file from WhatsApp. Send it again and react with 💳.",
    no_amount="💳 I found no amount due in the file. Write it in a message, e.g. "
    "“{example}”, and react with 💳.",
    missing_due="❓ I found no due date — reply with it",
    missing_vendor="❓ I could not tell who the bill is from",
)

PT = DocumentPhrases(
    not_installed="📷 Ler fotos e PDFs não está ativado neste reactiond. Para ativar, na "
    "máquina onde ele roda: {command}",
    unreadable="📷 Não consegui abrir este arquivo (danificado ou protegido por senha?). "
    "Escreva a conta numa mensagem e reaja com 💳.",
    too_large="📷 O arquivo é grande demais para ler ({size}; o máximo é {limit}). Escreva a "
    "conta numa mensagem e reaja com 💳.",
    timed_out="📷 Ler este arquivo demorou demais. Tente uma foto mais nítida e de perto, ou "
    "escreva a conta numa mensagem e reaja com 💳.",
    unsupported="📎 Só leio fotos e PDFs, e este arquivo é {mimetype}.",
    unavailable="📷 Não consegui baixar o arquivo do WhatsApp. Envie de novo e reaja com 💳.",
    no_amount="💳 Não encontrei o valor a pagar no arquivo. Escreva numa mensagem, por "
    "exemplo “{example}”, e reaja com 💳.",
    missing_due="❓ Não encontrei o vencimento — responda com ele",
    missing_vendor="❓ Não encontrei quem emitiu a conta",
)

FR = DocumentPhrases(
    not_installed="📷 La lecture des photos et des PDF n'est pas activée sur ce reactiond. "
    "Pour l'activer, sur la machine où il tourne : {command}",
    unreadable="📷 Je n'ai pas pu ouvrir ce fichier (abîmé ou protégé par un mot de passe ?). "
    "Écrivez la facture dans un message et réagissez avec 💳.",
    too_large="📷 Ce fichier est trop gros pour être lu ({size} ; le maximum est {limit}). "
    "Écrivez la facture dans un message et réagissez avec 💳.",
    timed_out="📷 La lecture de ce fichier a pris trop de temps. Essayez une photo plus nette "
    "et plus proche, ou écrivez la facture dans un message et réagissez avec 💳.",
    unsupported="📎 Je ne lis que les photos et les PDF, et ce fichier est {mimetype}.",
    unavailable="📷 Je n'ai pas pu télécharger le fichier depuis WhatsApp. Renvoyez-le et "
    "réagissez avec 💳.",
    no_amount="💳 Je n'ai pas trouvé de montant à payer dans le fichier. Écrivez-le dans un "
    "message, par exemple « {example} », et réagissez avec 💳.",
    missing_due="❓ Je n'ai pas trouvé la date d'échéance — répondez avec",
    missing_vendor="❓ Je n'ai pas trouvé qui émet la facture",
)

BOOKS: dict[Language, DocumentPhrases] = {"es": ES, "en": EN, "pt": PT, "fr": FR}


def _size(n: int) -> str:
    return f"{n / (1024 * 1024):.1f} MB" if n >= 1024 * 1024 else f"{max(1, n // 1024)} KB"


def document_failure(
    reason: str,
    lang: Language,
    *,
    size: int | None = None,
    limit: int | None = None,
    mimetype: str | None = None,
) -> str:
    """The reply to a 💳 on a file that could not be read, saying what to do."""
    book = BOOKS[lang]
    if reason == "not_installed":
        return book.not_installed.format(command=INSTALL_COMMAND)
    if reason == "too_large":
        return book.too_large.format(size=_size(size or 0), limit=_size(limit or 0))
    if reason == "unsupported":
        return book.unsupported.format(mimetype=mimetype or "?")
    if reason == "timed_out":
        return book.timed_out
    if reason == "unavailable":
        return book.unavailable
    return book.unreadable


def no_amount(lang: Language, example: str) -> str:
    """A file read, but no bill in it: nothing was made, so the person writes it."""
    return BOOKS[lang].no_amount.format(example=example)


def missing_fields(result: ParseResult, lang: Language) -> list[str]:
    """A line for each field a bill read from a document lacks: the due date (answered
    with a reply to the confirmation, a correction) and the issuer."""
    data = result.data
    if not isinstance(data, BillData):
        return []
    book = BOOKS[lang]
    lines = []
    if any(item.due is None for item in data.bills):
        lines.append(book.missing_due)
    if any(not item.vendor for item in data.bills):
        lines.append(book.missing_vendor)
    return lines
