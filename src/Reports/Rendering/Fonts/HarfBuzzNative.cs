using System.Runtime.InteropServices;

namespace Analytics.Reports.Rendering.Fonts;

/// <summary>
/// The part of HarfBuzz's C API (<c>hb-blob.h</c>, <c>hb-face.h</c>, <c>hb-set.h</c>, <c>hb-subset.h</c>) the font
/// subsetter uses, from the libHarfBuzzSharp that HarfBuzzSharp.NativeAssets.Linux ships (ScottPlot uses it too).
/// Every object created or referenced here must be destroyed with its <c>_destroy</c> function.
/// </summary>
internal static partial class HarfBuzzNative
{
    private const string Library = "libHarfBuzzSharp";

    /// <summary><c>HB_SUBSET_SETS_LAYOUT_FEATURE_TAG</c>: the OpenType layout features the subset keeps.</summary>
    public const int LayoutFeatureTags = 6;

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial IntPtr hb_blob_create_from_file_or_fail(string fileName);

    [LibraryImport(Library)]
    public static partial IntPtr hb_blob_get_data(IntPtr blob, out uint length);

    [LibraryImport(Library)]
    public static partial void hb_blob_destroy(IntPtr blob);

    [LibraryImport(Library)]
    public static partial IntPtr hb_face_create(IntPtr blob, uint index);

    [LibraryImport(Library)]
    public static partial IntPtr hb_face_reference_blob(IntPtr face);

    [LibraryImport(Library)]
    public static partial void hb_face_destroy(IntPtr face);

    [LibraryImport(Library)]
    public static partial void hb_set_add(IntPtr set, uint codePoint);

    [LibraryImport(Library)]
    public static partial void hb_set_clear(IntPtr set);

    [LibraryImport(Library)]
    public static partial IntPtr hb_subset_input_create_or_fail();

    [LibraryImport(Library)]
    public static partial IntPtr hb_subset_input_unicode_set(IntPtr input);

    [LibraryImport(Library)]
    public static partial IntPtr hb_subset_input_set(IntPtr input, int setType);

    [LibraryImport(Library)]
    public static partial void hb_subset_input_destroy(IntPtr input);

    [LibraryImport(Library)]
    public static partial IntPtr hb_subset_or_fail(IntPtr face, IntPtr input);
}
