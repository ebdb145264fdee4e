using Analytics.Metrics.Common;
using Analytics.Metrics.Scoring;
using Analytics.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Analytics.Metrics.Journey;

/// <summary>
/// Keeps <see cref="JourneyIndexTables.Spans"/> and <see cref="JourneyIndexTables.CohortStarts"/> current with the
/// stored activity, so the journey reads one small row per account instead of its every day (17 million account-days
/// in a year at 50M events) or opportunities, and the cohort funnel one row per account instead of its events. A round
/// redoes the accounts whose rollup rows or opportunities were written since the last (views mark them in
/// <see cref="JourneyIndexTables.Changed"/>); a round on a new database or after the scoring model or the lookback
/// changed redoes every account, and a restart goes on from the last completed round; once an hour a round also
/// redoes accounts that have no activity left (every event erased). Queries call <see cref="EnsureCurrentAsync"/>, so
/// what was just stored is in their answer.
/// </summary>
/// <remarks>
/// Spans intuition: an account's points of the lookback at midnight m are those of the days [m − L, m), so a day's
/// points enter the sum at midnight day + 1 and leave it at day + L + 1. Sorting those moves and summing them gives the
/// sum at every midnight where it changes; runs where it reaches the threshold are the ENGAGED spans. AWARE is the same
/// with one for every day that has a row, and the open spans with one for every opportunity from the midnight after its
/// creation to the one after its close. Rows of a day not yet merged are moves of their own, which sum the same.
/// </remarks>
public sealed partial class JourneyIndex(
    IClickHouseGateway gateway, ScoringModelStore models, IOptions<JourneyOptions> options, TimeProvider clock, ILogger<JourneyIndex> logger)
{
    private static readonly TimeSpan ForgetEvery = TimeSpan.FromHours(1);

    /// <summary>How long a query waits for a round that redoes every account before it reads the earlier round.</summary>
    public static readonly TimeSpan PatienceWithFullRound = TimeSpan.FromSeconds(10);

    /// <summary>Accounts whose events one statement reads for their cohort starts.</summary>
    private const int AccountsPerStatement = 5_000;

    private const string Spans = """
        INSERT INTO journey_spans (account_id, engaged, aware, open, customer_from, basis, computed_at)
        SELECT account_id,
            arrayZip(arrayFilter((m, now, before) -> now AND NOT before, at, engaged_now, engaged_before),
                     arrayFilter((m, now, before) -> NOT now AND before, at, engaged_now, engaged_before)) AS engaged,
            arrayZip(arrayFilter((m, now, before) -> now AND NOT before, at, aware_now, aware_before),
                     arrayFilter((m, now, before) -> NOT now AND before, at, aware_now, aware_before)) AS aware,
            arrayZip(arrayFilter((m, now, before) -> now AND NOT before, deal_at, open_now, open_before),
                     arrayFilter((m, now, before) -> NOT now AND before, deal_at, open_now, open_before)) AS open,
            arrayMin(arrayConcat([2147483647], arrayMap(d -> d.2, arrayFilter(d -> d.3 = 'won', deals)))) AS customer_from,
            {basis:String} AS basis, {computed_at:DateTime64(6, 'UTC')} AS computed_at
        FROM (
            SELECT account_id, deals,
                -- (midnight, points, days) moves: a day's row enters at day + 1 and leaves at day + L + 1.
                arraySort(move -> move.1, arrayConcat(
                    arrayMap(d -> (d.1 + 1, d.2, toInt32(1)), days),
                    arrayMap(d -> (d.1 + {lookback:Int32} + 1, -d.2, toInt32(-1)), days))) AS moves,
                arrayMap(move -> move.1, moves) AS midnights,
                arrayCumSum(arrayMap(move -> move.2, moves)) AS points,
                arrayCumSum(arrayMap(move -> move.3, moves)) AS active,
                -- The sums once every move of a midnight is in: at its last move. (Shifted arrays are resized to their
                -- source's length: an account with no activity, or no opportunity, has empty ones.)
                arrayResize(arrayPushBack(arrayPopFront(midnights), -1), length(midnights)) AS next,
                arrayFilter((m, n) -> m != n, midnights, next) AS at,
                arrayMap(p -> p >= {threshold:Float64} - 1e-9, arrayFilter((p, m, n) -> m != n, points, midnights, next)) AS engaged_now,
                arrayMap(a -> a > 0, arrayFilter((a, m, n) -> m != n, active, midnights, next)) AS aware_now,
                arrayResize(arrayPushFront(arrayPopBack(engaged_now), 0), length(engaged_now)) AS engaged_before,
                arrayResize(arrayPushFront(arrayPopBack(aware_now), 0), length(aware_now)) AS aware_before,
                -- The same sweep over the opportunities: open from the midnight after creation to the one after closing.
                arraySort(move -> move.1, arrayConcat(arrayMap(d -> (d.1, 1), deals), arrayMap(d -> (d.2, -1), deals))) AS deal_moves,
                arrayMap(move -> move.1, deal_moves) AS deal_midnights,
                arrayResize(arrayPushBack(arrayPopFront(deal_midnights), -1), length(deal_midnights)) AS deal_next,
                arrayFilter((m, n) -> m != n, deal_midnights, deal_next) AS deal_at,
                arrayMap(c -> c > 0, arrayFilter((c, m, n) -> m != n, arrayCumSum(arrayMap(move -> move.2, deal_moves)), deal_midnights, deal_next)) AS open_now,
                arrayResize(arrayPushFront(arrayPopBack(open_now), 0), length(open_now)) AS open_before
            FROM (
                SELECT account_id, groupArray((toInt32(bucket), points)) AS days
                FROM ({daily_points})
                GROUP BY account_id
            ) AS a
            FULL OUTER JOIN (
                -- Each opportunity as (the midnight after its creation, the midnight after its close or never while
                -- open, status).
                SELECT account_id,
                    groupArray((toInt32(toDate(created_at)) + 1,
                        if(status = 'open' OR closed_at IS NULL, 2147483647, toInt32(toDate(assumeNotNull(closed_at))) + 1), status)) AS deals
                FROM opportunities FINAL
                WHERE account_id != '' {deal_accounts}
                GROUP BY account_id
            ) AS o USING (account_id)
        )
        """;

    private readonly SemaphoreSlim _round = new(1, 1);
    private readonly IncreasingStamps _stamps = new(clock);
    private string? _basis;
    private DateTime _marksSeen;
    private DateTime _lastForget;
    private bool _recordLoaded;

    // A full round is running and the tables hold a complete earlier one, which queries may read meanwhile.
    private volatile bool _servingEarlierRound;

    /// <summary>The lookback the spans are computed with, in days (<c>Journey:LookbackDays</c>).</summary>
    public int LookbackDays => options.Value.LookbackDays;

    /// <summary>
    /// Brings the spans and cohort starts up to date with what is stored, if anything changed since the last round.
    /// While every account is being redone (a new scoring model, a new lookback: a minute at 50M events) and an earlier
    /// complete round is stored, it waits <see cref="PatienceWithFullRound"/> at most: then queries answer from the
    /// earlier round rather than time out.
    /// </summary>
    public async Task EnsureCurrentAsync(CancellationToken cancellationToken)
    {
        if (!await _round.WaitAsync(PatienceWithFullRound, cancellationToken))
        {
            if (_servingEarlierRound)
            {
                return;
            }

            await _round.WaitAsync(cancellationToken);
        }

        try
        {
            var model = await models.PricedAsync(cancellationToken);
            var basis = $"model {model.Version}, lookback {LookbackDays}";
            if (!_recordLoaded)
            {
                await LoadLastRoundAsync(cancellationToken);
            }

            var marks = await LatestMarkAsync(cancellationToken);
            if (basis != _basis)
            {
                _servingEarlierRound = _basis is not null;
                try
                {
                    await FullRoundAsync(model, basis, marks, cancellationToken);
                }
                finally
                {
                    _servingEarlierRound = false;
                }

                return;
            }

            if (marks > _marksSeen)
            {
                await RedoAsync(model, basis, await ChangedAccountsAsync(cancellationToken), cancellationToken);
                _marksSeen = marks;
                await RecordRoundAsync(cancellationToken);
            }

            if (clock.GetUtcNow().UtcDateTime - _lastForget > ForgetEvery)
            {
                await RedoAsync(model, basis, await AccountsWithoutActivityAsync(cancellationToken), cancellationToken);
                await ForgetMarksAsync(_marksSeen, cancellationToken);
                _lastForget = clock.GetUtcNow().UtcDateTime;
            }
        }
        finally
        {
            _round.Release();
        }
    }

    /// <summary>
    /// Where the last completed round (of any process on this database) left off: a restart with the same model and
    /// lookback goes on from its marks instead of redoing every account.
    /// </summary>
    private async Task LoadLastRoundAsync(CancellationToken cancellationToken)
    {
        var last = await gateway.ListAsync(
            "SELECT basis, marks_through FROM journey_index_rounds ORDER BY finished_at DESC LIMIT 1", new QueryParameters(),
            r => (Basis: r.Get<string>("basis"), Marks: r.Get<DateTime>("marks_through")), cancellationToken);
        if (last.Count == 1)
        {
            (_basis, _marksSeen) = last[0];
        }

        _lastForget = clock.GetUtcNow().UtcDateTime;
        _recordLoaded = true;
    }

    // Written after a round's every row, so a round a crash cut short is done again by the next process.
    private Task RecordRoundAsync(CancellationToken cancellationToken) => gateway.ExecuteAsync(
        "INSERT INTO journey_index_rounds (basis, marks_through, finished_at) VALUES ({basis:String}, {marks:DateTime64(6, 'UTC')}, {finished:DateTime64(6, 'UTC')})",
        new QueryParameters().Add("basis", _basis!).Add("marks", _marksSeen).Add("finished", _stamps.Next()), cancellationToken);

    private async Task FullRoundAsync(PricedModel model, string basis, DateTime marks, CancellationToken cancellationToken)
    {
        var started = clock.GetUtcNow().UtcDateTime;
        var stamp = _stamps.Next();
        await gateway.ExecuteAsync(SpansSql(accounts: null), Parameters(model, basis, stamp, []), cancellationToken);
        var accounts = await gateway.ListAsync(
            "SELECT DISTINCT account_id FROM account_activity_daily", new QueryParameters(), r => r.Get<string>("account_id"), cancellationToken);
        foreach (var batch in accounts.Chunk(AccountsPerStatement))
        {
            await gateway.ExecuteAsync(CohortStarts.Insert(EventPoints), Parameters(model, basis, stamp, batch), cancellationToken);
        }

        // Rows of an earlier round (accounts the rollup no longer has, starts that no longer are) go; so do the marks
        // this round covered.
        var older = new QueryParameters().Add("stamp", stamp);
        await gateway.ExecuteAsync("DELETE FROM journey_spans WHERE computed_at < {stamp:DateTime64(6, 'UTC')}", older, cancellationToken);
        await gateway.ExecuteAsync("DELETE FROM cohort_starts WHERE computed_at < {stamp:DateTime64(6, 'UTC')}", older, cancellationToken);
        await ForgetMarksAsync(marks, cancellationToken);
        (_basis, _marksSeen, _lastForget) = (basis, marks, started);
        await RecordRoundAsync(cancellationToken);
        LogFullRound(accounts.Count, clock.GetUtcNow().UtcDateTime - started);
    }

    /// <summary>Redoes the spans and cohort starts of some accounts; one without activity left gets none.</summary>
    private async Task RedoAsync(PricedModel model, string basis, List<string> accounts, CancellationToken cancellationToken)
    {
        foreach (var batch in accounts.Chunk(AccountsPerStatement))
        {
            var stamp = _stamps.Next();
            var parameters = Parameters(model, basis, stamp, batch);
            await gateway.ExecuteAsync(SpansSql(accounts: "account_id IN {accounts:Array(String)}"), parameters, cancellationToken);
            // An account with neither activity nor opportunities left gets empty spans, so none of its old ones stay.
            await gateway.ExecuteAsync(
                """
                INSERT INTO journey_spans (account_id, engaged, aware, open, customer_from, basis, computed_at)
                SELECT account_id, [], [], [], 2147483647, {basis:String}, {computed_at:DateTime64(6, 'UTC')}
                FROM (SELECT arrayJoin({accounts:Array(String)}) AS account_id)
                WHERE account_id NOT IN (SELECT account_id FROM account_activity_daily WHERE account_id IN {accounts:Array(String)})
                  AND account_id NOT IN (SELECT account_id FROM opportunities WHERE account_id IN {accounts:Array(String)})
                """,
                parameters, cancellationToken);
            await gateway.ExecuteAsync(CohortStarts.Insert(EventPoints), parameters, cancellationToken);
            await gateway.ExecuteAsync(
                "DELETE FROM cohort_starts WHERE account_id IN {accounts:Array(String)} AND computed_at < {computed_at:DateTime64(6, 'UTC')}",
                parameters, cancellationToken);
        }
    }

    /// <summary>
    /// Drops the marks a completed round covered (but the overlap a later round reads again): without it the table
    /// would grow by a row per account and insert for as long as the model does not change.
    /// </summary>
    private Task ForgetMarksAsync(DateTime covered, CancellationToken cancellationToken) => gateway.ExecuteAsync(
        "DELETE FROM journey_changed_accounts WHERE marked_at < {before:DateTime64(6, 'UTC')}",
        new QueryParameters().Add("before", ChangeMarks.OverlapBefore(covered)), cancellationToken);

    private Task<List<string>> ChangedAccountsAsync(CancellationToken cancellationToken) => gateway.ListAsync(
        "SELECT DISTINCT account_id FROM journey_changed_accounts WHERE marked_at > {after:DateTime64(6, 'UTC')}",
        new QueryParameters().Add("after", ChangeMarks.OverlapBefore(_marksSeen)), r => r.Get<string>("account_id"), cancellationToken);

    /// <summary>Accounts with spans whose activity is all gone (their events erased): their rows are stale.</summary>
    private Task<List<string>> AccountsWithoutActivityAsync(CancellationToken cancellationToken) => gateway.ListAsync(
        """
        SELECT account_id FROM journey_spans FINAL
        WHERE notEmpty(aware) AND account_id NOT IN (SELECT DISTINCT account_id FROM account_activity_daily)
        """,
        new QueryParameters(), r => r.Get<string>("account_id"), cancellationToken);

    private QueryParameters Parameters(PricedModel model, string basis, DateTime stamp, string[] accounts) => new QueryParameters()
        .AddModel(model)
        .AddWindow("all", Everything)
        .Add("lookback", LookbackDays)
        .Add("basis", basis)
        .Add("computed_at", stamp)
        .Add("accounts", accounts);

    private static string SpansSql(string? accounts) => Spans
        .Replace("{daily_points}", WindowPoints.Sql("all", Everything, accounts), StringComparison.Ordinal)
        .Replace("{deal_accounts}", accounts is null ? string.Empty : $"AND {accounts}", StringComparison.Ordinal);

    private static readonly WindowCover Everything = WindowCover.Of(
        DateOnly.FromDateTime(SupportedTimeRange.From), DateOnly.FromDateTime(SupportedTimeRange.To), weeks: false, months: false);

    /// <summary>An event's points, as the activity views price it.</summary>
    private static readonly string EventPoints = ScoringFormula.Points(
        ScoringFormula.Parameters, "1", ScoringFormula.RuleOfEvent, "if(channel = 'web', path(url), '')");


    /// <summary>The latest mark of a changed account (the epoch when there is none).</summary>
    private async Task<DateTime> LatestMarkAsync(CancellationToken cancellationToken) =>
        (await gateway.ListAsync("SELECT max(marked_at) AS latest FROM journey_changed_accounts", new QueryParameters(),
            r => r.Get<DateTime>("latest"), cancellationToken)).Single();

    [LoggerMessage(Level = LogLevel.Information, Message = "Journey spans and cohort starts of {Accounts} accounts computed in {Elapsed}")]
    private partial void LogFullRound(int accounts, TimeSpan elapsed);
}
