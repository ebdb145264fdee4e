namespace Analytics.Demo;

/// <summary>How far a demo load is: records (CSV rows, messages, email events) acknowledged out of the total, and the step.</summary>
public readonly record struct DemoLoadProgress(long Sent, long Total, string Step)
{
    /// <summary>Done share from 0 to 1.</summary>
    public double Fraction => Total == 0 ? 1.0 : (double)Sent / Total;
}
