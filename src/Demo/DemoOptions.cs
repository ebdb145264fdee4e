namespace Analytics.Demo;

/// <summary>How the demo company is generated: the seed and the size.</summary>
/// <param name="Seed">Same seed, same bytes. Default is 2024.</param>
/// <param name="Scale">
/// Multiplies the number of accounts (and so contacts, opportunities, events). Default is 1.0: about 2,000 target
/// accounts and 150k–300k events, which loads well under a minute on a laptop.
/// </param>
public sealed record DemoOptions(int Seed = 2024, double Scale = 1.0)
{
    /// <summary>The defaults: seed 2024, scale 1.</summary>
    public static DemoOptions Default { get; } = new();
}
