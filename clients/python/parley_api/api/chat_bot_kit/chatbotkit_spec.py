from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.cbk_error import CbkError
from ...models.chatbotkit_spec_response_200 import ChatbotkitSpecResponse200
from ...types import Response


def _get_kwargs() -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/spec.json",
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> CbkError | ChatbotkitSpecResponse200 | None:
    if response.status_code == 200:
        response_200 = ChatbotkitSpecResponse200.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = CbkError.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = CbkError.from_dict(response.json())

        return response_401

    if response.status_code == 402:
        response_402 = CbkError.from_dict(response.json())

        return response_402

    if response.status_code == 404:
        response_404 = CbkError.from_dict(response.json())

        return response_404

    if response.status_code == 405:
        response_405 = CbkError.from_dict(response.json())

        return response_405

    if response.status_code == 409:
        response_409 = CbkError.from_dict(response.json())

        return response_409

    if response.status_code == 429:
        response_429 = CbkError.from_dict(response.json())

        return response_429

    if response.status_code == 500:
        response_500 = CbkError.from_dict(response.json())

        return response_500

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[CbkError | ChatbotkitSpecResponse200]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
) -> Response[CbkError | ChatbotkitSpecResponse200]:
    """`GET /v1/spec.json`: the OpenAPI document of ChatBotKit's operations.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CbkError | ChatbotkitSpecResponse200]
    """

    kwargs = _get_kwargs()

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
) -> CbkError | ChatbotkitSpecResponse200 | None:
    """`GET /v1/spec.json`: the OpenAPI document of ChatBotKit's operations.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CbkError | ChatbotkitSpecResponse200
    """

    return sync_detailed(
        client=client,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
) -> Response[CbkError | ChatbotkitSpecResponse200]:
    """`GET /v1/spec.json`: the OpenAPI document of ChatBotKit's operations.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CbkError | ChatbotkitSpecResponse200]
    """

    kwargs = _get_kwargs()

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
) -> CbkError | ChatbotkitSpecResponse200 | None:
    """`GET /v1/spec.json`: the OpenAPI document of ChatBotKit's operations.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CbkError | ChatbotkitSpecResponse200
    """

    return (
        await asyncio_detailed(
            client=client,
        )
    ).parsed
