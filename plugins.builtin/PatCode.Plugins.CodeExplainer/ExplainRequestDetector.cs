using System.Text.RegularExpressions;
using PatCode.Plugins.Shared;

namespace PatCode.Plugins.CodeExplainer;

/// <summary>
/// Recognises a request to explain code, in English or Spanish, on accent- and case-folded text.
/// A request that names code ("explain this function", "qué hace este código") always counts. One that only
/// points at something ("explain this", "explícame esto") counts only when there is code to point at: a
/// fenced block in the message or a loaded file. "Analyze" needs a code noun, so "analyze the project"
/// stays FileAnalyzer's.
/// </summary>
internal static partial class ExplainRequestDetector
{
    public static bool IsExplainRequest(string input, bool hasLoadedFiles, out RequestLanguage language)
    {
        language = RequestLanguage.English;
        if (string.IsNullOrWhiteSpace(input))
        {
            return false;
        }

        var folded = TextNormalizer.Fold(input);
        var hasCode = hasLoadedFiles || folded.Contains("```", StringComparison.Ordinal) || folded.Contains("~~~", StringComparison.Ordinal);
        if (SpanishNamingCode().IsMatch(folded) || (hasCode && SpanishPointing().IsMatch(folded)))
        {
            language = RequestLanguage.Spanish;
            return true;
        }

        if (EnglishNamingCode().IsMatch(folded) || (hasCode && EnglishPointing().IsMatch(folded)))
        {
            return true;
        }

        // "explain:" or "explica" followed by a pasted block is a request even without a noun.
        if (hasCode && BareVerb().Match(folded) is { Success: true } bare)
        {
            language = bare.Groups["es"].Success ? RequestLanguage.Spanish : RequestLanguage.English;
            return true;
        }

        return false;
    }

    private const string EnglishCodeNoun = @"(?:code|snippet|function|method|class|script|program|file|query|regex|algorithm|loop|lines?|block|module)";
    private const string SpanishCodeNoun = @"(?:codigo|fragmento|funcion|metodo|clase|script|programa|archivo|fichero|consulta|regex|algoritmo|bucle|lineas?|bloque|modulo)";
    private const string EnglishExplainVerb = @"(?:explain|explaining|describe|walk\s+me\s+through|break\s+down|help\s+me\s+understand)";
    private const string SpanishExplainVerb = @"(?:explica|explicame|explicar|explicarme|explicas|explique|expliqueme|describe|describeme|desglosa|ayudame\s+a\s+entender)";

    [GeneratedRegex(
        @"\b" + EnglishExplainVerb + @"\b[^.?!]{0,60}?\b" + EnglishCodeNoun + @"\b"
        + @"|\b(analy[sz]e|review|go\s+through)\b[^.?!]{0,40}?\b" + EnglishCodeNoun + @"\b"
        + @"|\bwhat\s+(does|do|is)\s+(this|that|the|these|my)\s+(\w+\s+){0,2}?" + EnglishCodeNoun + @"\s+(do|doing|for|mean)\b"
        + @"|\bhow\s+does\s+(this|that|the|my)\s+(\w+\s+){0,2}?" + EnglishCodeNoun + @"\s+work\b",
        RegexOptions.CultureInvariant)]
    private static partial Regex EnglishNamingCode();

    [GeneratedRegex(
        @"\b" + EnglishExplainVerb + @"\b[^.?!]{0,30}?\b(this|that|it|these|following)\b"
        + @"|\bwhat\s+does\s+(this|that|it)\s+do\b"
        + @"|\bhow\s+does\s+(this|that|it)\s+work\b",
        RegexOptions.CultureInvariant)]
    private static partial Regex EnglishPointing();

    [GeneratedRegex(
        @"\b" + SpanishExplainVerb + @"\b[^.?!]{0,60}?\b" + SpanishCodeNoun + @"\b"
        + @"|\b(analiza|analizar|analizame|analices|revisa|revisar)\b[^.?!]{0,40}?\b" + SpanishCodeNoun + @"\b"
        + @"|\bque\s+(hace|hacen|significa)\s+(este|esta|estos|estas|el|la|mi|los|las)\s+(\w+\s+){0,2}?" + SpanishCodeNoun + @"\b"
        + @"|\bcomo\s+funciona\s+(este|esta|el|la|mi)\s+(\w+\s+){0,2}?" + SpanishCodeNoun + @"\b",
        RegexOptions.CultureInvariant)]
    private static partial Regex SpanishNamingCode();

    [GeneratedRegex(
        @"\b" + SpanishExplainVerb + @"\b[^.?!]{0,30}?\b(esto|este|esta|estas|estos|eso|siguiente|lo)\b"
        + @"|\bque\s+(hace|significa)\s+(esto|eso)\b"
        + @"|\bcomo\s+funciona\s+(esto|eso)\b",
        RegexOptions.CultureInvariant)]
    private static partial Regex SpanishPointing();

    [GeneratedRegex(@"\b((?<es>explica|explicame|explicar|analiza|que\s+hace)|explain|analy[sz]e|what\s+does)\b", RegexOptions.CultureInvariant)]
    private static partial Regex BareVerb();
}
