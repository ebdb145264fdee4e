namespace Analytics.Storage;

/// <summary>Engine settings every query runs with, on either backend.</summary>
public static class QuerySettings
{
    /// <summary>
    /// The largest set an <c>IN (subquery)</c> may hold for the engine to also look its values up in the table's primary
    /// index. Every account's id (a funnel of all accounts, a long target list) looked up there cost more than it saved:
    /// 130-150 ms of a 12-week trend at 50,000 accounts, against 40 ms for the same filter row by row (bench/RESULTS.md).
    /// A few ids (a short list, one page of accounts) still find their granules through the index.
    /// </summary>
    public const int IndexedInSetMaxValues = 1000;
}
