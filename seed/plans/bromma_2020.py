"""Bromma stadsdelsnämnd, handlingsplan mot våldsbejakande extremism 2020 (transcribed)."""

from datetime import date
from typing import Any

PLAN: dict[str, Any] = {
    "council": "BRO",
    "year": 2020,
    "dnr": None,
    "adopted_on": None,
    "lagesbild": (
        "Inom Bromma är det, i likhet med vad som framkommit i tidigare års lägesbild, uttryck för "
        "vit makt-miljön som synts. Det rör sig främst om klotter och det är framförallt inom "
        "området Blackeberg som klotter kopplat till vit makt-miljön har observerats och anmälts. "
        "Sammantaget finns det i dagsläget inget som tyder på att våldsbejakande extremism skulle "
        "vara förekommande i någon högre utsträckning inom Bromma."
        "\n\n"
        "Inom ramarna för ett operativt BRÅ samlar Bromma stadsdelsförvaltning varannan vecka in "
        "aktuell information som rör upplevd trygghet och säkerhet från interna och externa "
        "verksamheter i Bromma för att ständigt ha en aktuell lägesbild av situationen i "
        "stadsdelsområdet. En del av frågorna till underlaget som samlas in är, sedan hösten 2019, "
        "om tecken på våldsbejakande extremism har uppmärksammats."
    ),
    "sources": (
        "Underlag för den lokala lägesbilden har inhämtats via en enkät som skickats ut inom "
        "stadsdelsförvaltningen och via de olika fackförvaltningarna (utbildnings-, kultur- och "
        "fritids-, idrotts-, arbetsmarknads- samt socialförvaltningen) inom staden. Information "
        "har även inhämtats från klotterstatistik från trafikkontoret, avvikelserapportering via "
        "IA, blankett för avidentifierad information, lokalpolisområdet samt polisens "
        "övergripande lägesbild."
    ),
    "analysis": (
        "Bromma utmärker sig, i förhållande till majoriteten av de övriga stadsdelarna, avseende "
        "inrapporterat klotter kopplat till våldsbejakande extremism. Ingen närmare analys av "
        "orsaken till det är gjord men det är troligt att det både handlar om att det under året "
        "funnits klotter med koppling till våldsbejakande extremism att rapportera in inom "
        "stadsdelen och att det finns kunskap bland medborgare och förbipasserande inom stadsdelen "
        "om hur inrapportering ska ske. Bromma utmärker sig även avseende antalet IA-rapporter, "
        "genom en förhållandevis hög inrapportering av incidenter med koppling till våldsbejakande "
        "extremism. Vid genomgång av samtliga sådana IA-rapporter framkom dock att ingen av "
        "incidenterna hade koppling till våldsbejakande extremism, men däremot till våld i andra "
        "former."
        "\n\n"
        "Det har inte inkommit någon blankett för avidentifierad information under år 2019, vilket "
        "tyder på att den rutinen behöver ytterligare förankring inom organisationen."
        "\n\n"
        "Antalet svarande på enkäten i år var färre än föregående år för skolorna inom stadsdelen "
        "samt enheterna inom stadsdelsförvaltningen, vilket kan påverka underlaget för lägesbilden."
        "\n\n"
        "Sammantaget visar underlaget att det finns behov av att fokusera på att kontinuerlig "
        "kompetensutveckling säkerställs, implementering av centrala rutiner och riktlinjer "
        "genomförs inom organisationen samt att upprättande av lokala rutiner för handläggning av "
        "samt intern och extern samverkan i individärenden kopplade till våldsbejakande extremism "
        "sker."
    ),
    "activities": [
        # Förebyggande aktiviteter
        {
            "section": "preventive",
            "description": (
                "Analys av hur förskolorna i Bromma, utifrån mål i läroplanen, kan utveckla "
                "aktiviteter för det våldspreventiva arbetet i förskolan med jämställdhet som "
                "grund."
            ),
            "responsible": "Strateg Avdelning förskola",
            "schedule": "deadline",
            "deadline": date(2020, 12, 31),
            "schedule_text": "2020",
            "follow_up": "vb",
            "follow_up_text": "I ordinarie verksamhetsuppföljning i VB.",
            "target": None,
        },
        {
            "section": "preventive",
            "description": (
                "Fältassistenter samverkar med Brommas skolor kring MVP (Mentors in Violence "
                "Prevention)."
            ),
            "responsible": "Fältassistenter, i samhandling med stadsdelens grundskolor.",
            "schedule": "deadline",
            "deadline": date(2020, 12, 31),
            "schedule_text": "2020",
            "follow_up": "vb",
            "follow_up_text": "I ordinarie verksamhetsuppföljning i VB.",
            "target": None,
        },
        {
            "section": "preventive",
            "description": (
                "En lokal strategi/handlingsplan för ett långsiktigt genomförande av generellt och "
                "riktat föräldraskapsstöd (genom programmen ABC och KOMET) ska göras, med syftet "
                "att fler föräldrar i Bromma ska kunna erbjudas tidigt stöd."
            ),
            "responsible": (
                "Preventionssamordnare, i samhandling mellan avdelningarna administration, "
                "socialtjänst och fritid och förskola."
            ),
            "schedule": "deadline",
            "deadline": date(2020, 12, 31),
            "schedule_text": "2020",
            "follow_up": "vb",
            "follow_up_text": "I ordinarie verksamhetsuppföljning i VB.",
            "target": None,
        },
        {
            "section": "preventive",
            "description": (
                "Arbetet mot våldsbejakande extremism är stående punkt på styrgruppsmöten "
                "Trygghetsrådet - Brommas lokala BRÅ."
            ),
            "responsible": "Styrgruppens ordförande Trygghetsrådet – Brommas lokala BRÅ",
            "schedule": "deadline",
            "deadline": date(2020, 12, 31),
            "schedule_text": "2020",
            "follow_up": "ordinary",
            "follow_up_text": "Löpande",
            "target": None,
        },
        # Förhindrande aktiviteter
        {
            "section": "preventing",
            "description": (
                "Skapa lokal rutin för handläggning samt intern och extern samverkan gällande "
                "aktualiserade ärenden med VBE-koppling inom socialtjänsten."
            ),
            "responsible": (
                "Avdelningschef Avdelning socialtjänst och fritid i samråd med berörda enhetschefer"
            ),
            "schedule": "deadline",
            "deadline": date(2020, 12, 31),
            "schedule_text": "2020",
            "follow_up": "vb",
            "follow_up_text": "I ordinarie verksamhetsuppföljning i VB.",
            "target": None,
        },
        {
            "section": "preventing",
            "description": (
                "Se över hur stöd till anhöriga till individer kopplade till våldsbejakande "
                "extremism ska organiseras inom förvaltningen, både avseende myndig och omyndig "
                "person."
            ),
            "responsible": "Berörda avdelningschefer i samråd med berörda enhetschefer",
            "schedule": "deadline",
            "deadline": date(2020, 12, 31),
            "schedule_text": "2020",
            "follow_up": "vb",
            "follow_up_text": "I ordinarie verksamhetsuppföljning i VB.",
            "target": None,
        },
        {
            "section": "preventing",
            "description": (
                "Berörda verksamheter ska samverka med stadens VBE-team om detta blir aktuellt."
            ),
            "responsible": "Avdelningschef Avdelning socialtjänst och fritid",
            "schedule": "deadline",
            "deadline": date(2020, 12, 31),
            "schedule_text": "2020",
            "follow_up": "vb",
            "follow_up_text": "I ordinarie verksamhetsuppföljning i VB.",
            "target": None,
        },
        # Aktiviteter föreningsbidrag och upplåtande av lokaler eller öppna rum
        {
            "section": "grants_premises",
            "description": (
                "Föreningar som får bidrag ska, i avvaktan stadsövergripande riktlinjer, följa "
                "förvaltningens regler för fördelning av föreningsbidrag."
            ),
            "responsible": "Verksamhetscontroller inom förvaltningen samt nämnd",
            "schedule": "deadline",
            "deadline": date(2020, 12, 31),
            "schedule_text": "2020",
            "follow_up": "ordinary",
            "follow_up_text": "Bedöms vid bidragsgivningen samt vid uppföljning av bidrag.",
            "target": None,
        },
        {
            "section": "grants_premises",
            "description": (
                "Vid utlåning/uthyrning av lokaler ska det, i avvaktan stadsövergripande "
                "riktlinjer, säkerställas att föreningens verksamhet vilar på demokratisk grund "
                "och att även arrangemanget i lokalen gör det."
            ),
            "responsible": "Enhetschef/rektor för den verksamhet som lånar/hyr ut lokal.",
            "schedule": "deadline",
            "deadline": date(2020, 12, 31),
            "schedule_text": "2020",
            "follow_up": "ordinary",
            "follow_up_text": "I ordinarie verksamhetsuppföljning.",
            "target": None,
        },
        {
            "section": "grants_premises",
            "description": (
                "Se över om befintliga lokala regler och rutiner för föreningsbidrag och "
                "utlåning/uthyrning av lokaler behöver revideras, i avvaktan stadsövergripande "
                "riktlinjer."
            ),
            "responsible": "Förvaltningsledning",
            "schedule": "deadline",
            "deadline": date(2020, 12, 31),
            "schedule_text": "2020",
            "follow_up": "ordinary",
            "follow_up_text": "I ordinarie verksamhetsuppföljning.",
            "target": None,
        },
        # Kompetenshöjande aktiviteter
        {
            "section": "competence",
            "description": (
                "Relevant personal ska genomföra den webbaserade grundutbildningen om VBE."
            ),
            "responsible": "Förvaltningsledning",
            "schedule": "deadline",
            "deadline": date(2020, 12, 31),
            "schedule_text": "2020",
            "follow_up": "vb",
            "follow_up_text": (
                "Genom utbildningsportalen och i ordinarie verksamhetsuppföljning i VB."
            ),
            "target": None,
        },
        {
            "section": "competence",
            "description": (
                "Relevant personal inom förvaltningen deltar i stadsövergripande utbildningar i "
                "kompetenshöjande syfte."
            ),
            "responsible": "Avdelningschef berörd avdelning",
            "schedule": "deadline",
            "deadline": date(2020, 12, 31),
            "schedule_text": "2020",
            "follow_up": "vb",
            "follow_up_text": "I ordinarie verksamhetsuppföljning i VB.",
            "target": None,
        },
        {
            "section": "competence",
            "description": (
                "Relevant personal ska ha kunskap om stadsövergripande rutiner till exempel hur "
                "man ska agera vid händelse/oro kopplad till VBE, användande av blanketten för "
                "avidentifierad information och sekretessbrytande regel om man får kännedom om "
                "att någon kan misstänkas ha begått grovt krigsbrott, folkmord eller brott mot "
                "mänskligheten."
            ),
            "responsible": "Förvaltningsledning",
            "schedule": "deadline",
            "deadline": date(2020, 12, 31),
            "schedule_text": "2020",
            "follow_up": "vb",
            "follow_up_text": "I ordinarie verksamhetsuppföljning i VB.",
            "target": None,
        },
        {
            "section": "competence",
            "description": (
                "Den lokala samordnaren mot våldsbejakande extremism ska besöka de verksamheter "
                "som önskar mer information kring förvaltningens arbete mot våldsbejakande "
                "extremism."
            ),
            "responsible": (
                "Avdelningschef, enhetschef eller biträdande enhetschef som identifierar behov "
                "av stöd"
            ),
            "schedule": "deadline",
            "deadline": date(2020, 12, 31),
            "schedule_text": "2020",
            "follow_up": "vb",
            "follow_up_text": "I ordinarie verksamhetsuppföljning i VB.",
            "target": None,
        },
    ],
}
