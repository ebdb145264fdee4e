using System.Text;
using System.Text.Unicode;
using CsvHelper;

namespace Analytics.Ingestion.Csv;

/// <summary>Turns the reader's current record into an accepted record or a rejection, for one schema and header.</summary>
internal sealed class CsvRowValidator(CsvSchema schema, int[] fieldIndexes, int headerFieldCount)
{
    private readonly CsvFields fields = new(schema.Columns);

    public CsvImportRow Validate(CsvReader reader, int line, CsvMalformedReason? flaw)
    {
        var error = flaw is { } reason ? Describe(reason)
            // The reader decodes bad bytes to U+FFFD; storing that would silently corrupt names and comments.
            : !Utf8.IsValid(reader.RawRecord) ? "the row is not valid UTF-8 (a file saved as Windows-1252 or Latin-1?)"
            : FieldCountError(reader);
        if (error is null)
        {
            fields.Load(reader, fieldIndexes);
            try
            {
                return CsvImportRow.Accepted(line, schema.Map(fields));
            }
            catch (CsvRowException e)
            {
                error = e.Message;
            }
        }

        // Decoded only for a rejection: its raw text goes to dead_letters.
        return CsvImportRow.Rejected(line, error, Encoding.UTF8.GetString(reader.RawRecord));
    }

    // A row with fewer fields is cut short, one with more has an unquoted comma somewhere: either way the values
    // cannot be trusted to sit under their headers. Empty fields at the end (a trailing comma) are harmless.
    private string? FieldCountError(CsvReader reader)
    {
        var count = reader.FieldCount;
        if (count < headerFieldCount)
        {
            return $"the row has {count} fields but the header has {headerFieldCount}";
        }

        for (var i = headerFieldCount; i < count; i++)
        {
            if (!reader.IsEmpty(i))
            {
                return $"the row has {count} fields but the header has {headerFieldCount} (a comma in an unquoted value?)";
            }
        }

        return null;
    }

    private static string Describe(CsvMalformedReason reason) => reason switch
    {
        CsvMalformedReason.TextAfterClosingQuote => "malformed quoting: text follows a closing quote (a quote inside a quoted value must be doubled: \"\")",
        CsvMalformedReason.UnterminatedQuote => "malformed quoting: a quote opened here is never closed, so the record runs to the end of the file",
        _ => $"malformed CSV ({reason})",
    };
}
