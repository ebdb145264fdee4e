using Analytics.Ingestion.Records;

namespace Analytics.Ingestion.Csv.Kinds;

/// <summary><c>contacts</c>: known by contact_id or email.</summary>
internal static class ContactRows
{
    public static readonly CsvSchema Schema = new(
        ["contact_id", "email", "account_id", "name", "title"],
        Required: [],
        AnyOf: [["contact_id", "email"]],
        Map);

    private static ContactRecord Map(CsvFields row)
    {
        var email = row.Email("email");
        // Without an id a contact is its email: a later row with the same email (a new title, say) replaces it
        // rather than adding a second contact, which hashing every column would do.
        var id = row.Text("contact_id")
            ?? (email is null ? throw new CsvRowException("contact_id and email are both empty; one is required") : DerivedId.Of(CsvKind.Contacts, email));
        return new ContactRecord(id, email, row.Text("account_id"), row.Text("name"), row.Text("title"));
    }
}
