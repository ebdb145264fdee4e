namespace Analytics.Reports.FollowUps;

/// <summary>The SQL the follow-up store and the closed loop share: which answers are detractors, and each follow-up's state.</summary>
internal static class FollowUpSql
{
    /// <summary>An answer that opens a follow-up: NPS 0–6, CSAT 1–2 (the alias of survey_responses is <c>r</c>).</summary>
    public const string Detractor = "((r.survey = 'nps' AND r.score <= 6) OR (r.survey = 'csat' AND r.score <= 2))";

    /// <summary>
    /// Every follow-up with its status (the latest change, OPEN without one), the latest note given, when it was first
    /// contacted and resolved, and its account's name and owner now. Columns as <see cref="FollowUpStore"/> maps them.
    /// </summary>
    /// <remarks>
    /// Query intuition: the history is folded per follow-up (argMax over change time, the change id breaking a tie), then
    /// joined to the follow-ups (FINAL: a re-opened one is one row) and to the accounts' current attributes.
    /// </remarks>
    public const string State = """
        SELECT
            f.follow_up_id AS follow_up_id, f.survey AS survey, f.response_id AS response_id, f.responded_at AS responded_at,
            f.score AS score, f.comment AS comment, f.account_id AS account_id, a.name AS account_name, a.owner AS owner,
            ifNull(c.current_status, 'OPEN') AS status, c.latest_note AS note, f.opened_at AS opened_at,
            greatest(f.opened_at, ifNull(c.last_change, f.opened_at)) AS updated_at,
            c.first_contact AS contacted_at, c.resolution AS resolved_at
        FROM follow_ups AS f FINAL
        LEFT JOIN
        (
            SELECT
                follow_up_id,
                argMax(status, (changed_at, change_id)) AS current_status,
                nullIf(argMaxIf(note, (changed_at, change_id), note != ''), '') AS latest_note,
                max(changed_at) AS last_change,
                if(countIf(status != 'OPEN') = 0, NULL, minIf(changed_at, status != 'OPEN')) AS first_contact,
                if(countIf(status = 'RESOLVED') = 0, NULL, minIf(changed_at, status = 'RESOLVED')) AS resolution
            FROM follow_up_changes
            GROUP BY follow_up_id
        ) AS c ON c.follow_up_id = f.follow_up_id
        LEFT JOIN (SELECT account_id, name, owner FROM accounts FINAL) AS a ON a.account_id = f.account_id
        """;

    /// <summary>LEFT JOINs give NULL, not a default, for a follow-up without changes or without a known account.</summary>
    public const string Settings = "SETTINGS join_use_nulls = 1";
}
