using System.Text;
using Analytics.Ingestion.Spool;
using Analytics.Ingestion.Writing;
using Analytics.Storage.Embedded;
using Analytics.Storage.Schema;

namespace Analytics.Metrics.Tests.Datasets;

/// <summary>
/// Loads a CSV the way <c>POST /v1/import/{kind}</c> does: parsed and validated by the importer, stored by the batch
/// writer. Answers the lines the importer rejected, so a test can check them against its own reading of the file.
/// </summary>
internal static class DatasetLoader
{
    public static async Task<IReadOnlyList<int>> ImportAsync(EmbeddedGateway gateway, CsvKind kind, string csv)
    {
        var rejected = new List<int>();
        var entries = new List<SpoolEntry>();
        var received = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        await foreach (var row in CsvImporter.ReadAsync(kind, new MemoryStream(Encoding.UTF8.GetBytes(csv))))
        {
            if (row.IsAccepted)
            {
                entries.Add(new SpoolEntry(received, "dataset", row.Record));
            }
            else
            {
                rejected.Add(row.Line);
            }
        }

        var processor = new BatchProcessor(gateway, new EventDeduplicator(gateway), new Reattribution(gateway, new SchemaDialect(gateway.Database, null), Analytics.Api.Hosting.ApplicationSchema.Catalog), new RollupWriteGate());
        foreach (var chunk in entries.Chunk(5_000))
        {
            await processor.ProcessAsync(chunk, CancellationToken.None);
        }

        return rejected;
    }

    /// <summary>
    /// A simple comma-separated file (no quoting, as the Maven files are) as header → value rows, with its data lines
    /// numbered the importer's way (header on line 1).
    /// </summary>
    public static List<(int Line, Dictionary<string, string> Fields)> ReadPlain(string path)
    {
        var lines = File.ReadAllLines(path);
        var header = lines[0].Split(',');
        return [.. lines.Index().Skip(1).Where(l => l.Item.Length > 0)
            .Select(l => (l.Index + 1, header.Zip(l.Item.Split(',')).ToDictionary(p => p.First, p => p.Second)))];
    }

    /// <summary>Writes rows back as CSV under new headers; values must not need quoting.</summary>
    public static string WritePlain(IReadOnlyList<string> header, IEnumerable<IEnumerable<string>> rows)
    {
        var text = new StringBuilder().AppendJoin(',', header).Append('\n');
        foreach (var row in rows)
        {
            text.AppendJoin(',', row).Append('\n');
        }

        return text.ToString();
    }
}
