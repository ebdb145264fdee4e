using Analytics.Storage.Fairness;
using Analytics.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Analytics.Storage.Tests.Gateway;

[CollectionDefinition(nameof(ResultCacheTests), DisableParallelization = true)]
public sealed class ResultCacheTestsAlone;

/// <summary>
/// An API key's read is answered again from what was read while nothing was written; any write, and age, end that.
/// A statement that draws a random number shows whether the engine ran it again. Alone: any write to the process's
/// engine, another test's too, ends every kept answer.
/// </summary>
[Collection(nameof(ResultCacheTests))]
public sealed class ResultCacheTests : IAsyncLifetime
{
    private const string Draw = "SELECT rand64() AS drawn, {n:UInt32} AS n";

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 4, 12, 0, 0, TimeSpan.Zero));
    private IClickHouseGateway _engine = null!;
    private RuntimeGateway _gateway = null!;

    public async Task InitializeAsync()
    {
        // As the server opens it: the schema says a view reads t_fed, none reads t.
        _engine = await TestEngine.OpenAsync(nameof(ResultCacheTests), viewSources: new HashSet<string>(["t_fed"]));
        await _engine.ExecuteAsync("CREATE TABLE t (x UInt32) ENGINE = MergeTree ORDER BY x");
        await _engine.ExecuteAsync("CREATE TABLE t_fed (x UInt32) ENGINE = MergeTree ORDER BY x");
        await _engine.ExecuteAsync("CREATE TABLE t_copy (x UInt32) ENGINE = MergeTree ORDER BY x");
        await _engine.ExecuteAsync("CREATE MATERIALIZED VIEW t_mv TO t_copy AS SELECT x FROM t_fed");
        var options = Options.Create(new StorageOptions { ResultCacheSeconds = 60 });
        _gateway = new RuntimeGateway(() => _engine, new FairQuerySlots(2), new ResultCache(options, _clock), _clock);
    }

    public async Task DisposeAsync()
    {
        await _engine.ExecuteAsync($"DROP DATABASE IF EXISTS {Identifiers.Quote(_engine.Database)}");
        await _engine.DisposeAsync();
    }

    [Fact]
    public async Task A_keys_read_is_answered_again_until_a_write_and_the_servers_own_reads_never_are()
    {
        var first = await DrawAsync("key", 1);

        Assert.Equal(first, await DrawAsync("key", 1));
        Assert.Equal(first, await DrawAsync("another key", 1));
        Assert.NotEqual(first, await DrawAsync("key", 2));
        Assert.NotEqual(await DrawAsync(null, 1), await DrawAsync(null, 1));

        // A write by any gateway of the engine, here the engine's own.
        await _engine.ExecuteAsync("INSERT INTO t VALUES (7)");
        var afterWrite = await DrawAsync("key", 1);
        Assert.NotEqual(first, afterWrite);
        Assert.Equal(afterWrite, await DrawAsync("key", 1));
    }

    [Fact]
    public async Task An_insert_into_a_table_no_view_reads_changes_only_the_answers_that_name_it()
    {
        const string ReadsT = "SELECT rand64() AS drawn, count() AS n FROM t";
        using var owner = EngineWork.For("key");
        var other = await DrawAsync("key", 4);
        var readsT = await _gateway.QueryAsync(ReadsT).Select(r => r.Get<ulong>("drawn")).SingleAsync();

        await _engine.InsertAsync("t", ["x"], [[8u]]);

        Assert.Equal(other, await DrawAsync("key", 4));
        Assert.NotEqual(readsT, await _gateway.QueryAsync(ReadsT).Select(r => r.Get<ulong>("drawn")).SingleAsync());

        // An insert into a table a view reads may change any answer.
        var beforeViewFed = await DrawAsync("key", 4);
        await _engine.InsertAsync("t_fed", ["x"], [[9u]]);
        Assert.NotEqual(beforeViewFed, await DrawAsync("key", 4));
    }

    [Fact]
    public async Task An_answer_older_than_the_limit_is_read_again()
    {
        var first = await DrawAsync("key", 3);
        _clock.Advance(TimeSpan.FromSeconds(59));
        Assert.Equal(first, await DrawAsync("key", 3));

        _clock.Advance(TimeSpan.FromSeconds(2));

        Assert.NotEqual(first, await DrawAsync("key", 3));
    }

    [Fact]
    public async Task An_answer_over_the_row_limit_or_left_unread_is_not_kept()
    {
        using var owner = EngineWork.For("key");
        var many = new QueryParameters().Add("n", ResultCache.MaxRowsPerAnswer + 1);
        Assert.NotEqual(await ReadAllAsync(many), await ReadAllAsync(many));

        var few = new QueryParameters().Add("n", 3);
        ulong partial = 0;
        await foreach (var row in _gateway.QueryAsync(Numbers, few))
        {
            partial = row.Get<ulong>("drawn");
            break;
        }

        var whole = await ReadAllAsync(few);
        Assert.NotEqual(partial, whole[0]);
        Assert.Equal(whole, await ReadAllAsync(few));
    }

    private const string Numbers = "SELECT number, rand64() AS drawn FROM numbers({n:UInt32})";

    private async Task<List<ulong>> ReadAllAsync(QueryParameters parameters) =>
        await _gateway.QueryAsync(Numbers, parameters).Select(r => r.Get<ulong>("drawn")).ToListAsync();

    private async Task<ulong> DrawAsync(string? owner, uint n)
    {
        using var scope = owner is null ? null : (IDisposable)EngineWork.For(owner);
        return await _gateway.QueryAsync(Draw, new QueryParameters().Add("n", n)).Select(r => r.Get<ulong>("drawn")).SingleAsync();
    }
}
