using GraphQL.Validation;
using GraphQLParser.AST;

namespace Analytics.Api.Apis;

/// <summary>
/// A GET must not change anything (browsers prefetch links, proxies retry them): a mutation sent by GET is refused before
/// it runs, and <see cref="GraphQLApi"/> answers 405 with <c>Allow: POST</c>, as GraphQL over HTTP asks.
/// </summary>
internal sealed class QueriesOnlyByGetRule : ValidationRuleBase
{
    public static readonly QueriesOnlyByGetRule Instance = new();

    public override ValueTask<INodeVisitor?> GetPreNodeVisitorAsync(ValidationContext context) =>
        new(context.Operation.Operation == OperationType.Query
            ? null
            : new MatchingNodeVisitor<GraphQLOperationDefinition>((operation, validation) =>
            {
                if (operation == validation.Operation)
                {
                    validation.ReportError(new MutationByGetError(validation, operation));
                }
            }));

    /// <summary>The refusal; its type tells <see cref="GraphQLApi"/> to answer 405.</summary>
    public sealed class MutationByGetError : ValidationError
    {
        public MutationByGetError(ValidationContext context, GraphQLOperationDefinition operation)
            : base(context.Document.Source, "METHOD_NOT_ALLOWED", $"A {operation.Operation.ToString().ToLowerInvariant()} cannot be sent by GET; send it by POST.", operation)
        {
            Code = "METHOD_NOT_ALLOWED";
        }
    }
}
