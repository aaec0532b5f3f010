from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.rocket_flow_analytics import RocketFlowAnalytics
from ...models.rocket_flow_error import RocketFlowError
from ...types import UNSET, Response, Unset


def _get_kwargs(
    chatbot_id: str,
    *,
    start_date: str | Unset = UNSET,
    end_date: str | Unset = UNSET,
    granularity: str | Unset = UNSET,
    x_run_as_user_id: UUID | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(x_run_as_user_id, Unset):
        headers["X-RunAs-UserId"] = x_run_as_user_id

    params: dict[str, Any] = {}

    params["start_date"] = start_date

    params["end_date"] = end_date

    params["granularity"] = granularity

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/analytics/chatbots/{chatbot_id}".format(
            chatbot_id=quote(str(chatbot_id), safe=""),
        ),
        "params": params,
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> RocketFlowAnalytics | RocketFlowError | None:
    if response.status_code == 200:
        response_200 = RocketFlowAnalytics.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = RocketFlowError.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = RocketFlowError.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = RocketFlowError.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = RocketFlowError.from_dict(response.json())

        return response_404

    if response.status_code == 405:
        response_405 = RocketFlowError.from_dict(response.json())

        return response_405

    if response.status_code == 408:
        response_408 = RocketFlowError.from_dict(response.json())

        return response_408

    if response.status_code == 409:
        response_409 = RocketFlowError.from_dict(response.json())

        return response_409

    if response.status_code == 429:
        response_429 = RocketFlowError.from_dict(response.json())

        return response_429

    if response.status_code == 500:
        response_500 = RocketFlowError.from_dict(response.json())

        return response_500

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[RocketFlowAnalytics | RocketFlowError]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    chatbot_id: str,
    *,
    client: AuthenticatedClient | Client,
    start_date: str | Unset = UNSET,
    end_date: str | Unset = UNSET,
    granularity: str | Unset = UNSET,
    x_run_as_user_id: UUID | Unset = UNSET,
) -> Response[RocketFlowAnalytics | RocketFlowError]:
    """`GET /v1/analytics/chatbots/{chatbot_id}`: `/api/analytics/bots/{botId}` in snake_case.

    Args:
        chatbot_id (str):
        start_date (str | Unset):
        end_date (str | Unset):
        granularity (str | Unset):
        x_run_as_user_id (UUID | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[RocketFlowAnalytics | RocketFlowError]
    """

    kwargs = _get_kwargs(
        chatbot_id=chatbot_id,
        start_date=start_date,
        end_date=end_date,
        granularity=granularity,
        x_run_as_user_id=x_run_as_user_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    chatbot_id: str,
    *,
    client: AuthenticatedClient | Client,
    start_date: str | Unset = UNSET,
    end_date: str | Unset = UNSET,
    granularity: str | Unset = UNSET,
    x_run_as_user_id: UUID | Unset = UNSET,
) -> RocketFlowAnalytics | RocketFlowError | None:
    """`GET /v1/analytics/chatbots/{chatbot_id}`: `/api/analytics/bots/{botId}` in snake_case.

    Args:
        chatbot_id (str):
        start_date (str | Unset):
        end_date (str | Unset):
        granularity (str | Unset):
        x_run_as_user_id (UUID | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        RocketFlowAnalytics | RocketFlowError
    """

    return sync_detailed(
        chatbot_id=chatbot_id,
        client=client,
        start_date=start_date,
        end_date=end_date,
        granularity=granularity,
        x_run_as_user_id=x_run_as_user_id,
    ).parsed


async def asyncio_detailed(
    chatbot_id: str,
    *,
    client: AuthenticatedClient | Client,
    start_date: str | Unset = UNSET,
    end_date: str | Unset = UNSET,
    granularity: str | Unset = UNSET,
    x_run_as_user_id: UUID | Unset = UNSET,
) -> Response[RocketFlowAnalytics | RocketFlowError]:
    """`GET /v1/analytics/chatbots/{chatbot_id}`: `/api/analytics/bots/{botId}` in snake_case.

    Args:
        chatbot_id (str):
        start_date (str | Unset):
        end_date (str | Unset):
        granularity (str | Unset):
        x_run_as_user_id (UUID | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[RocketFlowAnalytics | RocketFlowError]
    """

    kwargs = _get_kwargs(
        chatbot_id=chatbot_id,
        start_date=start_date,
        end_date=end_date,
        granularity=granularity,
        x_run_as_user_id=x_run_as_user_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    chatbot_id: str,
    *,
    client: AuthenticatedClient | Client,
    start_date: str | Unset = UNSET,
    end_date: str | Unset = UNSET,
    granularity: str | Unset = UNSET,
    x_run_as_user_id: UUID | Unset = UNSET,
) -> RocketFlowAnalytics | RocketFlowError | None:
    """`GET /v1/analytics/chatbots/{chatbot_id}`: `/api/analytics/bots/{botId}` in snake_case.

    Args:
        chatbot_id (str):
        start_date (str | Unset):
        end_date (str | Unset):
        granularity (str | Unset):
        x_run_as_user_id (UUID | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        RocketFlowAnalytics | RocketFlowError
    """

    return (
        await asyncio_detailed(
            chatbot_id=chatbot_id,
            client=client,
            start_date=start_date,
            end_date=end_date,
            granularity=granularity,
            x_run_as_user_id=x_run_as_user_id,
        )
    ).parsed
