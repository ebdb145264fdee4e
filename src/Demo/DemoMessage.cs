namespace Analytics.Demo;

/// <summary>Which wire call a demo message becomes.</summary>
public enum DemoMessageKind
{
    /// <summary>A Segment <c>page</c> call: a web page view.</summary>
    Page,

    /// <summary>A Segment <c>track</c> call: its type is the event, its channel <c>properties.channel</c>.</summary>
    Track,

    /// <summary>A Segment <c>identify</c> call: this browser is this contact.</summary>
    Identify,

    /// <summary>A Segment <c>group</c> call: this contact belongs to this account.</summary>
    Group,

    /// <summary>A SendGrid webhook event (delivered, open, click).</summary>
    Email,
}

/// <summary>
/// One engagement message as generated, before it is written in Segment's or SendGrid's format. <see cref="AccountId"/>
/// is the truth (whose person it was); <see cref="GroupIdSent"/> says whether the wire message names the account itself
/// or leaves the server to resolve it from identity calls, retroactively. <see cref="SentGroupId"/>, when set, is the
/// group id a <c>group</c> call sends instead of the account id: the product's own workspace id.
/// </summary>
public sealed record DemoMessage(
    DemoMessageKind Kind,
    string MessageId,
    DateTime Timestamp,
    string? Channel,
    string Type,
    string? AccountId,
    bool GroupIdSent,
    string? UserId = null,
    string? AnonymousId = null,
    string? Email = null,
    string? Campaign = null,
    string? Source = null,
    string? Medium = null,
    string? Url = null,
    IReadOnlyList<KeyValuePair<string, string>>? Extra = null,
    string? SentGroupId = null)
{
    /// <summary>
    /// The default engagement points of docs/design.md, for checks that measure the data set the way the metrics will.
    /// Identity calls, deliveries and impressions score nothing.
    /// </summary>
    public int Points => (Channel, Type) switch
    {
        ("ad", "click") => 1,
        ("email", "open") => 1,
        ("email", "click") => 2,
        ("web", "page_view") => Url is not null && IsHighValue(Url) ? 5 : 1,
        ("web", "form_submit") => 10,
        ("event", "attended") => 10,
        _ => 0,
    };

    private static bool IsHighValue(string url)
    {
        var path = new Uri(url).AbsolutePath;
        return path.Contains("/pricing", StringComparison.Ordinal) || path.Contains("/demo", StringComparison.Ordinal)
            || path.Contains("/contact", StringComparison.Ordinal) || path.Contains("/trial", StringComparison.Ordinal);
    }
}
