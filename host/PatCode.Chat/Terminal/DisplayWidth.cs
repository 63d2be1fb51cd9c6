using System.Text;

namespace PatCode.Chat.Terminal;

/// <summary>
/// How many terminal columns text takes: East Asian wide characters and emoji take two, combining marks and
/// zero-width characters none. Close to wcwidth(3), which is what terminals themselves follow.
/// </summary>
internal static class DisplayWidth
{
    public static int Of(ReadOnlySpan<char> text)
    {
        var width = 0;
        var plain = true;
        foreach (var c in text)
        {
            if (c is < ' ' or >= '\u007f')
            {
                plain = false;
                break;
            }
        }

        if (plain)
        {
            return text.Length;
        }

        foreach (var rune in text.EnumerateRunes())
        {
            width += Of(rune);
        }

        return width;
    }

    public static int Of(Rune rune)
    {
        var v = rune.Value;
        if (v < 0x300)
        {
            return v < 0x20 || v is >= 0x7f and < 0xa0 ? 0 : 1;
        }

        if (IsZeroWidth(v))
        {
            return 0;
        }

        return IsWide(v) ? 2 : 1;
    }

    private static bool IsZeroWidth(int v) =>
        v is >= 0x0300 and <= 0x036F or >= 0x0483 and <= 0x0489 or >= 0x0591 and <= 0x05BD or >= 0x0610 and <= 0x061A
            or >= 0x064B and <= 0x065F or >= 0x200B and <= 0x200F or >= 0x2028 and <= 0x202E or >= 0x2060 and <= 0x2064
            or >= 0x20D0 and <= 0x20FF or >= 0xFE00 and <= 0xFE0F or >= 0xFE20 and <= 0xFE2F or 0xFEFF
            or >= 0xE0100 and <= 0xE01EF;

    private static bool IsWide(int v) =>
        v is >= 0x1100 and <= 0x115F or >= 0x231A and <= 0x231B or >= 0x2329 and <= 0x232A or >= 0x23E9 and <= 0x23EC
            or 0x23F0 or 0x23F3 or >= 0x25FD and <= 0x25FE or >= 0x2614 and <= 0x2615 or >= 0x2648 and <= 0x2653
            or 0x267F or 0x2693 or 0x26A1 or >= 0x26AA and <= 0x26AB or >= 0x26BD and <= 0x26BE or >= 0x26C4 and <= 0x26C5
            or 0x26CE or 0x26D4 or 0x26EA or >= 0x26F2 and <= 0x26F3 or 0x26F5 or 0x26FA or 0x26FD or 0x2705
            or >= 0x270A and <= 0x270B or 0x2728 or 0x274C or 0x274E or >= 0x2753 and <= 0x2755 or 0x2757
            or >= 0x2795 and <= 0x2797 or 0x27B0 or 0x27BF or >= 0x2B1B and <= 0x2B1C or 0x2B50 or 0x2B55
            or >= 0x2E80 and <= 0x303E or >= 0x3041 and <= 0x33FF or >= 0x3400 and <= 0x4DBF or >= 0x4E00 and <= 0x9FFF
            or >= 0xA000 and <= 0xA4CF or >= 0xA960 and <= 0xA97F or >= 0xAC00 and <= 0xD7A3 or >= 0xF900 and <= 0xFAFF
            or >= 0xFE10 and <= 0xFE19 or >= 0xFE30 and <= 0xFE6F or >= 0xFF00 and <= 0xFF60 or >= 0xFFE0 and <= 0xFFE6
            or >= 0x16FE0 and <= 0x18AFF or >= 0x1B000 and <= 0x1B2FF or >= 0x1F004 and <= 0x1F004 or 0x1F0CF or 0x1F18E
            or >= 0x1F191 and <= 0x1F19A or >= 0x1F200 and <= 0x1F251 or >= 0x1F300 and <= 0x1F64F
            or >= 0x1F680 and <= 0x1F6FF or >= 0x1F7E0 and <= 0x1F7EB or >= 0x1F90C and <= 0x1F9FF
            or >= 0x1FA70 and <= 0x1FAFF or >= 0x20000 and <= 0x3FFFD;
}
