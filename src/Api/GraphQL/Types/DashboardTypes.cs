using System.Text.Json;
using Analytics.Api.Auth;
using Analytics.Metrics.Common;
using Analytics.Reports.Dashboards;
using GraphQL;
using GraphQL.Types;

namespace Analytics.Api.GraphQL.Types;

// Definitions are a few kilobytes held in memory, not storage: their lists do not multiply a query's complexity.
public sealed class DashboardType : ObjectGraphType<DashboardDefinition>
{
    public DashboardType()
    {
        Name = "Dashboard";
        Description = "A dashboard of dashboards/*.json: panels, each a GraphQL query and a chart kind (the format is in dashboards/README.md).";
        Field<NonNullGraphType<StringGraphType>>("id").Description("Its id: lower-case letters, digits and '-'; used in URLs.").Resolve(c => c.Source.Id);
        Field<NonNullGraphType<StringGraphType>>("title").Description("Its title.").Resolve(c => c.Source.Title);
        Field<StringGraphType>("description").Description("What it shows; null when not given.").Resolve(c => c.Source.Description);
        Field<NonNullGraphType<StringGraphType>>("role").Description("The least role that may open it: viewer or sales.").Resolve(c => Lower(c.Source.Role));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<DashboardFilterType>>>>("filters").Description("Its own filters beside the window and the target list; empty when none.").WithComplexityImpact(1, 1).Resolve(c => c.Source.Filters ?? []);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<DashboardPanelType>>>>("panels").Description("Its panels, in order.").WithComplexityImpact(1, 1).Resolve(c => c.Source.Panels);
    }

    internal static string Lower<T>(T value)
        where T : struct, Enum => value.ToString().ToLowerInvariant();
}

public sealed class DashboardFilterType : ObjectGraphType<DashboardFilter>
{
    public DashboardFilterType()
    {
        Name = "DashboardFilter";
        Description = "An extra filter of a dashboard; its value goes to every panel query that declares its variable (null when empty).";
        Field<NonNullGraphType<StringGraphType>>("variable").Description("The query variable it sets.").Resolve(c => c.Source.Variable);
        Field<NonNullGraphType<StringGraphType>>("title").Description("Its label.").Resolve(c => c.Source.Title);
        Field<NonNullGraphType<StringGraphType>>("type").Description("text, number or choice.").Resolve(c => DashboardType.Lower(c.Source.Type));
        Field<StringGraphType>("choices").Description("The account attribute a choice offers the values of (industry, tier, country or owner); null for text and number.")
            .Resolve(c => c.Source.Choices is { } attribute ? DashboardType.Lower(attribute) : null);
        Field<ListGraphType<NonNullGraphType<StringGraphType>>>("options")
            .Description("What a choice offers: every value its attribute takes now, sorted; null for text and number, and owners (people's names) only for sales.")
            .ResolveAsync(async c => c.Source.Choices is { } attribute && (attribute != AccountAttribute.Owner || MaySeeOwners(c.User))
                ? await c.RunAsync(ct => c.Service<AccountAttributeValuesQuery>().RunAsync(attribute, ct))
                : null);
    }

    // Owner names are sales data, as the sales-only fields that list accounts with their owners.
    private static bool MaySeeOwners(System.Security.Claims.ClaimsPrincipal? user) =>
        Roles.Satisfying(Roles.Sales).Any(role => user?.IsInRole(role) == true);
}

public sealed class DashboardPanelType : ObjectGraphType<PanelDefinition>
{
    public DashboardPanelType()
    {
        Name = "DashboardPanel";
        Description = "One panel: its query, where its rows are in the result, and how to draw them.";
        Field<NonNullGraphType<StringGraphType>>("id").Description("Its id, unique within the dashboard.").Resolve(c => c.Source.Id);
        Field<NonNullGraphType<StringGraphType>>("title").Description("Its title.").Resolve(c => c.Source.Title);
        Field<StringGraphType>("description").Description("What it shows; null when not given.").Resolve(c => c.Source.Description);
        Field<NonNullGraphType<StringGraphType>>("kind").Description("kpi, line, bar, funnel or table.").Resolve(c => DashboardType.Lower(c.Source.Kind));
        Field<NonNullGraphType<StringGraphType>>("query").Description("The GraphQL operation it runs against /graphql.").Resolve(c => c.Source.Query);
        Field<StringGraphType>("variables").Description("Its fixed variables as a JSON object, merged over the filter variables; null when none.")
            .Resolve(c => c.Source.Variables is { } v ? JsonSerializer.Serialize(v) : null);
        Field<StringGraphType>("data").Description("The path into the result's data to its rows (or, for kpi, its object); null for the whole data.").Resolve(c => c.Source.Data);
        Field<StringGraphType>("label").Description("For line, bar and funnel: the field of a row that labels it; null otherwise.").Resolve(c => c.Source.Label);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<DashboardPanelValueType>>>>("values").Description("The series, columns or tiles.").WithComplexityImpact(1, 1).Resolve(c => c.Source.Values);
        Field<NonNullGraphType<IntGraphType>>("width").Description("Columns of a 12-column grid it spans on a wide screen.").Resolve(c => c.Source.Width);
        Field<DashboardPanelSelectType>("select").Description("For a table: the drill-down a row leads to; null when none.").Resolve(c => c.Source.Select);
        Field<StringGraphType>("export").Description("A CSV export of the same rows under /v1/exports/, given the query's variables as parameters; null when none.").Resolve(c => c.Source.Export);
        Field<DashboardPanelActionsType>("actions").Description("For a table: buttons on each row that run a mutation; null when none.").Resolve(c => c.Source.Actions);
    }
}

public sealed class DashboardPanelValueType : ObjectGraphType<PanelValue>
{
    public DashboardPanelValueType()
    {
        Name = "DashboardPanelValue";
        Description = "A series, a column or a KPI tile.";
        Field<NonNullGraphType<StringGraphType>>("field").Description("The path to the figure, relative to a row (for kpi, to the data object).").Resolve(c => c.Source.Field);
        Field<NonNullGraphType<StringGraphType>>("title").Description("Its title.").Resolve(c => c.Source.Title);
        Field<NonNullGraphType<StringGraphType>>("format").Description("integer, number, percent, score, currency, days, date or text.").Resolve(c => DashboardType.Lower(c.Source.Format));
        Field<StringGraphType>("previous").Description("The path to the same figure in the window before; null when none.").Resolve(c => c.Source.Previous);
        Field<StringGraphType>("margin").Description("The path to its margin of error; null when none.").Resolve(c => c.Source.Margin);
    }
}

public sealed class DashboardPanelSelectType : ObjectGraphType<PanelSelect>
{
    public DashboardPanelSelectType()
    {
        Name = "DashboardPanelSelect";
        Description = "A drill-down: choosing a row sets a variable to one of its fields and shows another panel.";
        Field<NonNullGraphType<StringGraphType>>("panel").Description("The panel shown, in the same dashboard.").Resolve(c => c.Source.Panel);
        Field<NonNullGraphType<StringGraphType>>("variable").Description("The variable the row sets.").Resolve(c => c.Source.Variable);
        Field<NonNullGraphType<StringGraphType>>("field").Description("The path, relative to the row, to the value it is set to.").Resolve(c => c.Source.Field);
    }
}

public sealed class DashboardPanelActionsType : ObjectGraphType<PanelActions>
{
    public DashboardPanelActionsType()
    {
        Name = "DashboardPanelActions";
        Description = "Buttons on each row of a table: a mutation run with the row's $id, the button's $value and, when asked, a typed $note.";
        Field<NonNullGraphType<StringGraphType>>("mutation").Description("The GraphQL mutation the buttons run.").Resolve(c => c.Source.Mutation);
        Field<NonNullGraphType<StringGraphType>>("field").Description("The path, relative to the row, to the value sent as $id.").Resolve(c => c.Source.Field);
        Field<NonNullGraphType<StringGraphType>>("role").Description("The least role that sees the buttons: viewer or sales.").Resolve(c => DashboardType.Lower(c.Source.Role));
        Field<NonNullGraphType<BooleanGraphType>>("note").Description("Whether a note is typed beside the buttons and sent as $note.").Resolve(c => c.Source.Note);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<DashboardPanelActionButtonType>>>>("buttons").Description("The buttons, in order.").WithComplexityImpact(1, 1).Resolve(c => c.Source.Buttons);
    }
}

public sealed class DashboardPanelActionButtonType : ObjectGraphType<PanelActionButton>
{
    public DashboardPanelActionButtonType()
    {
        Name = "DashboardPanelActionButton";
        Description = "One button of a row.";
        Field<NonNullGraphType<StringGraphType>>("value").Description("The value it sends as $value.").Resolve(c => c.Source.Value);
        Field<NonNullGraphType<StringGraphType>>("title").Description("Its label.").Resolve(c => c.Source.Title);
    }
}
