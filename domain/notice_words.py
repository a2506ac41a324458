"""What marketplace notices say, per source and per language, as data for ``domain.notice``.

Every phrase is written folded (lower case, no accents, see ``calendar_names.fold``) and matched
as whole words. Where two phrases overlap, the longer one wins, so "no action required" is not
read as "action required" and "return request rejected" is not a denied claim. The wording
follows the public descriptions of these e-mails (Seller Central items 1781, G202041210,
G202145040; PayPal Resolution Center help; Trusted Shops buyer-protection help).
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from types import MappingProxyType

from domain.claims import Fulfilment, Reason
from domain.rules import ClaimSource, Marketplace

__all__ = [
    "AMAZON_FUNDED",
    "AMOUNT_LABELS",
    "CHARGEBACK_MARKERS",
    "FRAUD_PHRASES",
    "FULFILMENT_PHRASES",
    "FUNCTION_WORDS",
    "HOSTS",
    "KIND_PHRASES",
    "NEUTRAL",
    "NOTICE_DATE_LABELS",
    "NO_ACTION",
    "ORDER_LABELS",
    "REASON_PHRASES",
    "RESPOND_BY_LABELS",
    "SOURCE_MARKERS",
    "TRANSACTION_LABELS",
    "NoticeEvent",
]


class NoticeEvent(StrEnum):
    """What the notice tells: a new claim, a request, an escalation or a decision."""

    FILED = "filed"  # a claim, chargeback, case or dispute was opened
    INFO_REQUEST = "info"  # Amazon asks for information: the 48 hours run from here
    ESCALATED = "escalated"  # a PayPal dispute became a claim
    GRANTED = "granted"  # decided for the buyer
    DENIED = "denied"  # decided for the seller


Phrases = Mapping[str, tuple[str, ...]]  # language -> folded phrases


def _table(**languages: tuple[str, ...]) -> Phrases:
    return MappingProxyType(languages)


SOURCE_MARKERS: Mapping[ClaimSource, tuple[str, ...]] = MappingProxyType({
    ClaimSource.A_TO_Z: (
        "a-to-z", "a-to-z guarantee", "a-z guarantee", "a-tot-z", "a-tot-z-garantie",
        "a-tot-z-garantieclaim", "a-bis-z", "a-bis-z-garantie", "a-z-garantie",
        "garantie a a z", "garantie de a a z", "dalla a alla z", "garantia de la a a la z",
        "de la a a la z",
    ),
    ClaimSource.CHARGEBACK: (),  # counted through CHARGEBACK_MARKERS and the brand
    ClaimSource.TRUSTED_SHOPS: ("trusted shops", "trustedshops", "etrusted"),
    ClaimSource.PAYPAL: ("paypal",),
})
CHARGEBACK_MARKERS = (
    "chargeback", "charge-back", "terugboeking", "terugboekingsverzoek", "ruckbelastung",
    "ruckbuchung", "retrofacturation", "riaddebito", "contracargo",
)

KIND_PHRASES: Mapping[NoticeEvent, Phrases] = MappingProxyType({
    NoticeEvent.INFO_REQUEST: _table(
        en=("we need more information", "we need additional information",
            "need some additional information", "request for more information",
            "request for additional information", "provide the following information",
            "action required", "respond to amazon", "within 48 hours"),
        nl=("aanvullende informatie nodig", "meer informatie nodig",
            "aanvullende informatie van je nodig",
            "verzoek om aanvullende informatie", "verzoek om meer informatie", "actie vereist",
            "reageren op amazon", "binnen 48 uur"),
        de=("benotigen wir weitere informationen", "benotigen wir zusatzliche informationen",
            "anfrage nach weiteren informationen", "aktion erforderlich",
            "handlungsbedarf", "auf amazon antworten", "innerhalb von 48 stunden"),
        fr=("besoin d'informations supplementaires", "besoin d'informations complementaires",
            "demande d'informations", "action requise", "repondre a amazon",
            "dans les 48 heures", "sous 48 heures", "dans un delai de 48 heures"),
        it=("abbiamo bisogno di ulteriori informazioni",
            "abbiamo bisogno di informazioni aggiuntive", "richiesta di informazioni",
            "azione richiesta", "rispondi ad amazon", "entro 48 ore"),
        es=("necesitamos informacion adicional", "necesitamos mas informacion",
            "solicitud de informacion", "accion requerida", "responder a amazon",
            "en un plazo de 48 horas", "en 48 horas"),
    ),
    NoticeEvent.ESCALATED: _table(
        en=("has escalated", "have escalated", "has been escalated", "was escalated",
            "escalated the dispute", "escalated their dispute", "escalated this dispute"),
        nl=("heeft het geschil geescaleerd", "is geescaleerd", "omgezet in een claim"),
        de=("hat den konflikt eskaliert", "wurde eskaliert", "in einen antrag umgewandelt"),
        fr=("a transforme le litige en reclamation", "a ete transforme en reclamation"),
        it=("ha trasformato la contestazione in reclamo", "e stata trasformata in reclamo"),
        es=("ha convertido la disputa en una reclamacion", "ha escalado la disputa",
            "se ha convertido en una reclamacion"),
    ),
    NoticeEvent.GRANTED: _table(
        en=("claim has been granted", "granted the claim", "claim was granted",
            "decided in favour of the buyer", "decided in favor of the buyer",
            "in favour of the buyer", "in favor of the buyer", "in favour of the customer",
            "in favor of the customer", "in the buyer's favour", "in the buyer's favor",
            "your account has been debited", "debited from your account", "option to appeal"),
        nl=("claim is toegekend", "claim toegekend", "hebben de claim toegekend",
            "in het voordeel van de koper", "in het voordeel van de klant",
            "van je account afgeschreven", "van je rekening afgeschreven"),
        de=("zugunsten des kaufers", "zugunsten des kunden", "anspruch wurde stattgegeben",
            "antrag wurde stattgegeben", "ihrem konto belastet", "von ihrem konto abgebucht"),
        fr=("en faveur de l'acheteur", "en faveur du client", "reclamation a ete accordee",
            "debite de votre compte", "preleve sur votre compte"),
        it=("a favore dell'acquirente", "a favore del cliente", "reclamo e stato accolto",
            "addebitato sul tuo account", "addebitato sul tuo conto"),
        es=("a favor del comprador", "a favor del cliente", "reclamacion ha sido concedida",
            "cargado en tu cuenta", "adeudado en tu cuenta"),
    ),
    NoticeEvent.DENIED: _table(
        en=("claim has been denied", "claim was denied", "denied the claim",
            "decided in your favour", "decided in your favor", "in your favour",
            "in your favor"),
        nl=("claim is afgewezen", "claim afgewezen", "hebben de claim afgewezen",
            "in jouw voordeel", "in je voordeel", "in uw voordeel"),
        de=("zu ihren gunsten", "anspruch wurde abgelehnt", "antrag wurde abgelehnt"),
        fr=("en votre faveur", "reclamation a ete refusee", "reclamation a ete rejetee"),
        it=("a tuo favore", "a suo favore", "reclamo e stato respinto",
            "reclamo e stato rifiutato"),
        es=("a tu favor", "a su favor", "reclamacion ha sido denegada",
            "reclamacion ha sido rechazada"),
    ),
})

NO_ACTION: Phrases = _table(
    en=("no action is required", "no action required", "you don't need to do anything",
        "you do not need to take any action", "no need to respond", "you do not need to respond"),
    nl=("geen actie vereist", "geen actie nodig", "je hoeft niets te doen",
        "hoef je niets te doen", "je hoeft niet te reageren"),
    de=("keine aktion erforderlich", "keine massnahmen erforderlich", "mussen sie nichts tun",
        "ist keine aktion erforderlich", "mussen nicht antworten"),
    fr=("aucune action n'est requise", "aucune action requise", "vous n'avez rien a faire",
        "vous n'avez pas besoin de repondre"),
    it=("non e richiesta alcuna azione", "nessuna azione richiesta", "non devi fare nulla",
        "non devi rispondere"),
    es=("no se requiere ninguna accion", "no es necesario que realices ninguna accion",
        "no tienes que hacer nada", "no es necesario que respondas"),
)

# Phrases that contain a telling phrase but say nothing about this claim: "If we need more
# information, we will contact you" is no request, "Order Defect Rate" no damaged item. They
# are matched only to swallow the shorter phrases inside them.
NEUTRAL: Phrases = _table(
    en=("if we need more information", "if we need additional information",
        "if we request more information", "if we request additional information",
        "if we ask for more information", "will be granted in favor of the buyer",
        "will be granted in favour of the buyer", "will be granted in favour of the customer",
        "may decide the case in the buyer's favor", "may decide the case in the buyer's favour",
        "order defect rate"),
    nl=("als we meer informatie nodig hebben", "als we aanvullende informatie nodig hebben",
        "als we om aanvullende informatie vragen", "wordt de claim aan de koper toegekend",
        "kunnen we in het voordeel van de koper beslissen", "defecte bestellingen"),
    de=("falls wir weitere informationen benotigen", "wenn wir weitere informationen benotigen",
        "sollten wir weitere informationen benotigen",
        "wird der antrag zugunsten des kaufers entschieden", "bestellmangelquote"),
    fr=("si nous avons besoin d'informations supplementaires",
        "si nous avons besoin d'informations complementaires",
        "sera tranchee en faveur de l'acheteur", "commandes defectueuses"),
    it=("se abbiamo bisogno di ulteriori informazioni",
        "se avremo bisogno di ulteriori informazioni", "sara deciso a favore dell'acquirente",
        "ordini difettosi"),
    es=("si necesitamos mas informacion", "si necesitamos informacion adicional",
        "se resolvera a favor del comprador", "pedidos defectuosos"),
)

REASON_PHRASES: Mapping[Reason, Phrases] = MappingProxyType({
    Reason.NOT_RECEIVED: _table(
        en=("not received", "did not receive", "didn't receive", "never arrived",
            "has not arrived", "not delivered", "non-delivery", "non-receipt"),
        nl=("niet ontvangen", "niet bezorgd", "niet geleverd", "nooit aangekomen",
            "niet aangekomen"),
        de=("nicht erhalten", "nicht angekommen", "nicht geliefert", "nicht zugestellt",
            "nichtlieferung"),
        fr=("non recu", "pas recu", "jamais recu", "non livre", "pas ete livre"),
        it=("non ricevuto", "non e arrivato", "mai ricevuto", "non consegnato",
            "mancata consegna"),
        es=("no recibido", "no ha recibido", "no llego", "no entregado", "no ha llegado"),
    ),
    Reason.DAMAGED: _table(
        en=("damaged", "defective", "broken", "faulty"),
        nl=("beschadigd", "defect", "kapot"),
        de=("beschadigt", "defekt", "kaputt"),
        fr=("endommage", "defectueux", "casse"),
        it=("danneggiato", "difettoso", "rotto"),
        es=("danado", "defectuoso", "roto"),
    ),
    Reason.NOT_AS_DESCRIBED: _table(
        en=("not as described", "significantly different", "materially different",
            "different from the listing", "different from the description", "wrong item",
            "significantly not as described"),
        nl=("niet zoals beschreven", "anders dan beschreven", "wijkt af van de beschrijving",
            "verkeerd artikel", "niet conform"),
        de=("nicht wie beschrieben", "weicht von der beschreibung ab", "falscher artikel",
            "erheblich von der beschreibung ab"),
        fr=("non conforme", "pas conforme", "different de la description",
            "mauvais article"),
        it=("non conforme", "diverso dalla descrizione", "articolo sbagliato",
            "non corrisponde alla descrizione"),
        es=("no es como se describe", "no coincide con la descripcion",
            "diferente a lo descrito", "articulo equivocado"),
    ),
    Reason.RETURN_NO_REFUND: _table(
        en=("no refund", "not been refunded", "not refunded", "refund not received",
            "returned but not refunded"),
        nl=("geen terugbetaling", "niet terugbetaald", "geen restitutie",
            "terugbetaling niet ontvangen"),
        de=("keine erstattung", "nicht erstattet", "keine ruckerstattung",
            "erstattung nicht erhalten"),
        fr=("pas ete rembourse", "aucun remboursement", "non rembourse",
            "remboursement non recu"),
        it=("nessun rimborso", "non rimborsato", "rimborso non ricevuto"),
        es=("sin reembolso", "no ha sido reembolsado", "reembolso no recibido",
            "no reembolsado"),
    ),
    Reason.RETURN_WRONG_AMOUNT: _table(
        en=("wrong refund amount", "refund amount was incorrect", "partial refund"),
        nl=("verkeerd bedrag terugbetaald", "gedeeltelijke terugbetaling",
            "onjuist terugbetalingsbedrag"),
        de=("falscher erstattungsbetrag", "teilerstattung"),
        fr=("montant du remboursement incorrect", "remboursement partiel"),
        it=("importo del rimborso errato", "rimborso parziale"),
        es=("importe del reembolso incorrecto", "reembolso parcial"),
    ),
    Reason.RETURN_REJECTED: _table(
        en=("return request was closed", "return request was rejected",
            "return request rejected", "return declined", "return request closed"),
        nl=("retourverzoek afgewezen", "retourverzoek gesloten", "retour geweigerd"),
        de=("rucksendeanfrage abgelehnt", "rucksendung abgelehnt",
            "rucksendeanfrage geschlossen"),
        fr=("demande de retour refusee", "retour refuse", "demande de retour fermee"),
        it=("richiesta di reso rifiutata", "reso rifiutato", "richiesta di reso chiusa"),
        es=("solicitud de devolucion rechazada", "devolucion rechazada",
            "solicitud de devolucion cerrada"),
    ),
    Reason.RETURN_NO_LABEL: _table(
        en=("no prepaid return label", "no return label", "no domestic return address"),
        nl=("geen retourlabel", "geen retouradres", "geen voorgefrankeerd retourlabel"),
        de=("kein rucksendeetikett", "keine rucksendeadresse"),
        fr=("pas d'etiquette de retour", "aucune etiquette de retour",
            "pas d'adresse de retour"),
        it=("nessuna etichetta di reso", "nessun indirizzo di reso"),
        es=("sin etiqueta de devolucion", "sin direccion de devolucion"),
    ),
})

FULFILMENT_PHRASES: Mapping[Fulfilment, Phrases] = MappingProxyType({
    Fulfilment.FBA: _table(
        en=("fulfilled by amazon", "fulfillment by amazon", "fulfilment by amazon", "fba"),
        nl=("verzonden door amazon", "verzending door amazon"),
        de=("versand durch amazon",),
        fr=("expedie par amazon", "expedies par amazon"),
        it=("spedito da amazon", "logistica di amazon"),
        es=("enviado por amazon", "logistica de amazon"),
    ),
    Fulfilment.SELLER_PRIME: _table(
        en=("seller fulfilled prime",),
        nl=("prime door verkoper", "prime verzonden door verkoper"),
        de=("prime durch verkaufer",),
        fr=("prime expedie par le vendeur",),
        it=("prime gestito dal venditore",),
        es=("prime gestionado por el vendedor",),
    ),
    Fulfilment.SELLER: _table(
        en=("fulfilled by the seller", "merchant fulfilled", "seller fulfilled",
            "shipped by the seller"),
        nl=("verzonden door de verkoper", "verzending door verkoper"),
        de=("versand durch verkaufer", "versand durch den verkaufer"),
        fr=("expedie par le vendeur",),
        it=("spedito dal venditore",),
        es=("enviado por el vendedor",),
    ),
})

# A chargeback for unauthorised use of the card is fraud (Amazon's liability, no ODR defect).
FRAUD_PHRASES: Phrases = _table(
    en=("unauthorised", "unauthorized", "fraud", "fraudulent", "did not authorise",
        "did not authorize", "not authorised", "not authorized", "stolen card"),
    nl=("niet geautoriseerd", "fraude", "onbevoegd", "zonder toestemming", "gestolen kaart"),
    de=("nicht autorisiert", "betrug", "unbefugt", "ohne zustimmung", "gestohlene karte"),
    fr=("non autorise", "non autorisee", "fraude", "frauduleux", "carte volee"),
    it=("non autorizzato", "non autorizzata", "frode", "fraudolento", "carta rubata"),
    es=("no autorizado", "no autorizada", "fraude", "fraudulento", "tarjeta robada"),
)

# A grant Amazon paid for (Buy Shipping protection, Amazon's own goodwill) is not appealable and
# costs the seller nothing.
AMAZON_FUNDED: Phrases = _table(
    en=("funded by amazon", "amazon-funded", "amazon funded", "at no cost to you",
        "you will not be charged", "your account will not be debited"),
    nl=("door amazon vergoed", "door amazon betaald", "zonder kosten voor jou",
        "niet van je account afgeschreven"),
    de=("von amazon erstattet", "von amazon ubernommen", "ohne kosten fur sie",
        "ihrem konto nicht belastet"),
    fr=("finance par amazon", "pris en charge par amazon", "sans frais pour vous",
        "votre compte ne sera pas debite"),
    it=("finanziato da amazon", "a carico di amazon", "senza costi per te",
        "non verra addebitato"),
    es=("financiado por amazon", "a cargo de amazon", "sin coste para ti",
        "no se cargara en tu cuenta"),
)

RESPOND_BY_LABELS: Phrases = _table(
    en=("respond by", "reply by", "respond before", "no later than", "deadline",
        "due date", "respond until", "by"),
    nl=("reageer voor", "reageren voor", "reageer uiterlijk", "uiterlijk", "deadline",
        "voor"),
    de=("bis zum", "bis spatestens", "spatestens am", "spatestens bis", "frist", "bis"),
    fr=("avant le", "au plus tard le", "d'ici le", "date limite", "jusqu'au"),
    it=("entro il", "entro e non oltre il", "scadenza", "entro"),
    es=("antes del", "a mas tardar el", "hasta el", "fecha limite", "antes de"),
)
NOTICE_DATE_LABELS: Phrases = _table(
    en=("date", "sent", "claim date", "filed on", "opened on", "received on",
        "date opened", "dispute date", "case opened"),
    nl=("datum", "verzonden", "ingediend op", "geopend op", "claimdatum", "verstuurd"),
    de=("datum", "gesendet", "eingereicht am", "eroffnet am", "gesendet am"),
    fr=("date", "envoye", "envoye le", "deposee le", "ouvert le", "ouverte le"),
    it=("data", "inviato", "presentato il", "aperto il", "aperta il", "inviato il"),
    es=("fecha", "enviado", "enviado el", "presentada el", "abierta el", "abierto el"),
)
AMOUNT_LABELS: Phrases = _table(
    en=("amount", "claim amount", "total", "disputed amount", "transaction amount",
        "order total", "refund amount"),
    nl=("bedrag", "claimbedrag", "totaal", "bedrag van de claim", "totaalbedrag"),
    de=("betrag", "gesamtbetrag", "anspruchsbetrag", "summe", "forderungsbetrag"),
    fr=("montant", "total", "montant de la reclamation"),
    it=("importo", "totale", "importo del reclamo"),
    es=("importe", "total", "cantidad", "importe de la reclamacion"),
)
ORDER_LABELS: Phrases = _table(
    en=("order id", "order number", "order no", "order #", "order"),
    nl=("bestelnummer", "bestelling", "ordernummer", "bestel-id", "order"),
    de=("bestellnummer", "bestellung", "auftragsnummer"),
    fr=("numero de commande", "n° de commande", "commande"),
    it=("numero d'ordine", "numero ordine", "ordine"),
    es=("numero de pedido", "n.o de pedido", "pedido"),
)
TRANSACTION_LABELS: Phrases = _table(
    en=("transaction id", "transaction"),
    nl=("transactie-id", "transactiecode", "transactienummer"),
    de=("transaktionscode", "transaktions-id", "transaktionsnummer"),
    fr=("numero de transaction", "id de transaction", "code de transaction"),
    it=("codice transazione", "id transazione", "id della transazione"),
    es=("id. de transaccion", "id de transaccion", "numero de transaccion"),
)

# Words that say which language a text is in; frequent, and rare in the other five.
FUNCTION_WORDS: Phrases = _table(
    nl=("het", "een", "je", "jouw", "uw", "niet", "bestelling", "wij", "naar", "met", "op",
        "voor", "van", "is", "zijn", "koper", "heeft"),
    en=("the", "you", "your", "of", "for", "not", "and", "order", "we", "to", "with",
        "has", "have", "been", "buyer", "is"),
    de=("der", "die", "das", "und", "nicht", "sie", "ihr", "ihre", "bestellung", "wir",
        "mit", "fur", "von", "zu", "ist", "kaufer", "hat"),
    fr=("le", "les", "et", "vous", "votre", "pas", "commande", "nous", "pour", "avec",
        "une", "des", "est", "acheteur", "du"),
    it=("il", "di", "per", "ordine", "con", "che", "una", "della", "sono", "tuo", "hai",
        "acquirente", "e", "al"),
    es=("el", "los", "las", "y", "usted", "su", "pedido", "para", "con", "que", "una", "tu",
        "comprador", "ha", "del"),
)

# Marketplace host names as they appear in a notice (the storefront, not a sender address).
HOSTS: Mapping[str, Marketplace] = MappingProxyType({
    "amazon.co.uk": Marketplace.AMAZON_UK,
    "amazon.com.be": Marketplace.AMAZON_BE,
    "amazon.com": Marketplace.AMAZON_US,
    "amazon.nl": Marketplace.AMAZON_NL,
    "amazon.de": Marketplace.AMAZON_DE,
    "amazon.fr": Marketplace.AMAZON_FR,
    "amazon.it": Marketplace.AMAZON_IT,
    "amazon.es": Marketplace.AMAZON_ES,
    "amazon.pl": Marketplace.AMAZON_PL,
    "amazon.se": Marketplace.AMAZON_SE,
})
# A currency that only one Amazon marketplace uses names it; the euro names none.
CURRENCY_MARKETPLACE: Mapping[str, Marketplace] = MappingProxyType({
    "GBP": Marketplace.AMAZON_UK,
    "USD": Marketplace.AMAZON_US,
    "PLN": Marketplace.AMAZON_PL,
    "SEK": Marketplace.AMAZON_SE,
})
# The notice's language suggests a marketplace, never with certainty: sellers read Seller
# Central in one language for every marketplace they sell on.
LANGUAGE_MARKETPLACES: Mapping[str, tuple[Marketplace, ...]] = MappingProxyType({
    "nl": (Marketplace.AMAZON_NL, Marketplace.AMAZON_BE),
    "de": (Marketplace.AMAZON_DE,),
    "fr": (Marketplace.AMAZON_FR, Marketplace.AMAZON_BE),
    "it": (Marketplace.AMAZON_IT,),
    "es": (Marketplace.AMAZON_ES,),
    "en": (Marketplace.AMAZON_UK, Marketplace.AMAZON_US),
})
