from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.granularity import Granularity

if TYPE_CHECKING:
    from ..models.rocket_flow_analytics_metrics import RocketFlowAnalyticsMetrics
    from ..models.rocket_flow_analytics_period import RocketFlowAnalyticsPeriod


T = TypeVar("T", bound="RocketFlowAnalytics")


@_attrs_define
class RocketFlowAnalytics:
    """`GET /v1/analytics/chatbots/{chatbot_id}`: the seed's figures plus the granularity and
    Parley's rates (definitions in [`crate::analytics`]).

        Attributes:
            granularity (Granularity): How a report's series is cut: UTC days, ISO weeks (from Monday) or calendar months.
            metrics (RocketFlowAnalyticsMetrics):
            period (RocketFlowAnalyticsPeriod):
    """

    granularity: Granularity
    metrics: RocketFlowAnalyticsMetrics
    period: RocketFlowAnalyticsPeriod
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        granularity = self.granularity.value

        metrics = self.metrics.to_dict()

        period = self.period.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "granularity": granularity,
                "metrics": metrics,
                "period": period,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.rocket_flow_analytics_metrics import RocketFlowAnalyticsMetrics
        from ..models.rocket_flow_analytics_period import RocketFlowAnalyticsPeriod

        d = dict(src_dict)
        granularity = Granularity(d.pop("granularity"))

        metrics = RocketFlowAnalyticsMetrics.from_dict(d.pop("metrics"))

        period = RocketFlowAnalyticsPeriod.from_dict(d.pop("period"))

        rocket_flow_analytics = cls(
            granularity=granularity,
            metrics=metrics,
            period=period,
        )

        rocket_flow_analytics.additional_properties = d
        return rocket_flow_analytics

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
