using System.ComponentModel.DataAnnotations;

namespace Analytics.Ingestion;

/// <summary>Limits of the ingestion endpoints and the spool writer. Section <c>Ingestion</c>.</summary>
public sealed class IngestionOptions
{
    public const string Section = "Ingestion";

    /// <summary>Largest body of a Segment <c>batch</c> or SendGrid webhook call, in bytes. Default is 500 KB, as Segment.</summary>
    public int MaxBatchBytes { get; set; } = 500 * 1024;

    /// <summary>Largest single event (a <c>track</c> call, or one message of a batch), in bytes. Default is 32 KB, as Segment.</summary>
    public int MaxEventBytes { get; set; } = 32 * 1024;

    /// <summary>
    /// Largest CSV upload, in bytes as read (after gzip decompression), whatever the framing. CSV is streamed, so this
    /// only bounds disk use. Default is 2 GiB.
    /// </summary>
    [Range(1, long.MaxValue)]
    public long MaxCsvBytes { get; set; } = 2L << 30;

    /// <summary>Most refusals an answer lists (the count of refusals is always exact). Default is 1,000.</summary>
    [Range(0, int.MaxValue)]
    public int MaxErrorsReported { get; set; } = 1_000;

    /// <summary>Most refused inputs of one request kept in <c>dead_letters</c>; the rest are only counted. Default is 10,000.</summary>
    [Range(0, int.MaxValue)]
    public int MaxDeadLettersPerRequest { get; set; } = 10_000;

    /// <summary>Most spool entries the writer stores in one go. Default is 50,000.</summary>
    public int WriterBatchRecords { get; set; } = 50_000;

    /// <summary>How long the writer waits for a batch to fill before storing what it has, in milliseconds. Default is 200.</summary>
    public int WriterBatchDelayMs { get; set; } = 200;

    /// <summary>Longest wait between two attempts to store a batch while ClickHouse fails, in seconds. Default is 30.</summary>
    public int WriterMaxBackoffSeconds { get; set; } = 30;
}
