namespace Analytics.Ingestion.Csv;

/// <summary>What a CSV import holds: one of the kinds of docs/contract.md's "CSV import" table.</summary>
public enum CsvKind
{
    Accounts,
    TargetAccounts,
    Contacts,
    Opportunities,
    Events,
    SurveyResponses,
    AdPerformance,
    Intent,
}

/// <summary>The names of the CSV kinds as they appear in <c>POST /v1/import/{kind}</c>.</summary>
public static class CsvKinds
{
    private static readonly (string Name, CsvKind Kind)[] All =
    [
        ("accounts", CsvKind.Accounts),
        ("target-accounts", CsvKind.TargetAccounts),
        ("contacts", CsvKind.Contacts),
        ("opportunities", CsvKind.Opportunities),
        ("events", CsvKind.Events),
        ("survey-responses", CsvKind.SurveyResponses),
        ("ad-performance", CsvKind.AdPerformance),
        ("intent", CsvKind.Intent),
    ];

    /// <summary>Every kind's name, in the contract's order.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. All.Select(k => k.Name)];

    /// <summary>The kind named <paramref name="name"/> (as in the URL, any case, spaces trimmed).</summary>
    public static bool TryParse(string? name, out CsvKind kind)
    {
        var match = All.FirstOrDefault(k => k.Name.Equals(name?.Trim(), StringComparison.OrdinalIgnoreCase));
        kind = match.Kind;
        return match.Name is not null;
    }

    /// <summary>The kind's name as in the URL, e.g. <c>target-accounts</c>.</summary>
    public static string NameOf(CsvKind kind) => All.First(k => k.Kind == kind).Name;
}
