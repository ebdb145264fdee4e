using Analytics.Metrics.Attribution;
using Analytics.Metrics.Common;
using Analytics.Metrics.Funnel;
using Analytics.Metrics.Surveys;
using Analytics.Metrics.Velocity;

namespace Analytics.Api.GraphQL.Types;

public sealed class IntervalType() : DescribedEnumType<Interval>("Interval", "The width of a trend's periods.", new Dictionary<Interval, string>
{
    [Interval.Day] = "Calendar days (UTC).",
    [Interval.Week] = "Weeks starting on Monday.",
    [Interval.Month] = "Calendar months.",
    [Interval.Quarter] = "Calendar quarters starting in January, April, July and October.",
});

public sealed class FunnelGroupByType() : DescribedEnumType<FunnelGroupBy>("FunnelGroupBy", "What a funnel is grouped by.", new Dictionary<FunnelGroupBy, string>
{
    [FunnelGroupBy.Industry] = "The account's industry.",
    [FunnelGroupBy.Tier] = "The account's tier.",
    [FunnelGroupBy.Country] = "The account's country.",
    [FunnelGroupBy.Owner] = "The account's owner.",
    [FunnelGroupBy.FirstTouchSource] = "The source of the account's first event in the window.",
    [FunnelGroupBy.FirstTouchChannel] = "The channel of the account's first event in the window.",
});

public sealed class FunnelModeType() : DescribedEnumType<FunnelMode>("FunnelMode", "How the funnel counts.", new Dictionary<FunnelMode, string>
{
    [FunnelMode.Window] = "Each stage reached inside the window: engaged by the window's points, an opportunity created and won in it.",
    [FunnelMode.Cohort] = "The accounts that became engaged in the window, followed for conversionWindowDays through opportunity and won.",
});

public sealed class AccountGroupByType() : DescribedEnumType<SalesGroupBy>("AccountGroupBy", "What sales figures are grouped by.", new Dictionary<SalesGroupBy, string>
{
    [SalesGroupBy.Industry] = "The account's industry.",
    [SalesGroupBy.Tier] = "The account's tier.",
    [SalesGroupBy.Country] = "The account's country.",
    [SalesGroupBy.Owner] = "The account's owner.",
    [SalesGroupBy.OpportunityType] = "The opportunity's type.",
});

public sealed class SurveyGroupByType() : DescribedEnumType<SurveyGroupBy>("SurveyGroupBy", "What survey figures are grouped by.", new Dictionary<SurveyGroupBy, string>
{
    [SurveyGroupBy.Segment] = "The response's segment.",
    [SurveyGroupBy.Industry] = "The responding account's industry.",
    [SurveyGroupBy.Tier] = "The responding account's tier.",
});

public sealed class AttributionDimensionType() : DescribedEnumType<AttributionDimension>(
    "AttributionDimension", "What revenue is attributed to.", new Dictionary<AttributionDimension, string>
{
    [AttributionDimension.Channel] = "The touch's channel (ad, email, web, event, other).",
    [AttributionDimension.Source] = "The touch's source (utm source/medium or origin).",
    [AttributionDimension.Campaign] = "The touch's campaign.",
});

public sealed class AttributionModelType() : DescribedEnumType<AttributionModel>(
    "AttributionModel", "How an opportunity's amount is shared among its touches.", new Dictionary<AttributionModel, string>
{
    [AttributionModel.FirstTouch] = "All of it to the first touch in the lookback before the opportunity was created.",
    [AttributionModel.LastTouch] = "All of it to the last touch up to the day the opportunity was created.",
    [AttributionModel.Linear] = "Shared among the touches in the lookback, in proportion to their events.",
});
