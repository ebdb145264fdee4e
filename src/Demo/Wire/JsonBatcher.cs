using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Analytics.Demo.Wire;

/// <summary>
/// Packs JSON messages into request bodies of at most a number of messages and bytes (Segment's limits are 500
/// messages and 500 KB a batch), each body being a prefix, the messages separated by commas, and a suffix.
/// </summary>
internal sealed class JsonBatcher
{
    private readonly byte[] _prefix;
    private readonly byte[] _suffix;
    private readonly int _maxMessages;
    private readonly int _maxBytes;
    private readonly ArrayBufferWriter<byte> _body = new(64 * 1024);
    private readonly ArrayBufferWriter<byte> _message = new(2 * 1024);
    private readonly Utf8JsonWriter _writer;
    private int _count;

    public JsonBatcher(string prefix, string suffix, int maxMessages, int maxBytes)
    {
        _prefix = Encoding.UTF8.GetBytes(prefix);
        _suffix = Encoding.UTF8.GetBytes(suffix);
        _maxMessages = maxMessages;
        _maxBytes = maxBytes;
        _writer = new Utf8JsonWriter(_message);
    }

    public List<DemoPayload> Payloads { get; } = [];

    /// <summary>Writes one message with the given writer and adds it to the current body, starting a new one when full.</summary>
    public void Add(Action<Utf8JsonWriter> write)
    {
        _message.ResetWrittenCount();
        _writer.Reset(_message);
        write(_writer);
        _writer.Flush();

        var size = _message.WrittenCount;
        if (_count > 0 && (_count == _maxMessages || _prefix.Length + _body.WrittenCount + 1 + size + _suffix.Length > _maxBytes))
        {
            Flush();
        }

        if (_prefix.Length + size + _suffix.Length > _maxBytes)
        {
            throw new InvalidOperationException($"One demo message of {size} bytes does not fit a body of {_maxBytes}.");
        }

        if (_count > 0)
        {
            _body.Write(","u8);
        }

        _body.Write(_message.WrittenSpan);
        _count++;
    }

    public List<DemoPayload> Finish()
    {
        if (_count > 0)
        {
            Flush();
        }

        return Payloads;
    }

    private void Flush()
    {
        var bytes = new byte[_prefix.Length + _body.WrittenCount + _suffix.Length];
        _prefix.CopyTo(bytes, 0);
        _body.WrittenSpan.CopyTo(bytes.AsSpan(_prefix.Length));
        _suffix.CopyTo(bytes, _prefix.Length + _body.WrittenCount);
        Payloads.Add(new DemoPayload(bytes, _count));
        _body.ResetWrittenCount();
        _count = 0;
    }
}
