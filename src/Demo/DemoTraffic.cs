namespace Analytics.Demo;

/// <summary>Who is behind a message: a contact's browser, or an unknown visitor who never says who they are.</summary>
internal readonly record struct DemoVisitor(string AnonymousId, DemoContact? Contact)
{
    public static DemoVisitor Of(DemoContact contact) => new(contact.AnonymousId, contact);
}

/// <summary>
/// Collects the engagement messages of every pass and applies the identity rule of the wire: until the website knows
/// who a visitor is, their messages carry only the anonymous id; from the identify and group calls on, they carry the
/// user id and the account (<c>context.groupId</c>). Ids are given at the end, in time order.
/// </summary>
internal sealed class DemoTraffic
{
    private static readonly KeyValuePair<string, string>[] NoExtra = [];

    public List<DemoMessage> Messages { get; } = new(capacity: 300_000);

    public static bool IsIdentified(DemoContact contact, DateTime at) => contact.IdentifiedAt is { } known && known <= at;

    /// <summary>The identify and group calls that tie a browser to a contact and an account, unless already done by then.</summary>
    public void Identify(DemoContact contact, DateTime at)
    {
        if (IsIdentified(contact, at))
        {
            return;
        }

        contact.IdentifiedAt = at;
        var record = contact.Record;
        var account = contact.Account;
        Messages.Add(new DemoMessage(
            DemoMessageKind.Identify, "", at, null, "identify", account.Id, GroupIdSent: false, record.ContactId,
            contact.AnonymousId, contact.Email,
            Extra: [new("email", contact.Email), new("name", record.Name!), new("title", record.Title!)]));
        var workspace = WorkspaceOf(account);
        Messages.Add(new DemoMessage(
            DemoMessageKind.Group, "", at.AddMilliseconds(40), null, "group", account.Id, GroupIdSent: true, record.ContactId,
            contact.AnonymousId,
            Extra: [new("name", workspace is null ? account.Record.Name! : $"{account.Record.Name} workspace"), new("domain", account.Domain), new("industry", account.Record.Industry!)],
            SentGroupId: workspace));
    }

    /// <summary>
    /// The product's own organisation id of about a third of the accounts, whose group calls send it instead of the CRM's
    /// id, as B2B products do: the server links it to the account by the domain trait (docs/design.md, "Segment groups").
    /// Null for the others. Derived from the account id, so the data set stays the same for a seed.
    /// </summary>
    private static string? WorkspaceOf(DemoAccount account)
    {
        var hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(account.Id));
        return hash[0] % 3 == 0 ? "org_" + Convert.ToHexStringLower(hash.AsSpan(1, 4)) : null;
    }

    /// <summary>An identify call from a visitor outside any account: a free-mail sign-up.</summary>
    public void IdentifyStranger(string anonymousId, string userId, string email, DateTime at) =>
        Messages.Add(new DemoMessage(
            DemoMessageKind.Identify, "", at, null, "identify", null, GroupIdSent: false, userId, anonymousId, email,
            Extra: [new("email", email)]));

    public void Page(DemoVisitor visitor, DateTime at, string url, string? campaign = null, string? source = null, string? medium = null) =>
        Add(DemoMessageKind.Page, visitor, at, "web", "page_view", campaign, source, medium, url, NoExtra);

    public void Track(
        DemoVisitor visitor, DateTime at, string channel, string type, string? campaign = null, string? source = null,
        string? medium = null, string? url = null, IReadOnlyList<KeyValuePair<string, string>>? extra = null) =>
        Add(DemoMessageKind.Track, visitor, at, channel, type, campaign, source, medium, url, extra ?? NoExtra);

    /// <summary>An ad impression the platform reports per company: the account is known, the person is not.</summary>
    public void CompanyImpression(DemoAccount account, DateTime at, DemoAdCampaign campaign) =>
        Messages.Add(new DemoMessage(
            DemoMessageKind.Track, "", at, "ad", "impression", account.Id, GroupIdSent: true, null,
            $"{campaign.Platform}-company-{account.Id}", null, campaign.Name, campaign.Platform, "paid_social",
            Extra: [new("platform", campaign.Platform)]));

    public void Email(DemoContact contact, DateTime at, string type, string campaign, string category, string? url = null) =>
        Messages.Add(new DemoMessage(
            DemoMessageKind.Email, "", at, "email", type, contact.Account.Id, GroupIdSent: false, null, null,
            contact.Email, campaign, "sendgrid", "email", url, [new("category", category)]));

    private void Add(
        DemoMessageKind kind, DemoVisitor visitor, DateTime at, string channel, string type, string? campaign,
        string? source, string? medium, string? url, IReadOnlyList<KeyValuePair<string, string>> extra)
    {
        var contact = visitor.Contact;
        var known = contact is not null && IsIdentified(contact, at);
        Messages.Add(new DemoMessage(
            kind, "", at, channel, type, contact?.Account.Id, known, known ? contact!.Record.ContactId : null,
            visitor.AnonymousId, null, campaign, source, medium, url, extra.Count == 0 ? null : extra));
    }
}
