using Analytics.Metrics.Common;
using Analytics.Metrics.Sentiment;
using Analytics.Storage;
using Analytics.Storage.Schema;
using Microsoft.Extensions.Logging;

namespace Analytics.Metrics.Themes;

/// <summary>
/// Keeps <see cref="CommentTopicTables"/> current with the stored answers, so the themes query counts small keys in
/// the engine instead of analysing texts per request. A round analyses every answer version not analysed yet (Lucene,
/// jieba, VADER: <see cref="CommentAnalysis"/>) and stores its topic words, pairs, sentiment and mentions; then it
/// finds the phrases of all comments again, and where they changed (<see cref="TopicMentions.Changed"/>), re-makes the
/// mentions of just the comments that hold a changed pair. Exact under crashes and restarts: what a crash cut off is found again by the answer's
/// version, the first round of a process always re-checks the phrases, and re-doing a round writes the same rows.
/// </summary>
public sealed partial class CommentTopicIndex(
    IClickHouseGateway gateway, SchemaDialect dialect, CommentAnalysis analysis, TimeProvider clock, ILogger<CommentTopicIndex> logger)
{
    /// <summary>Answers analysed per statement.</summary>
    public const int Batch = 5_000;

    private static readonly string[] Columns =
    [
        "survey", "response_id", "answer_version", "responded_at", "score", "comment", "account_id", "contact_id", "segment", "sentiment",
        "token_keys", "token_surfaces", "token_positions", "token_roles", "pairs", "topic_keys", "topic_surfaces", "analysed_at",
    ];

    private readonly SemaphoreSlim _round = new(1, 1);
    private readonly IncreasingStamps _stamps = new(clock);
    private bool _phrasesChecked;
    private (ulong Rows, DateTime Latest)? _caughtUpWith;

    /// <summary>
    /// Catches up unless nothing was stored since the last round began (the answers' row count and latest version
    /// tell, cheaply): queries call it, so what was just stored is in their answer.
    /// </summary>
    public Task EnsureCurrentAsync(CancellationToken cancellationToken) => RoundAsync(onlyIfChanged: true, cancellationToken);

    /// <summary>One round; returns the answers analysed.</summary>
    public Task<int> CatchUpAsync(CancellationToken cancellationToken) => RoundAsync(onlyIfChanged: false, cancellationToken);

    private async Task<int> RoundAsync(bool onlyIfChanged, CancellationToken cancellationToken)
    {
        await _round.WaitAsync(cancellationToken);
        try
        {
            var stored = await StoredAnswersAsync(cancellationToken);
            if (onlyIfChanged && stored == _caughtUpWith)
            {
                return 0;
            }

            var phrases = await LoadPhrasesAsync(cancellationToken);
            int analysed = 0, last;
            do
            {
                last = await AnalyseNewAsync(phrases, cancellationToken);
                analysed += last;
            }
            while (last == Batch);

            if (analysed > 0 || !_phrasesChecked)
            {
                await RefreshPhrasesAsync(phrases, cancellationToken);
                _phrasesChecked = true;
            }

            if (analysed > 0)
            {
                LogAnalysed(analysed);
            }

            _caughtUpWith = stored;
            return analysed;
        }
        finally
        {
            _round.Release();
        }
    }

    /// <summary>Rows stored (every copy, before merges) and the latest version: both change with any insert or erasure.</summary>
    private async Task<(ulong Rows, DateTime Latest)> StoredAnswersAsync(CancellationToken cancellationToken) =>
        (await gateway.ListAsync("SELECT count() AS n, max(updated_at) AS latest FROM survey_responses", new QueryParameters(),
            r => (r.Get<ulong>("n"), r.Get<DateTime>("latest")), cancellationToken)).Single();

    private async Task<Dictionary<string, long>> LoadPhrasesAsync(CancellationToken cancellationToken)
    {
        var sets = await gateway.ListAsync(
            $"SELECT phrases, comments FROM {CommentTopicTables.CommentPhrases.Name} ORDER BY computed_at DESC LIMIT 1",
            new QueryParameters(), r => r.Get<string[]>("phrases").Zip(r.Get<ulong[]>("comments")), cancellationToken);
        return sets.Count == 0 ? new(StringComparer.Ordinal) : sets[0].ToDictionary(p => p.First, p => (long)p.Second, StringComparer.Ordinal);
    }

    /// <summary>Analyses up to <see cref="Batch"/> answer versions that have no analysis, oldest change first.</summary>
    private async Task<int> AnalyseNewAsync(IReadOnlyDictionary<string, long> phrases, CancellationToken cancellationToken)
    {
        var answers = await gateway.ListAsync($"""
            SELECT r.survey AS survey, r.response_id AS response_id, r.updated_at AS answer_version, r.responded_at AS responded_at,
                   r.score AS score, r.comment AS comment, r.account_id AS account_id, r.contact_id AS contact_id, r.segment AS segment
            FROM survey_responses AS r FINAL
            WHERE (r.survey, r.response_id, r.updated_at) NOT IN
                  (SELECT survey, response_id, answer_version FROM {CommentTopicTables.CommentTopics.Name})
            ORDER BY r.updated_at, r.survey, r.response_id
            LIMIT {"{batch:UInt32}"}
            """,
            new QueryParameters().Add("batch", (uint)Batch), AnswerFields, cancellationToken);
        var stamp = _stamps.Next();
        var rows = answers.Select(a =>
        {
            var analysed = analysis.Analyze((string)a[5]!);
            return Row(a, analysed.Sentiment, analysed.Tokens, phrases, stamp);
        }).ToList();
        if (rows.Count > 0)
        {
            await gateway.InsertAsync(CommentTopicTables.CommentTopics.Name, Columns, rows, cancellationToken);
        }

        return rows.Count;
    }

    /// <summary>
    /// Finds the phrases of all comments; where they differ from <paramref name="before"/>, re-makes the mentions of the
    /// comments holding a pair that became or stopped being a phrase, then records the new set (in that order, so a crash
    /// in between leaves the old set recorded and the next round re-does the work).
    /// </summary>
    private async Task RefreshPhrasesAsync(Dictionary<string, long> before, CancellationToken cancellationToken)
    {
        var now = await ComputePhrasesAsync(cancellationToken);
        var changed = TopicMentions.Changed(before, now).ToArray();
        if (changed.Length == 0)
        {
            return;
        }

        var stamp = _stamps.Next();
        var rows = await gateway.ListAsync(
            $"SELECT * FROM {CommentTopicTables.CommentTopics.Name} FINAL WHERE hasAny(pairs, {{changed:Array(String)}})",
            new QueryParameters().Add("changed", changed),
            r => Row(
                AnswerFields(r),
                r.Get<sbyte?>("sentiment") is { } s ? (CommentSentiment)(1 - s) : null,
                Tokens(r.Get<string[]>("token_keys"), r.Get<string[]>("token_surfaces"), r.Get<uint[]>("token_positions"), r.Get<byte[]>("token_roles")),
                now,
                stamp),
            cancellationToken);
        if (rows.Count > 0)
        {
            await gateway.InsertAsync(CommentTopicTables.CommentTopics.Name, Columns, rows, cancellationToken);
        }

        var ordered = now.OrderBy(p => p.Key, StringComparer.Ordinal).ToList();
        await MergeIfManyRewrittenAsync(rows.Count, cancellationToken);
        await gateway.InsertAsync(CommentTopicTables.CommentPhrases.Name, ["computed_at", "phrases", "comments"],
            [[stamp, ordered.Select(p => p.Key).ToArray(), ordered.Select(p => (ulong)p.Value).ToArray()]], cancellationToken);
        LogPhrases(now.Count, changed.Length, rows.Count);
    }

    /// <summary>
    /// Merges the table's versions of each answer into one when a rewrite re-made a tenth of it or more (the first round
    /// over answers already stored re-makes most): until merged, FINAL reads every version, and the themes query pays.
    /// Smaller rewrites are left to the engine's own merges.
    /// </summary>
    private async Task MergeIfManyRewrittenAsync(int rewritten, CancellationToken cancellationToken)
    {
        if (rewritten == 0)
        {
            return;
        }

        var table = CommentTopicTables.CommentTopics.Name;
        var answers = (await gateway.ListAsync($"SELECT count() AS n FROM {table}", new QueryParameters(), r => r.Get<ulong>("n"), cancellationToken)).Single();
        if ((ulong)rewritten * 10 >= answers)
        {
            await gateway.ExecuteAsync($"OPTIMIZE TABLE {dialect.Qualified(dialect.StorageTable(table))}{dialect.OnCluster} FINAL", cancellationToken: cancellationToken);
        }
    }

    private async Task<Dictionary<string, long>> ComputePhrasesAsync(CancellationToken cancellationToken)
    {
        var table = CommentTopicTables.CommentTopics.Name;
        var pairs = await gateway.ListAsync($"""
            SELECT pair, sum(countEqual(pairs, pair)) AS occurrences, count() AS comments
            FROM {table} FINAL ARRAY JOIN arrayDistinct(pairs) AS pair
            GROUP BY pair HAVING comments >= 2
            """,
            new QueryParameters(),
            r =>
            {
                var (first, second) = TopicMentions.PairWords(r.Get<string>("pair"));
                return new WordPair(first, second, (long)r.Get<ulong>("occurrences"), (long)r.Get<ulong>("comments"));
            },
            cancellationToken);
        if (pairs.Count == 0)
        {
            return new(StringComparer.Ordinal);
        }

        var words = (await gateway.ListAsync($"""
            SELECT key, count() AS n FROM {table} FINAL ARRAY JOIN token_keys AS key GROUP BY key
            """, new QueryParameters(), r => (Key: r.Get<string>("key"), Count: (long)r.Get<ulong>("n")), cancellationToken))
            .ToDictionary(w => w.Key, w => w.Count, StringComparer.Ordinal);
        return PhraseFinder.Select(pairs, words, words.Values.Sum());
    }

    /// <summary>The answer's own columns of a row, in the order of <see cref="Columns"/> (the comment fifth from zero).</summary>
    private static object?[] AnswerFields(ClickHouseRow r) =>
    [
        r.Get<string>("survey"), r.Get<string>("response_id"), r.Get<DateTime>("answer_version"), r.Get<DateTime>("responded_at"),
        r.Get<byte>("score"), r.Get<string>("comment"), r.Get<string>("account_id"), r.Get<string>("contact_id"), r.Get<string?>("segment"),
    ];

    private static object?[] Row(object?[] answer, CommentSentiment? sentiment, IReadOnlyList<TopicToken> tokens, IReadOnlyDictionary<string, long> phrases, DateTime stamp)
    {
        var mentions = TopicMentions.Of(tokens, phrases);
        return
        [
            .. answer,
            sentiment is { } s ? (sbyte)(1 - (int)s) : null,
            tokens.Select(t => t.Key).ToArray(),
            tokens.Select(t => t.Surface).ToArray(),
            tokens.Select(t => (uint)t.Position).ToArray(),
            tokens.Select(t => (byte)t.Role).ToArray(),
            PhraseFinder.PairsOf(tokens).ToArray(),
            mentions.Select(m => m.Key).ToArray(),
            mentions.Select(m => m.Surface).ToArray(),
            stamp,
        ];
    }

    private static TopicToken[] Tokens(string[] keys, string[] surfaces, uint[] positions, byte[] roles) =>
        [.. keys.Select((key, i) => new TopicToken(key, surfaces[i], (int)positions[i], (TopicRole)roles[i]))];


    [LoggerMessage(Level = LogLevel.Information, Message = "Analysed {Answers} survey answers for themes")]
    private partial void LogAnalysed(int answers);

    [LoggerMessage(Level = LogLevel.Information, Message = "Comment phrases now {Phrases}; {Changed} changed, {Rewritten} comments' mentions re-made")]
    private partial void LogPhrases(int phrases, int changed, int rewritten);
}
