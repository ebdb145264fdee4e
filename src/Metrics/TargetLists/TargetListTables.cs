using Analytics.Storage.Schema;

namespace Analytics.Metrics.TargetLists;

/// <summary>The rule lists' tables: their rules, and every join and leave of a member of any list a recompute made.</summary>
public static class TargetListTables
{
    private const string Time = "DateTime64(3, 'UTC')";

    /// <summary>Each rule list's rule as JSON (<see cref="TargetListRule.ToJson"/>); the latest row of a name wins, a deleted list keeps a row marked deleted.</summary>
    public static readonly TableSpec Rules = new(
        "target_list_rules",
        ["name String", "rule String", $"updated_at {Time}", "deleted UInt8"],
        "ReplacingMergeTree(updated_at)",
        "name");

    /// <summary>
    /// Membership history of the rule lists: one row per account that joined (1) or left (0) a list, at the recompute
    /// that saw it. The alerts read <c>joined = 1</c> rows newer than their watermark.
    /// </summary>
    public static readonly TableSpec Changes = new(
        "target_list_changes",
        ["list String", "account_id String", "joined UInt8", $"at {Time}"],
        "MergeTree",
        "list, at, account_id");
}
