using System.Runtime.InteropServices;

namespace Analytics.Reports.Rendering.Fonts;

/// <summary>
/// Cuts one face of a font file down to the glyphs of given characters with HarfBuzz's subsetter (hb-subset): the
/// result is a standalone font (TrueType or OpenType/CFF, as the source) whose cmap maps exactly those characters.
/// </summary>
internal static class FontSubsetter
{
    public static byte[] Subset(string path, int index, IEnumerable<int> codePoints)
    {
        var blob = HarfBuzzNative.hb_blob_create_from_file_or_fail(path);
        if (blob == IntPtr.Zero)
        {
            throw new ReportFontException($"HarfBuzz cannot read '{path}'.");
        }

        IntPtr face = IntPtr.Zero, input = IntPtr.Zero, subset = IntPtr.Zero, result = IntPtr.Zero;
        try
        {
            face = HarfBuzzNative.hb_face_create(blob, (uint)index);
            input = HarfBuzzNative.hb_subset_input_create_or_fail();
            if (input == IntPtr.Zero)
            {
                throw new OutOfMemoryException("HarfBuzz could not allocate a subset input.");
            }

            // Skia draws each character's glyph from the cmap, without shaping: ligatures and alternates the layout
            // features would pull in are never drawn (and dropping them roughly halves the CJK subsetting time).
            HarfBuzzNative.hb_set_clear(HarfBuzzNative.hb_subset_input_set(input, HarfBuzzNative.LayoutFeatureTags));
            var unicodes = HarfBuzzNative.hb_subset_input_unicode_set(input);
            foreach (var codePoint in codePoints)
            {
                HarfBuzzNative.hb_set_add(unicodes, (uint)codePoint);
            }

            subset = HarfBuzzNative.hb_subset_or_fail(face, input);
            if (subset == IntPtr.Zero)
            {
                throw new ReportFontException($"HarfBuzz could not subset face {index} of '{path}'.");
            }

            result = HarfBuzzNative.hb_face_reference_blob(subset);
            var data = HarfBuzzNative.hb_blob_get_data(result, out var length);
            if (data == IntPtr.Zero || length == 0)
            {
                throw new ReportFontException($"HarfBuzz made an empty subset of face {index} of '{path}'.");
            }

            var bytes = new byte[length];
            Marshal.Copy(data, bytes, 0, bytes.Length);
            return bytes;
        }
        finally
        {
            Destroy(result, HarfBuzzNative.hb_blob_destroy);
            Destroy(subset, HarfBuzzNative.hb_face_destroy);
            Destroy(input, HarfBuzzNative.hb_subset_input_destroy);
            Destroy(face, HarfBuzzNative.hb_face_destroy);
            HarfBuzzNative.hb_blob_destroy(blob);
        }
    }

    private static void Destroy(IntPtr handle, Action<IntPtr> destroy)
    {
        if (handle != IntPtr.Zero)
        {
            destroy(handle);
        }
    }
}
