namespace Analytics.Reports;

/// <summary>A run that cannot succeed until someone changes the configuration (no renderer, no recipients): it is not retried.</summary>
public sealed class ReportConfigurationException(string message) : Exception(message);
