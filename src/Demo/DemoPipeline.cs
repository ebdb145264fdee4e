using System.Globalization;
using Analytics.Ingestion.Records;

namespace Analytics.Demo;

/// <summary>
/// Opportunities: new business on target accounts (more on higher tiers), expansion on customers, created through the
/// year with its seasonality, moving through stages, closing won (about a quarter) or lost, or still open at "now".
/// Lost deals die earlier in their cycle than won ones close, as they do in real pipelines.
/// </summary>
internal static class DemoPipeline
{
    private static readonly string[] OpenStages = ["Discovery", "Qualification", "Solution Design", "Proposal", "Negotiation"];

    public static List<OpportunityRecord> Generate(int seed, DemoCalendar calendar, IReadOnlyList<DemoAccount> accounts)
    {
        var random = DemoRandom.For(seed, "pipeline");
        var dayWeights = Enumerable.Range(0, DemoCalendar.Days).Select(d => DemoCalendar.Activity(calendar.Day(d))).ToArray();
        var opportunities = new List<OpportunityRecord>();
        foreach (var account in accounts)
        {
            var newBusiness = account.IsCustomer ? 0.0 : account.Tier switch
            {
                "Tier 1" => 0.32, "Tier 2" => 0.16, "Tier 3" => 0.07, _ => 0.025,
            };
            var expansion = account.IsCustomer ? (account.Tier == "Tier 1" ? 0.4 : 0.22) : 0.0;
            if (account.SurgeFrom is int surge && !account.IsCustomer && random.Chance(0.45))
            {
                // A surge usually means a buying cycle has started: a fresh, still open opportunity.
                var day = random.Next(surge, DemoCalendar.Days);
                Add(random, calendar, account, opportunities, day, "New Business");
                continue;
            }

            if (random.Chance(newBusiness * Math.Min(2.0, account.Intent)))
            {
                Add(random, calendar, account, opportunities, random.PickWeighted(dayWeights), "New Business");
            }

            if (random.Chance(expansion))
            {
                Add(random, calendar, account, opportunities, random.PickWeighted(dayWeights), "Expansion");
            }
        }

        return opportunities;
    }

    private static void Add(
        DemoRandom random, DemoCalendar calendar, DemoAccount account, List<OpportunityRecord> into, int day, string type)
    {
        var createdAt = calendar.WorkingMoment(random, calendar.Day(day), account.UtcOffset);
        if (!calendar.Contains(createdAt))
        {
            createdAt = calendar.Day(day).ToDateTime(new TimeOnly(12, 0), DateTimeKind.Utc);
            if (!calendar.Contains(createdAt))
            {
                return;
            }
        }

        var plannedDays = account.Tier switch
        {
            "Tier 1" => random.Uniform(60, 120),
            "Tier 2" => random.Uniform(45, 95),
            "Tier 3" => random.Uniform(30, 65),
            _ => random.Uniform(30, 60),
        };
        var winChance = type == "Expansion" ? 0.45 : account.Tier switch
        {
            "Tier 1" => 0.21, "Tier 2" => 0.24, "Tier 3" => 0.27, _ => 0.2,
        };
        var won = random.Chance(winChance);
        var cycleDays = won ? plannedDays : Math.Max(10, plannedDays * random.Uniform(0.3, 1.1));
        var closedAt = createdAt.AddDays(cycleDays);
        var amount = Amount(random, account.Tier, type);
        var id = "opp_" + (into.Count + 1).ToString("D5", CultureInfo.InvariantCulture);
        OpportunityRecord record;
        if (closedAt < calendar.Now)
        {
            record = new OpportunityRecord(
                id, account.Id, createdAt, closedAt, won ? "won" : "lost", won ? "Closed Won" : "Closed Lost", amount, type);
        }
        else
        {
            var elapsed = (calendar.Now - createdAt).TotalDays / plannedDays;
            var stage = OpenStages[Math.Clamp((int)(elapsed * OpenStages.Length), 0, OpenStages.Length - 1)];
            record = new OpportunityRecord(id, account.Id, createdAt, null, "open", stage, amount, type);
        }

        account.Opportunities.Add(record);
        into.Add(record);
    }

    private static decimal Amount(DemoRandom random, string? tier, string type)
    {
        var amount = tier switch
        {
            "Tier 1" => random.LogUniform(60_000, 250_000),
            "Tier 2" => random.LogUniform(20_000, 80_000),
            "Tier 3" => random.LogUniform(6_000, 25_000),
            _ => random.LogUniform(5_000, 20_000),
        };
        if (type == "Expansion")
        {
            amount *= random.Uniform(0.25, 0.5);
        }

        return (decimal)(Math.Round(amount / 500) * 500);
    }
}
