using Analytics.Ingestion.Records;

namespace Analytics.Ingestion.Csv;

/// <summary>The columns of a CSV kind and how one row becomes its record.</summary>
/// <param name="Columns">Every column the kind reads, in the contract's order.</param>
/// <param name="Required">The columns the header must have.</param>
/// <param name="AnyOf">Groups of columns of which the header must have at least one (e.g. contact_id or email).</param>
/// <param name="Map">Validates the row's values and builds the record; throws <see cref="CsvRowException"/> to reject.</param>
internal sealed record CsvSchema(
    IReadOnlyList<string> Columns,
    IReadOnlyList<string> Required,
    IReadOnlyList<IReadOnlyList<string>> AnyOf,
    Func<CsvFields, IngestRecord> Map)
{
    public static CsvSchema For(CsvKind kind) => kind switch
    {
        CsvKind.Accounts => Kinds.AccountRows.Schema,
        CsvKind.TargetAccounts => Kinds.TargetAccountRows.Schema,
        CsvKind.Contacts => Kinds.ContactRows.Schema,
        CsvKind.Opportunities => Kinds.OpportunityRows.Schema,
        CsvKind.Events => Kinds.EventRows.Schema,
        CsvKind.SurveyResponses => Kinds.SurveyResponseRows.Schema,
        CsvKind.AdPerformance => Kinds.AdPerformanceRows.Schema,
        CsvKind.Intent => Kinds.IntentRows.Schema,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "not a CSV kind"),
    };
}

/// <summary>Rejects one row; its message names the column and the bad value.</summary>
internal sealed class CsvRowException(string message) : Exception(message);
