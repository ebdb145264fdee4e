namespace Analytics.Reports.Tests.FollowUps;

/// <summary>Builds the stories of the follow-up tests: accounts with owners, and survey answers as the writer stores them.</summary>
internal static class FollowUpWorld
{
    /// <summary>An answer as stored: <c>StoredAt</c> is its version (a later one replaces it).</summary>
    public sealed record Answer(string Survey, string Id, DateTime RespondedAt, byte Score, string Comment = "", string Account = "", DateTime? StoredAt = null);

    public static async Task<ReportsWorld> OpenAsync(DateTimeOffset now, IDictionary<string, string?>? settings = null)
    {
        var database = await ReportsWorld.NewDatabaseAsync(nameof(FollowUpWorld));
        return await ReportsWorld.OpenAsync(database, now, settings);
    }

    public static Task AccountsAsync(this ReportsWorld world, params (string Id, string Name, string? Owner)[] accounts) =>
        world.Gateway.InsertAsync("accounts", ["account_id", "name", "owner", "updated_at"],
            accounts.Select(a => new object?[] { a.Id, a.Name, a.Owner, world.Clock.GetUtcNow().UtcDateTime }));

    public static Task AnswersAsync(this ReportsWorld world, params Answer[] answers) =>
        world.Gateway.InsertAsync("survey_responses",
            ["response_id", "survey", "responded_at", "score", "comment", "account_id", "contact_id", "segment", "updated_at"],
            answers.Select(a => new object?[] { a.Id, a.Survey, a.RespondedAt, a.Score, a.Comment, a.Account, string.Empty, null, a.StoredAt ?? world.Clock.GetUtcNow().UtcDateTime }));

    public static FollowUpStore Store(this ReportsWorld world) => world.Service<FollowUpStore>();

    public static FollowUpWorker Worker(this ReportsWorld world) => world.Service<FollowUpWorker>();

    public static T Service<T>(this ReportsWorld world)
        where T : notnull => (T)world.Services.GetService(typeof(T))!;

    public static async Task<ulong> CountAsync(this ReportsWorld world, string sql)
    {
        await foreach (var row in world.Gateway.QueryAsync(sql))
        {
            return row.Get<ulong>(0);
        }

        throw new InvalidOperationException($"No row from {sql}");
    }
}
