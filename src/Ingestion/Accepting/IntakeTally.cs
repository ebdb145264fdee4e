namespace Analytics.Ingestion.Accepting;

/// <summary>
/// The running outcome of one request: how many records it stored and how many inputs it refused, the first refusals
/// to list in the answer, and how many refused inputs went to <c>dead_letters</c>. Both lists are capped, so a file of
/// millions of bad rows neither grows the answer nor the server; the counts stay exact.
/// </summary>
public sealed class IntakeTally(int maxListed, int maxDeadLetters)
{
    /// <summary>
    /// Most event ids of one request remembered to find repeats within it: every JSON request fits; in a larger CSV,
    /// a repeat of an event past these is a duplicate only when its first copy is stored already.
    /// </summary>
    public const int MaxIdsRemembered = 100_000;

    private readonly List<Rejection> _listed = [];
    private readonly HashSet<string> _seenIds = new(StringComparer.Ordinal);

    /// <summary>Records spooled.</summary>
    public int Accepted { get; private set; }

    /// <summary>
    /// Accepted events that are duplicates (see <see cref="DuplicateCheck"/>): stored once, counted in
    /// <see cref="Accepted"/> too; null when storage could not be asked in time.
    /// </summary>
    public int? Duplicates { get; private set; } = 0;

    /// <summary>Inputs refused, all of them.</summary>
    public int Rejected { get; private set; }

    /// <summary>Refused inputs kept in <c>dead_letters</c>: the first <c>maxDeadLetters</c>.</summary>
    public int DeadLetters { get; private set; }

    /// <summary>The first <c>maxListed</c> refusals, in order.</summary>
    public IReadOnlyList<Rejection> Listed => _listed;

    /// <summary>How many more dead letters this request may keep.</summary>
    public int DeadLetterRoom => maxDeadLetters - DeadLetters;

    /// <summary>Whether some refusals are not listed.</summary>
    public bool ErrorsTruncated => Listed.Count < Rejected;

    /// <summary>Whether some refused inputs are not kept in <c>dead_letters</c>.</summary>
    public bool DeadLettersTruncated => DeadLetters < Rejected;

    /// <summary>What the answer says of the caps when one was reached, else null.</summary>
    public string? Note => ErrorsTruncated || DeadLettersTruncated
        ? $"{Rejected:N0} inputs were refused: the first {Listed.Count:N0} are listed (Ingestion:MaxErrorsReported is {maxListed:N0}) and the first {DeadLetters:N0} kept in dead_letters (Ingestion:MaxDeadLettersPerRequest is {maxDeadLetters:N0})"
        : null;

    /// <summary>Whether an event id came earlier in this request (remembering the first <see cref="MaxIdsRemembered"/>).</summary>
    internal bool SeenBefore(string eventId) =>
        _seenIds.Contains(eventId) || (_seenIds.Count < MaxIdsRemembered && !_seenIds.Add(eventId));

    /// <summary>Counts a chunk that is on disk (its dead letters as <see cref="Intake"/> kept them: while there was room).</summary>
    internal void Count(IReadOnlyList<ParsedInput> inputs, int? duplicates)
    {
        Duplicates += duplicates;
        foreach (var input in inputs)
        {
            if (input.Record is not null)
            {
                Accepted++;
                continue;
            }

            Rejected++;
            if (DeadLetters < maxDeadLetters)
            {
                DeadLetters++;
            }

            if (_listed.Count < maxListed)
            {
                _listed.Add(new Rejection(input.Location, input.Error ?? "refused"));
            }
        }
    }
}
