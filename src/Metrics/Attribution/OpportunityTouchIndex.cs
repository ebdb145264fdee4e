using Analytics.Metrics.Common;
using Analytics.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Analytics.Metrics.Attribution;

/// <summary>
/// Keeps <see cref="OpportunityTouchTables.Touches"/> current with the stored events and opportunities, so attribution
/// reads one row per opportunity instead of its account's every touch of the lookback (14 million rollup rows for the
/// opportunities of four weeks at 50M events, 2.5 s). A round redoes the opportunities whose lookback holds a day whose
/// rollup rows were written since the last round, or that were written themselves (views mark them in
/// <see cref="OpportunityTouchTables.Marks"/>): events arriving today touch only the opportunities created from today on.
/// Once per process, in the background, it fills the opportunities without a row of the configured lookback (a new
/// database, an upgrade, a new lookback); attribution computes those itself meanwhile. Queries call
/// <see cref="EnsureCurrentAsync"/>, so what was just stored is in their answer.
/// </summary>
public sealed partial class OpportunityTouchIndex(
    IClickHouseGateway gateway, IOptions<MetricsOptions> options, TimeProvider clock, ILogger<OpportunityTouchIndex> logger)
{
    private static readonly TimeSpan ForgetEvery = TimeSpan.FromHours(1);

    /// <summary>Accounts whose opportunities one statement computes.</summary>
    private const int AccountsPerStatement = 2_000;

    private const string Insert = """
        INSERT INTO opportunity_touches (opportunity_id, account_id, created_day, lookback_days, first, last, channels, sources, campaigns, computed_at)
        WITH chosen AS ({chosen})
        SELECT c.opportunity_id, c.account_id, c.created_day, {lookback:UInt32}, t.first, t.last, t.channels, t.sources, t.campaigns,
            {computed_at:DateTime64(6, 'UTC')}
        FROM chosen AS c
        INNER JOIN ({touches}) AS t ON t.opportunity_id = c.opportunity_id
        """;

    /// <summary>The opportunities of some accounts whose lookback overlaps the marked days of their account.</summary>
    private const string Marked = """
        SELECT o.opportunity_id AS opportunity_id, o.account_id AS account_id, toDate(o.created_at) AS created_day
        FROM opportunities AS o FINAL
        INNER JOIN (
            SELECT arrayJoin(arrayZip({accounts:Array(String)}, {from_days:Array(Date)}, {to_days:Array(Date)})) AS mark,
                mark.1 AS account_id, mark.2 AS from_day, mark.3 AS to_day
        ) AS m ON m.account_id = o.account_id
        WHERE o.account_id IN {accounts:Array(String)}
          AND toDate(o.created_at) >= m.from_day AND toDate(o.created_at) < m.to_day + {lookback:UInt32}
        """;

    /// <summary>The opportunities of some accounts.</summary>
    private const string OfAccounts = """
        SELECT opportunity_id, account_id, toDate(created_at) AS created_day
        FROM opportunities FINAL
        WHERE account_id IN {accounts:Array(String)}
        """;

    /// <summary>The opportunities of some accounts that have no row of this lookback.</summary>
    private const string Missing = OfAccounts + """

          AND opportunity_id NOT IN (SELECT opportunity_id FROM opportunity_touches WHERE lookback_days = {lookback:UInt32})
        """;

    private readonly SemaphoreSlim _round = new(1, 1);
    private readonly IncreasingStamps _stamps = new(clock);
    private DateTime _marksSeen = ChangeMarks.NoMark;
    private DateTime _lastForget = clock.GetUtcNow().UtcDateTime;
    private volatile bool _filled;

    /// <summary>The lookback attribution counts touches over, in days (<c>Metrics:AttributionLookbackDays</c>).</summary>
    public uint LookbackDays => (uint)options.Value.AttributionLookbackDays;

    /// <summary>
    /// Whether every opportunity with an account has a row: the fill is done, and <see cref="EnsureCurrentAsync"/> adds
    /// those stored since. (One without an account has no touch, row or not.)
    /// </summary>
    public bool Filled => _filled;

    /// <summary>Brings the rows of the opportunities whose touches changed since the last round up to date.</summary>
    public async Task EnsureCurrentAsync(CancellationToken cancellationToken)
    {
        await _round.WaitAsync(cancellationToken);
        try
        {
            var latest = (await gateway.ListAsync("SELECT max(marked_at) AS latest FROM opportunity_touch_marks", new QueryParameters(),
                r => r.Get<DateTime>("latest"), cancellationToken)).Single();
            if (latest > _marksSeen)
            {
                // Only accounts with an opportunity: most engaged accounts have none, and steady ingestion marks them
                // all (an opportunity stored later marks its own account).
                var marks = await gateway.ListAsync(
                    """
                    SELECT account_id, min(from_day) AS from_day, max(to_day) AS to_day FROM opportunity_touch_marks
                    WHERE marked_at > {after:DateTime64(6, 'UTC')}
                      AND account_id IN (SELECT account_id FROM opportunities WHERE account_id != '')
                    GROUP BY account_id
                    """,
                    new QueryParameters().Add("after", ChangeMarks.OverlapBefore(_marksSeen)),
                    r => (Account: r.Get<string>("account_id"), From: r.Get<DateOnly>("from_day"), To: r.Get<DateOnly>("to_day")), cancellationToken);
                foreach (var batch in marks.Chunk(AccountsPerStatement))
                {
                    await InsertAsync(Marked, new QueryParameters()
                        .Add("accounts", batch.Select(m => m.Account).ToArray())
                        .Add("from_days", batch.Select(m => m.From).ToArray())
                        .Add("to_days", batch.Select(m => m.To).ToArray()), cancellationToken);
                }

                _marksSeen = latest;
            }

            if (clock.GetUtcNow().UtcDateTime - _lastForget > ForgetEvery)
            {
                await RedoAccountsWithoutTouchesAsync(cancellationToken);
                // Once an hour, not every round: a DELETE is a mutation of the table, costly beside steady ingestion.
                await gateway.ExecuteAsync(
                    "DELETE FROM opportunity_touch_marks WHERE marked_at < {before:DateTime64(6, 'UTC')}",
                    new QueryParameters().Add("before", ChangeMarks.OverlapBefore(_marksSeen)), cancellationToken);
                _lastForget = clock.GetUtcNow().UtcDateTime;
            }
        }
        finally
        {
            _round.Release();
        }
    }

    /// <summary>
    /// Computes the rows of the opportunities without one of this lookback, a batch of accounts at a time, outside the
    /// round's lock: a batch's rows are stamped when it starts, so a round that redoes one of its opportunities later
    /// replaces its row with one computed from what was stored later still.
    /// </summary>
    public async Task FillAsync(CancellationToken cancellationToken)
    {
        if (_filled)
        {
            return;
        }

        var started = clock.GetUtcNow().UtcDateTime;
        var accounts = await gateway.ListAsync(
            """
            SELECT DISTINCT account_id FROM opportunities
            WHERE account_id != '' AND opportunity_id NOT IN (SELECT opportunity_id FROM opportunity_touches WHERE lookback_days = {lookback:UInt32})
            """,
            new QueryParameters().Add("lookback", LookbackDays), r => r.Get<string>("account_id"), cancellationToken);
        foreach (var batch in accounts.Chunk(AccountsPerStatement))
        {
            await InsertAsync(Missing, new QueryParameters().Add("accounts", batch), cancellationToken);
        }

        if (accounts.Count > 0)
        {
            // Rows of another lookback are never read again.
            await gateway.ExecuteAsync("DELETE FROM opportunity_touches WHERE lookback_days != {lookback:UInt32}",
                new QueryParameters().Add("lookback", LookbackDays), cancellationToken);
            LogFilled(accounts.Count, clock.GetUtcNow().UtcDateTime - started);
        }

        _filled = true;
    }

    /// <summary>
    /// Accounts whose every event was erased leave no rollup row to mark them: their opportunities' rows still hold
    /// touches, so they are redone once an hour (as the journey's spans are).
    /// </summary>
    private async Task RedoAccountsWithoutTouchesAsync(CancellationToken cancellationToken)
    {
        var accounts = await gateway.ListAsync(
            """
            SELECT DISTINCT account_id FROM opportunity_touches
            WHERE toUnixTimestamp64Milli(tupleElement(first, 'at')) != 0 AND account_id NOT IN (SELECT DISTINCT account_id FROM account_touch_daily)
            """,
            new QueryParameters(), r => r.Get<string>("account_id"), cancellationToken);
        foreach (var batch in accounts.Chunk(AccountsPerStatement))
        {
            await InsertAsync(OfAccounts, new QueryParameters().Add("accounts", batch), cancellationToken);
        }
    }

    private Task InsertAsync(string chosen, QueryParameters parameters, CancellationToken cancellationToken) => gateway.ExecuteAsync(
        Insert.Replace("{chosen}", chosen, StringComparison.Ordinal)
            .Replace("{touches}", OpportunityTouches.Sql("chosen", Enum.GetValues<AttributionDimension>()), StringComparison.Ordinal),
        parameters.Add("lookback", LookbackDays).Add("computed_at", _stamps.Next()), cancellationToken);


    [LoggerMessage(Level = LogLevel.Information, Message = "Attribution touches of the opportunities of {Accounts} accounts computed in {Elapsed}")]
    private partial void LogFilled(int accounts, TimeSpan elapsed);
}
