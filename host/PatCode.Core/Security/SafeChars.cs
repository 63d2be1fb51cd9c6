using System.Buffers;

namespace PatCode.Core.Security;

/// <summary>Which characters <see cref="TerminalSanitizer"/> lets through untouched.</summary>
internal static class SafeChars
{
    /// <summary>Printable ASCII, newline and tab: text made only of these passes without a closer look.</summary>
    public static readonly SearchValues<char> Plain = SearchValues.Create(
        "\t\n !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~");

    /// <summary>
    /// C0 and C1 controls other than newline and tab (a bare carriage return can overwrite a line already shown),
    /// DEL, and the Unicode bidirectional overrides, which can make text display in another order than it reads.
    /// </summary>
    public static bool IsDropped(char c) =>
        c < ' ' || c is >= '\u007f' and <= '\u009f' || c is >= '\u202a' and <= '\u202e' || c is >= '\u2066' and <= '\u2069';
}
