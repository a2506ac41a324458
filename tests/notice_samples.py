"""Marketplace notices as sellers paste them, one per kind and language, with what they say.

Written for these tests from the public descriptions of the e-mails (Seller Central help items
1781, G202041210 and G202145040, PayPal's Resolution Center help, Trusted Shops' buyer-protection
help). Names, ids and amounts are made up; no real seller data.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from domain.claims import Reason
from domain.money import Money
from domain.notice import NoticeEvent
from domain.rules import ClaimSource, Marketplace

NOW = datetime(2026, 12, 2, 9, 0, tzinfo=UTC)
ZONE = ZoneInfo("Europe/Amsterdam")


def local(day: int, hour: int = 0, minute: int = 0) -> datetime:
    """A December 2026 wall-clock time in Amsterdam, as an aware UTC instant."""
    return datetime(2026, 12, day, hour, minute, tzinfo=ZONE).astimezone(UTC)


@dataclass(frozen=True)
class Sample:
    name: str
    language: str
    text: str
    kind: NoticeEvent
    source: ClaimSource
    marketplace: Marketplace
    order_id: str
    amount: Money
    reason: Reason | None
    info_requested: bool | None = None  # None: not certain (the bot asks)
    notice_at: datetime | None = None  # certain notice time, when the text carries one
    respond_by: datetime | None = None


def eur(value: str) -> Money:
    return Money(Decimal(value), "EUR")


SAMPLES: list[Sample] = [
    # --- English -----------------------------------------------------------------------------
    Sample("a-to-z claim", "en", """\
From: Amazon.co.uk <atoz-guarantee-no-reply@amazon.co.uk>
Date: Tue, 1 Dec 2026 at 22:08
Subject: A-to-z Guarantee claim for order 203-1234567-7654321

Dear Seller,

A buyer has filed an A-to-z Guarantee claim for the order below.

Order ID: 203-1234567-7654321
Claim amount: £34.99
Reason: Item not received

No action is required from you at this time. We will review the claim using the information
you and the buyer have already provided. If we need more information, we will contact you.

Sincerely,
Amazon.co.uk""",
           NoticeEvent.FILED, ClaimSource.A_TO_Z, Marketplace.AMAZON_UK, "203-1234567-7654321",
           Money(Decimal("34.99"), "GBP"), Reason.NOT_RECEIVED, False, local(1, 22, 8)),
    Sample("request for information", "en", """\
Subject: Action required: A-to-z Guarantee claim 113-9876543-1234567

Hello,

We are reviewing an A-to-z Guarantee claim the buyer filed for order 113-9876543-1234567
($59.00, reason: item significantly not as described). We need additional information from you
to complete our investigation. Please provide the following information within 48 hours:
- your correspondence with the buyer
- return shipping details (for example a prepaid return label)

Go to Performance > A-to-z Guarantee Claims, open the Action required tab and select Respond to
Amazon. If we do not receive your response within 48 hours, the claim will be granted in favor
of the buyer.

Amazon.com
Sent: December 1, 2026 10:08 PM""",
           NoticeEvent.INFO_REQUEST, ClaimSource.A_TO_Z, Marketplace.AMAZON_US,
           "113-9876543-1234567", Money(Decimal("59.00"), "USD"), Reason.NOT_AS_DESCRIBED, True,
           local(1, 22, 8)),
    Sample("chargeback", "en", """\
Date: Tue, 1 Dec 2026 at 22:08
Subject: Chargeback notification: order 205-5550001-4440002

Hello from Amazon.co.uk,

We received a chargeback from the buyer's card issuer for order 205-5550001-4440002.
Chargeback amount: £89.00
Reason given by the card issuer: merchandise not received

Please respond within 7 calendar days by replying to this e-mail ("Represent your case") with
the shipping and tracking details. The buyer will not see your comments; they are for Amazon
investigators only.

Amazon.co.uk Seller Performance""",
           NoticeEvent.FILED, ClaimSource.CHARGEBACK, Marketplace.AMAZON_UK,
           "205-5550001-4440002", Money(Decimal("89.00"), "GBP"), Reason.NOT_RECEIVED, False,
           local(1, 22, 8)),
    Sample("claim granted", "en", """\
<p>Dear Seller,</p><p>We have reviewed the A-to-z Guarantee claim for order
<b>026-1112223-3334445</b> and decided in favour of the buyer. The claim amount of
<b>&euro;24.50</b> has been debited from your account.</p>
<p>Claim reason: item arrived damaged.</p>
<p>If you have new information that was not available when we decided, you can appeal within 30
days: Performance &gt; A-to-z Guarantee Claims &gt; Option to appeal.</p>
<p>Amazon.de</p>""",
           NoticeEvent.GRANTED, ClaimSource.A_TO_Z, Marketplace.AMAZON_DE, "026-1112223-3334445",
           eur("24.50"), Reason.DAMAGED, False),
    Sample("claim denied", "en", """\
Dear Seller,

The A-to-z Guarantee claim for order 203-7654321-1234567 (£19.95, item not received) has been
reviewed and decided in your favour. The claim has been denied and does not count toward your
Order Defect Rate.

Thank you for selling on Amazon.co.uk.""",
           NoticeEvent.DENIED, ClaimSource.A_TO_Z, Marketplace.AMAZON_UK, "203-7654321-1234567",
           Money(Decimal("19.95"), "GBP"), Reason.NOT_RECEIVED, False),
    Sample("trusted shops case", "en", """\
Subject: Trusted Shops buyer protection: a case has been opened

Dear shop owner,

A buyer has reported a problem with order number WS-10045 (order total: 129,90 EUR) and opened
a buyer protection case with Trusted Shops.
Reason: item not delivered.

Please respond within 5 days in your eTrusted account. Respond by: 6 December 2026.

Kind regards,
Your Trusted Shops Buyer Protection team""",
           NoticeEvent.FILED, ClaimSource.TRUSTED_SHOPS, Marketplace.WEBSHOP, "WS-10045",
           eur("129.90"), Reason.NOT_RECEIVED, False, respond_by=local(6, 23, 59)),
    Sample("paypal dispute", "en", """\
Hello Example Shop,

Your buyer opened a dispute for a payment they sent you.
Case ID: PP-D-123456789
Transaction ID: 7XK41234AB5678901
Disputed amount: €45.00 EUR
Reason: Item not received
Date opened: Dec 1, 2026, 10:08 PM

Please respond by December 21, 2026 in the Resolution Center. If you can't resolve the problem
together, either of you can escalate it to a claim.

PayPal""",
           NoticeEvent.FILED, ClaimSource.PAYPAL, Marketplace.WEBSHOP, "7XK41234AB5678901",
           eur("45.00"), Reason.NOT_RECEIVED, False, local(1, 22, 8), local(21, 23, 59)),
    Sample("paypal claim", "en", """\
Hello Example Shop,

Your buyer has escalated their dispute to a claim. PayPal will now review the case.
Case ID: PP-D-123456789
Transaction ID: 7XK41234AB5678901
Claim amount: €45.00 EUR
Reason: item significantly not as described

Please respond by December 12, 2026, or we may decide the case in the buyer's favor.

PayPal""",
           NoticeEvent.ESCALATED, ClaimSource.PAYPAL, Marketplace.WEBSHOP, "7XK41234AB5678901",
           eur("45.00"), Reason.NOT_AS_DESCRIBED, False, respond_by=local(12, 23, 59)),
    # --- Dutch -------------------------------------------------------------------------------
    Sample("a-to-z claim", "nl", """\
Van: Amazon.nl
Datum: di 1 dec. 2026 om 22:08
Onderwerp: A-tot-Z-garantieclaim voor bestelling 171-1234567-1234567

Beste verkoper,

Een koper heeft een A-tot-Z-garantieclaim ingediend voor bestelling 171-1234567-1234567.
Bedrag van de claim: € 34,99
Reden: artikel niet ontvangen

Er is op dit moment geen actie vereist. Als we meer informatie nodig hebben, nemen we contact met
je op.

Met vriendelijke groet,
Amazon.nl""",
           NoticeEvent.FILED, ClaimSource.A_TO_Z, Marketplace.AMAZON_NL, "171-1234567-1234567",
           eur("34.99"), Reason.NOT_RECEIVED, False, local(1, 22, 8)),
    Sample("request for information", "nl", """\
Onderwerp: Actie vereist: A-tot-Z-garantieclaim

Hallo,

We onderzoeken de A-tot-Z-garantieclaim voor bestelling 171 - 7654321 - 7654321 (€ 59,00,
reden: beschadigd artikel). We hebben aanvullende informatie van je nodig: stuur ons het
bezorgbewijs van de vervoerder en je correspondentie met de koper.

Ga naar Prestaties > A-tot-Z-garantieclaims > Actie vereist en kies Reageren op Amazon. Als je
niet binnen 48 uur reageert op ons verzoek om aanvullende informatie, wordt de claim aan de koper
toegekend.

Amazon.nl
Verzonden: 1 december 2026 22:08""",
           NoticeEvent.INFO_REQUEST, ClaimSource.A_TO_Z, Marketplace.AMAZON_NL,
           "171-7654321-7654321", eur("59.00"), Reason.DAMAGED, True, local(1, 22, 8)),
    Sample("chargeback", "nl", """\
Datum: di 1 dec. 2026 om 22:08
Onderwerp: Terugboeking voor bestelling 171-5550001-4440002

Hallo,

We hebben een terugboekingsverzoek (chargeback) ontvangen van de creditcardmaatschappij van de
koper voor bestelling 171-5550001-4440002 op Amazon.nl.
Bedrag: € 89,00
Reden van de kaartuitgever: artikel niet ontvangen

Reageer binnen 7 dagen door deze e-mail te beantwoorden met de verzend- en trackinggegevens. De
koper ziet je opmerkingen niet.

Amazon.nl""",
           NoticeEvent.FILED, ClaimSource.CHARGEBACK, Marketplace.AMAZON_NL,
           "171-5550001-4440002", eur("89.00"), Reason.NOT_RECEIVED, False, local(1, 22, 8)),
    Sample("claim granted", "nl", """\
Beste verkoper,

We hebben de A-tot-Z-garantieclaim voor bestelling 171-1112223-3334445 beoordeeld en beslist in
het voordeel van de koper. Het bedrag van € 24,50 is van je account afgeschreven.
Reden van de claim: artikel kapot aangekomen.

Heb je nieuwe informatie die eerder niet beschikbaar was, dan kun je binnen 30 dagen in beroep
gaan.

Amazon.nl""",
           NoticeEvent.GRANTED, ClaimSource.A_TO_Z, Marketplace.AMAZON_NL, "171-1112223-3334445",
           eur("24.50"), Reason.DAMAGED, False),
    Sample("claim denied", "nl", """\
Beste verkoper,

De A-tot-Z-garantieclaim voor bestelling 171-7654321-1234567 (€ 19,95, artikel niet ontvangen)
is beoordeeld. De claim is afgewezen: we hebben in je voordeel beslist. De claim telt niet mee
voor je Percentage defecte bestellingen (ODR).

Amazon.nl""",
           NoticeEvent.DENIED, ClaimSource.A_TO_Z, Marketplace.AMAZON_NL, "171-7654321-1234567",
           eur("19.95"), Reason.NOT_RECEIVED, False),
    Sample("trusted shops case", "nl", """\
Onderwerp: Trusted Shops kopersbescherming: er is een zaak geopend

Beste webwinkelier,

Een koper heeft een probleem gemeld met bestelnummer 20231 (totaalbedrag € 129,90) en een zaak
geopend bij de kopersbescherming van Trusted Shops.
Reden: de koper heeft na het herroepen en terugsturen geen terugbetaling ontvangen.

Reageer uiterlijk 6 december 2026 via je eTrusted-account.

Met vriendelijke groet,
Trusted Shops""",
           NoticeEvent.FILED, ClaimSource.TRUSTED_SHOPS, Marketplace.WEBSHOP, "20231",
           eur("129.90"), Reason.RETURN_NO_REFUND, False, respond_by=local(6, 23, 59)),
    Sample("paypal dispute", "nl", """\
Hallo Voorbeeldwinkel,

Je koper heeft een geschil geopend over een betaling.
Zaak-ID: PP-D-223456789
Transactiecode: 8YL51234CD5678902
Bedrag: € 45,00 EUR
Reden: artikel niet ontvangen
Geopend op: 1 december 2026 om 22:08

Reageer vóór 21 december 2026 in het Oplossingencentrum.

PayPal""",
           NoticeEvent.FILED, ClaimSource.PAYPAL, Marketplace.WEBSHOP, "8YL51234CD5678902",
           eur("45.00"), Reason.NOT_RECEIVED, False, local(1, 22, 8), local(21, 23, 59)),
    Sample("paypal claim", "nl", """\
Hallo Voorbeeldwinkel,

Je koper heeft het geschil geëscaleerd naar een claim. PayPal beoordeelt de zaak nu.
Zaak-ID: PP-D-223456789
Transactiecode: 8YL51234CD5678902
Bedrag: € 45,00 EUR
Reden: artikel wijkt af van de beschrijving

Reageer vóór 12 december 2026.

PayPal""",
           NoticeEvent.ESCALATED, ClaimSource.PAYPAL, Marketplace.WEBSHOP, "8YL51234CD5678902",
           eur("45.00"), Reason.NOT_AS_DESCRIBED, False, respond_by=local(12, 23, 59)),
    # --- German ------------------------------------------------------------------------------
    Sample("a-to-z claim", "de", """\
Von: Amazon.de
Gesendet: Dienstag, 1. Dezember 2026 um 22:08
Betreff: A-bis-z-Garantieantrag für Bestellung 302-1234567-1234567

Guten Tag,

ein Käufer hat einen A-bis-z-Garantieantrag für die Bestellung 302-1234567-1234567 gestellt.
Betrag: 34,99 €
Grund: Artikel nicht erhalten

Zurzeit ist keine Aktion erforderlich. Falls wir weitere Informationen benötigen, melden wir uns
bei Ihnen.

Freundliche Grüße
Amazon.de""",
           NoticeEvent.FILED, ClaimSource.A_TO_Z, Marketplace.AMAZON_DE, "302-1234567-1234567",
           eur("34.99"), Reason.NOT_RECEIVED, False, local(1, 22, 8)),
    Sample("request for information", "de", """\
Betreff: Aktion erforderlich: A-bis-z-Garantieantrag

Guten Tag,

für den A-bis-z-Garantieantrag zur Bestellung 302-7654321-7654321 (59,00 €, Grund: Artikel
defekt) benötigen wir weitere Informationen von Ihnen. Bitte senden Sie uns den Zustellnachweis
und Ihre Korrespondenz mit dem Käufer innerhalb von 48 Stunden.

Amazon.de
Datum: 01.12.2026 22:08""",
           NoticeEvent.INFO_REQUEST, ClaimSource.A_TO_Z, Marketplace.AMAZON_DE,
           "302-7654321-7654321", eur("59.00"), Reason.DAMAGED, True, local(1, 22, 8)),
    Sample("chargeback", "de", """\
Gesendet: Dienstag, 1. Dezember 2026 um 22:08
Betreff: Rückbelastung (Chargeback) für Bestellung 302-5550001-4440002

Guten Tag,

wir haben von der Kreditkartengesellschaft des Käufers eine Rückbelastung für die Bestellung
302-5550001-4440002 auf Amazon.de erhalten.
Betrag: 89,00 €
Grund: Artikel nicht wie beschrieben

Bitte antworten Sie innerhalb von 7 Tagen auf diese E-Mail und fügen Sie Versand- und
Sendungsverfolgungsdaten bei.

Amazon.de""",
           NoticeEvent.FILED, ClaimSource.CHARGEBACK, Marketplace.AMAZON_DE,
           "302-5550001-4440002", eur("89.00"), Reason.NOT_AS_DESCRIBED, False, local(1, 22, 8)),
    Sample("claim granted", "de", """\
Guten Tag,

wir haben den A-bis-z-Garantieantrag für die Bestellung 302-1112223-3334445 geprüft und
zugunsten des Käufers entschieden. Der Betrag von 24,50 € wurde Ihrem Konto belastet.
Grund des Antrags: Artikel beschädigt.

Wenn Sie neue Informationen haben, können Sie innerhalb von 30 Tagen Einspruch einlegen.

Amazon.de""",
           NoticeEvent.GRANTED, ClaimSource.A_TO_Z, Marketplace.AMAZON_DE, "302-1112223-3334445",
           eur("24.50"), Reason.DAMAGED, False),
    Sample("claim denied", "de", """\
Guten Tag,

der A-bis-z-Garantieantrag für die Bestellung 302-7654321-1234567 (19,95 €, Artikel nicht
erhalten) wurde zu Ihren Gunsten entschieden. Der Antrag wurde abgelehnt und zählt nicht zu Ihrer
Bestellmängelquote.

Amazon.de""",
           NoticeEvent.DENIED, ClaimSource.A_TO_Z, Marketplace.AMAZON_DE, "302-7654321-1234567",
           eur("19.95"), Reason.NOT_RECEIVED, False),
    Sample("trusted shops case", "de", """\
Betreff: Trusted Shops Käuferschutz: Ein Fall wurde eröffnet

Sehr geehrter Shopbetreiber,

ein Käufer hat zur Bestellnummer 2026-4711 (Gesamtbetrag 129,90 €) einen Käuferschutz-Fall
bei Trusted Shops eröffnet.
Grund: Ware nicht geliefert.

Bitte nehmen Sie bis zum 6. Dezember 2026 in Ihrem eTrusted-Konto Stellung.

Ihr Trusted Shops Team""",
           NoticeEvent.FILED, ClaimSource.TRUSTED_SHOPS, Marketplace.WEBSHOP, "2026-4711",
           eur("129.90"), Reason.NOT_RECEIVED, False, respond_by=local(6, 23, 59)),
    Sample("paypal dispute", "de", """\
Hallo Beispielshop,

Ihr Käufer hat einen Konflikt zu einer Zahlung eröffnet.
Fallnummer: PP-D-323456789
Transaktionscode: 9ZM61234EF5678903
Betrag: 45,00 € EUR
Grund: Artikel nicht erhalten
Eröffnet am: 1. Dezember 2026 um 22:08

Bitte antworten Sie bis zum 21. Dezember 2026 im Konfliktlösungszentrum.

PayPal""",
           NoticeEvent.FILED, ClaimSource.PAYPAL, Marketplace.WEBSHOP, "9ZM61234EF5678903",
           eur("45.00"), Reason.NOT_RECEIVED, False, local(1, 22, 8), local(21, 23, 59)),
    Sample("paypal claim", "de", """\
Hallo Beispielshop,

Ihr Käufer hat den Konflikt eskaliert; er wurde in einen Antrag umgewandelt. PayPal prüft den
Fall jetzt.
Fallnummer: PP-D-323456789
Transaktionscode: 9ZM61234EF5678903
Betrag: 45,00 € EUR
Grund: Artikel weicht erheblich von der Beschreibung ab

Bitte antworten Sie bis zum 12. Dezember 2026.

PayPal""",
           NoticeEvent.ESCALATED, ClaimSource.PAYPAL, Marketplace.WEBSHOP, "9ZM61234EF5678903",
           eur("45.00"), Reason.NOT_AS_DESCRIBED, False, respond_by=local(12, 23, 59)),
    # --- French ------------------------------------------------------------------------------
    Sample("a-to-z claim", "fr", """\
De : Amazon.fr
Envoyé : mardi 1 décembre 2026 22:08
Objet : Réclamation au titre de la Garantie A à Z pour la commande 402-1234567-1234567

Bonjour,

Un acheteur a déposé une réclamation au titre de la Garantie A à Z d'Amazon pour la commande
402-1234567-1234567.
Montant : 34,99 €
Motif : article non reçu

Aucune action n'est requise de votre part pour le moment. Si nous avons besoin d'informations
supplémentaires, nous vous contacterons.

Cordialement,
Amazon.fr""",
           NoticeEvent.FILED, ClaimSource.A_TO_Z, Marketplace.AMAZON_FR, "402-1234567-1234567",
           eur("34.99"), Reason.NOT_RECEIVED, False, local(1, 22, 8)),
    Sample("request for information", "fr", """\
Objet : Action requise : réclamation au titre de la Garantie A à Z

Bonjour,

Pour la réclamation concernant la commande 402-7654321-7654321 (59,00 €, motif : article
défectueux), nous avons besoin d'informations supplémentaires de votre part. Veuillez nous
envoyer la preuve de livraison dans les 48 heures.

Amazon.fr
Date : 01/12/2026 22:08""",
           NoticeEvent.INFO_REQUEST, ClaimSource.A_TO_Z, Marketplace.AMAZON_FR,
           "402-7654321-7654321", eur("59.00"), Reason.DAMAGED, True, local(1, 22, 8)),
    Sample("chargeback", "fr", """\
Envoyé : mardi 1 décembre 2026 22:08
Objet : Rétrofacturation pour la commande 402-5550001-4440002

Bonjour,

Nous avons reçu une demande de rétrofacturation (chargeback) de l'émetteur de la carte de
l'acheteur pour la commande 402-5550001-4440002 sur Amazon.fr.
Montant : 89,00 €
Motif : article non reçu

Veuillez répondre à cet e-mail sous 7 jours avec les informations d'expédition et de suivi.

Amazon.fr""",
           NoticeEvent.FILED, ClaimSource.CHARGEBACK, Marketplace.AMAZON_FR,
           "402-5550001-4440002", eur("89.00"), Reason.NOT_RECEIVED, False, local(1, 22, 8)),
    Sample("claim granted", "fr", """\
Bonjour,

Nous avons examiné la réclamation au titre de la Garantie A à Z pour la commande
402-1112223-3334445 et avons tranché en faveur de l'acheteur. Le montant de 24,50 € a été débité
de votre compte.
Motif de la réclamation : article endommagé.

Si vous disposez de nouvelles informations, vous pouvez faire appel dans les 30 jours.

Amazon.fr""",
           NoticeEvent.GRANTED, ClaimSource.A_TO_Z, Marketplace.AMAZON_FR, "402-1112223-3334445",
           eur("24.50"), Reason.DAMAGED, False),
    Sample("claim denied", "fr", """\
Bonjour,

La réclamation au titre de la Garantie A à Z pour la commande 402-7654321-1234567 (19,95 €,
article non reçu) a été examinée et tranchée en votre faveur. La réclamation a été refusée et ne
compte pas dans votre taux de commandes défectueuses.

Amazon.fr""",
           NoticeEvent.DENIED, ClaimSource.A_TO_Z, Marketplace.AMAZON_FR, "402-7654321-1234567",
           eur("19.95"), Reason.NOT_RECEIVED, False),
    Sample("trusted shops case", "fr", """\
Objet : Protection acheteur Trusted Shops : un dossier a été ouvert

Bonjour,

Un acheteur a signalé un problème pour la commande n° FR-8812 (montant : 129,90 €) et ouvert un
dossier de protection acheteur auprès de Trusted Shops.
Motif : article non livré.

Veuillez répondre au plus tard le 6 décembre 2026 dans votre compte eTrusted.

L'équipe Trusted Shops""",
           NoticeEvent.FILED, ClaimSource.TRUSTED_SHOPS, Marketplace.WEBSHOP, "FR-8812",
           eur("129.90"), Reason.NOT_RECEIVED, False, respond_by=local(6, 23, 59)),
    Sample("paypal dispute", "fr", """\
Bonjour Boutique Exemple,

Votre acheteur a ouvert un litige concernant un paiement.
Numéro de dossier : PP-D-423456789
Numéro de transaction : 1AN71234GH5678904
Montant : 45,00 € EUR
Motif : article non reçu
Ouvert le : 1 décembre 2026 à 22h08

Veuillez répondre avant le 21 décembre 2026 dans le Centre de résolution.

PayPal""",
           NoticeEvent.FILED, ClaimSource.PAYPAL, Marketplace.WEBSHOP, "1AN71234GH5678904",
           eur("45.00"), Reason.NOT_RECEIVED, False, local(1, 22, 8), local(21, 23, 59)),
    Sample("paypal claim", "fr", """\
Bonjour Boutique Exemple,

Votre acheteur a transformé le litige en réclamation. PayPal examine maintenant le dossier.
Numéro de dossier : PP-D-423456789
Numéro de transaction : 1AN71234GH5678904
Montant : 45,00 € EUR
Motif : article non conforme à la description

Veuillez répondre avant le 12 décembre 2026.

PayPal""",
           NoticeEvent.ESCALATED, ClaimSource.PAYPAL, Marketplace.WEBSHOP, "1AN71234GH5678904",
           eur("45.00"), Reason.NOT_AS_DESCRIBED, False, respond_by=local(12, 23, 59)),
    # --- Italian -----------------------------------------------------------------------------
    Sample("a-to-z claim", "it", """\
Da: Amazon.it
Data: martedì 1 dicembre 2026 22:08
Oggetto: Reclamo Garanzia dalla A alla Z per l'ordine 405-1234567-1234567

Gentile venditore,

un acquirente ha presentato un reclamo Garanzia dalla A alla Z per l'ordine 405-1234567-1234567.
Importo: 34,99 €
Motivo: articolo non ricevuto

Al momento non è richiesta alcuna azione da parte tua. Se abbiamo bisogno di ulteriori
informazioni, ti contatteremo.

Cordiali saluti,
Amazon.it""",
           NoticeEvent.FILED, ClaimSource.A_TO_Z, Marketplace.AMAZON_IT, "405-1234567-1234567",
           eur("34.99"), Reason.NOT_RECEIVED, False, local(1, 22, 8)),
    Sample("request for information", "it", """\
Oggetto: Azione richiesta: reclamo Garanzia dalla A alla Z

Gentile venditore,

per il reclamo relativo all'ordine 405-7654321-7654321 (59,00 €, motivo: articolo danneggiato)
abbiamo bisogno di ulteriori informazioni. Inviaci la prova di consegna entro 48 ore.

Amazon.it
Inviato: 1 dicembre 2026 22:08""",
           NoticeEvent.INFO_REQUEST, ClaimSource.A_TO_Z, Marketplace.AMAZON_IT,
           "405-7654321-7654321", eur("59.00"), Reason.DAMAGED, True, local(1, 22, 8)),
    Sample("chargeback", "it", """\
Data: martedì 1 dicembre 2026 22:08
Oggetto: Chargeback per l'ordine 405-5550001-4440002

Gentile venditore,

abbiamo ricevuto un chargeback dall'emittente della carta dell'acquirente per l'ordine
405-5550001-4440002 su Amazon.it.
Importo: 89,00 €
Motivo: articolo non ricevuto

Rispondi a questa e-mail entro 7 giorni con i dati di spedizione e tracciamento.

Amazon.it""",
           NoticeEvent.FILED, ClaimSource.CHARGEBACK, Marketplace.AMAZON_IT,
           "405-5550001-4440002", eur("89.00"), Reason.NOT_RECEIVED, False, local(1, 22, 8)),
    Sample("claim granted", "it", """\
Gentile venditore,

abbiamo esaminato il reclamo Garanzia dalla A alla Z per l'ordine 405-1112223-3334445 e abbiamo
deciso a favore dell'acquirente. L'importo di 24,50 € è stato addebitato sul tuo account.
Motivo del reclamo: articolo difettoso.

Se hai nuove informazioni, puoi presentare ricorso entro 30 giorni.

Amazon.it""",
           NoticeEvent.GRANTED, ClaimSource.A_TO_Z, Marketplace.AMAZON_IT, "405-1112223-3334445",
           eur("24.50"), Reason.DAMAGED, False),
    Sample("claim denied", "it", """\
Gentile venditore,

il reclamo Garanzia dalla A alla Z per l'ordine 405-7654321-1234567 (19,95 €, articolo non
ricevuto) è stato esaminato e deciso a tuo favore. Il reclamo è stato respinto e non incide sul
tuo tasso di ordini difettosi.

Amazon.it""",
           NoticeEvent.DENIED, ClaimSource.A_TO_Z, Marketplace.AMAZON_IT, "405-7654321-1234567",
           eur("19.95"), Reason.NOT_RECEIVED, False),
    Sample("trusted shops case", "it", """\
Oggetto: Protezione acquirenti Trusted Shops: è stato aperto un caso

Gentile negoziante,

un acquirente ha segnalato un problema con l'ordine numero IT-5521 (importo 129,90 €) e ha aperto
un caso di protezione acquirenti presso Trusted Shops.
Motivo: mancata consegna.

Rispondi entro il 6 dicembre 2026 nel tuo account eTrusted.

Il team Trusted Shops""",
           NoticeEvent.FILED, ClaimSource.TRUSTED_SHOPS, Marketplace.WEBSHOP, "IT-5521",
           eur("129.90"), Reason.NOT_RECEIVED, False, respond_by=local(6, 23, 59)),
    Sample("paypal dispute", "it", """\
Ciao Negozio Esempio,

il tuo acquirente ha aperto una contestazione per un pagamento.
ID caso: PP-D-523456789
Codice transazione: 2BP81234JK5678905
Importo: 45,00 € EUR
Motivo: oggetto non ricevuto
Aperta il: 1 dicembre 2026 alle 22:08

Rispondi entro il 21 dicembre 2026 nel Centro risoluzioni.

PayPal""",
           NoticeEvent.FILED, ClaimSource.PAYPAL, Marketplace.WEBSHOP, "2BP81234JK5678905",
           eur("45.00"), Reason.NOT_RECEIVED, False, local(1, 22, 8), local(21, 23, 59)),
    Sample("paypal claim", "it", """\
Ciao Negozio Esempio,

il tuo acquirente ha trasformato la contestazione in reclamo. PayPal sta esaminando il caso.
ID caso: PP-D-523456789
Codice transazione: 2BP81234JK5678905
Importo: 45,00 € EUR
Motivo: oggetto diverso dalla descrizione

Rispondi entro il 12 dicembre 2026.

PayPal""",
           NoticeEvent.ESCALATED, ClaimSource.PAYPAL, Marketplace.WEBSHOP, "2BP81234JK5678905",
           eur("45.00"), Reason.NOT_AS_DESCRIBED, False, respond_by=local(12, 23, 59)),
    # --- Spanish -----------------------------------------------------------------------------
    Sample("a-to-z claim", "es", """\
De: Amazon.es
Fecha: martes, 1 de diciembre de 2026, 22:08
Asunto: Reclamación de la Garantía de la A a la Z para el pedido 406-1234567-1234567

Hola:

Un comprador ha presentado una reclamación de la Garantía de la A a la Z para el pedido
406-1234567-1234567.
Importe: 34,99 €
Motivo: artículo no recibido

En este momento no se requiere ninguna acción por tu parte. Si necesitamos más información, nos
pondremos en contacto contigo.

Atentamente,
Amazon.es""",
           NoticeEvent.FILED, ClaimSource.A_TO_Z, Marketplace.AMAZON_ES, "406-1234567-1234567",
           eur("34.99"), Reason.NOT_RECEIVED, False, local(1, 22, 8)),
    Sample("request for information", "es", """\
Asunto: Acción requerida: reclamación de la Garantía de la A a la Z

Hola:

Para la reclamación del pedido 406-7654321-7654321 (59,00 €, motivo: artículo defectuoso)
necesitamos información adicional. Envíanos la prueba de entrega en un plazo de 48 horas.

Amazon.es
Enviado: 1 de diciembre de 2026 22:08""",
           NoticeEvent.INFO_REQUEST, ClaimSource.A_TO_Z, Marketplace.AMAZON_ES,
           "406-7654321-7654321", eur("59.00"), Reason.DAMAGED, True, local(1, 22, 8)),
    Sample("chargeback", "es", """\
Fecha: martes, 1 de diciembre de 2026, 22:08
Asunto: Contracargo para el pedido 406-5550001-4440002

Hola:

Hemos recibido un contracargo del emisor de la tarjeta del comprador para el pedido
406-5550001-4440002 en Amazon.es.
Importe: 89,00 €
Motivo: artículo no recibido

Responde a este correo electrónico en un plazo de 7 días con los datos de envío y seguimiento.

Amazon.es""",
           NoticeEvent.FILED, ClaimSource.CHARGEBACK, Marketplace.AMAZON_ES,
           "406-5550001-4440002", eur("89.00"), Reason.NOT_RECEIVED, False, local(1, 22, 8)),
    Sample("claim granted", "es", """\
Hola:

Hemos revisado la reclamación de la Garantía de la A a la Z para el pedido 406-1112223-3334445 y
hemos resuelto a favor del comprador. El importe de 24,50 € se ha cargado en tu cuenta.
Motivo de la reclamación: artículo dañado.

Si tienes información nueva, puedes apelar en un plazo de 30 días.

Amazon.es""",
           NoticeEvent.GRANTED, ClaimSource.A_TO_Z, Marketplace.AMAZON_ES, "406-1112223-3334445",
           eur("24.50"), Reason.DAMAGED, False),
    Sample("claim denied", "es", """\
Hola:

La reclamación de la Garantía de la A a la Z para el pedido 406-7654321-1234567 (19,95 €,
artículo no recibido) se ha revisado y resuelto a tu favor. La reclamación ha sido denegada y no
cuenta para tu tasa de pedidos defectuosos.

Amazon.es""",
           NoticeEvent.DENIED, ClaimSource.A_TO_Z, Marketplace.AMAZON_ES, "406-7654321-1234567",
           eur("19.95"), Reason.NOT_RECEIVED, False),
    Sample("trusted shops case", "es", """\
Asunto: Protección al comprador de Trusted Shops: se ha abierto un caso

Hola:

Un comprador ha comunicado un problema con el número de pedido ES-3390 (importe 129,90 €) y ha
abierto un caso de protección al comprador en Trusted Shops.
Motivo: artículo no entregado.

Responde antes del 6 de diciembre de 2026 en tu cuenta de eTrusted.

El equipo de Trusted Shops""",
           NoticeEvent.FILED, ClaimSource.TRUSTED_SHOPS, Marketplace.WEBSHOP, "ES-3390",
           eur("129.90"), Reason.NOT_RECEIVED, False, respond_by=local(6, 23, 59)),
    Sample("paypal dispute", "es", """\
Hola, Tienda Ejemplo:

Tu comprador ha abierto una disputa sobre un pago.
Id. de caso: PP-D-623456789
Id. de transacción: 3CQ91234LM5678906
Importe: 45,00 € EUR
Motivo: artículo no recibido
Abierta el: 1 de diciembre de 2026, 22:08

Responde antes del 21 de diciembre de 2026 en el Centro de resoluciones.

PayPal""",
           NoticeEvent.FILED, ClaimSource.PAYPAL, Marketplace.WEBSHOP, "3CQ91234LM5678906",
           eur("45.00"), Reason.NOT_RECEIVED, False, local(1, 22, 8), local(21, 23, 59)),
    Sample("paypal claim", "es", """\
Hola, Tienda Ejemplo:

Tu comprador ha convertido la disputa en una reclamación. PayPal está revisando el caso.
Id. de caso: PP-D-623456789
Id. de transacción: 3CQ91234LM5678906
Importe: 45,00 € EUR
Motivo: el artículo no coincide con la descripción

Responde antes del 12 de diciembre de 2026.

PayPal""",
           NoticeEvent.ESCALATED, ClaimSource.PAYPAL, Marketplace.WEBSHOP, "3CQ91234LM5678906",
           eur("45.00"), Reason.NOT_AS_DESCRIBED, False, respond_by=local(12, 23, 59)),
]
