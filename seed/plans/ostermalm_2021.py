"""Östermalms stadsdelsnämnd, handlingsplan mot våldsbejakande extremism 2021 (transcribed)."""

from datetime import date
from typing import Any

PLAN: dict[str, Any] = {
    "council": "OST",
    "year": 2021,
    "dnr": None,
    "adopted_on": None,
    "lagesbild": (
        "Den form av våldsbejakande extremism som märkts av inom Östermalms stadsdelsområde tar "
        "sig främst uttryck i offentliga manifestationer av vit makt-miljön eller autonoma "
        "grupper. Det sker vanligtvis i form av åverkan som klotter eller klisterlappar."
        "\n\n"
        "Under 2020 har, under pandemin, inga tillståndsgivna demonstrationer eller "
        "motdemonstrationer genomförts inom stadsdelsområdet på detta tema."
        "\n\n"
        "Enligt polisen ligger Östermalms stadsdelsområde på mycket låga nivåer vad gäller "
        "personer som är brottsaktiva inom våldsbejakande extremism, både i faktiska tal och i "
        "relation till övriga länet. Stockholms stads statistik visar på väldigt låga nivåer av "
        "skadegörelse och incidenter som har kopplingar till våldsbejakande extremism på "
        "Östermalm."
        "\n\n"
        "Under 2020 noterades totalt inom Östermalms stadsdelsområde att: Trafikkontoret har "
        "hanterat två incidenter med nazistiskt klotter och två med vänsterautonomt klotter. "
        "SISAB har hanterat två incidenter med klotter med rasistiskt, kränkande eller sexistiskt "
        "innehåll. I incidentrapporteringssystemet IA finns två anmälningar, vilka utgörs av "
        "incidenterna som nämns ovan; allvarlighetsgraden bedöms som begränsad respektive mindre "
        "allvarlig av respektive anmälare. Tre blanketter har inkommit från olika skolor i "
        "stadsdelen med en avidentifierad anmälan rörande incidenter bland elever på skolan. "
        "Incidenterna hade nazistisk utgångspunkt och skolorna har agerat i alla tre fallen."
        "\n\n"
        "Den lokala lägesbilden ligger till grund för den samverkansöverenskommelse som förnyats "
        "i februari 2021 mellan Östermalms stadsdelsförvaltning och lokalpolisområde Norrmalm. "
        "I stadsdelsförvaltningens enkät till enhetschefer på Östermalm framkommer det "
        "framförallt att man efterfrågar mer kunskap och information om VBE."
    ),
    "sources": (
        "Underlag för den lokala lägesbilden har inhämtats från flera olika källor, bland annat "
        "stadens trygghetsmätning, medborgardialoger genomförda av polisen, internt "
        "incidentrapporteringssystem (IA), blanketter för avidentifierad information från "
        "skolor, polisanmälda brott och kartläggningar genomförda av polismyndigheten. Utöver "
        "detta har VBE-perspektivet belysts särskilt genom en enkät till enhetschefer på "
        "Östermalms stadsdelsförvaltning, utbildningsförvaltningens enkät kring VBE till "
        "stadsdelens skolor samt skadegörelserapporter från Sisab och trafikkontoret."
    ),
    "analysis": (
        "Aktiviteten inom området tycks vara låg. Under 2020 har det inte inkommit några "
        "orosamtal eller anmälningar angående våldsbejakande extremism till Östermalms "
        "stadsdelsförvaltning. Vid enstaka tillfällen har åverkan i form av framförallt klotter, "
        "främst med yttringar inom vit makt-miljön, uppmärksammats. Med tanke på stadsdelens "
        "storlek så borde problemet troligen vara större. En anledning till den låga nivån av "
        "observationer och rapporter kan ha att göra med låg kunskap om våldsbejakande "
        "extremism. Detta antagande får stöd då enhetschefer inom stadsdelsförvaltningen "
        "uttryckt i en enkät att kunskapsnivån hos anställda behöver höjas."
        "\n\n"
        "Sammantaget finns det i dagsläget ingenting som pekar på att våldsbejakande extremism "
        "skulle vara förekommande i någon större utsträckning inom Östermalms stadsdelsområde "
        "eller att det går att se en tydlig negativ trend inom stadsdelen jämfört med tidigare "
        "års analyser. Det kan dock finnas ett mörkertal som inte kommer fram av olika "
        "anledningar samt en låg kunskapsnivå, nämnd ovan."
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
            "schedule_text": "Sker löpande på veckovisa avstämningar.",
            "follow_up": "vb",
            "follow_up_text": "VB",
            "target": None,
        },
        {
            "section": "preventive",
            "description": (
                "Genomföra en lokal grundläggande utbildning, digitalt, för anställda kring VBE."
            ),
            "responsible": "Trygghets- och säkerhetssamordnaren",
            "schedule": "deadline",
            "deadline": date(2021, 12, 31),
            "schedule_text": "Senast 31 dec 2021",
            "follow_up": "vb",
            "follow_up_text": "VB",
            "target": None,
        },
        {
            "section": "preventive",
            "description": (
                "Marknadsföra så att minst 10 medarbetare ska ha genomgått stadens utbildning på "
                "intranätet kring VBE."
            ),
            "responsible": "Trygghets- och säkerhetssamordnaren",
            "schedule": "deadline",
            "deadline": date(2021, 12, 31),
            "schedule_text": "Senast 31 dec 2021",
            "follow_up": "vb",
            "follow_up_text": "VB",
            "target": (
                "Minst 10 medarbetare ska ha genomgått stadens utbildning på intranätet kring VBE"
            ),
        },
        {
            "section": "preventive",
            "description": (
                "Minska risken för att föreningsbidrag betalas ut till verksamhet som kan kopplas "
                "till VBE genom att använda Stockholms stads ”checklista/stöd för hantering av "
                "ansökan om föreningsbidrag till ideella föreningar” samt utgå från regeringens "
                "”demokrativillkor för bidrag till civilsamhället – vägledning för handläggare”"
            ),
            "responsible": "Kultursekreterare",
            "schedule": "deadline",
            "deadline": date(2021, 12, 31),
            "schedule_text": (
                "Vid handläggning av ansökan om föreningsstöd. (Två ansökningsperioder 2021, en "
                "ansökningsperiod under 2022) Uppföljning senast 31 dec 2021"
            ),
            "follow_up": "vb",
            "follow_up_text": "VB",
            "target": None,
        },
        # Förhindrande aktiviteter
        {
            "section": "preventing",
            "description": (
                "Berörda verksamheter ska samverka med stadens VBE-team om detta blir aktuellt"
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
            "schedule_text": "Löpande.",
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
            "deadline": date(2021, 12, 31),
            "schedule_text": (
                "Uppföljning sker årligen under hösten för mottagnings- och utredargrupperna, "
                "nyanställda får information vid introduktion"
            ),
            "follow_up": "vb",
            "follow_up_text": "VB",
            "target": None,
        },
        # Aktiviteter föreningsbidrag och upplåtande av lokaler eller öppna rum
        {
            "section": "grants_premises",
            "description": (
                "Stickprovskontroller såsom platsbesök, att googla föreningarna eller skicka ut "
                "enkäter de får besvara. För nya föreningar görs alla tre typer av kontroller."
            ),
            "responsible": "Kultursekreterare",
            "schedule": "deadline",
            "deadline": date(2021, 12, 31),
            "schedule_text": "Vår och höst, återrapporteras 31 dec 2021",
            "follow_up": "vb",
            "follow_up_text": "VB",
            "target": None,
        },
        {
            "section": "grants_premises",
            "description": (
                "Kontrollerande uppgifter, demokratiperspektiv (stadsövergripande riktlinjer) samt "
                "seriositetskontroll vid ansökan."
            ),
            "responsible": "Kultursekreterare",
            "schedule": "deadline",
            "deadline": date(2021, 12, 31),
            "schedule_text": (
                "I samband med ansökan om och återrapportering av beviljat stöd. Återrapporteras "
                "31 dec 2021"
            ),
            "follow_up": "vb",
            "follow_up_text": "VB",
            "target": None,
        },
        # Kompetenshöjande aktiviteter
        {
            "section": "competence",
            "description": (
                "På enhetsmöte sprida information så att minst 10 medarbetare på förvaltningen "
                "ska ha genomfört stadens grundutbildning i VBE på intranätet."
            ),
            "responsible": "Alla enhetschefer",
            "schedule": "deadline",
            "deadline": date(2021, 12, 31),
            "schedule_text": "Senast 31 dec 2021",
            "follow_up": "plan_update",
            "follow_up_text": "Uppdatering handlingsplan mot VBE",
            "target": (
                "Minst 10 medarbetare på förvaltningen ska ha genomfört stadens grundutbildning i "
                "VBE på intranätet"
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
            "deadline": date(2021, 12, 31),
            "schedule_text": "Senast 31 dec 2021",
            "follow_up": "plan_update",
            "follow_up_text": "Uppdatering handlingsplan mot VBE",
            "target": None,
        },
        {
            "section": "competence",
            "description": (
                "Genomföra en lokal grundläggande utbildning, digitalt, för anställda kring VBE."
            ),
            "responsible": "Trygghets- och säkerhetssamordnaren",
            "schedule": "deadline",
            "deadline": date(2021, 12, 31),
            "schedule_text": "Senast 31 dec 2021",
            "follow_up": "vb",
            "follow_up_text": "VB",
            "target": None,
        },
        {
            "section": "competence",
            "description": (
                "Riktad utbildning riktad till medarbetare som arbetar med barn och unga. "
                "Arrangeras i samverkan med utbildningsförvaltningen."
            ),
            "responsible": "Trygghets- och säkerhetssamordnaren",
            "schedule": "deadline",
            "deadline": date(2021, 12, 31),
            "schedule_text": "Senast 31 dec 2021",
            "follow_up": "vb",
            "follow_up_text": "VB",
            "target": None,
        },
    ],
}
