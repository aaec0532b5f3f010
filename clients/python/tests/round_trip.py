"""Run by tests/tests/clients.rs against `wrangler dev`: signs in, makes a widget and bots,
pages through the bots, and provokes two problems; prints one JSON line of what it saw,
which the Rust test checks against the server.

    python round_trip.py <base URL> <email> <password> <API key>
"""

import json
import sys
import uuid

from parley import ParleyProblem, connect, items, ok
from parley_api.api.auth import current_user, token
from parley_api.api.bots import create_bot, get_bot, list_bots
from parley_api.api.widgets import create_widget
from parley_api.models import CreateBotBody, CreateWidgetBody, PasswordGrant


def problem_of(call) -> ParleyProblem:
    try:
        call()
    except ParleyProblem as problem:
        return problem
    raise AssertionError("the call succeeded")


base_url, email, password, api_key = sys.argv[1:5]

session = ok(
    token.sync_detailed(
        client=connect(base_url),
        body=PasswordGrant(email=email, password=password),
        grant_type="password",
    )
)
signed_in = connect(base_url, token=session.access_token)
me = ok(current_user.sync_detailed(client=signed_in))
widget = ok(
    create_widget.sync_detailed(client=signed_in, body=CreateWidgetBody(name="Made by Python"))
)

parley = connect(base_url, token=api_key)
created = [
    ok(create_bot.sync_detailed(client=parley, body=CreateBotBody(name=name))).id
    for name in ["Python bot 1", "Python bot 2", "Python bot 3"]
]
pages = 0


def bots_page(cursor):
    global pages
    pages += 1
    return list_bots.sync_detailed(client=parley, limit=2, cursor=cursor)


listed = [bot.id for bot in items(bots_page)]

invalid = problem_of(
    lambda: ok(create_bot.sync_detailed(client=parley, body=CreateBotBody(name="")))
)
missing = problem_of(lambda: ok(get_bot.sync_detailed(str(uuid.uuid4()), client=parley)))

print(
    json.dumps(
        {
            "me": me.email,
            "widget": widget.id,
            "created": created,
            "listed": listed,
            "pages": pages,
            "invalid": {
                "code": invalid.code.value,
                "status": invalid.status,
                "fields": sorted(invalid.errors),
            },
            "missing": {"code": missing.code.value, "status": missing.status},
        }
    )
)
