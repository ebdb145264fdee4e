using GraphQL.Types;

namespace Analytics.Api.GraphQL.Types;

/// <summary>The contract's <c>Date</c>: a calendar day as <c>YYYY-MM-DD</c>, in UTC.</summary>
public sealed class DateType : DateOnlyGraphType
{
    public DateType()
    {
        Name = "Date";
        Description = "A calendar day as YYYY-MM-DD, in UTC. Date ranges are [from, to): from inclusive, to exclusive.";
    }
}
