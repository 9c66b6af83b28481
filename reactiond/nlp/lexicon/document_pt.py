"""Portuguese words of bill documents (see `document_model.py`)."""

from __future__ import annotations

from reactiond.nlp.lexicon.document_model import DocumentLexicon

DOCUMENT = DocumentLexicon(
    lang="pt",
    amount_due=frozenset({
        "valor a pagar", "total a pagar", "valor do documento", "valor cobrado",
        "valor total a pagar", "valor da fatura", "total da fatura", "valor total",
        "montante a pagar", "importancia a pagar", "valor do boleto", "total a debitar",
        "valor a debitar", "valor do pagamento",
    }),
    total=frozenset({"total", "total geral", "importancia", "valor", "pagar", "montante"}),
    not_due=frozenset({
        "saldo anterior", "debito anterior", "pagamento anterior", "ultimo pagamento",
        "pagamentos recebidos", "subtotal", "sub total", "base de calculo", "icms", "pis",
        "cofins", "pis/cofins", "iss", "iva", "imposto", "impostos", "tributos", "consumo",
        "consumo do mes", "consumo medio", "leitura anterior", "leitura atual", "leitura",
        "desconto", "descontos", "abatimento", "juros", "multa", "limite", "limite de credito",
        "limite disponivel", "pagamento minimo", "valor minimo", "bandeira tarifaria",
        "contribuicao de iluminacao publica", "cip", "cosip", "total de impostos",
        "total consumo", "kwh", "m3", "m³", "litros", "minutos", "gb", "tarifa",
    }),
    qualifiers=frozenset({"iva incluido", "impostos inclusos", "com impostos", "iva incl"}),
    due_date=frozenset({
        "vencimento", "data de vencimento", "data do vencimento", "vence em", "vence",
        "pagar ate", "pague ate", "pagavel ate", "data limite de pagamento", "data limite",
        "data de pagamento", "data do debito", "sera debitado em", "data de debito",
        "pagamento ate", "venc", "venc.", "data limite para pagamento",
    }),
    not_due_date=frozenset({
        "data de emissao", "emissao", "data do documento", "data de processamento",
        "periodo", "periodo de consumo", "referencia", "mes de referencia", "data da leitura",
        "proxima leitura", "leitura", "data", "data de fechamento",
        "fechamento", "apresentacao",
    }),
    payee=frozenset({
        "beneficiario", "favorecido", "cedente", "pagar para", "empresa", "destinatario",
        "recebedor", "razao social", "emitente", "emissor", "convenio", "estabelecimento",
    }),
    customer=frozenset({
        "cliente", "titular", "pagador", "sacado", "nome", "nome do cliente",
        "unidade consumidora", "endereco de instalacao", "consumidor", "assinante", "sr.",
        "sra.", "dados do cliente", "destinatario da fatura",
    }),
    document_words=frozenset({
        "fatura", "nota fiscal", "nota fiscal eletronica", "nf-e", "danfe", "boleto",
        "boleto bancario", "recibo", "conta", "segunda via", "2a via", "comprovante",
        "comprovante de pagamento", "cupom fiscal", "demonstrativo", "extrato", "pagamento",
        "pagar conta", "pagamento de conta", "resumo da fatura", "detalhes", "conta de luz",
        "conta de agua", "fatura de energia",
    }),
    id_words=frozenset({
        "n", "no", "nº", "numero", "contrato", "conta", "cnpj", "cpf", "nif", "codigo",
        "codigo do cliente", "instalacao", "matricula", "referencia", "ref", "telefone", "tel",
        "celular", "linha", "protocolo", "nosso numero", "agencia", "cartao", "medidor",
        "autenticacao", "apolice", "pedido", "chave", "pix", "linha digitavel",
    }),
    address_words=frozenset({
        "rua", "r.", "av", "av.", "avenida", "travessa", "alameda", "praca", "estrada",
        "rodovia", "cep", "bairro", "apto", "bloco", "lote", "quadra",
    }),
)  # fmt: skip
