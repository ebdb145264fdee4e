using Microsoft.Extensions.Hosting;

namespace Analytics.Reports.Runs;

/// <summary>
/// Runs asked for through the API (runReport): the caller gets the run after its first attempt while retries go on
/// here, until the host stops.
/// </summary>
public sealed class ReportRunsInFlight(ReportRunner runner, IHostApplicationLifetime lifetime)
{
    /// <summary>Starts the run and answers with its state after the first attempt (or the run that already holds the period).</summary>
    public async Task<ReportRun> StartAsync(ReportRequest request, CancellationToken cancellationToken)
    {
        var first = new TaskCompletionSource<ReportRun>(TaskCreationOptions.RunContinuationsAsynchronously);
        var whole = Task.Run(() => runner.RunAsync(request, run => first.TrySetResult(run), lifetime.ApplicationStopping), CancellationToken.None);
        _ = whole.ContinueWith(t => first.TrySetException(t.Exception!.InnerExceptions), TaskContinuationOptions.OnlyOnFaulted);
        _ = whole.ContinueWith(t => first.TrySetCanceled(), TaskContinuationOptions.OnlyOnCanceled);
        return await first.Task.WaitAsync(cancellationToken);
    }
}
