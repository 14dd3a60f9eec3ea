"""Skarpnäcks stadsdelsnämnd, handlingsplan mot våldsbejakande extremism 2021 (transcribed)."""

from datetime import date
from typing import Any

ORDINARY = "I ordinarie verksamhetsuppföljning"
PREVENTION_HEAD = "Enhetschef för prevention, fritid och kultur"
FAMILY_AND_ADULT_HEADS = "Enhetschefer för familjeenheten och vuxenenheten"


def _continuous(section: str, description: str, responsible: str) -> dict[str, Any]:
    return {
        "section": section,
        "description": description,
        "responsible": responsible,
        "schedule": "continuous",
        "deadline": None,
        "schedule_text": "Löpande",
        "follow_up": "ordinary",
        "follow_up_text": ORDINARY,
        "target": None,
    }


def _until(section: str, description: str, responsible: str, day: date) -> dict[str, Any]:
    return _continuous(section, description, responsible) | {
        "schedule": "deadline",
        "deadline": day,
        "schedule_text": f"T.o.m. {day.isoformat()}",
    }


PLAN: dict[str, Any] = {
    "council": "SKA",
    "year": 2021,
    "dnr": "SKA 2021/165",
    "adopted_on": None,
    "lagesbild": (
        "Sammantaget är det få tjänstepersoner som rapporterar att de har stött på personer som "
        "ger uttryck för våldsbejakande extremistiska åsikter eller att de på annat sätt har sett "
        "tecken på aktivitet kopplat till våldsbejakande extremism. Enbart två incidenter "
        "beskrivs, varav den ena kopplades till vit makt-miljön och den andra till islamistisk "
        "extremism.\n\n"
        "Vid två tillfällen under det gångna året har personer som arbetar inom socialtjänsten "
        "kontaktat den lokala samordnaren för att resonera kring individer där viss oro eller "
        "fundering kring radikalisering har funnits. I det ena fallet handlade det om vit "
        "makt-miljön och i det andra om oro för islamistisk radikalisering."
        "\n\n"
        "Nazistiskt klotter har registrerats på spridda platser i stadsdelen vid sex tillfällen "
        "under det gångna året. Rasistiskt klotter och vänsterautonomt klotter har uppmärksammats "
        "vid två tillfällen. Inga klotter med islamistiska kopplingar har noterats."
    ),
    "sources": (
        "Enkätutskick till ett antal chefer och vissa andra funktioner inom "
        "stadsdelsförvaltningens egna verksamheter; utbildningsförvaltningens motsvarande enkät "
        "till samtliga skolor i området; uppgifter från arbetsmarknadsförvaltningen; "
        "trafikkontorets sammanställning av klotter kopplat till våldsbejakande extremism; IA, "
        "stadens incidentrapporteringssystem (inga incidenter registrerade under året); "
        "blanketten för oidentifierad information."
    ),
    # The plan's section "Föreningsbidrag och upplåtande av lokaler" has text but no activity; a
    # plan has no field of its own for it, so it is kept with the analysis, under its heading,
    # where Plankvalitet finds it.
    "analysis": (
        "Den sammantagna bilden av förekomsten av våldsbejakande extremism lokalt i "
        "stadsdelsområdet är att problematiken är begränsad."
        "\n\n"
        "Föreningsbidrag och upplåtande av lokaler: Riktlinjerna för Stockholms stads arbete mot "
        "våldsbejakande extremism anger tydligt att stöd i form av ekonomiska bidrag från staden "
        "inte ska ges till någon aktör som inte står bakom den demokratiska rättsstatens "
        "principer, de mänskliga rättigheterna och jämställdhet mellan kvinnor och män. "
        "Föreningar som uppmuntrar till, eller stödjer, våldsbejakande extremism ska fråntas all "
        "typ av stöd i den mån de har sådant. Under 2021 kommer stadsövergripande riktlinjer för "
        "stadens arbete med föreningsbidrag och upplåtande av lokaler beslutas av "
        "kommunfullmäktige."
    ),
    "activities": [
        _continuous(
            "preventive",
            "Förebyggande föräldrastöd: Föräldrastöd erbjuds i strukturerad form såväl i grupp "
            "som individuellt. Under året ses möjligheten över att starta verksamhet med fokus "
            "på stöd till tonårsföräldrar.",
            "Enhetschef för familjeenheten resp. förskolans enhet",
        ),
        _until(
            "preventive",
            "Skarpnäcksmodellen: Integrerad förskole- och skolstödsenhet för att tidigt "
            "identifiera barn med särskilda behov och ge stöd till barn och föräldrar i övergång "
            "mellan förskola och skola.",
            "Enhetschef för förskolans stödenhet",
            date(2022, 12, 31),
        ),
        _continuous(
            "preventive",
            "SSP (skola, socialtjänst, polis): Samverkan med månadsvisa möten. Deltagare är "
            "rektorer från samtliga kommunala grundskolor, Kärrtorps gymnasium, enhetschefer från "
            "socialtjänst och fritid, kommunpolis och preventionssamordnare. Syftet är att "
            "uppmärksamma barn och ungdomar i riskzon och samverkan för att förebygga "
            "kriminalitet, missbruk och psykisk ohälsa.",
            PREVENTION_HEAD,
        ),
        _continuous(
            "preventive",
            "Kulturhuset i Skarpnäck: Öppet 6 dagar i veckan. Kulturella och sociala aktiviteter "
            "för barn, ungdomar och vuxna.",
            PREVENTION_HEAD,
        ),
        _until(
            "preventive",
            "Skolsociala team: I samverkan med skola erbjuda stödinsatser för elever med hög "
            "skolfrånvaro och deras familjer.",
            "Enhetschef för familjeenheten",
            date(2021, 12, 31),
        ),
        _continuous(
            "preventive",
            "SkarpBrå: Skarpnäcks brottsförebyggande råd. Samverkan med polis, skola, "
            "fastighetsägare, PRO, föreningar, bostadsrättsföreningar, MTR, Kulturförvaltningen "
            "och kyrkor.",
            "Stadsdelsdirektör",
        ),
        _continuous(
            "preventive",
            "Öppen fritidsverksamhet: På våra fritidsgårdar möter utbildad personal ungdomar "
            "utifrån ett våldsförebyggande, normbrytande och demokratistärkande arbetssätt.",
            PREVENTION_HEAD,
        ),
        _continuous(
            "preventive",
            "Samverkan med Jobbtorg Stockholm: Regelbundna samverkansmöten på strategisk och "
            "operativ nivå.",
            "Enhetschef för ekonomi och arbete",
        ),
        _continuous(
            "preventing",
            "SIG – sociala insatsgrupper: Stöd till avhoppare ska erbjudas inom ramen för sociala "
            "insatsgrupper.",
            PREVENTION_HEAD,
        ),
        _continuous(
            "preventing",
            "Anhörigstöd: Stöd till anhöriga ges inom ramen för service, råd och stöd eller genom "
            "sociala insatsgrupper.",
            "Enhetschefer för prevention, fritid och kultur, vuxenenheten och familjeenheten",
        ),
        _continuous(
            "preventing",
            "Individuellt behovsprövade insatser: Socialtjänstens ordinarie verksamheter har ett "
            "ansvar för att efter individuell bedömning tillhandahålla service, råd och stöd.",
            FAMILY_AND_ADULT_HEADS,
        ),
        _continuous(
            "preventing",
            "Stadsövergripande VBE-teamet: Berörda verksamheter har i uppdrag att samverka med dem "
            "då behov uppmärksammas.",
            FAMILY_AND_ADULT_HEADS,
        ),
        _continuous(
            "competence",
            "Fortsatt påminna personal om att genomföra den webbaserade grundutbildningen om "
            "våldsbejakande extremism.",
            "Respektive enhetschef",
        )
        | {"schedule_text": "Löpande under året", "follow_up_text": "I ordinarie verksamhet"},
    ],
}
