namespace Analytics.Metrics.Common;

/// <summary>A request a metric cannot answer as asked (a window backwards, too long, an unknown list); the message says why.</summary>
public sealed class MetricArgumentException(string message) : Exception(message);
