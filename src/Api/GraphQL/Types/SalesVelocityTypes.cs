using Analytics.Metrics.Velocity;
using GraphQL.Types;

namespace Analytics.Api.GraphQL.Types;

public sealed class SalesVelocityType : ObjectGraphType<SalesVelocityResult>
{
    public SalesVelocityType()
    {
        Name = "SalesVelocity";
        Description = "Win rate, deal size, days to close and pipeline velocity over [from, to).";
        SalesFigureFields.Add(this, r => r.Figures);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<SalesVelocityGroupType>>>>("groups").Description("The figures per group; empty unless groupBy is given.").Resolve(c => c.Source.Groups);
    }
}

public sealed class SalesVelocityGroupType : ObjectGraphType<SalesVelocityGroup>
{
    public SalesVelocityGroupType()
    {
        Name = "SalesVelocityGroup";
        Description = "Sales figures of the opportunities that share one group key.";
        Field<StringGraphType>("key").Description("The group's key; null for a missing value.").Resolve(c => c.Source.Key);
        SalesFigureFields.Add(this, g => g.Figures);
    }
}

internal static class SalesFigureFields
{
    public static void Add<T>(ObjectGraphType<T> type, Func<T, SalesFigures> figures)
    {
        type.Field<NonNullGraphType<IntGraphType>>("won").Description("Opportunities won (closed) in the window.").Resolve(c => checked((int)figures(c.Source).Won));
        type.Field<NonNullGraphType<IntGraphType>>("lost").Description("Opportunities lost (closed) in the window.").Resolve(c => checked((int)figures(c.Source).Lost));
        type.Field<NonNullGraphType<IntGraphType>>("open").Description("Opportunities open at the end of the window: created before it ended, not closed before it ended.").Resolve(c => checked((int)figures(c.Source).Open));
        type.Field<FloatGraphType>("winRate").Description("won ÷ (won + lost), 0 to 1; null when none closed.").Resolve(c => figures(c.Source).WinRate);
        type.Field<FloatGraphType>("averageDealSize").Description("Mean amount of the won opportunities; null when none was won.").Resolve(c => figures(c.Source).AverageDealSize);
        type.Field<FloatGraphType>("averageDaysToClose").Description("Mean of closed_at − created_at in (fractional) days over won opportunities; null when none was won.").Resolve(c => figures(c.Source).AverageDaysToClose);
        type.Field<FloatGraphType>("medianDaysToClose").Description("Median of the same days (the mean of the two middle values for an even count); null when none was won.").Resolve(c => figures(c.Source).MedianDaysToClose);
        type.Field<FloatGraphType>("velocityPerDay").Description("open × average deal size × win rate ÷ mean days to close; null when any of them is.").Resolve(c => figures(c.Source).VelocityPerDay);
    }
}
