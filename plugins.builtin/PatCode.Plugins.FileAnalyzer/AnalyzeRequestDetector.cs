using System.Text.RegularExpressions;
using PatCode.Plugins.Shared;

namespace PatCode.Plugins.FileAnalyzer;

/// <summary>Recognises "analyze the project" / "analiza el proyecto" and the like, on accent- and case-folded text.</summary>
internal static partial class AnalyzeRequestDetector
{
    public static bool IsAnalyzeRequest(string input)
    {
        if (string.IsNullOrWhiteSpace(input))
        {
            return false;
        }

        var folded = TextNormalizer.Fold(input);
        return English().IsMatch(folded) || Spanish().IsMatch(folded);
    }

    private const string EnglishTree = "(?:project|repo|repository|codebase|code\\s+base|solution|folder|directory|workspace)";
    private const string SpanishTree = "(?:proyecto|repositorio|repo|codigo\\s+base|solucion|carpeta|directorio)";

    [GeneratedRegex(
        @"\b(analy[sz]e|scan|summari[sz]e|overview\s+of|give\s+me\s+an\s+overview\s+of|describe|map\s+out)\s+(the\s+|this\s+|my\s+|our\s+|whole\s+|entire\s+)*" + EnglishTree + @"\b"
        + @"|\b" + EnglishTree + @"\s+(structure|layout|overview|stats|statistics|tree|summary|size)\b"
        + @"|\b(structure|layout|size)\s+of\s+(the|this|my|our)\s+" + EnglishTree + @"\b"
        + @"|\bhow\s+(big|large)\s+is\s+(the|this|my|our)\s+" + EnglishTree + @"\b"
        + @"|\blines\s+of\s+code\b",
        RegexOptions.CultureInvariant)]
    private static partial Regex English();

    [GeneratedRegex(
        @"\b(analiza|analizar|analizame|analices|escanea|resume|resumeme|describe|describeme)\s+(el\s+|este\s+|mi\s+|nuestro\s+|la\s+|esta\s+|todo\s+el\s+)*" + SpanishTree + @"\b"
        + @"|\b(estructura|organizacion|tamano|resumen)\s+(del|de\s+este|de\s+mi|de\s+nuestro|de\s+la|de\s+esta)\s+" + SpanishTree + @"\b"
        + @"|\blineas\s+de\s+codigo\b"
        + @"|\bque\s+tan\s+grande\s+es\s+(el|este|mi)\s+" + SpanishTree + @"\b",
        RegexOptions.CultureInvariant)]
    private static partial Regex Spanish();
}
