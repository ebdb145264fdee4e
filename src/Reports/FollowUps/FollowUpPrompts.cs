using System.Globalization;
using Analytics.Reports.Delivery;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Analytics.Reports.FollowUps;

/// <summary>
/// Tells each follow-up's owner about it: one email per follow-up, to the owner's address (<c>Reports:Surge:Owners</c>)
/// or, for an account without a known owner or address, to <c>Reports:Recipients</c>, through the reports' delivery
/// (SMTP or the outbox). A prompt is recorded after delivery took it, so a crash in between sends it again: at least once.
/// </summary>
public sealed partial class FollowUpPrompts(
    FollowUpStore store, IReportDelivery delivery, IOptions<FollowUpOptions> options, IOptions<ReportOptions> reports, ILogger<FollowUpPrompts> logger)
{
    private const int PerRound = 100;

    /// <summary>Prompts for the follow-ups not prompted yet; returns how many were sent.</summary>
    public async Task<int> SendPendingAsync(CancellationToken cancellationToken)
    {
        var sent = 0;
        List<FollowUp> pending;
        do
        {
            pending = await store.UnpromptedAsync(PerRound, cancellationToken);
            foreach (var followUp in pending)
            {
                sent += await PromptAsync(followUp, cancellationToken) ? 1 : 0;
            }
        }
        while (pending.Count == PerRound);

        return sent;
    }

    private async Task<bool> PromptAsync(FollowUp followUp, CancellationToken cancellationToken)
    {
        var age = followUp.OpenedAt - followUp.RespondedAt;
        if (age > TimeSpan.FromDays(options.Value.PromptWithinDays))
        {
            await store.RecordPromptAsync(followUp.Id, [],
                $"not sent: answered {age.TotalDays:0} days before the follow-up opened (FollowUps:PromptWithinDays is {options.Value.PromptWithinDays:0.#})",
                cancellationToken);
            return false;
        }

        var to = Recipients(followUp.Owner);
        if (to.Count == 0)
        {
            await store.RecordPromptAsync(followUp.Id, [],
                $"not sent: no address for owner '{followUp.Owner ?? "(none)"}'; set Reports:Surge:Owners:<owner> or Reports:Recipients",
                cancellationToken);
            LogNoAddress(followUp.Id, followUp.Owner ?? "(none)");
            return false;
        }

        var receipt = await delivery.SendAsync(Message(followUp, to), cancellationToken);
        await store.RecordPromptAsync(followUp.Id, to, receipt.Note, cancellationToken);
        return true;
    }

    private IReadOnlyList<string> Recipients(string? owner) =>
        owner is not null && reports.Value.Surge.Owners.TryGetValue(owner, out var address) ? [address] : reports.Value.Recipients;

    /// <summary>The prompt: who answered what, and a link to the follow-up list in the UI.</summary>
    public OutgoingMessage Message(FollowUp followUp, IReadOnlyList<string> to)
    {
        var account = followUp.AccountName ?? followUp.AccountId ?? "an unknown account";
        var survey = followUp.Survey.ToUpperInvariant();
        var link = new Uri(new Uri(options.Value.PublicUrl), "#/sales").ToString();
        var subject = $"Follow up: {account} gave {followUp.Score} on {survey}";
        var lead = $"A detractor answer to follow up{(followUp.Owner is null ? " (the account has no known owner)" : $" for {followUp.Owner}")}. "
            + $"Mark it contacted once you have reached the customer: {link}";
        string?[][] rows =
        [
            ["Account", account],
            ["Survey", survey],
            ["Score", followUp.Score.ToString(CultureInfo.InvariantCulture)],
            ["Answered", followUp.RespondedAt.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture)],
            ["Comment", followUp.Comment ?? "(no comment)"],
            ["Follow-up", followUp.Id],
        ];
        var html = OutgoingMessage.HtmlTable("A detractor to follow up", lead, ["", ""], rows);
        var text = lead + "\n\n" + string.Join("\n", rows.Select(r => $"{r[0]}: {r[1]}"));
        return new OutgoingMessage(to, subject, html, text, null, $"follow-up-{followUp.Id}");
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Follow-up {FollowUp} not sent: no address for owner {Owner} (Reports:Surge:Owners) and no Reports:Recipients")]
    private partial void LogNoAddress(string followUp, string owner);
}
