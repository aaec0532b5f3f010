from http import HTTPStatus
from typing import Any
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.cbk_dataset_input import CbkDatasetInput
from ...models.cbk_error import CbkError
from ...models.cbk_id import CbkId
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: CbkDatasetInput,
    x_run_as_user_id: UUID | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(x_run_as_user_id, Unset):
        headers["X-RunAs-UserId"] = x_run_as_user_id

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/dataset/create",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> CbkError | CbkId | None:
    if response.status_code == 200:
        response_200 = CbkId.from_dict(response.json())

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
) -> Response[CbkError | CbkId]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: CbkDatasetInput,
    x_run_as_user_id: UUID | Unset = UNSET,
) -> Response[CbkError | CbkId]:
    """
    Args:
        x_run_as_user_id (UUID | Unset):
        body (CbkDatasetInput): `POST /v1/dataset/create` (`botId` and `text` required) and
            `POST /v1/dataset/{datasetId}/update` (a new `text` is learned in place of the old).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CbkError | CbkId]
    """

    kwargs = _get_kwargs(
        body=body,
        x_run_as_user_id=x_run_as_user_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    body: CbkDatasetInput,
    x_run_as_user_id: UUID | Unset = UNSET,
) -> CbkError | CbkId | None:
    """
    Args:
        x_run_as_user_id (UUID | Unset):
        body (CbkDatasetInput): `POST /v1/dataset/create` (`botId` and `text` required) and
            `POST /v1/dataset/{datasetId}/update` (a new `text` is learned in place of the old).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CbkError | CbkId
    """

    return sync_detailed(
        client=client,
        body=body,
        x_run_as_user_id=x_run_as_user_id,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: CbkDatasetInput,
    x_run_as_user_id: UUID | Unset = UNSET,
) -> Response[CbkError | CbkId]:
    """
    Args:
        x_run_as_user_id (UUID | Unset):
        body (CbkDatasetInput): `POST /v1/dataset/create` (`botId` and `text` required) and
            `POST /v1/dataset/{datasetId}/update` (a new `text` is learned in place of the old).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CbkError | CbkId]
    """

    kwargs = _get_kwargs(
        body=body,
        x_run_as_user_id=x_run_as_user_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: CbkDatasetInput,
    x_run_as_user_id: UUID | Unset = UNSET,
) -> CbkError | CbkId | None:
    """
    Args:
        x_run_as_user_id (UUID | Unset):
        body (CbkDatasetInput): `POST /v1/dataset/create` (`botId` and `text` required) and
            `POST /v1/dataset/{datasetId}/update` (a new `text` is learned in place of the old).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CbkError | CbkId
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            x_run_as_user_id=x_run_as_user_id,
        )
    ).parsed
