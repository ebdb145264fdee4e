using GraphQL;
using GraphQL.Validation;
using GraphQLParser;
using GraphQLParser.AST;

namespace Analytics.Api.GraphQL;

/// <summary>
/// What the limits of <see cref="WorkLimitsRule"/> measure in the operation to run, fragments counted where they are
/// spread: how deep its selections outside introspection nest, and how large its introspection is. Introspection
/// (<c>__schema</c>, <c>__type</c> and everything under them) reads only the schema, never storage, and no metric can be
/// reached from inside it; so it is left out of the depth and work limits, and measured on its own instead.
/// </summary>
internal sealed class DocumentShape
{
    /// <summary>
    /// The introspection lists whose entries are types with lists of their own: nesting them is what makes an
    /// introspection answer grow exponentially (<c>fields { type { fields { type { … } } } }</c>). graphql-js's
    /// MaxIntrospectionDepthRule refuses three levels of them; so does <see cref="WorkLimitsRule"/>.
    /// </summary>
    public static readonly IReadOnlySet<string> TypeListFields = new HashSet<string>(StringComparer.Ordinal)
    {
        "fields", "inputFields", "interfaces", "possibleTypes",
    };

    /// <summary>How many selections a measure visits at most: fragments spread inside fragments can multiply them.</summary>
    private const int MostVisits = 1_000_000;

    private readonly ValidationContext _context;
    private readonly IntrospectionSizes _sizes;
    private readonly HashSet<string> _spreading = new(StringComparer.Ordinal);
    private int _visits;

    private DocumentShape(ValidationContext context, IntrospectionSizes sizes)
    {
        _context = context;
        _sizes = sizes;
    }

    /// <summary>The deepest selection outside introspection, counted as GraphQL.NET counts depth (<c>{ a { b } }</c> is 2).</summary>
    public int WorkDepth { get; private set; } = 1;

    /// <summary>About how many values the introspection part answers with: each field once per entry of the lists above it.</summary>
    public double IntrospectionValues { get; private set; }

    /// <summary>The most <see cref="TypeListFields"/> nested inside one another.</summary>
    public int IntrospectionTypeListNesting { get; private set; }

    /// <summary>Whether the measure stopped at <see cref="MostVisits"/>: the document is too large to measure, let alone run.</summary>
    public bool TooLarge { get; private set; }

    /// <summary>Measures <see cref="ValidationContext.Operation"/> (run only on a document that passed validation: no fragment cycles).</summary>
    public static DocumentShape Of(ValidationContext context)
    {
        var shape = new DocumentShape(context, IntrospectionSizes.Of(context.Schema));
        shape.Visit(context.Operation.SelectionSet, depth: 1, introspection: null);
        return shape;
    }

    // introspection: inside it, the entries multiplying each value here and the type lists above; outside, null.
    private void Visit(GraphQLSelectionSet selections, int depth, (double Entries, int TypeLists)? introspection)
    {
        foreach (var selection in selections.Selections)
        {
            if (TooLarge || !_context.ShouldIncludeNode(selection))
            {
                continue;
            }

            if (++_visits > MostVisits)
            {
                TooLarge = true;
                return;
            }

            switch (selection)
            {
                case GraphQLField field:
                    VisitField(field, depth, introspection);
                    break;
                case GraphQLInlineFragment inline:
                    Visit(inline.SelectionSet, depth, introspection);
                    break;
                case GraphQLFragmentSpread spread when _context.Document.FindFragmentDefinition(spread.FragmentName.Name) is { } fragment
                                                      && _spreading.Add(fragment.FragmentName.Name.StringValue):
                    Visit(fragment.SelectionSet, depth, introspection);
                    _spreading.Remove(fragment.FragmentName.Name.StringValue);
                    break;
            }
        }
    }

    private void VisitField(GraphQLField field, int depth, (double Entries, int TypeLists)? introspection)
    {
        var name = field.Name.StringValue;
        if (introspection is null && name is "__schema" or "__type")
        {
            introspection = (1, 0);
        }

        if (introspection is var (entries, typeLists))
        {
            IntrospectionValues += entries;
            var nested = typeLists + (TypeListFields.Contains(name) ? 1 : 0);
            IntrospectionTypeListNesting = Math.Max(IntrospectionTypeListNesting, nested);
            if (field.SelectionSet is not null)
            {
                Visit(field.SelectionSet, depth, (entries * _sizes.EntriesOf(name), nested));
            }

            return;
        }

        if (field.SelectionSet is not null)
        {
            WorkDepth = Math.Max(WorkDepth, depth + 1);
            Visit(field.SelectionSet, depth + 1, introspection: null);
        }
    }
}
