namespace Analytics.Storage.Fairness;

/// <summary>
/// Whom the engine's statements are for right now: an owner (an API key's id) set around a request's work, which flows
/// into every statement the request starts, however deep and however parallel (an <see cref="AsyncLocal{T}"/>). Owned
/// statements share the engine fairly (<see cref="FairQuerySlots"/>); the server's own work (ingestion, indexes,
/// scheduled reports) has no owner and is not queued there.
/// </summary>
public static class EngineWork
{
    private static readonly AsyncLocal<string?> CurrentOwner = new();

    /// <summary>The owner of the work in progress, or null for the server's own.</summary>
    public static string? Owner => CurrentOwner.Value;

    /// <summary>Marks the work started until the scope is disposed as <paramref name="owner"/>'s.</summary>
    public static Scope For(string owner)
    {
        var previous = CurrentOwner.Value;
        CurrentOwner.Value = owner;
        return new Scope(previous);
    }

    public readonly struct Scope(string? previous) : IDisposable
    {
        public void Dispose() => CurrentOwner.Value = previous;
    }
}
