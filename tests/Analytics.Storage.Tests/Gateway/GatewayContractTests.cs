using System.Collections;
using Analytics.Ingestion.Schema;
using Analytics.Metrics.Schema;
using Analytics.Reports.Schema;

namespace Analytics.Storage.Tests.Gateway;

/// <summary>
/// What every backend of <see cref="IClickHouseGateway"/> must do, run once per backend by the classes below.
/// </summary>
public abstract class GatewayContractTests<TFixture>(TFixture fixture) : IClassFixture<TFixture>
    where TFixture : class, IGatewayFixture
{
    protected TFixture Fixture => fixture;

    protected IClickHouseGateway Gateway => fixture.Gateway;

    /// <summary>Every column type of the data model, plus a few the metrics will read (Int64, Float64, Bool, Map).</summary>
    public static TheoryData<string> SchemaColumnTypes()
    {
        var types = new[]
            {
                IngestionTables.Accounts, IngestionTables.TargetListMembers, IngestionTables.Contacts, IngestionTables.Events, RollupTables.AccountEngagementDaily,
                IngestionTables.Opportunities, IngestionTables.SurveyResponses, IngestionTables.AdPerformance, IngestionTables.DeadLetters, ReportTables.ReportRuns,
            }
            .SelectMany(t => t.Columns)
            .Select(ColumnType)
            .Where(t => !t.StartsWith("AggregateFunction(", StringComparison.Ordinal)) // states are only ever merged in SQL
            .Concat(["Int64", "Float64", "Bool", "Map(String, String)", "UInt64"])
            .Distinct()
            .Order();
        return new TheoryData<string>(types);
    }

    [Theory]
    [MemberData(nameof(SchemaColumnTypes))]
    public async Task Every_schema_column_type_round_trips(string type)
    {
        var table = $"roundtrip_{Math.Abs(type.GetHashCode()):x}";
        await Gateway.ExecuteAsync($"CREATE TABLE {table} (id UInt32, v {type}) ENGINE = MergeTree ORDER BY id");
        var samples = TypeSamples.For(type);

        var written = await Gateway.InsertAsync(table, ["id", "v"], samples.Select((v, i) => new object?[] { (uint)i, v }));
        var read = await ReadAsync($"SELECT v FROM {table} ORDER BY id");

        Assert.Equal(samples.Length, written);
        Assert.Equal(samples.Length, read.Count);
        for (var i = 0; i < samples.Length; i++)
        {
            AssertSameValue(samples[i], read[i][0]);
        }
    }

    public static TheoryData<string, object?> Parameters() => new()
    {
        { "String", "x'); DROP TABLE events; --" },
        { "String", "quote ' double \" backslash \\ end\\" },
        { "String", "new\nline, tab\t, return\r, NUL\0 and \\N" },
        { "String", "日本語のテキスト, Ελληνικά, emoji 🚀" },
        { "String", "" },
        { "Nullable(String)", null },
        { "Array(String)", new[] { "a'b", "c\\d", "e\nf", "", "ü" } },
        { "Array(UInt32)", new uint[] { 0, 1, uint.MaxValue } },
        { "Date", new DateOnly(2024, 2, 29) },
        { "DateTime64(3, 'UTC')", new DateTime(2024, 3, 31, 1, 30, 15, 250, DateTimeKind.Utc) },
        { "DateTime('UTC')", new DateTime(2023, 10, 29, 0, 59, 59, DateTimeKind.Utc) },
        { "UInt64", ulong.MaxValue },
        { "Int64", long.MinValue },
        { "Float64", -0.125 },
        { "Decimal(18, 2)", 1234567.89m },
        { "Bool", true },
        { "UUID", Guid.Parse("9b2f0a4e-3c1d-4b5a-8e7f-6a5b4c3d2e1f") },
        { "Map(String, String)", new Dictionary<string, string> { ["k'ey"] = "va\\lue" } },
    };

    [Theory]
    [MemberData(nameof(Parameters))]
    public async Task A_parameter_comes_back_as_its_literal_value(string type, object? value)
    {
        var rows = await ReadAsync($"SELECT {{p:{type}}} AS v", new QueryParameters().Add("p", value));

        AssertSameValue(value, Assert.Single(rows)[0]);
    }

    [Fact]
    public async Task An_injection_attempt_in_a_parameter_is_only_data()
    {
        await Gateway.ExecuteAsync("CREATE TABLE victims (name String) ENGINE = MergeTree ORDER BY name");
        const string attack = "x'); DROP TABLE victims; --";
        await Gateway.InsertAsync("victims", ["name"], [["alice"], [attack]]);

        var found = await ReadAsync("SELECT name FROM victims WHERE name = {name:String}", new QueryParameters().Add("name", attack));
        var remaining = await ReadAsync("SELECT count() FROM victims");

        Assert.Equal(attack, Assert.Single(found)[0]);
        Assert.Equal(2ul, remaining[0][0]);
    }

    [Fact]
    public async Task A_large_result_streams_back_whole_and_in_order()
    {
        long expected = 0;
        long count = 0;
        await foreach (var row in Gateway.QueryAsync("SELECT number AS n, toString(number) AS s FROM numbers(300000)"))
        {
            Assert.Equal((ulong)count, row.Get<ulong>("n"));
            Assert.Equal(count.ToString(System.Globalization.CultureInfo.InvariantCulture), row.Get<string>("s"));
            expected += count;
            count++;
        }

        Assert.Equal(300_000, count);
        Assert.Equal(44_999_850_000, expected);
    }

    [Fact]
    public async Task Leaving_a_stream_early_frees_the_gateway_for_the_next_query()
    {
        await foreach (var _ in Gateway.QueryAsync("SELECT number FROM numbers(5000000)"))
        {
            break;
        }

        var rows = await ReadAsync("SELECT 42 AS answer");
        Assert.Equal((byte)42, rows[0][0]);
    }

    [Fact]
    public async Task A_query_may_run_while_another_streams()
    {
        var outer = 0;
        await foreach (var row in Gateway.QueryAsync("SELECT number FROM numbers(3)"))
        {
            var inner = await ReadAsync("SELECT {n:UInt64} * 2", new QueryParameters().Add("n", row.Get<ulong>(0)));
            Assert.Equal(row.Get<ulong>(0) * 2, inner[0][0]);
            outer++;
        }

        Assert.Equal(3, outer);
    }

    [Fact]
    public async Task Concurrent_queries_all_answer()
    {
        var answers = await Task.WhenAll(Enumerable.Range(0, 12).Select(async i =>
            (await ReadAsync("SELECT sum(number) + {i:UInt32} FROM numbers(100000)", new QueryParameters().Add("i", (uint)i)))[0][0]));

        Assert.Equal(Enumerable.Range(0, 12).Select(i => 4_999_950_000ul + (ulong)i), answers.Cast<ulong>());
    }

    [Theory]
    [InlineData("SELECT * FROM no_such_table", 60, "UNKNOWN_TABLE")]
    [InlineData("SELEC 1", 62, "SYNTAX_ERROR")]
    [InlineData("SELECT throwIf(1, 'boom')", 395, "FUNCTION_THROW_IF_VALUE_IS_NON_ZERO")]
    public async Task Engine_errors_surface_with_their_code_and_name(string sql, int code, string name)
    {
        var error = await Assert.ThrowsAsync<ClickHouseException>(() => ReadAsync(sql));

        Assert.Equal(code, error.Code);
        Assert.Equal(name, error.Name);
        Assert.Contains(name, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_null_for_a_column_that_is_not_nullable_takes_its_default()
    {
        await Gateway.ExecuteAsync("CREATE TABLE defaults (id UInt32, tag String DEFAULT 'none', at DateTime64(3, 'UTC') DEFAULT toDateTime64('2020-01-01 00:00:00', 3, 'UTC')) ENGINE = MergeTree ORDER BY id");
        await Gateway.InsertAsync("defaults", ["id", "tag", "at"], [[1u, null, null], [2u, "set", new DateTime(2021, 5, 6, 0, 0, 0, DateTimeKind.Utc)]]);

        var rows = await ReadAsync("SELECT tag, at FROM defaults ORDER BY id");

        Assert.Equal(["none", new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc)], rows[0]);
        Assert.Equal(["set", new DateTime(2021, 5, 6, 0, 0, 0, DateTimeKind.Utc)], rows[1]);
    }

    [Fact]
    public async Task A_value_that_does_not_fit_fails_the_insert_naming_the_column_and_writes_nothing()
    {
        await Gateway.ExecuteAsync("CREATE TABLE strict (id UInt32, amount Decimal(18, 2)) ENGINE = MergeTree ORDER BY id");

        var error = await Assert.ThrowsAnyAsync<Exception>(() =>
            Gateway.InsertAsync("strict", ["id", "amount"], [[1u, 10m], [2u, "not a number"]]));
        var count = await ReadAsync("SELECT count() FROM strict");

        Assert.Contains("amount", error.Message, StringComparison.Ordinal);
        Assert.Equal(0ul, count[0][0]);
    }

    [Fact]
    public async Task A_row_the_engine_refuses_fails_the_insert_with_the_engine_error()
    {
        await Gateway.ExecuteAsync("CREATE TABLE checked (x UInt32, CONSTRAINT positive CHECK x > 0) ENGINE = MergeTree ORDER BY x");

        var error = await Assert.ThrowsAsync<ClickHouseException>(() => Gateway.InsertAsync("checked", ["x"], [[5u], [0u]]));
        var count = await ReadAsync("SELECT count() FROM checked");

        Assert.Equal("VIOLATED_CONSTRAINT", error.Name);
        Assert.Equal(0ul, count[0][0]);
    }

    [Fact]
    public async Task An_insert_into_a_missing_table_is_an_engine_error()
    {
        var error = await Assert.ThrowsAsync<ClickHouseException>(() => Gateway.InsertAsync("missing_table", ["a"], [[1]]));

        Assert.Equal(60, error.Code);
    }

    /// <summary>
    /// A query that would run for many minutes (a trillion rows) is stopped by its cancellation token: the caller gets
    /// an OperationCanceledException long before the query could end, and the gateway answers the next query correctly.
    /// </summary>
    [Fact]
    public async Task A_cancelled_query_stops_and_the_gateway_carries_on()
    {
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var started = System.Diagnostics.Stopwatch.StartNew();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var _ in Gateway.QueryAsync("SELECT sum(cityHash64(number)) FROM numbers(1000000000000)", cancellationToken: cancellation.Token))
            {
            }
        });

        Assert.InRange(started.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(60));
        Assert.Equal([[42ul]], await ReadAsync("SELECT toUInt64(42)"));
    }

    private async Task<List<object?[]>> ReadAsync(string sql, QueryParameters? parameters = null)
    {
        var rows = new List<object?[]>();
        await foreach (var row in Gateway.QueryAsync(sql, parameters))
        {
            rows.Add(Enumerable.Range(0, row.Columns.Count).Select(i => row[i]).ToArray());
        }

        return rows;
    }

    private static string ColumnType(string definition)
    {
        var type = definition[(definition.IndexOf(' ') + 1)..];
        var defaultClause = type.IndexOf(" DEFAULT ", StringComparison.Ordinal);
        return defaultClause < 0 ? type : type[..defaultClause];
    }

    private static void AssertSameValue(object? expected, object? actual)
    {
        switch (expected)
        {
            case null:
                Assert.Null(actual);
                break;
            case IDictionary map:
                var actualMap = Assert.IsAssignableFrom<IDictionary>(actual);
                Assert.Equal(map.Count, actualMap.Count);
                foreach (DictionaryEntry entry in map)
                {
                    AssertSameValue(entry.Value, actualMap[entry.Key]);
                }

                break;
            case Array array when expected is not string:
                var actualArray = Assert.IsAssignableFrom<Array>(actual);
                Assert.Equal(array.GetType().GetElementType(), actualArray.GetType().GetElementType());
                Assert.Equal(array.Cast<object?>(), actualArray.Cast<object?>());
                break;
            case DateTime time:
                var actualTime = Assert.IsType<DateTime>(actual);
                Assert.Equal(time, actualTime);
                Assert.Equal(DateTimeKind.Utc, actualTime.Kind);
                break;
            default:
                Assert.Equal(expected.GetType(), actual?.GetType());
                Assert.Equal(expected, actual);
                break;
        }
    }
}

public sealed class EmbeddedGatewayTests(EmbeddedGatewayFixture fixture) : GatewayContractTests<EmbeddedGatewayFixture>(fixture)
{
    /// <summary>
    /// The settings the engine is started with hold for every connection of the pool (see ChdbEngine). (The server
    /// backend's test server runs on this same engine, so its test checks what ServerGateway sends instead.)
    /// </summary>
    [Fact]
    public async Task The_engine_runs_in_utc_without_jit_compilation_and_with_the_query_settings()
    {
        const string Sql = """
            SELECT timezone() AS zone, getSetting('compile_expressions') AS expressions,
                getSetting('compile_aggregate_expressions') AS aggregates, getSetting('compile_sort_description') AS sorts,
                toUInt64(getSetting('use_index_for_in_with_subqueries_max_values')) AS indexed_in_set
            """;
        var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(async _ => await Gateway.QueryAsync(Sql)
            .Select(r => (r.Get<string>("zone"), r.Get<bool>("expressions"), r.Get<bool>("aggregates"), r.Get<bool>("sorts"), r.Get<ulong>("indexed_in_set")))
            .ToListAsync()));

        Assert.All(answers, rows => Assert.Equal([("UTC", false, false, false, (ulong)QuerySettings.IndexedInSetMaxValues)], rows));
    }
}

public sealed class ServerGatewayTests(ServerGatewayFixture fixture) : GatewayContractTests<ServerGatewayFixture>(fixture)
{
    /// <summary>The query settings of <see cref="QuerySettings"/> go with every statement sent to a server.</summary>
    [Fact]
    public async Task Statements_carry_the_query_settings()
    {
        var server = Fixture.Server;
        await Gateway.QueryAsync("SELECT 1 AS one").ToListAsync();

        Assert.Contains($"use_index_for_in_with_subqueries_max_values = {QuerySettings.IndexedInSetMaxValues}", server.Settings);
    }
}
