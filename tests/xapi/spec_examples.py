"""Valid statements written after the examples of the xAPI 1.0.3 specification."""

from __future__ import annotations

from typing import Any

SIMPLE: dict[str, Any] = {
    "id": "fd41c918-b88b-4b20-a0a5-a4c32391aaa0",
    "timestamp": "2015-11-18T12:17:00+00:00",
    "actor": {
        "objectType": "Agent",
        "name": "Project Tin Can API",
        "mbox": "mailto:user@example.com",
    },
    "verb": {
        "id": "http://example.com/xapi/verbs#sent-a-statement",
        "display": {"en-US": "sent"},
    },
    "object": {
        "id": "http://example.com/xapi/activity/simplestatement",
        "definition": {
            "name": {"en-US": "simple statement"},
            "description": {
                "en-US": "A simple Experience API statement. Note that the LRS does not need "
                "to have any prior information about the Actor (learner), the verb, or the "
                "Activity/object."
            },
        },
    },
}

LONG: dict[str, Any] = {
    "id": "6690e6c9-3ef0-4ed3-8b37-7f3964730bee",
    "actor": {
        "name": "Team PB",
        "mbox": "mailto:teampb@example.com",
        "member": [
            {
                "name": "Andrew Downes",
                "account": {"homePage": "http://www.example.com", "name": "13936749"},
                "objectType": "Agent",
            },
            {
                "name": "Toby Nichols",
                "openid": "http://toby.openid.example.org/",
                "objectType": "Agent",
            },
            {
                "name": "Ena Hills",
                "mbox_sha1sum": "ebd31e95054c018b10727ccffd2ef2ec3a016ee9",
                "objectType": "Agent",
            },
        ],
        "objectType": "Group",
    },
    "verb": {
        "id": "http://adlnet.gov/expapi/verbs/attended",
        "display": {"en-GB": "attended", "en-US": "attended"},
    },
    "result": {
        "extensions": {
            "http://example.com/profiles/meetings/resultextensions/minuteslocation": "X:\\meetings\\minutes\\examplemeeting.one"
        },
        "success": True,
        "completion": True,
        "response": "We agreed on some example actions.",
        "duration": "PT1H0M0S",
    },
    "context": {
        "registration": "ec531277-b57b-4c15-8d91-d292c5b2b8f7",
        "contextActivities": {
            "parent": [
                {
                    "id": "http://www.example.com/meetings/series/267",
                    "objectType": "Activity",
                }
            ],
            "category": [
                {
                    "id": "http://www.example.com/meetings/categories/teammeeting",
                    "objectType": "Activity",
                    "definition": {
                        "name": {"en": "team meeting"},
                        "description": {"en": "A category of meeting used for regular team meetings."},
                        "type": "http://example.com/expapi/activities/meetingcategory",
                    },
                }
            ],
            "other": [
                {
                    "id": "http://www.example.com/meetings/occurances/34257",
                    "objectType": "Activity",
                },
                {
                    "id": "http://www.example.com/meetings/occurances/3425567",
                    "objectType": "Activity",
                },
            ],
        },
        "instructor": {
            "name": "Andrew Downes",
            "account": {"homePage": "http://www.example.com", "name": "13936749"},
            "objectType": "Agent",
        },
        "team": {
            "name": "Team PB",
            "mbox": "mailto:teampb@example.com",
            "objectType": "Group",
        },
        "platform": "Example virtual meeting software",
        "language": "tlh",
        "statement": {
            "objectType": "StatementRef",
            "id": "6690e6c9-3ef0-4ed3-8b37-7f3964730bee",
        },
    },
    "timestamp": "2013-05-18T05:32:34.804+00:00",
    "stored": "2013-05-18T05:32:34.804+00:00",
    "authority": {
        "account": {"homePage": "http://cloud.scorm.com/", "name": "anonymous"},
        "objectType": "Agent",
    },
    "version": "1.0.0",
    "object": {
        "id": "http://www.example.com/meetings/occurances/34534",
        "definition": {
            "extensions": {
                "http://example.com/profiles/meetings/activitydefinitionextensions/room": {
                    "name": "Kilby",
                    "id": "http://example.com/rooms/342",
                }
            },
            "name": {"en-GB": "example meeting", "en-US": "example meeting"},
            "description": {
                "en-GB": "An example meeting that happened on a specific occasion with certain people present.",
                "en-US": "An example meeting that happened on a specific occasion with certain people present.",
            },
            "type": "http://adlnet.gov/expapi/activities/meeting",
            "moreInfo": "http://virtualmeeting.example.com/345256",
        },
        "objectType": "Activity",
    },
}

ATTACHMENT: dict[str, Any] = {
    "actor": {
        "mbox": "mailto:sample.agent@example.com",
        "name": "Sample Agent",
        "objectType": "Agent",
    },
    "verb": {
        "id": "http://adlnet.gov/expapi/verbs/answered",
        "display": {"en-US": "answered"},
    },
    "object": {
        "id": "http://www.example.com/tincan/activities/multipart",
        "objectType": "Activity",
        "definition": {
            "name": {"en-US": "Multi Part Activity"},
            "description": {"en-US": "Multi Part Activity Description"},
        },
    },
    "attachments": [
        {
            "usageType": "http://example.com/attachment-usage/test",
            "display": {"en-US": "A test attachment"},
            "description": {"en-US": "A test attachment (description)"},
            "contentType": "text/plain; charset=ascii",
            "length": 27,
            "sha2": "495395e777cd98da653df9615d09c0fd6bb2f8d4788394cd53c56a3bfdcd848a",
        }
    ],
}

SUBSTATEMENT: dict[str, Any] = {
    "actor": {"objectType": "Agent", "mbox": "mailto:test@example.com"},
    "verb": {"id": "http://example.com/planned", "display": {"en-US": "planned"}},
    "object": {
        "objectType": "SubStatement",
        "actor": {"objectType": "Agent", "mbox": "mailto:test@example.com"},
        "verb": {
            "id": "http://example.com/visited",
            "display": {"en-US": "will visit"},
        },
        "object": {
            "id": "http://example.com/website",
            "definition": {"name": {"en-US": "Some Awesome Website"}},
        },
    },
}

INTERACTION: dict[str, Any] = {
    "actor": {"account": {"homePage": "https://idp.example.fr", "name": "learner-42"}},
    "verb": {"id": "http://adlnet.gov/expapi/verbs/answered"},
    "object": {
        "id": "http://adlnet.gov/expapi/activities/example",
        "definition": {
            "description": {"en-US": "Which of these prototypes are available at the beta site?"},
            "type": "http://adlnet.gov/expapi/activities/cmi.interaction",
            "interactionType": "choice",
            "correctResponsesPattern": ["golf[,]tetris"],
            "choices": [
                {"id": "golf", "description": {"en-US": "Golf Example"}},
                {"id": "facebook", "description": {"en-US": "Facebook App"}},
                {"id": "tetris", "description": {"en-US": "Tetris Example"}},
                {"id": "scrabble", "description": {"en-US": "Scrabble Example"}},
            ],
        },
    },
    "result": {
        "response": "golf[,]tetris",
        "success": True,
        "score": {"scaled": 0.95, "raw": 95, "min": 0, "max": 100},
    },
}

VOIDING: dict[str, Any] = {
    "actor": {
        "objectType": "Agent",
        "name": "Example Admin",
        "mbox": "mailto:admin@example.adlnet.gov",
    },
    "verb": {
        "id": "http://adlnet.gov/expapi/verbs/voided",
        "display": {"en-US": "voided"},
    },
    "object": {
        "objectType": "StatementRef",
        "id": "e05aa883-acaf-40ad-bf54-02c8ce485fb0",
    },
}

ANONYMOUS_GROUP: dict[str, Any] = {
    "actor": {
        "objectType": "Group",
        "member": [{"mbox": "mailto:a@example.com"}, {"mbox": "mailto:b@example.com"}],
    },
    "verb": {"id": "http://adlnet.gov/expapi/verbs/attended"},
    "object": {"objectType": "Agent", "mbox": "mailto:teacher@example.com"},
}

ALL = {
    "simple": SIMPLE,
    "long": LONG,
    "attachment": ATTACHMENT,
    "substatement": SUBSTATEMENT,
    "interaction": INTERACTION,
    "voiding": VOIDING,
    "anonymous-group": ANONYMOUS_GROUP,
}
