from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.granularity import Granularity

if TYPE_CHECKING:
    from ..models.agent_figures import AgentFigures
    from ..models.agent_performance import AgentPerformance
    from ..models.agent_series_point import AgentSeriesPoint
    from ..models.analytics_period import AnalyticsPeriod


T = TypeVar("T", bound="AgentAnalytics")


@_attrs_define
class AgentAnalytics:
    """`GET /api/analytics/agents`.

    Attributes:
        agents (list[AgentPerformance]): Every user of the workspace, those without activity included, by name.
        granularity (Granularity): How a report's series is cut: UTC days, ISO weeks (from Monday) or calendar months.
        period (AnalyticsPeriod): The whole UTC days a report covers, as timestamps: `…T00:00:00Z` to `…T23:59:59Z`.
        series (list[AgentSeriesPoint]):
        totals (AgentFigures):
    """

    agents: list[AgentPerformance]
    granularity: Granularity
    period: AnalyticsPeriod
    series: list[AgentSeriesPoint]
    totals: AgentFigures
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        agents = []
        for agents_item_data in self.agents:
            agents_item = agents_item_data.to_dict()
            agents.append(agents_item)

        granularity = self.granularity.value

        period = self.period.to_dict()

        series = []
        for series_item_data in self.series:
            series_item = series_item_data.to_dict()
            series.append(series_item)

        totals = self.totals.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "agents": agents,
                "granularity": granularity,
                "period": period,
                "series": series,
                "totals": totals,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.agent_figures import AgentFigures
        from ..models.agent_performance import AgentPerformance
        from ..models.agent_series_point import AgentSeriesPoint
        from ..models.analytics_period import AnalyticsPeriod

        d = dict(src_dict)
        agents = []
        _agents = d.pop("agents")
        for agents_item_data in _agents:
            agents_item = AgentPerformance.from_dict(agents_item_data)

            agents.append(agents_item)

        granularity = Granularity(d.pop("granularity"))

        period = AnalyticsPeriod.from_dict(d.pop("period"))

        series = []
        _series = d.pop("series")
        for series_item_data in _series:
            series_item = AgentSeriesPoint.from_dict(series_item_data)

            series.append(series_item)

        totals = AgentFigures.from_dict(d.pop("totals"))

        agent_analytics = cls(
            agents=agents,
            granularity=granularity,
            period=period,
            series=series,
            totals=totals,
        )

        agent_analytics.additional_properties = d
        return agent_analytics

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
