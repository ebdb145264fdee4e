namespace Analytics.Metrics.Common;

/// <summary>Reads a whole (small, aggregated) result into a list of records.</summary>
public static class GatewayQueries
{
    public static async Task<List<T>> ListAsync<T>(
        this IClickHouseGateway gateway, string sql, QueryParameters parameters, Func<ClickHouseRow, T> map, CancellationToken cancellationToken)
    {
        var list = new List<T>();
        await foreach (var row in gateway.QueryAsync(sql, parameters, cancellationToken))
        {
            list.Add(map(row));
        }

        return list;
    }

    /// <summary>A nullable string column whose empty value also means "missing" (a group key).</summary>
    public static string? Key(this ClickHouseRow row, string name) => row.Get<string?>(name) is { Length: > 0 } key ? key : null;
}
