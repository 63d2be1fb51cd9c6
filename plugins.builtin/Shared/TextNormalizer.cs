using System.Globalization;
using System.Text;

namespace PatCode.Plugins.Shared;

/// <summary>
/// Lower-cases text and strips accents so "Qué hace este CÓDIGO" and "que hace este codigo" match alike.
/// Compiled into each built-in (linked source), because plugins share nothing but the SDK.
/// </summary>
internal static class TextNormalizer
{
    public static string Fold(string text)
    {
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        foreach (var character in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(character) != UnicodeCategory.NonSpacingMark)
            {
                builder.Append(char.ToLowerInvariant(character));
            }
        }

        return builder.ToString().Normalize(NormalizationForm.FormC);
    }
}
