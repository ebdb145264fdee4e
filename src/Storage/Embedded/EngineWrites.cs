using System.Collections.Concurrent;

namespace Analytics.Storage.Embedded;

/// <summary>
/// Every write to the embedded engine of this process, whichever gateway made it: a generation that grows as a write
/// starts and again as it ends, and how many are running. The engine's folder is locked to one process, so these are
/// all the writes its data ever sees; a result read while the generations stayed the same and no write ran is still
/// the answer (<see cref="ResultCache"/>). An insert into a table no view reads from counts for that table alone, so
/// bookkeeping (a key's uses, written every few seconds) changes only the answers whose statements name the table.
/// </summary>
internal static class EngineWrites
{
    private static readonly ConcurrentDictionary<string, Writes> ByTable = new(StringComparer.Ordinal);
    private static readonly Writes All = new();

    /// <summary>What a read must see unchanged to stay the answer: the generations of every write and of those of the tables it names.</summary>
    public readonly record struct Mark(long Generation, bool Running);

    /// <summary>The writes a statement's answer depends on now: every write but those to tables it does not name.</summary>
    public static Mark MarkFor(string sql)
    {
        var generation = Interlocked.Read(ref All.Generation);
        var running = Volatile.Read(ref All.Running) > 0;
        foreach (var (table, writes) in ByTable)
        {
            if (Names(sql, table))
            {
                generation += Interlocked.Read(ref writes.Generation);
                running |= Volatile.Read(ref writes.Running) > 0;
            }
        }

        return new Mark(generation, running);
    }

    /// <summary>Whether <paramref name="table"/> occurs in the statement as a name of its own (not inside a longer one).</summary>
    private static bool Names(string sql, string table)
    {
        for (var at = sql.IndexOf(table, StringComparison.Ordinal); at >= 0; at = sql.IndexOf(table, at + 1, StringComparison.Ordinal))
        {
            var end = at + table.Length;
            if ((at == 0 || !IsNameChar(sql[at - 1])) && (end == sql.Length || !IsNameChar(sql[end])))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsNameChar(char c) => char.IsAsciiLetterOrDigit(c) || c == '_';

    /// <summary>Marks a write that may change any answer, from now until the scope is disposed.</summary>
    public static Scope Begin() => new(All);

    /// <summary>Marks an insert into <paramref name="table"/>, which no view reads from, until the scope is disposed.</summary>
    public static Scope BeginTable(string table) => new(ByTable.GetOrAdd(table.Split('.')[^1], _ => new Writes()));

    internal sealed class Writes
    {
        public long Generation;
        public int Running;
    }

    public readonly struct Scope : IDisposable
    {
        private readonly Writes _writes;

        internal Scope(Writes writes)
        {
            _writes = writes;
            Interlocked.Increment(ref writes.Running);
            Interlocked.Increment(ref writes.Generation);
        }

        public void Dispose()
        {
            Interlocked.Increment(ref _writes.Generation);
            Interlocked.Decrement(ref _writes.Running);
        }
    }
}
