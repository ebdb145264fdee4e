using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Nodes;
using Analytics.Api.GraphQL;
using Analytics.Reports.Dashboards;
using GraphQL;
using GraphQL.Types;
using GraphQL.Validation;
using GraphQLParser.AST;
using GraphQLParser.Exceptions;

namespace Analytics.Api.Dashboards;

/// <summary>
/// Checks every panel query of a dashboard against the GraphQL schema, as the endpoint would before running it: it
/// parses, holds one query operation, validates (fields, arguments, variable types) with sample values for the
/// variables the dashboard gives, and asks for no field the dashboard's role may not read.
/// </summary>
public sealed class DashboardQueryCheck(ISchema schema, IGraphQLTextSerializer serializer, IServiceProvider services)
{
    // Sample filter values: any valid window does, nothing runs.
    private static readonly Dictionary<string, string> SampleDates = new(StringComparer.Ordinal)
    {
        ["from"] = "2026-01-05", ["to"] = "2026-01-12", ["previousFrom"] = "2025-12-29", ["previousTo"] = "2026-01-05", ["trendFrom"] = "2025-10-20",
    };

    public async Task CheckAsync(string file, DashboardDefinition dashboard, CancellationToken cancellationToken)
    {
        schema.Initialize();
        var given = DashboardCatalog.VariablesOf(dashboard);
        var drillDown = dashboard.Panels.Select(p => p.Select?.Variable).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var user = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Role, dashboard.Role.ToString().ToLowerInvariant())], "dashboard"));
        foreach (var panel in dashboard.Panels)
        {
            void Fail(string problem) => throw new DashboardDefinitionException(file, panel.Id, OneLine(problem));

            GraphQLDocument document;
            try
            {
                document = GraphQLParser.Parser.Parse(panel.Query);
            }
            catch (GraphQLSyntaxErrorException e)
            {
                Fail($"the query does not parse: {e.Message}");
                return;
            }

            var operations = document.Definitions.OfType<GraphQLOperationDefinition>().ToList();
            if (operations is not [{ Operation: OperationType.Query } operation])
            {
                Fail("the query must hold exactly one operation, a query");
                return;
            }

            var variables = new JsonObject();
            foreach (var declared in operation.Variables?.Items ?? [])
            {
                var name = declared.Variable.Name.StringValue;
                if (panel.Variables?.TryGetValue(name, out var fixedValue) == true)
                {
                    variables[name] = JsonNode.Parse(fixedValue.GetRawText());
                }
                else if (SampleDates.TryGetValue(name, out var date))
                {
                    variables[name] = date;
                }
                else if (drillDown.Contains(name))
                {
                    variables[name] = "sample";
                }
                else if (!given.Contains(name))
                {
                    Fail($"the query declares ${name}, which neither the dashboard's filters nor the panel's variables give");
                }
            }

            var result = await ValidateAsync(document, operation, variables, user, cancellationToken);
            if (!result.IsValid)
            {
                Fail($"the query is not valid for the '{dashboard.Role.ToString().ToLowerInvariant()}' role: {string.Join(" ", result.Errors.Select(e => e.Message))}");
            }

            if (panel.Actions is { } actions)
            {
                await CheckActionsAsync(actions, Fail, cancellationToken);
            }
        }
    }

    /// <summary>A panel's actions: one mutation, declaring only $id, $value and $note, valid for the actions' role with each button's value.</summary>
    private async Task CheckActionsAsync(PanelActions actions, Action<string> fail, CancellationToken cancellationToken)
    {
        GraphQLDocument document;
        try
        {
            document = GraphQLParser.Parser.Parse(actions.Mutation);
        }
        catch (GraphQLSyntaxErrorException e)
        {
            fail($"the actions' mutation does not parse: {e.Message}");
            return;
        }

        if (document.Definitions.OfType<GraphQLOperationDefinition>().ToList() is not [{ Operation: OperationType.Mutation } operation])
        {
            fail("the actions' mutation must hold exactly one operation, a mutation");
            return;
        }

        var declared = (operation.Variables?.Items ?? []).Select(v => v.Variable.Name.StringValue).ToList();
        string[] allowed = actions.Note ? ["id", "value", "note"] : ["id", "value"];
        if (declared.Except(allowed).FirstOrDefault() is { } stray)
        {
            fail($"the actions' mutation declares ${stray}; it may declare only {string.Join(", ", allowed.Select(a => "$" + a))}");
        }

        var role = actions.Role.ToString().ToLowerInvariant();
        var user = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Role, role)], "dashboard"));
        foreach (var button in actions.Buttons)
        {
            var variables = new JsonObject { ["id"] = "sample", ["value"] = button.Value, ["note"] = "sample" };
            foreach (var name in variables.Select(v => v.Key).Where(n => !declared.Contains(n)).ToList())
            {
                variables.Remove(name);
            }

            var result = await ValidateAsync(document, operation, variables, user, cancellationToken);
            if (!result.IsValid)
            {
                fail($"the actions' mutation is not valid for the '{role}' role with the value '{button.Value}': {string.Join(" ", result.Errors.Select(e => e.Message))}");
            }
        }
    }

    /// <summary>Validates an operation as the endpoint would before running it, with the role rule, for the given user and variables.</summary>
    private async Task<IValidationResult> ValidateAsync(
        GraphQLDocument document, GraphQLOperationDefinition operation, JsonObject variables, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        await new DocumentValidator().ValidateAsync(new ValidationOptions
        {
            Schema = schema,
            Document = document,
            Operation = operation,
            Rules = DocumentValidator.CoreRules.Append(new RoleValidationRule()),
            Variables = serializer.Deserialize<Inputs>(variables.ToJsonString()) ?? Inputs.Empty,
            User = user,
            RequestServices = services,
            CancellationToken = cancellationToken,
        });

    private static string OneLine(string text) => string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
