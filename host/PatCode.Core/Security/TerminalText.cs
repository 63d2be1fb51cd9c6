namespace PatCode.Core.Security;

/// <summary>Sanitizes whole strings from plugins or models before they are shown; see <see cref="TerminalSanitizer"/>.</summary>
public static class TerminalText
{
    /// <summary>Removes terminal control sequences; newlines and tabs stay.</summary>
    public static string Sanitize(string? text) =>
        string.IsNullOrEmpty(text) ? text ?? "" : new TerminalSanitizer().Sanitize(text);

    /// <summary>Removes control sequences and turns newlines and tabs into spaces, for a value shown on one line (a name, a table cell).</summary>
    public static string SanitizeLine(string? text) =>
        Sanitize(text).Replace('\n', ' ').Replace('\t', ' ');
}
