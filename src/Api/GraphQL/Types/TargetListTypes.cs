using Analytics.Metrics.Common;
using GraphQL.Types;

namespace Analytics.Api.GraphQL.Types;

public sealed class TargetListType : ObjectGraphType<TargetList>
{
    public TargetListType()
    {
        Name = "TargetList";
        Description = "A target list: the name the metrics' targetList argument takes, and its accounts now.";
        Field<NonNullGraphType<StringGraphType>>("name").Description("The list's name.").Resolve(c => c.Source.Name);
        Field<NonNullGraphType<IntGraphType>>("accounts").Description("Accounts on the list now (removed members not counted).")
            .Resolve(c => checked((int)c.Source.Accounts));
    }
}
