using GraphQL.Types;

namespace Analytics.Api.GraphQL.Types;

/// <summary>An enum type whose values (CONSTANT_CASE of the C# names) each carry a description.</summary>
public abstract class DescribedEnumType<TEnum> : EnumerationGraphType<TEnum>
    where TEnum : Enum
{
    protected DescribedEnumType(string name, string description, IReadOnlyDictionary<TEnum, string> values)
    {
        Name = name;
        Description = description;
        foreach (var value in Values)
        {
            value.Description = values[(TEnum)value.Value!];
        }
    }
}
