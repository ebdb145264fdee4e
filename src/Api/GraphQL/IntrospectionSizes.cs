using System.Runtime.CompilerServices;
using GraphQL.Types;

namespace Analytics.Api.GraphQL;

/// <summary>
/// How many entries each introspection list holds in this schema on average, so <see cref="DocumentShape"/> can estimate
/// how many values an introspection document answers with. Averages over all types make the estimate exact for what
/// tools ask (<c>types { fields { args } }</c> is every argument once); a single big type read through <c>__type</c>
/// is underestimated, which the nesting limit of <see cref="DocumentShape.TypeListFields"/> bounds.
/// </summary>
internal sealed class IntrospectionSizes
{
    private static readonly ConditionalWeakTable<ISchema, IntrospectionSizes> BySchema = [];

    private readonly Dictionary<string, double> _entries;

    private IntrospectionSizes(Dictionary<string, double> entries) => _entries = entries;

    /// <summary>The sizes of <paramref name="schema"/>, counted once (a schema does not change once built).</summary>
    public static IntrospectionSizes Of(ISchema schema) => BySchema.GetValue(schema, Count);

    /// <summary>How many entries the introspection field <paramref name="name"/> holds (1 for a field that is not a list).</summary>
    public double EntriesOf(string name) => _entries.TryGetValue(name, out var entries) ? entries : 1;

    private static IntrospectionSizes Count(ISchema schema)
    {
        var types = schema.AllTypes.ToList();
        double fields = 0, inputFields = 0, enumValues = 0, interfaces = 0, possibleTypes = 0, arguments = 0;
        foreach (var type in types)
        {
            switch (type)
            {
                case IInputObjectGraphType input:
                    inputFields += input.Fields.Count;
                    break;
                case IComplexGraphType complex:
                    fields += complex.Fields.Count;
                    arguments += complex.Fields.Sum(f => f.Arguments?.Count ?? 0);
                    break;
                case EnumerationGraphType enumeration:
                    enumValues += enumeration.Values.Count;
                    break;
            }

            interfaces += (type as IImplementInterfaces)?.ResolvedInterfaces.Count ?? 0;
            possibleTypes += (type as IAbstractGraphType)?.PossibleTypes.Count ?? 0;
        }

        var directives = schema.Directives.ToList();
        arguments += directives.Sum(d => d.Arguments?.Count ?? 0);
        double perType(double total) => Math.Max(1, total / Math.Max(1, types.Count));
        return new(new Dictionary<string, double>(StringComparer.Ordinal)
        {
            ["types"] = Math.Max(1, types.Count),
            ["directives"] = Math.Max(1, directives.Count),
            ["fields"] = perType(fields),
            ["inputFields"] = perType(inputFields),
            ["enumValues"] = perType(enumValues),
            ["interfaces"] = perType(interfaces),
            ["possibleTypes"] = perType(possibleTypes),
            ["args"] = Math.Max(1, arguments / Math.Max(1, fields + directives.Count)),
        });
    }
}
