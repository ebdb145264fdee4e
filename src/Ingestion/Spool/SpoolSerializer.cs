using System.Text.Json;
using System.Text.Json.Serialization;

namespace Analytics.Ingestion.Spool;

/// <summary>The JSON form of spool entries; the record's type travels in its <c>kind</c> property.</summary>
internal static class SpoolSerializer
{
    private static readonly JsonSerializerOptions Options = new()
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static byte[] Serialize(SpoolEntry entry) => JsonSerializer.SerializeToUtf8Bytes(entry, Options);

    public static SpoolEntry Deserialize(byte[] payload) =>
        JsonSerializer.Deserialize<SpoolEntry>(payload, Options) ?? throw new InvalidDataException("An empty spool entry.");
}
