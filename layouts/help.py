"""Hjälp: "Så använder du Lägesbild" per role, the current user's role first, and what each
page is for. The pages listed under a role come from the registry (dashboard/pages.py), so the
help cannot name a page the role cannot open or miss one it can."""

from typing import TYPE_CHECKING, Any

from dash import dcc, html
from flask_login import current_user

# The registry imports this module while it is being built: read it when the page is drawn.
from dashboard import pages as registry
from layouts.components import aria
from models.enums import Role, label

if TYPE_CHECKING:
    from dashboard.pages import Page

# What each page of the registry is for, by page key (a unit test holds every page to one).
PAGE_PURPOSES: dict[str, str] = {
    "oversikt": "Hela stadens läge: nyckeltal, händelser över tid per miljö, nämnderna "
    "jämförda, stadsdelskartan och förfallna aktiviteter. Filtren står i adressen, så en "
    "kopierad länk visar samma urval.",
    "namnd": "En nämnds lägesbild och analys ur handlingsplanen, händelser per källa och miljö, "
    "delområden, aktiviteterna per avsnitt och enkäten. Öppnas från Översikt (kartan eller "
    "listan under den).",
    "enkater": "Enkäternas resultat som värmekarta och svarsfrekvensen per nämnd.",
    "plankvalitet": "KS-promemorians checklista för varje plan: vad som finns och vad som saknas.",
    "effekt": "Effektindikatorer: kännedom om handlingsplanen mot hur ofta händelser rapporteras.",
    "uppfoljning": "Tertialrapport (T1, T2) eller verksamhetsberättelse (helår) för en nämnd "
    "eller hela staden, som läget var periodens sista dag: aktiviteter per avsnitt med status "
    "och bedömning, genomförandegrad och händelser mot samma period i fjol. Ladda ner som "
    "Excel eller Word.",
    "samverkan": "Underlag för samverkansmötet med polisen, för en nämnd eller ett "
    "lokalpolisområde (summerat över områdets nämnder som de hörde dit varje dag): händelser "
    "sedan förra mötet, blanketter och oro, trendlarm, aktiviteter där polisen är ansvarig "
    "eller följer upp, och förra mötets öppna åtaganden. I mötesloggen registrerar nämndens "
    "samordnare mötet (forum, deltagare som roller, avidentifierade anteckningar, beslut och "
    "åtaganden); polisen lägger till och stänger åtaganden i sitt område. Visningsläget visar "
    "ett avsnitt per skärm (pil höger/vänster, Esc avslutar); dagordning och protokoll laddas "
    "ner som Word.",
    "trendlarm": "Månader då en miljös händelser i en nämnd eller ett lokalpolisområde var "
    "ovanligt många jämfört med seriens egen historik (med årstiden och slumpens spridning "
    "inräknade), med en länk till händelserna bakom varje larm. Samordnaren granskar sin "
    "nämnds larm, polisen sitt lokalpolisområdes, med en kommentar. I glesa serier syns bara "
    "stora toppar.",
    "att-gora": "Det som förfaller i perioden, förfallna aktiviteter och löpande aktiviteter "
    "som inte uppdaterats.",
    "aktiviteter": "Aktiviteterna i en nämnds plan. Samordnaren följer upp status, utfall, "
    "slutdatum och kommentar; historiken visar vem som ändrat vad.",
    "handelser": "Händelseregistret, filtrerat på nämnd, lokalpolisområde, period, källa, "
    "kategori, miljö och delområde. Samordnaren rättar eller klassar om sin nämnds händelser "
    "(t.ex. till Ej VBE-koppling efter granskning, med motivering) eller återkallar en med "
    "motivering; återkallade händelser visas med Visa återkallade och kan återställas. "
    "Historiken visar vem som ändrade vad.",
    "ny-handelse": "Registrera en avidentifierad händelse (inga personuppgifter).",
    "enkatresultat": "Registrera resultatet av en enkätomgång.",
    "handlingsplan": "Planens texter och aktiviteter; skapa nästa års plan; markera planen som "
    "nämndbehandlad och godkänd av KS.",
    "import": "Läs in händelser eller aktiviteter från CSV eller XLSX: förhandsvisning med fel "
    "per rad, inget sparas förrän du bekräftar.",
    "logg": "Ändringsloggen: vem ändrade vad och när, filtrerad på nämnd, användare och datum.",
    "hjalp": "Den här sidan. Den nås från sidfoten på varje sida.",
    "konto-losenord": "Byt ditt eget lösenord (menyn vid ditt namn). Dina andra inloggningar, "
    "på andra datorer och mobiler, avslutas.",
}

# How each role typically works, in a few steps.
ROLE_GUIDES: dict[Role, list[str]] = {
    Role.ADMIN: [
        "Börja på Översikt: välj år och period (T1 per 30 april, T2 per 31 augusti, helår/VB "
        "per 31 december) och se vilka nämnder som har förfallna aktiviteter.",
        "Granska planerna på Plankvalitet mot KS-promemorians checklista, och markera en plan "
        "som godkänd av KS på Handlingsplan när beslutet är fattat.",
        "Du kan registrera och rätta uppgifter för alla nämnder (Registrera-menyn) och se "
        "varje ändring i Logg.",
        "Skriv ut en sida (Ctrl+P) när du behöver den i ett underlag: utskriften visar sidan, "
        "de valda filtren och datumet, utan meny och knappar.",
    ],
    Role.COORDINATOR: [
        "Efter inloggningen visar Översikt vad som väntar för din nämnd; Att göra listar det "
        "som förfaller i perioden och det som redan förfallit.",
        "Följ upp aktiviteterna i Mina aktiviteter inför T1 (30 april), T2 (31 augusti) och "
        "helår/VB (31 december): status, utfall, slutdatum och en kommentar.",
        "Registrera händelser avidentifierat under Ny händelse, och enkätresultat under "
        "Enkätresultat; många rader på en gång går via Import.",
        "I Handlingsplan skriver du planens texter och skapar nästa års plan från de "
        "aktiviteter som fortfarande är öppna eller löpande.",
        "Trendlarm visar månader då en miljös händelser i din nämnd var ovanligt många; "
        "öppna händelserna bakom larmet och markera det som granskat med en kommentar.",
    ],
    Role.READER: [
        "Översikt visar hela staden; klicka på en nämnd i kartan eller i listan under den för "
        "att se dess plan, händelser och aktiviteter.",
        "Plankvalitet visar hur varje plan uppfyller KS-promemorian; Enkäter och "
        "Effektindikatorer visar enkätresultaten och hur kännedomen hänger ihop med "
        "rapporteringen.",
        "Du kan läsa allt men inte ändra något. Kopiera adressen för att dela exakt det urval "
        "du ser, eller skriv ut sidan (Ctrl+P).",
    ],
    Role.POLICE: [
        "Översikt visar händelserna per miljö och källa över tid; välj källa Polisen i "
        "filtret för att se polisens egna rapporter jämfört med övriga källor.",
        "Nämndsidorna visar läget per stadsdel och delområde, så att ni kan jämföra med "
        "polisens lägesbild inför samverkansmöten.",
        "Samverkan öppnas för ditt lokalpolisområde: händelserna sedan förra mötet summerade "
        "över områdets nämnder, och förra mötets åtaganden. Du lägger till åtaganden och "
        "markerar dem som klara; mötet registreras av nämndens samordnare.",
        "Trendlarm visar ovanliga ökningar per lokalpolisområde (välj ditt område); ditt eget "
        "områdes larm kan du markera som granskade med en kommentar.",
        "Utöver mötenas åtaganden och granskningen av trendlarm kan du läsa men inte ändra. Inga "
        "personuppgifter finns i Lägesbild: händelserna är avidentifierade.",
    ],
}
ROLE_ORDER = (Role.ADMIN, Role.COORDINATOR, Role.READER, Role.POLICE)


def role_pages(role: Role) -> list["Page"]:
    """The registry's pages this role may open, in the registry's order."""
    return [p for p in registry.PAGES if p.allows(role)]


def _page_item(page: "Page") -> html.Li:
    name: Any = page.title if page.path_params else dcc.Link(page.title, href=page.path)
    return html.Li([html.Strong(name), " – ", PAGE_PURPOSES.get(page.key, "")])


def role_section(role: Role, mine: bool) -> html.Section:
    heading = f"{label(role)}" + (" – din roll" if mine else "")
    return html.Section(
        [
            html.H2(heading, className="h4", id=f"help-{role.value}-title"),
            html.Ol([html.Li(step) for step in ROLE_GUIDES[role]]),
            html.H3("Sidorna du kan öppna", className="h6"),
            html.Ul([_page_item(p) for p in role_pages(role)], className="mb-0"),
        ],
        id=f"help-{role.value}",
        className="lb-help-role mb-4",
        **aria("labelledby", f"help-{role.value}-title"),
    )


def layout(_params: dict[str, Any]) -> html.Div:
    user: Any = current_user
    mine: Role | None = getattr(user, "role", None)
    order = ([mine] if mine else []) + [r for r in ROLE_ORDER if r is not mine]
    sections = [role_section(r, r is mine) for r in order]
    others = html.H2("Övriga roller", className="h5 text-body-secondary mt-4 mb-3")
    return html.Div(
        [
            html.H1("Så använder du Lägesbild", className="h3"),
            html.P(
                "Lägesbild följer upp de lokala handlingsplanerna mot våldsbejakande extremism: "
                "händelser, aktiviteter mot sina slutdatum och enkätresultat, per nämnd och för "
                "hela staden. Här står först hur din roll brukar arbeta, sedan de andra rollerna."
            ),
            sections[0],
            others,
            *sections[1:],
            html.P(
                [
                    "Hur tillgänglig Lägesbild är, och vart du vänder dig om något inte fungerar, "
                    "står i ",
                    html.A("tillgänglighetsredogörelsen", href="/tillganglighet"),
                    ".",
                ]
            ),
        ],
        style={"maxWidth": "60rem"},
    )
