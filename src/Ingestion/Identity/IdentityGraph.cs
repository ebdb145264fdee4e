using Analytics.Ingestion.Records;

namespace Analytics.Ingestion.Identity;

/// <summary>
/// Applies <c>identify</c> and <c>group</c> links to the known identities, in memory, for one batch: aliases that are
/// linked become one person (a userId's person absorbs an anonymous visitor's), a person keeps its latest email, and a
/// <c>group</c> call sets its account. Returns the rows to store: every alias whose identity changed.
/// </summary>
public sealed class IdentityGraph(Dictionary<string, AliasIdentity> known)
{
    private readonly Dictionary<string, AliasIdentity> _aliases = known;
    private readonly HashSet<string> _changed = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, AliasIdentity> Aliases => _aliases;

    /// <summary>The identities changed by <see cref="Apply"/>, to write.</summary>
    public IEnumerable<AliasIdentity> Changed => _changed.Select(a => _aliases[a]);

    /// <summary>Persons touched by this batch, with all their aliases.</summary>
    public IEnumerable<IGrouping<string, AliasIdentity>> ChangedPersons =>
        _aliases.Values.Where(a => _changed.Any(c => _aliases[c].PersonId == a.PersonId)).GroupBy(a => a.PersonId);

    public void Apply(IdentityLink link)
    {
        var aliases = new[] { link.UserId, link.AnonymousId }.Where(a => !string.IsNullOrEmpty(a)).Cast<string>().ToList();
        if (aliases.Count == 0)
        {
            return;
        }

        // The person: the userId's, else the anonymous visitor's, else a new one named after the first alias.
        var person = aliases.Select(a => _aliases.GetValueOrDefault(a)?.PersonId).FirstOrDefault(p => p is not null) ?? aliases[0];
        var members = _aliases.Values.Where(a => aliases.Contains(a.Alias) || aliases.Any(x => _aliases.GetValueOrDefault(x)?.PersonId == a.PersonId))
            .Select(a => a.Alias).Concat(aliases).Distinct(StringComparer.Ordinal).ToList();
        var current = members.Select(m => _aliases.GetValueOrDefault(m)).Where(m => m is not null).ToList();
        var email = link.Email ?? current.Select(c => c!.Email).FirstOrDefault(e => e is not null);
        var account = link.AccountId ?? current.Select(c => c!.AccountId).FirstOrDefault(a => a is not null);

        foreach (var alias in members)
        {
            var updated = new AliasIdentity(alias, person, email, account);
            if (_aliases.GetValueOrDefault(alias) != updated)
            {
                _aliases[alias] = updated;
                _changed.Add(alias);
            }
        }
    }
}
