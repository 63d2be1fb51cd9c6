using System.Diagnostics.CodeAnalysis;

namespace PatCode.Core.Plugins;

/// <summary>
/// The rule every plugin name obeys, wherever it comes from (plugin.json, <c>[PatCodePlugin]</c>, or a name
/// the user types): 1 to 64 ASCII letters, digits, <c>.</c>, <c>-</c> and <c>_</c>, not starting with <c>.</c>.
/// Names become folder names and keys of plugins.json, so <c>..</c>, <c>.</c> or a hidden name must never
/// get that far. Names are compared without regard to case.
/// </summary>
public static class PluginName
{
    public const int MaxLength = 64;

    /// <summary>How plugin names are compared: <c>Alpha</c> and <c>alpha</c> are the same plugin.</summary>
    public static StringComparer Comparer => StringComparer.OrdinalIgnoreCase;

    public static bool IsValid([NotNullWhen(true)] string? name) =>
        name is { Length: > 0 and <= MaxLength } && name[0] != '.' && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_');

    /// <summary>Why <paramref name="name"/> is not a plugin name, as the end of a sentence; <see langword="null"/> when it is one.</summary>
    public static string? Validate(string? name) =>
        IsValid(name) ? null : $"'{Printable(name)}' is not a valid plugin name: use 1 to {MaxLength} letters, digits, '.', '-' or '_', not starting with '.'";

    public static bool AreSame(string? a, string? b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

    /// <summary>The name as it can be shown in an error: control characters replaced and cut short.</summary>
    private static string Printable(string? name)
    {
        if (name is null)
        {
            return "";
        }

        var shown = string.Concat(name.Take(MaxLength + 16).Select(c => char.IsControl(c) ? '?' : c));
        return shown.Length < name.Length ? shown + "…" : shown;
    }
}
