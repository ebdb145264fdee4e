using System.Buffers.Binary;
using Analytics.Metrics.Common;
using Analytics.Storage;

namespace Analytics.Reports.FollowUps;

/// <summary>
/// Gives the demo company's follow-ups a believable history once the demo is stored: most detractors contacted within
/// two days of their answer, some late, some still open, most of the contacted ones resolved a few days later, each
/// change with a note. The same follow-up always gets the same story (drawn from its id), and only follow-ups without
/// any change are touched, so running it again changes nothing.
/// </summary>
public sealed class DemoFollowUpHistory(FollowUpWorker worker, FollowUpStore store, IClickHouseGateway gateway, TimeProvider clock)
{
    private static readonly string[] ContactNotes =
    [
        "Called the account lead; walked through the issue and agreed next steps.",
        "Video call with their admin; shared the workaround and a fix date.",
        "Emailed the respondent and booked a call for Thursday.",
        "Spoke with the champion; the problem is the onboarding backlog.",
        "电话联系了客户负责人，已确认问题并安排技术支持。",
    ];

    private static readonly string[] ResolveNotes =
    [
        "Fix shipped; the customer confirmed it works.",
        "Credit applied and a dedicated support contact assigned.",
        "Training session held; they are unblocked.",
        "Moved them to the new plan; renewal back on track.",
    ];

    /// <summary>Opens the follow-ups of every stored answer, then writes the history of those that have none; returns the changes written.</summary>
    public async Task<long> WriteAsync(CancellationToken cancellationToken)
    {
        await worker.RunOnceAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var untouched = await gateway.ListAsync($"""
            SELECT follow_up_id, responded_at, owner FROM ({FollowUpSql.State})
            WHERE follow_up_id NOT IN (SELECT follow_up_id FROM follow_up_changes)
            {FollowUpSql.Settings}
            """, new QueryParameters(), r => (Id: r.Get<string>("follow_up_id"), At: r.Get<DateTime>("responded_at"), Owner: r.Key("owner")), cancellationToken);
        var changes = untouched.SelectMany(f => Story(f.Id, f.At, f.Owner ?? "customer-success", now)).ToList();
        return changes.Count == 0 ? 0 : await store.RecordHistoryAsync(changes, cancellationToken);
    }

    /// <summary>One follow-up's changes: 12% left open, 68% contacted within 48 hours, 20% later; 70% of the contacted resolved.</summary>
    private static IEnumerable<(string, FollowUpStatus, string, DateTime, string)> Story(string id, DateTime answered, string by, DateTime now)
    {
        var bytes = Convert.FromHexString(id);
        double Draw(int at) => BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(at, 4)) / (double)uint.MaxValue;
        var (kind, hours, resolve) = (Draw(0), Draw(4), Draw(8));
        if (kind < 0.12)
        {
            yield break;
        }

        // Never within the first hour: the demo's newest detractor (answered half an hour before the demo is made) stays open.
        var contacted = answered.AddHours(kind < 0.80 ? 1 + hours * 40 : 50 + hours * 150);
        if (contacted >= now)
        {
            yield break;
        }

        yield return (id, FollowUpStatus.Contacted, ContactNotes[(int)(hours * ContactNotes.Length) % ContactNotes.Length], contacted, by);
        var resolved = contacted.AddDays(1 + resolve * 10);
        if (resolve < 0.7 && resolved < now)
        {
            yield return (id, FollowUpStatus.Resolved, ResolveNotes[(int)(resolve * 10) % ResolveNotes.Length], resolved, by);
        }
    }
}
