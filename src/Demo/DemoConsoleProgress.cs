using System.Globalization;

namespace Analytics.Demo;

/// <summary>A one-line progress bar for a console (redrawn in place with a carriage return), for the host's first start.</summary>
public sealed class DemoConsoleProgress(TextWriter output, int width = 40) : IProgress<DemoLoadProgress>
{
    private readonly Lock _lock = new();
    private int _lastPercent = -1;

    public void Report(DemoLoadProgress value)
    {
        var percent = (int)(value.Fraction * 100);
        lock (_lock)
        {
            // Parallel posts report out of order and often: draw only when the whole percent moves forward.
            if (percent <= _lastPercent)
            {
                return;
            }

            _lastPercent = percent;
            var filled = (int)(value.Fraction * width);
            var bar = new string('#', filled) + new string('.', width - filled);
            output.Write(string.Create(CultureInfo.InvariantCulture, $"\rLoading demo data [{bar}] {percent,3}% {value.Sent:N0}/{value.Total:N0}"));
            if (percent == 100)
            {
                output.WriteLine();
            }

            output.Flush();
        }
    }
}
