using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using MimeKit;

namespace Analytics.Reports.Tests.Support;

/// <summary>
/// A real SMTP server process: Debian's python3-aiosmtpd with its Mailbox handler, which keeps every message it receives
/// in a Maildir folder, read back here with MimeKit. The handler stores a message before it answers the client, so a
/// message whose sending has returned is already in <see cref="Messages"/>.
/// </summary>
internal sealed class SmtpSink : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _maildir;

    private SmtpSink(Process process, int port, string maildir)
    {
        _process = process;
        Port = port;
        _maildir = maildir;
    }

    public int Port { get; }

    /// <summary>A loopback port nothing listens on (yet).</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static async Task<SmtpSink> StartAsync(int? port = null)
    {
        var chosen = port ?? FreePort();
        var maildir = TestFolders.NewPath("maildir");
        // Debian's interpreter, where python3-aiosmtpd is installed (a python3 earlier on PATH may not have it).
        var python = File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
        var start = new ProcessStartInfo(python)
        {
            ArgumentList = { "-m", "aiosmtpd", "-n", "-l", $"127.0.0.1:{chosen}", "-c", "aiosmtpd.handlers.Mailbox", maildir },
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start python3 -m aiosmtpd.");
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        await Eventually.MatchAsync($"aiosmtpd to listen on 127.0.0.1:{chosen}", async () =>
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"aiosmtpd exited with {process.ExitCode}: is python3-aiosmtpd installed (scripts/setup.sh)?");
            }

            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, chosen);
                return "listening";
            }
            catch (SocketException e)
            {
                return e.Message; // not listening yet
            }
        }, state => state == "listening", TimeSpan.FromSeconds(20));
        return new SmtpSink(process, chosen, maildir);
    }

    /// <summary>Every message received so far.</summary>
    public IReadOnlyList<MimeMessage> Messages()
    {
        var folder = Path.Combine(_maildir, "new");
        return Directory.Exists(folder)
            ? Directory.GetFiles(folder).Order(StringComparer.Ordinal).Select(f => MimeMessage.Load(f)).ToList()
            : [];
    }

    /// <summary>Waits until at least <paramref name="count"/> messages arrived, for messages sent in the background.</summary>
    public Task<IReadOnlyList<MimeMessage>> WaitForAsync(int count, TimeSpan? timeout = null) =>
        Eventually.MatchAsync($"{count} message(s) to arrive", Messages, messages => messages.Count >= count, timeout ?? TimeSpan.FromSeconds(20));

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}
