namespace Analytics.Reports.FollowUps;

/// <summary>Where a follow-up stands: OPEN until someone reached the customer, CONTACTED, then RESOLVED.</summary>
public enum FollowUpStatus { Open, Contacted, Resolved }

/// <summary>
/// A detractor answer to follow up: the answer as given, the account and its owner now, and where the follow-up stands
/// with the latest note. <see cref="ContactedAt"/> is the first move out of OPEN (what the closed loop measures).
/// </summary>
public sealed record FollowUp(
    string Id,
    string Survey,
    string ResponseId,
    DateTime RespondedAt,
    int Score,
    string? Comment,
    string? AccountId,
    string? AccountName,
    string? Owner,
    FollowUpStatus Status,
    string? Note,
    DateTime OpenedAt,
    DateTime UpdatedAt,
    DateTime? ContactedAt,
    DateTime? ResolvedAt);

/// <summary>A request to move a follow-up, by the named caller, with an optional note.</summary>
public sealed record FollowUpUpdate(string Id, FollowUpStatus Status, string? Note, string ChangedBy);

/// <summary>A follow-up update that cannot be made: an unknown id, or a move back; the message says which.</summary>
public sealed class FollowUpUpdateException(string message) : Exception(message);
