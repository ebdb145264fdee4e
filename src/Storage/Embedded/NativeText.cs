using System.Runtime.InteropServices;
using System.Text;

namespace Analytics.Storage.Embedded;

/// <summary>
/// UTF-8 copies of strings in unmanaged memory, held for the length of one native call.
/// The chDB calls take explicit lengths, so NUL bytes inside values are kept.
/// </summary>
internal sealed class NativeText : IDisposable
{
    private readonly List<IntPtr> _allocations = [];

    /// <summary>Copies <paramref name="text"/> and returns its address and byte length.</summary>
    public (IntPtr Pointer, nuint Length) Add(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var pointer = Marshal.AllocHGlobal(Math.Max(bytes.Length, 1));
        Marshal.Copy(bytes, 0, pointer, bytes.Length);
        _allocations.Add(pointer);
        return (pointer, (nuint)bytes.Length);
    }

    public void Dispose()
    {
        foreach (var pointer in _allocations)
        {
            Marshal.FreeHGlobal(pointer);
        }

        _allocations.Clear();
    }
}
