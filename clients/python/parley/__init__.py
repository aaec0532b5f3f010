"""Parley's Python client: the `parley_api` package generated from Parley's OpenAPI spec
(`cargo xtask clients`), plus what every call shares: typed problems and paging.

    from parley import connect, ok, items, ParleyProblem
    from parley_api.api.bots import create_bot, list_bots
    from parley_api.models import CreateBotBody, ErrorCode

    parley = connect("https://chat.example.com", token="pk_live_…")
    bot = ok(create_bot.sync_detailed(client=parley, body=CreateBotBody(name="Support")))
    for bot in items(lambda cursor: list_bots.sync_detailed(client=parley, limit=50, cursor=cursor)):
        print(bot.name)
"""

from collections.abc import Callable, Iterator
from typing import Any, Protocol, TypeVar

from parley_api import AuthenticatedClient, Client
from parley_api.models import ErrorCode, Problem
from parley_api.types import UNSET, Response, Unset

__all__ = ["ParleyProblem", "UnexpectedAnswer", "connect", "items", "ok"]

T = TypeVar("T")


class ParleyProblem(Exception):
    """A failure Parley answered: an RFC 9457 problem whose `code` is stable (branch on it,
    never on `detail`)."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(
            f"{problem.status} {problem.code.value}: {problem.detail} (trace {problem.trace_id})"
        )
        self.problem = problem
        self.code: ErrorCode = problem.code
        self.status: int = problem.status

    @property
    def errors(self) -> dict[str, list[str]]:
        """What is wrong with each field, for `VALIDATION_FAILED`."""
        if isinstance(self.problem.errors, Unset):
            return {}
        return self.problem.errors.additional_properties


class UnexpectedAnswer(Exception):
    """An answer that is neither what was asked for nor a problem (a proxy's error page)."""

    def __init__(self, status: int, body: bytes) -> None:
        super().__init__(f"unexpected {status} answer: {body[:500]!r}")
        self.status = status
        self.body = body


def connect(base_url: str, token: str | None = None) -> Client | AuthenticatedClient:
    """A client of the deployment at `base_url` (its origin; paths start with `/api`),
    calling with `token` (an API key or an access token) as `Authorization: Bearer`."""
    if token is None:
        return Client(base_url=base_url)
    return AuthenticatedClient(base_url=base_url, token=token)


def ok(response: Response[T | Problem]) -> T:
    """The parsed answer of a `sync_detailed` call, or raises its `ParleyProblem`."""
    parsed = response.parsed
    if isinstance(parsed, Problem):
        raise ParleyProblem(parsed)
    if response.status_code >= 400 or parsed is None:
        raise UnexpectedAnswer(int(response.status_code), response.content)
    return parsed


class _Page(Protocol):
    data: list[Any]
    next_cursor: None | str | Unset


def items(page: Callable[[str | Unset], Response[Any]]) -> Iterator[Any]:
    """Every item of a list, page after page by `nextCursor`; `page(cursor)` fetches one."""
    cursor: str | Unset = UNSET
    while True:
        answer: _Page = ok(page(cursor))
        yield from answer.data
        if not isinstance(answer.next_cursor, str):
            return
        cursor = answer.next_cursor
