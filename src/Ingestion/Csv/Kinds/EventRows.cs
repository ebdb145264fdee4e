using Analytics.Ingestion.Records;

namespace Analytics.Ingestion.Csv.Kinds;

/// <summary><c>events</c>: engagement events tied to an account, a contact's email or an anonymous id.</summary>
internal static class EventRows
{
    private static readonly string[] Channels = [.. EngagementEvent.Channels.Order(StringComparer.Ordinal)];

    public static readonly CsvSchema Schema = new(
        ["event_id", "timestamp", "channel", "type", "account_id", "contact_email", "anonymous_id", "campaign", "source", "url"],
        Required: ["timestamp", "channel", "type"],
        AnyOf: [["account_id", "contact_email", "anonymous_id"]],
        Map);

    private static EngagementEvent Map(CsvFields row)
    {
        var timestamp = row.RequiredTime("timestamp");
        var channel = row.RequiredOneOf("channel", Channels);
        var type = row.RequiredText("type");
        var accountId = row.Text("account_id");
        var email = row.Email("contact_email");
        var anonymousId = row.Text("anonymous_id");
        if (accountId is null && email is null && anonymousId is null)
        {
            throw new CsvRowException("account_id, contact_email and anonymous_id are all empty; one is required");
        }

        var (campaign, source, url) = (row.Text("campaign"), row.Text("source"), row.Text("url"));
        var id = row.Text("event_id")
            ?? DerivedId.Of(CsvKind.Events, timestamp, channel, type, accountId, email, anonymousId, campaign, source, url);
        return new EngagementEvent(id, timestamp, channel, type, accountId, ContactId: null, email, anonymousId, campaign, source, url, PropertiesJson: null);
    }
}
