using System.Text.RegularExpressions;

namespace PatCode.Plugins.CodeExplainer;

/// <summary>
/// Recognises a request to explain code, in English or Spanish, on accent- and case-folded text.
/// "Analyze" alone is not enough (that is FileAnalyzer's "analyze the project"): it needs a code noun.
/// </summary>
internal static partial class ExplainRequestDetector
{
    public static bool IsExplainRequest(string input, out RequestLanguage language)
    {
        language = RequestLanguage.English;
        if (string.IsNullOrWhiteSpace(input))
        {
            return false;
        }

        var folded = TextNormalizer.Fold(input);
        if (SpanishRequest().IsMatch(folded))
        {
            language = RequestLanguage.Spanish;
            return true;
        }

        if (EnglishRequest().IsMatch(folded))
        {
            return true;
        }

        // "explain:" or "explica" followed by a pasted block is a request even without a code noun.
        if (folded.Contains("```", StringComparison.Ordinal) && BareVerb().Match(folded) is { Success: true } bare)
        {
            language = bare.Groups["es"].Success ? RequestLanguage.Spanish : RequestLanguage.English;
            return true;
        }

        return false;
    }

    private const string EnglishCodeNoun = @"(?:code|snippet|function|method|class|script|program|file|query|regex|algorithm|loop|lines?|block|module)";
    private const string SpanishCodeNoun = @"(?:codigo|fragmento|funcion|metodo|clase|script|programa|archivo|fichero|consulta|regex|algoritmo|bucle|lineas?|bloque|modulo)";

    [GeneratedRegex(
        @"\b(explain|explaining|describe|walk\s+me\s+through|break\s+down|help\s+me\s+understand)\b[^.?!]{0,60}?\b(" + EnglishCodeNoun + @"|this|that|it|these|following)\b"
        + @"|\b(analy[sz]e|review|go\s+through)\b[^.?!]{0,40}?\b" + EnglishCodeNoun + @"\b"
        + @"|\bwhat\s+(does|do|is)\s+(this|that|the|these|my)\s+(\w+\s+){0,2}?" + EnglishCodeNoun + @"\s+(do|doing|for|mean)\b"
        + @"|\bwhat\s+does\s+(this|that|it)\s+do\b"
        + @"|\bhow\s+does\s+(this|that|the|my)\s+(\w+\s+){0,2}?" + EnglishCodeNoun + @"\s+work\b",
        RegexOptions.CultureInvariant)]
    private static partial Regex EnglishRequest();

    [GeneratedRegex(
        @"\b(explica|explicame|explicar|explicarme|explicas|explique|expliqueme|describe|describeme|desglosa|ayudame\s+a\s+entender)\b[^.?!]{0,60}?\b(" + SpanishCodeNoun + @"|esto|este|esta|estas|estos|eso|siguiente)\b"
        + @"|\b(analiza|analizar|analizame|analices|revisa|revisar)\b[^.?!]{0,40}?\b" + SpanishCodeNoun + @"\b"
        + @"|\bque\s+(hace|hacen|significa)\s+(este|esta|estos|estas|el|la|mi|los|las|esto)\b"
        + @"|\bcomo\s+funciona\s+(este|esta|el|la|mi|esto)\b",
        RegexOptions.CultureInvariant)]
    private static partial Regex SpanishRequest();

    [GeneratedRegex(@"\b((?<es>explica|explicame|explicar|analiza|que\s+hace)|explain|analy[sz]e|what\s+does)\b", RegexOptions.CultureInvariant)]
    private static partial Regex BareVerb();
}
