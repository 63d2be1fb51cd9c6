using System.Globalization;
using System.Text;

namespace PatCode.Plugins.CodeExplainer;

/// <summary>Lower-cases text and strips accents so "Qué hace este CÓDIGO" and "que hace este codigo" match alike.</summary>
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
