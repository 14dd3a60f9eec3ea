"""The OpenAPI 3.1 description of /api/v1, built from the same enums the database uses."""

from enum import StrEnum
from typing import Any

from dashboard.services.validation import FIRST_DAY, LAST_DAY
from models.enums import (
    ActivityStatus,
    CouncilKind,
    DatePrecision,
    FollowUp,
    IncidentCategory,
    IncidentSource,
    Milieu,
    PlanStatus,
    RevisionField,
    Role,
    Schedule,
    Section,
)
from models.rules import FIRST_YEAR, MAX_ROW_ID_DIGITS


def _enum(enum: type[StrEnum]) -> dict[str, Any]:
    return {"type": "string", "enum": [m.value for m in enum]}


NULLABLE_STR = {"type": ["string", "null"]}
NULLABLE_DATE = {"type": ["string", "null"], "format": "date"}
ERROR = {
    "type": "object",
    "properties": {
        "error": {"type": "string"},
        "errors": {"type": "object", "additionalProperties": {"type": "string"}},
    },
    "required": ["error"],
}


def _response(description: str, schema: dict[str, Any] | None = None) -> dict[str, Any]:
    body: dict[str, Any] = {"description": description}
    if schema is not None:
        body["content"] = {"application/json": {"schema": schema}}
    return body


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


COMMON = {
    "401": _response("Inte inloggad", _ref("Error")),
}
WRITE_ERRORS = {
    "400": _response("CSRF-token saknas eller är ogiltig", _ref("Error")),
    "403": _response("Rollen eller nämnden får inte ändra detta", _ref("Error")),
    "422": _response("Ogiltiga uppgifter eller personuppgifter i fritext", _ref("Error")),
    "413": _response("Förfrågan är för stor (högst 512 kB)", _ref("Error")),
}
DAY = {"description": f"ÅÅÅÅ-MM-DD, från {FIRST_DAY} till {LAST_DAY}; annars 422"}
FILTERS = [
    {"name": "council", "in": "query", "schema": {"type": "string"}, "description": "Nämndkod"},
    {
        "name": "year",
        "in": "query",
        "schema": {"type": "integer", "minimum": FIRST_YEAR},
        "description": f"Ett år från {FIRST_YEAR} (de första planerna) till i år; annars 422",
    },
]
ID = {
    "name": "id",
    "in": "path",
    "required": True,
    "schema": {"type": "integer", "minimum": 1, "maximum": 10**MAX_ROW_ID_DIGITS - 1},
    "description": f"Radens id (högst {MAX_ROW_ID_DIGITS} siffror; ett större finns inte: 404)",
}
MEETING_FILTERS = [
    {"name": "council", "in": "query", "schema": {"type": "string"}, "description": "Nämndkod"},
    {
        "name": "police_area",
        "in": "query",
        "schema": {"type": "integer"},
        "description": "Lokalpolisområdets id",
    },
    {"name": "from", "in": "query", "schema": {"type": "string", "format": "date"}, **DAY},
    {"name": "to", "in": "query", "schema": {"type": "string", "format": "date"}, **DAY},
]
# The fields of a meeting a client sends (MeetingInput, MeetingPatch).
MEETING_FIELDS: dict[str, Any] = {
    "held_on": {"type": "string", "format": "date", "description": "Mötesdatum, inte i framtiden"},
    "forum": {"type": "string", "maxLength": 200},
    "police_area": {
        "type": ["integer", "string", "null"],
        "description": "Lokalpolisområdets id; ett område som nämnden samverkade med mötesdagen",
    },
    "vbe_on_agenda": {"type": "boolean", "default": True},
    "participants": {
        "description": "Roller, aldrig namn: en lista eller en text med en roll per rad "
        "(högst 30 roller, vardera högst 120 tecken)",
        "oneOf": [{"type": "array", "items": {"type": "string"}}, {"type": "string"}],
    },
    "notes": {"type": "string", "description": "Avidentifierade anteckningar"},
    "decisions": {"type": "string"},
}
CSRF_HEADER = {
    "name": "X-CSRFToken",
    "in": "header",
    "required": True,
    "schema": {"type": "string"},
}


def openapi_document() -> dict[str, Any]:
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Lägesbild API",
            "version": "1",
            "description": "Uppföljning av lokala handlingsplaner mot våldsbejakande extremism. "
            "Kräver inloggning (sessionscookie); skrivande anrop kräver X-CSRFToken från "
            "/api/v1/session.",
        },
        "servers": [{"url": "/"}],
        "paths": {
            "/api/v1/session": {
                "get": {
                    "summary": "Inloggad användare och CSRF-token",
                    "responses": {"200": _response("OK", _ref("Session")), **COMMON},
                }
            },
            "/api/v1/councils": {
                "get": {
                    "summary": "Nämnder med historik",
                    "responses": {
                        "200": _response("OK", {"type": "array", "items": _ref("Council")}),
                        **COMMON,
                    },
                }
            },
            "/api/v1/activities": {
                "get": {
                    "summary": "Aktiviteter, filtrerade på nämnd och år",
                    "parameters": FILTERS,
                    "responses": {
                        "200": _response("OK", {"type": "array", "items": _ref("Activity")}),
                        "422": _response("Ogiltigt filter", _ref("Error")),
                        **COMMON,
                    },
                }
            },
            "/api/v1/activities/{id}": {
                "patch": {
                    "summary": "Uppdatera en aktivitets status (optimistisk låsning med version)",
                    "description": "Samordnaren följer upp sin egen nämnds aktiviteter. En nämnd "
                    "som bildats genom sammanslagning följer från sammanslagningsdagen också upp "
                    "föregångarnas öppna aktiviteter i planerna för sammanslagningsåret (t.ex. "
                    "Norra innerstaden: Östermalms plan 2023 från 2023-07-01); historiken anger "
                    "då för vilken nämnd (acting_council).",
                    "parameters": [
                        {
                            "name": "id",
                            "in": "path",
                            "required": True,
                            "schema": {"type": "integer"},
                        },
                        CSRF_HEADER,
                    ],
                    "requestBody": {
                        "required": True,
                        "content": {"application/json": {"schema": _ref("ActivityPatch")}},
                    },
                    "responses": {
                        "200": _response("Sparad", _ref("Activity")),
                        "404": _response("Finns inte", _ref("Error")),
                        "409": _response("Versionen är inaktuell; inget sparades", _ref("Error")),
                        **WRITE_ERRORS,
                        **COMMON,
                    },
                }
            },
            "/api/v1/activities/{id}/history": {
                "get": {
                    "summary": "Aktivitetens uppföljningshistorik",
                    "parameters": [
                        {
                            "name": "id",
                            "in": "path",
                            "required": True,
                            "schema": {"type": "integer"},
                        }
                    ],
                    "responses": {
                        "200": _response("OK", {"type": "array", "items": _ref("ActivityUpdate")}),
                        "404": _response("Finns inte", _ref("Error")),
                        **COMMON,
                    },
                }
            },
            "/api/v1/incidents": {
                "get": {
                    "summary": "Avidentifierade händelser under ett år",
                    "parameters": [FILTERS[0], FILTERS[1] | {"required": True}],
                    "responses": {
                        "200": _response("OK", {"type": "array", "items": _ref("Incident")}),
                        "422": _response("Ogiltigt filter eller år saknas", _ref("Error")),
                        **COMMON,
                    },
                },
                "post": {
                    "summary": "Registrera en händelse",
                    "parameters": [CSRF_HEADER],
                    "requestBody": {
                        "required": True,
                        "content": {"application/json": {"schema": _ref("IncidentInput")}},
                    },
                    "responses": {
                        "201": _response("Skapad", _ref("Incident")),
                        **WRITE_ERRORS,
                        **COMMON,
                    },
                },
            },
            "/api/v1/incidents/{id}": {
                "get": {
                    "summary": "En händelse med historiken över rättelser",
                    "parameters": [ID],
                    "responses": {
                        "200": _response("OK", _ref("IncidentWithHistory")),
                        "404": _response("Finns inte", _ref("Error")),
                        **COMMON,
                    },
                },
                "patch": {
                    "summary": "Rätta eller klassa om en händelse (optimistisk låsning med "
                    "version; motivering krävs när miljön ändras)",
                    "parameters": [ID, CSRF_HEADER],
                    "requestBody": {
                        "required": True,
                        "content": {"application/json": {"schema": _ref("IncidentPatch")}},
                    },
                    "responses": {
                        "200": _response("Sparad", _ref("Incident")),
                        "404": _response("Finns inte eller återkallad", _ref("Error")),
                        "409": _response("Versionen är inaktuell; inget sparades", _ref("Error")),
                        **WRITE_ERRORS,
                        **COMMON,
                    },
                },
            },
            "/api/v1/incidents/{id}/withdraw": {
                "post": {
                    "summary": "Återkalla en händelse med motivering (t.ex. dubbelregistrerad): "
                    "den räknas inte längre men sparas med motivering, vem och när och kan "
                    "återställas; optimistisk låsning med version",
                    "parameters": [ID, CSRF_HEADER],
                    "requestBody": {
                        "required": True,
                        "content": {"application/json": {"schema": _ref("IncidentWithdraw")}},
                    },
                    "responses": {
                        "200": _response("Återkallad", _ref("IncidentWithdrawal")),
                        "404": _response("Finns inte eller redan återkallad", _ref("Error")),
                        "409": _response("Versionen är inaktuell; inget ändrades", _ref("Error")),
                        **WRITE_ERRORS,
                        **COMMON,
                    },
                }
            },
            "/api/v1/incidents/{id}/restore": {
                "post": {
                    "summary": "Återställ en återkallad händelse under samma id, med motivering",
                    "parameters": [ID, CSRF_HEADER],
                    "requestBody": {
                        "required": True,
                        "content": {"application/json": {"schema": _ref("IncidentRestore")}},
                    },
                    "responses": {
                        "200": _response("Återställd", _ref("Incident")),
                        "404": _response("Finns inte", _ref("Error")),
                        **WRITE_ERRORS,
                        **COMMON,
                    },
                }
            },
            "/api/v1/plans": {
                "get": {
                    "summary": "Handlingsplaner, filtrerade på nämnd och år",
                    "parameters": FILTERS,
                    "responses": {
                        "200": _response("OK", {"type": "array", "items": _ref("Plan")}),
                        "422": _response("Ogiltigt filter", _ref("Error")),
                        **COMMON,
                    },
                }
            },
            "/api/v1/plans/{id}": {
                "get": {
                    "summary": "En handlingsplan med historiken över texterna",
                    "parameters": [ID],
                    "responses": {
                        "200": _response("OK", _ref("PlanWithHistory")),
                        "404": _response("Finns inte", _ref("Error")),
                        **COMMON,
                    },
                },
                "patch": {
                    "summary": "Ändra planens texter, Dnr och nästa revidering (optimistisk "
                    "låsning med version; gamla texter sparas i historiken)",
                    "parameters": [ID, CSRF_HEADER],
                    "requestBody": {
                        "required": True,
                        "content": {"application/json": {"schema": _ref("PlanPatch")}},
                    },
                    "responses": {
                        "200": _response("Sparad", _ref("Plan")),
                        "404": _response("Finns inte", _ref("Error")),
                        "409": _response("Versionen är inaktuell; inget sparades", _ref("Error")),
                        **WRITE_ERRORS,
                        **COMMON,
                    },
                },
            },
            "/api/v1/police-areas": {
                "get": {
                    "summary": "Lokalpolisområden och nämnderna de samverkat med över tiden",
                    "description": "Med date= bara områden som fanns den dagen, med de nämnder "
                    "de samverkade med då (t.ex. Kungsholmen med Norrmalm till och med "
                    "2024-12-31, därefter med Lidingö-Kungsholmen).",
                    "parameters": [
                        {
                            "name": "date",
                            "in": "query",
                            "schema": {"type": "string", "format": "date"},
                            **DAY,
                        }
                    ],
                    "responses": {
                        "200": _response("OK", {"type": "array", "items": _ref("PoliceArea")}),
                        "422": _response("Ogiltigt datum", _ref("Error")),
                        **COMMON,
                    },
                }
            },
            "/api/v1/meetings": {
                "get": {
                    "summary": "Samverkansmöten, senaste först",
                    "description": "Ett lokalpolisområdes möten är de som hållits med området och "
                    "de utan lokalpolisområde som hölls av en nämnd som samverkade med området "
                    "den dagen.",
                    "parameters": MEETING_FILTERS,
                    "responses": {
                        "200": _response("OK", {"type": "array", "items": _ref("Meeting")}),
                        "422": _response("Ogiltigt filter", _ref("Error")),
                        **COMMON,
                    },
                },
                "post": {
                    "summary": "Registrera ett samverkansmöte (med åtaganden)",
                    "description": "Nämndens samordnare och central samordnare. Deltagare anges "
                    "som roller, aldrig namn; anteckningar och beslut är avidentifierade.",
                    "parameters": [CSRF_HEADER],
                    "requestBody": {
                        "required": True,
                        "content": {"application/json": {"schema": _ref("MeetingInput")}},
                    },
                    "responses": {
                        "201": _response("Skapat", _ref("Meeting")),
                        **WRITE_ERRORS,
                        **COMMON,
                    },
                },
            },
            "/api/v1/meetings/{id}": {
                "get": {
                    "summary": "Ett samverkansmöte med dess åtaganden",
                    "parameters": [ID],
                    "responses": {
                        "200": _response("OK", _ref("Meeting")),
                        "404": _response("Finns inte", _ref("Error")),
                        **COMMON,
                    },
                },
                "patch": {
                    "summary": "Ändra ett samverkansmöte (optimistisk låsning med version; gamla "
                    "värden sparas i historiken)",
                    "parameters": [ID, CSRF_HEADER],
                    "requestBody": {
                        "required": True,
                        "content": {"application/json": {"schema": _ref("MeetingPatch")}},
                    },
                    "responses": {
                        "200": _response("Sparat", _ref("Meeting")),
                        "404": _response("Finns inte", _ref("Error")),
                        "409": _response("Versionen är inaktuell; inget sparades", _ref("Error")),
                        **WRITE_ERRORS,
                        **COMMON,
                    },
                },
            },
            "/api/v1/meetings/{id}/history": {
                "get": {
                    "summary": "Mötets och dess åtagandens historik, senaste först",
                    "parameters": [ID],
                    "responses": {
                        "200": _response("OK", {"type": "array", "items": _ref("MeetingRevision")}),
                        "404": _response("Finns inte", _ref("Error")),
                        **COMMON,
                    },
                }
            },
            "/api/v1/meetings/{id}/follow-ups": {
                "post": {
                    "summary": "Lägg till ett åtagande från mötet",
                    "description": "Som för mötet, och dessutom polis i mötets lokalpolisområde "
                    "(för ett möte utan lokalpolisområde: ett område som nämnden samverkade med "
                    "mötesdagen).",
                    "parameters": [ID, CSRF_HEADER],
                    "requestBody": {
                        "required": True,
                        "content": {"application/json": {"schema": _ref("FollowUpInput")}},
                    },
                    "responses": {
                        "201": _response("Skapat", _ref("FollowUp")),
                        "404": _response("Mötet finns inte", _ref("Error")),
                        **WRITE_ERRORS,
                        **COMMON,
                    },
                }
            },
            "/api/v1/meeting-follow-ups/{id}": {
                "patch": {
                    "summary": "Ändra, stäng (done: true) eller öppna igen (done: false) ett "
                    "åtagande (optimistisk låsning med version)",
                    "parameters": [ID, CSRF_HEADER],
                    "requestBody": {
                        "required": True,
                        "content": {"application/json": {"schema": _ref("FollowUpPatch")}},
                    },
                    "responses": {
                        "200": _response("Sparat", _ref("FollowUp")),
                        "404": _response("Finns inte", _ref("Error")),
                        "409": _response("Versionen är inaktuell; inget sparades", _ref("Error")),
                        **WRITE_ERRORS,
                        **COMMON,
                    },
                }
            },
        },
        "components": {
            "schemas": {
                "Error": ERROR,
                "Session": {
                    "type": "object",
                    "properties": {
                        "user": {"type": "string"},
                        "role": _enum(Role),
                        "council": NULLABLE_STR,
                        "police_area": {
                            "type": ["integer", "null"],
                            "description": "Polisens lokalpolisområde (id), annars null",
                        },
                        "csrf_token": {"type": "string"},
                    },
                },
                "Council": {
                    "type": "object",
                    "properties": {
                        "code": {"type": "string"},
                        "name": {"type": "string"},
                        "kind": _enum(CouncilKind),
                        "valid_from": {"type": "string", "format": "date"},
                        "valid_to": NULLABLE_DATE,
                        "predecessors": {"type": "array", "items": {"type": "string"}},
                        "successors": {"type": "array", "items": {"type": "string"}},
                    },
                },
                "Activity": {
                    "type": "object",
                    "properties": {
                        "id": {"type": "integer"},
                        "version": {"type": "integer"},
                        "council": {"type": "string"},
                        "year": {"type": "integer"},
                        "section": _enum(Section),
                        "description": {"type": "string"},
                        "responsible": {"type": "string"},
                        "schedule": _enum(Schedule),
                        "deadline": NULLABLE_DATE,
                        "follow_up": _enum(FollowUp),
                        "target": NULLABLE_STR,
                        "status": _enum(ActivityStatus),
                        "outcome": NULLABLE_STR,
                        "comment": NULLABLE_STR,
                        "completed_on": NULLABLE_DATE,
                        "last_update_at": {"type": ["string", "null"], "format": "date-time"},
                    },
                },
                "ActivityPatch": {
                    "type": "object",
                    "required": ["status", "version"],
                    "properties": {
                        "status": _enum(ActivityStatus),
                        "outcome": NULLABLE_STR,
                        "comment": NULLABLE_STR,
                        "completed_on": NULLABLE_DATE,
                        "version": {"type": "integer"},
                    },
                },
                "ActivityUpdate": {
                    "type": "object",
                    "properties": {
                        "at": {"type": "string", "format": "date-time"},
                        "user": NULLABLE_STR,
                        "old_status": {"anyOf": [_enum(ActivityStatus), {"type": "null"}]},
                        "new_status": _enum(ActivityStatus),
                        "outcome": NULLABLE_STR,
                        "comment": NULLABLE_STR,
                        "completed_on": NULLABLE_DATE,
                        "acting_council": NULLABLE_STR
                        | {
                            "description": "Nämndkod när en efterträdande nämnds samordnare "
                            "följde upp en föregångares aktivitet, annars null"
                        },
                    },
                },
                "Incident": {
                    "type": "object",
                    "properties": {
                        "id": {"type": "integer"},
                        "version": {"type": "integer"},
                        "council": {"type": "string"},
                        "date": {"type": "string", "format": "date"},
                        "date_precision": _enum(DatePrecision),
                        "source": _enum(IncidentSource),
                        "category": _enum(IncidentCategory),
                        "milieu": _enum(Milieu),
                        "count": {"type": "integer", "minimum": 1},
                        "description": {"type": "string"},
                        "sub_area": NULLABLE_STR,
                        "severity": {"type": ["integer", "null"], "minimum": 1, "maximum": 4},
                    },
                },
                "IncidentInput": {
                    "type": "object",
                    "required": ["date", "source", "category", "milieu"],
                    "properties": {
                        "council": {"type": "string", "description": "Nämndkod"},
                        "date": {"type": "string", "description": "ÅÅÅÅ-MM-DD eller ÅÅÅÅ-MM"},
                        "source": _enum(IncidentSource),
                        "category": _enum(IncidentCategory),
                        "milieu": _enum(Milieu),
                        "count": {"type": "integer", "minimum": 1, "default": 1},
                        "description": {"type": "string"},
                        "sub_area": NULLABLE_STR,
                        "severity": {"type": ["integer", "null"], "minimum": 1, "maximum": 4},
                    },
                },
                "IncidentPatch": {
                    "type": "object",
                    "required": ["version"],
                    "description": "Fält som utelämnas behåller sina värden.",
                    "properties": {
                        "version": {"type": "integer"},
                        "date": {"type": "string", "description": "ÅÅÅÅ-MM-DD eller ÅÅÅÅ-MM"},
                        "source": _enum(IncidentSource),
                        "category": _enum(IncidentCategory),
                        "milieu": _enum(Milieu),
                        "count": {"type": "integer", "minimum": 1},
                        "description": {"type": "string"},
                        "sub_area": NULLABLE_STR,
                        "severity": {"type": ["integer", "null"], "minimum": 1, "maximum": 4},
                        "reason": {
                            "type": ["string", "null"],
                            "description": "Motivering; krävs när miljön ändras",
                        },
                    },
                },
                "IncidentWithdraw": {
                    "type": "object",
                    "required": ["version", "reason"],
                    "properties": {
                        "version": {"type": "integer"},
                        "reason": {"type": "string", "description": "Motivering (avidentifierad)"},
                    },
                },
                "IncidentRestore": {
                    "type": "object",
                    "required": ["reason"],
                    "properties": {
                        "reason": {"type": "string", "description": "Motivering (avidentifierad)"},
                    },
                },
                "IncidentWithdrawal": {
                    "type": "object",
                    "properties": {
                        "id": {"type": "integer", "description": "Händelsens id"},
                        "reason": {"type": "string"},
                        "withdrawn_by": NULLABLE_STR,
                        "withdrawn_at": {"type": "string", "format": "date-time"},
                        "incident": _ref("Incident"),
                    },
                },
                "Revision": {
                    "type": "object",
                    "properties": {
                        "at": {"type": "string", "format": "date-time"},
                        "user": NULLABLE_STR,
                        "field": _enum(RevisionField),
                        "old_value": NULLABLE_STR,
                        "new_value": NULLABLE_STR,
                        "reason": NULLABLE_STR,
                    },
                },
                "IncidentWithHistory": {
                    "allOf": [
                        _ref("Incident"),
                        {
                            "type": "object",
                            "properties": {"history": {"type": "array", "items": _ref("Revision")}},
                        },
                    ]
                },
                "Plan": {
                    "type": "object",
                    "properties": {
                        "id": {"type": "integer"},
                        "version": {"type": "integer"},
                        "council": {"type": "string"},
                        "year": {"type": "integer"},
                        "dnr": NULLABLE_STR,
                        "status": _enum(PlanStatus),
                        "lagesbild": {"type": "string"},
                        "sources": {"type": "string"},
                        "analysis": {"type": "string"},
                        "next_revision": NULLABLE_DATE,
                    },
                },
                "PlanPatch": {
                    "type": "object",
                    "required": ["version"],
                    "description": "Fält som utelämnas behåller sina värden.",
                    "properties": {
                        "version": {"type": "integer"},
                        "lagesbild": {"type": "string"},
                        "sources": {"type": "string"},
                        "analysis": {"type": "string"},
                        "dnr": NULLABLE_STR,
                        "next_revision": NULLABLE_DATE,
                    },
                },
                "PlanWithHistory": {
                    "allOf": [
                        _ref("Plan"),
                        {
                            "type": "object",
                            "properties": {"history": {"type": "array", "items": _ref("Revision")}},
                        },
                    ]
                },
                "PoliceArea": {
                    "type": "object",
                    "properties": {
                        "id": {"type": "integer"},
                        "name": {"type": "string"},
                        "region_area": {"type": "string"},
                        "valid_from": NULLABLE_DATE,
                        "valid_to": NULLABLE_DATE,
                        "councils": {
                            "type": "array",
                            "items": {
                                "type": "object",
                                "properties": {
                                    "code": {"type": "string"},
                                    "name": {"type": "string"},
                                    "from": NULLABLE_DATE,
                                    "to": NULLABLE_DATE,
                                },
                            },
                        },
                    },
                },
                "FollowUp": {
                    "type": "object",
                    "properties": {
                        "id": {"type": "integer"},
                        "version": {"type": "integer"},
                        "meeting": {"type": "integer"},
                        "what": {"type": "string"},
                        "owner_role": {"type": "string"},
                        "due_on": NULLABLE_DATE,
                        "done": {"type": "boolean"},
                        "done_on": NULLABLE_DATE,
                        "done_note": {"type": "string"},
                    },
                },
                "FollowUpInput": {
                    "type": "object",
                    "required": ["what"],
                    "properties": {
                        "what": {"type": "string", "maxLength": 1000},
                        "owner_role": {"type": ["string", "null"], "maxLength": 120},
                        "due_on": NULLABLE_DATE | {"description": "Klart senast; inte före mötet"},
                    },
                },
                "FollowUpPatch": {
                    "type": "object",
                    "required": ["version"],
                    "description": "Fält som utelämnas behåller sina värden.",
                    "properties": {
                        "version": {"type": "integer"},
                        "what": {"type": "string", "maxLength": 1000},
                        "owner_role": {"type": ["string", "null"], "maxLength": 120},
                        "due_on": NULLABLE_DATE,
                        "done": {
                            "type": "boolean",
                            "description": "true stänger åtagandet (done_on, annars i dag), "
                            "false öppnar det igen",
                        },
                        "done_on": NULLABLE_DATE
                        | {"description": "Inte före mötet och inte i framtiden"},
                        "done_note": NULLABLE_STR,
                    },
                },
                "Meeting": {
                    "type": "object",
                    "properties": {
                        "id": {"type": "integer"},
                        "version": {"type": "integer"},
                        "council": {"type": "string"},
                        "police_area": {"type": ["integer", "null"]},
                        "police_area_name": NULLABLE_STR,
                        "held_on": {"type": "string", "format": "date"},
                        "forum": {"type": "string"},
                        "vbe_on_agenda": {"type": "boolean"},
                        "participants": {"type": "array", "items": {"type": "string"}},
                        "notes": {"type": "string"},
                        "decisions": {"type": "string"},
                        "is_synthetic": {"type": "boolean"},
                        "follow_ups": {"type": "array", "items": _ref("FollowUp")},
                    },
                },
                "MeetingInput": {
                    "type": "object",
                    "required": ["held_on", "forum"],
                    "properties": MEETING_FIELDS
                    | {
                        "council": {
                            "type": "string",
                            "description": "Nämndkod; en samordnare som utelämnar den "
                            "registrerar ett möte för sin egen nämnd",
                        },
                        "follow_ups": {"type": "array", "items": _ref("FollowUpInput")},
                    },
                },
                "MeetingPatch": {
                    "type": "object",
                    "required": ["version"],
                    "description": "Fält som utelämnas behåller sina värden. Nämnden kan inte "
                    "ändras.",
                    "properties": {"version": {"type": "integer"}} | MEETING_FIELDS,
                },
                "MeetingRevision": {
                    "allOf": [
                        _ref("Revision"),
                        {
                            "type": "object",
                            "properties": {
                                "follow_up": {
                                    "type": ["integer", "null"],
                                    "description": "Åtagandets id, eller null för mötet självt",
                                }
                            },
                        },
                    ]
                },
            }
        },
    }
