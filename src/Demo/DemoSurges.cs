namespace Analytics.Demo;

/// <summary>
/// Picks the accounts that surge in the last weeks: a few percent of the targets, more among Tier 1, reading several
/// times their usual volume. These are the accounts the engaged-account list and the weekly report should surface.
/// </summary>
internal static class DemoSurges
{
    public static void Mark(int seed, IReadOnlyList<DemoAccount> accounts)
    {
        var random = DemoRandom.For(seed, "surges");
        foreach (var account in accounts)
        {
            var chance = account.Tier switch { "Tier 1" => 0.1, "Tier 2" => 0.06, "Tier 3" => 0.03, _ => 0.0 };
            if (random.Chance(chance))
            {
                account.SurgeFrom = DemoCalendar.Days - random.Next(6, 17);
                account.SurgeFactor = random.Uniform(4, 9);
            }
        }
    }
}
