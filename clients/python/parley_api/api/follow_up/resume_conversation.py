from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.resume_request import ResumeRequest
from ...models.started_conversation import StartedConversation
from ...types import Response


def _get_kwargs(
    id: str,
    *,
    body: ResumeRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/widgets/{id}/resume".format(
            id=quote(str(id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | StartedConversation | None:
    if response.status_code == 200:
        response_200 = StartedConversation.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = Problem.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = Problem.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = Problem.from_dict(response.json())

        return response_404

    if response.status_code == 405:
        response_405 = Problem.from_dict(response.json())

        return response_405

    if response.status_code == 408:
        response_408 = Problem.from_dict(response.json())

        return response_408

    if response.status_code == 409:
        response_409 = Problem.from_dict(response.json())

        return response_409

    if response.status_code == 422:
        response_422 = Problem.from_dict(response.json())

        return response_422

    if response.status_code == 429:
        response_429 = Problem.from_dict(response.json())

        return response_429

    if response.status_code == 500:
        response_500 = Problem.from_dict(response.json())

        return response_500

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Problem | StartedConversation]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    id: str,
    *,
    client: AuthenticatedClient,
    body: ResumeRequest,
) -> Response[Problem | StartedConversation]:
    """`POST /api/widgets/{id}/resume`: public, from a page the widget accepts. An emailed link's
    token (`#parley-resume=…`, valid a week) for the conversation and a visitor token; the
    loader calls it when a page opens with that fragment.

    Args:
        id (str):
        body (ResumeRequest): `POST /api/widgets/{id}/resume`: the token of an emailed link.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | StartedConversation]
    """

    kwargs = _get_kwargs(
        id=id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    id: str,
    *,
    client: AuthenticatedClient,
    body: ResumeRequest,
) -> Problem | StartedConversation | None:
    """`POST /api/widgets/{id}/resume`: public, from a page the widget accepts. An emailed link's
    token (`#parley-resume=…`, valid a week) for the conversation and a visitor token; the
    loader calls it when a page opens with that fragment.

    Args:
        id (str):
        body (ResumeRequest): `POST /api/widgets/{id}/resume`: the token of an emailed link.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | StartedConversation
    """

    return sync_detailed(
        id=id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    id: str,
    *,
    client: AuthenticatedClient,
    body: ResumeRequest,
) -> Response[Problem | StartedConversation]:
    """`POST /api/widgets/{id}/resume`: public, from a page the widget accepts. An emailed link's
    token (`#parley-resume=…`, valid a week) for the conversation and a visitor token; the
    loader calls it when a page opens with that fragment.

    Args:
        id (str):
        body (ResumeRequest): `POST /api/widgets/{id}/resume`: the token of an emailed link.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | StartedConversation]
    """

    kwargs = _get_kwargs(
        id=id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    id: str,
    *,
    client: AuthenticatedClient,
    body: ResumeRequest,
) -> Problem | StartedConversation | None:
    """`POST /api/widgets/{id}/resume`: public, from a page the widget accepts. An emailed link's
    token (`#parley-resume=…`, valid a week) for the conversation and a visitor token; the
    loader calls it when a page opens with that fragment.

    Args:
        id (str):
        body (ResumeRequest): `POST /api/widgets/{id}/resume`: the token of an emailed link.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | StartedConversation
    """

    return (
        await asyncio_detailed(
            id=id,
            client=client,
            body=body,
        )
    ).parsed
