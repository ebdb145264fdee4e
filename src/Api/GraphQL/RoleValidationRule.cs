using Analytics.Api.Auth;
using GraphQL;
using GraphQL.Validation;
using GraphQLParser.AST;

namespace Analytics.Api.GraphQL;

/// <summary>
/// Refuses a query that selects a field whose policy (<c>AuthorizeWithPolicy("sales")</c>) the caller's key does not
/// satisfy, before anything runs. Policies are the role names of <see cref="Roles"/>, accepted as the HTTP policies accept them.
/// </summary>
public sealed class RoleValidationRule : ValidationRuleBase
{
    public override ValueTask<INodeVisitor?> GetPreNodeVisitorAsync(ValidationContext context) =>
        new(new MatchingNodeVisitor<GraphQLField>((field, validation) =>
        {
            var definition = validation.TypeInfo.GetFieldDef();
            foreach (var policy in definition?.GetPolicies() ?? [])
            {
                if (!Roles.Satisfying(policy).Any(role => validation.User?.IsInRole(role) == true))
                {
                    validation.ReportError(new ValidationError(
                        validation.Document.Source, "ACCESS_DENIED",
                        $"The field '{definition!.Name}' needs an API key with the '{policy}' role.", field)
                    {
                        Code = "ACCESS_DENIED",
                    });
                }
            }
        }));
}
