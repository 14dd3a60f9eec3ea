"""Östermalms stadsdelsnämnd, handlingsplan mot VBE 2023 (transcribed from OCR)."""

from datetime import date
from typing import Any

PLAN: dict[str, Any] = {
    "council": "OST",
    "year": 2023,
    "dnr": "OST 2022/949",
    "adopted_on": None,
    # "Lägesbilden revideras under november 2022 och ligger till grund för arbetet 2023"; the
    # latest figure it quotes is IA "till och med 18 november", so that day (no day is stated).
    "lagesbild_revised_on": date(2022, 11, 18),
    # "Handlingsplanerna lägesbild revideras årligen, i samband med verksamhetsplanering" (no
    # T1): November, as in 2021 and 2022; the day is the month's last (see the data note).
    "next_revision": date(2023, 11, 30),
    "lagesbild": (
        "På Östermalm har den våldsbejakande extremismen främst synts i offentliga manifestationer "
        "av vit makt-miljön eller autonoma grupper. Det sker vanligtvis i form av åverkan som "
        "klotter eller klisterlappar. Sedan november 2021, då den senaste avstämningen gjordes, "
        "har endast ett fåtal incidenter med klotter noterats i stadsdelen. Sisab har noterat tre "
        "incidenter i stadsdelen sedan november 2021 på skolfastigheter, samtliga med koppling "
        "till den högerextrema miljön. Trafikkontoret har fram till den 10 oktober 2022 inte "
        "noterat en enda skadegörelse kopplat till våldsbejakande extremism i stadsdelen."
        "\n\n"
        "Enligt polisen har Östermalms stadsdelsområde ett fåtal personer som är kopplade till "
        "våldsbejakande extremism. Läget är oförändrat kring detta och det är ingenting som "
        "sticker ut. Under 2022 har inga uppmärksammade demonstrationer eller motdemonstrationer "
        "genomförts inom stadsdelsområdet med extremistiskt tema."
        "\n\n"
        "Arbetsmarknadsförvaltningen och socialförvaltningen har inte haft några extremistiska "
        "incidenter kopplade till stadsdelen. Under 2022, t.o.m. 31 okt, har socialtjänsten inte "
        "varit i kontakt med någon boende på Östermalm som varit kopplad till VBE. 2022 har, till "
        "och med 18 november, inga anmälningar gjorts i incidentrapporteringssystemet IA kopplat "
        "till extremism. 2 blanketter har under 2022 inkommit från skolor i stadsdelen med en "
        "avidentifierad anmälan rörande incidenter bland elever; båda avsåg misstanke om/oro för "
        "skolskjutning. Den ena har kunnat kopplas till högerextremism, den andra handlar om vapen "
        "och våldsfascination. Båda incidenterna har omhändertagits. Ökad extremistisk aktivitet "
        "under valkampanjen 2022 har inte märkts av på Östermalm. Under 2022 har ett "
        "informationsmaterial tagits fram och spridits inom socialtjänsten för att öka kompetensen "
        "om hur avhoppare hanteras."
        "\n\n"
        "En enkät skickades till 26 enhetschefer om erfarenheter av våldsbejakande extremism det "
        "senaste året (2022); svarsfrekvensen var 65 procent. Ingen av de svarande har noterat "
        "någon händelse kopplad till våldsbejakande extremism. Drygt 82 procent känner till "
        "förvaltningens handlingsplan, men de tror att bara omkring 29 procent av medarbetarna gör "
        "det. Knappt 65 procent känner till förvaltningens samordnare; drygt 35 procent svarar att "
        "varken de eller deras medarbetare känner till samordnaren. Nära 70 procent känner inte "
        "till blanketten för avidentifierad information. Omkring 65 procent känner till "
        "stödmaterial/vägledningar på intranätet, men av medarbetarna tros bara 29–35 procent göra "
        "det. Cheferna bedömer kunskapsnivån som låg och efterfrågar upprepade digitala "
        "informationsträffar och material att använda på APT."
    ),
    "sources": (
        "Underlag för den lokala lägesbilden har inhämtats från flera olika källor, bland annat "
        "stadens trygghetsmätning, Polisens trygghetsmätning, medborgardialoger genomförda av "
        "polisen, internt incidentrapporteringssystem (IA), blanketter för avidentifierad "
        "information från skolor, polisanmälda brott och kartläggningar genomförda av "
        "polismyndigheten, samt uppgifter från Sisab, trafikkontoret, arbetsmarknads- och "
        "socialförvaltningen och en enkät till 26 enhetschefer på stadsdelsförvaltningen."
    ),
    "analysis": (
        "Aktiviteten inom området tycks vara fortsatt låg. Under 2022 har det hittills varit få "
        "incidenter noterade som kan kopplas till våldsbejakande extremism inom Östermalms "
        "stadsdelsområde. Vid enstaka tillfällen har åverkan i form av framförallt klotter och ett "
        "par incidenter på skolor, med yttringar inom vit makt-miljön, uppmärksammats."
        "\n\n"
        "Med tanke på stadsdelens storlek så borde problemet troligen vara större. En anledning "
        "till den låga nivån av observationer och rapporter kan ha att göra med låg kunskap om "
        "våldsbejakande extremism. Detta antagande får stöd då enhetschefer inom "
        "stadsdelsförvaltningen uttryckt så i den enkät de besvarat. Kompetenshöjande insatser "
        "genomfördes på stadsdelsförvaltningen både under 2021 och 2022. Men det tycks inte ha "
        "varit tillräckligt. Behovet av ytterligare information och utbildning bör ses över under "
        "2023. De utbildningar som staden har på intranätet har marknadsförts men intresset för "
        "dessa har varit lågt."
        "\n\n"
        "Återkommande digitala informationsträffar bör upprepas under 2023, vilket efterfrågas i "
        "enkäten av enhetscheferna. Vid dessa träffar bör det tydliggöras vilka utbildningar som "
        "finns på intranätet och var stödmaterial och blanketter hittas."
    ),
    "activities": [
        # Förebyggande aktiviteter
        {
            "section": "preventive",
            "description": (
                "Fältassistenter bedriver uppsökande arbete bland unga för att identifiera de som "
                "är i behov av stöd."
            ),
            "responsible": "Enhetschef preventionsenheten",
            "schedule": "continuous",
            "deadline": None,
            "schedule_text": "Sker löpande på veckovisa avstämningar",
            "follow_up": "vb",
            "follow_up_text": "VB",
            "target": None,
        },
        {
            "section": "preventive",
            "description": (
                "Genomföra minst ett digitalt informationstillfälle för personal om utbildningar, "
                "blankett för avidentifierad information och stödmaterial på intranätet"
            ),
            "responsible": "Trygghets- och säkerhetssamordnaren",
            "schedule": "deadline",
            "deadline": date(2023, 12, 31),
            "schedule_text": "Senast 31 dec 2023",
            "follow_up": "vb",
            "follow_up_text": "VB",
            "target": "Minst ett digitalt informationstillfälle för personal genomfört under 2023",
        },
        {
            "section": "preventive",
            "description": (
                "Minst två påminnelser till enhetschefer om att aktiviteter i lokal handlingsplan "
                "ska genomföras under året."
            ),
            "responsible": "Trygghets- och säkerhetssamordnaren",
            "schedule": "deadline",
            "deadline": date(2023, 12, 31),
            "schedule_text": "Senast 31 dec 2023",
            "follow_up": "vb",
            "follow_up_text": "VB",
            "target": "Minst två påminnelser till enhetschefer under 2023",
        },
        # Förhindrande aktiviteter
        {
            "section": "preventing",
            "description": (
                "Berörda verksamheter ska samverka med socialförvaltningen om frågan om "
                "återvändande barn och kvinnor blir aktuell."
            ),
            "responsible": "Enhetschefer socialtjänstavdelningen",
            "schedule": "continuous",
            "deadline": None,
            "schedule_text": "Löpande",
            "follow_up": "vb",
            "follow_up_text": "VB",
            "target": None,
        },
        {
            "section": "preventing",
            "description": (
                "Berörda verksamheter ska vid behov kontakta socialförvaltningen som erbjuder stöd "
                "och samordning till stadsdelsförvaltningarna i frågor som rör VBE, både kopplat "
                "till arbetssätt och metoder samt vid behov i individärenden."
            ),
            "responsible": "Enhetschefer socialtjänstavdelningen",
            "schedule": "continuous",
            "deadline": None,
            "schedule_text": "Löpande",
            "follow_up": "vb",
            "follow_up_text": "VB",
            "target": None,
        },
        {
            "section": "preventing",
            "description": (
                "Beredskap för att bistå avhoppare och anhöriga enligt SoL om behov uppstår."
            ),
            "responsible": "Enhetschefer vuxenenheten och familjeenheten",
            "schedule": "continuous",
            "deadline": None,
            "schedule_text": "Löpande",
            "follow_up": "vb",
            "follow_up_text": (
                "VB, följer upp hur många avhoppare inom VBE man hjälpt under året."
            ),
            "target": None,
        },
        {
            "section": "preventing",
            "description": (
                "Följa den stadsövergripande vägledningen för ärenden gällande barn och unga som "
                "återvänder från krigsdrabbade områden."
            ),
            "responsible": "Enhetschef familjeenheten",
            "schedule": "deadline",
            "deadline": date(2023, 12, 31),
            "schedule_text": (
                "Uppföljning sker årligen under hösten för mottagnings- och utredargrupperna, "
                "nyanställda får information vid introduktion"
            ),
            "follow_up": "vb",
            "follow_up_text": "VB",
            "target": None,
        },
        # Kompetenshöjande insatser inom förvaltningen
        {
            "section": "competence",
            "description": (
                "Alla handläggare inom socialtjänsten ska ha genomfört stadens grundutbildning i "
                "VBE på intranätet under 2023."
            ),
            "responsible": "Alla enhetschefer",
            "schedule": "deadline",
            "deadline": date(2023, 12, 31),
            "schedule_text": "Senast 31 dec 2023",
            "follow_up": "plan_update",
            "follow_up_text": "Uppdatering handlingsplan mot VBE",
            "target": (
                "Alla handläggare inom socialtjänsten har genomfört stadens grundutbildning i VBE "
                "under 2023"
            ),
        },
        {
            "section": "competence",
            "description": (
                "På enhetsmöte sprida information om blanketten för avidentifierad information och "
                "sekretessbrytande regel. Syftet är att dokumentera om kännedom uppstår om att "
                "någon misstänks ha begått grovt krigsbrott, folkmord eller brott mot "
                "mänskligheten."
            ),
            "responsible": "Enhetschefer socialtjänstavdelningen",
            "schedule": "deadline",
            "deadline": date(2023, 12, 31),
            "schedule_text": "Senast 31 dec 2023",
            "follow_up": "plan_update",
            "follow_up_text": "Uppdatering handlingsplan mot VBE",
            "target": None,
        },
    ],
}
