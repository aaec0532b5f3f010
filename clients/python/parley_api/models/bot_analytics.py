from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.granularity import Granularity

if TYPE_CHECKING:
    from ..models.analytics_period import AnalyticsPeriod
    from ..models.bot_metrics import BotMetrics
    from ..models.bot_series_point import BotSeriesPoint


T = TypeVar("T", bound="BotAnalytics")


@_attrs_define
class BotAnalytics:
    """`GET /api/analytics/bots/{botId}`.

    Attributes:
        granularity (Granularity): How a report's series is cut: UTC days, ISO weeks (from Monday) or calendar months.
        metrics (BotMetrics):
        period (AnalyticsPeriod): The whole UTC days a report covers, as timestamps: `…T00:00:00Z` to `…T23:59:59Z`.
        series (list[BotSeriesPoint]): One point per day, week or month of the range, oldest first, empty ones included.
    """

    granularity: Granularity
    metrics: BotMetrics
    period: AnalyticsPeriod
    series: list[BotSeriesPoint]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        granularity = self.granularity.value

        metrics = self.metrics.to_dict()

        period = self.period.to_dict()

        series = []
        for series_item_data in self.series:
            series_item = series_item_data.to_dict()
            series.append(series_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "granularity": granularity,
                "metrics": metrics,
                "period": period,
                "series": series,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.analytics_period import AnalyticsPeriod
        from ..models.bot_metrics import BotMetrics
        from ..models.bot_series_point import BotSeriesPoint

        d = dict(src_dict)
        granularity = Granularity(d.pop("granularity"))

        metrics = BotMetrics.from_dict(d.pop("metrics"))

        period = AnalyticsPeriod.from_dict(d.pop("period"))

        series = []
        _series = d.pop("series")
        for series_item_data in _series:
            series_item = BotSeriesPoint.from_dict(series_item_data)

            series.append(series_item)

        bot_analytics = cls(
            granularity=granularity,
            metrics=metrics,
            period=period,
            series=series,
        )

        bot_analytics.additional_properties = d
        return bot_analytics

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
