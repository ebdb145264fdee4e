namespace Analytics.Demo;

/// <summary>
/// A seeded random source with the draws the generator needs. Each concern (accounts, contacts, pipeline...) gets
/// its own stream derived from the seed and a name, so changing how one part is generated leaves the others as they were.
/// </summary>
internal sealed class DemoRandom(int seed)
{
    // TRICKY: new Random(int) is the seeded legacy algorithm, stable across runs and .NET versions; Random.Shared is not.
    private readonly Random _random = new(seed);

    public static DemoRandom For(int seed, string concern)
    {
        // FNV-1a, because string.GetHashCode is randomized per process.
        var hash = 2166136261u;
        foreach (var c in concern)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return new DemoRandom(seed ^ (int)hash);
    }

    public double NextDouble() => _random.NextDouble();

    public int Next(int maxExclusive) => _random.Next(maxExclusive);

    public int Next(int minInclusive, int maxExclusive) => _random.Next(minInclusive, maxExclusive);

    public bool Chance(double probability) => _random.NextDouble() < probability;

    public double Uniform(double min, double max) => min + ((max - min) * _random.NextDouble());

    public T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

    /// <summary>An index drawn with the given relative weights.</summary>
    public int PickWeighted(IReadOnlyList<double> weights)
    {
        var total = 0.0;
        foreach (var w in weights)
        {
            total += w;
        }

        var x = _random.NextDouble() * total;
        for (var i = 0; i < weights.Count; i++)
        {
            x -= weights[i];
            if (x < 0)
            {
                return i;
            }
        }

        return weights.Count - 1;
    }

    public T PickWeighted<T>(IReadOnlyList<(T Item, double Weight)> items)
    {
        var weights = new double[items.Count];
        for (var i = 0; i < items.Count; i++)
        {
            weights[i] = items[i].Weight;
        }

        return items[PickWeighted(weights)].Item;
    }

    /// <summary>Log-uniform between min and max: company sizes and deal amounts spread over orders of magnitude.</summary>
    public double LogUniform(double min, double max) => Math.Exp(Uniform(Math.Log(min), Math.Log(max)));

    /// <summary>A log-normal factor with median 1: how much more active one account is than its peers.</summary>
    public double LogNormal(double sigma)
    {
        // Box-Muller; 1 - u keeps the logarithm finite.
        var u1 = 1.0 - _random.NextDouble();
        var u2 = _random.NextDouble();
        var normal = Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
        return Math.Exp(sigma * normal);
    }

    /// <summary>A Poisson count (Knuth's method: fine for the small rates of one account-day).</summary>
    public int Poisson(double lambda)
    {
        if (lambda <= 0)
        {
            return 0;
        }

        if (lambda > 30)
        {
            // Normal approximation keeps large rates (daily ad impressions) cheap.
            var u1 = 1.0 - _random.NextDouble();
            var u2 = _random.NextDouble();
            var normal = Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
            return Math.Max(0, (int)Math.Round(lambda + (Math.Sqrt(lambda) * normal)));
        }

        var limit = Math.Exp(-lambda);
        var count = 0;
        var product = _random.NextDouble();
        while (product > limit)
        {
            count++;
            product *= _random.NextDouble();
        }

        return count;
    }

    /// <summary>A GUID from the stream, for anonymous ids that look like analytics.js's.</summary>
    public Guid NextGuid()
    {
        Span<byte> bytes = stackalloc byte[16];
        _random.NextBytes(bytes);
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40); // version 4
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80); // RFC 4122 variant
        return new Guid(bytes);
    }
}
