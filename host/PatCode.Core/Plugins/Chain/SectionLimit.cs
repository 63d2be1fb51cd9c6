using Microsoft.Extensions.Logging;

namespace PatCode.Core.Plugins.Chain;

/// <summary>
/// The most text one context section may hold. A plugin may try to add far more (a whole log, 50 MB of
/// anything): the excess is cut off before the section is even stored, with a warning in the plugin's log and a
/// marker the model sees, so one section can fill neither the memory nor, later, the prompt.
/// </summary>
internal static class SectionLimit
{
    /// <summary>1 MiB of text, far beyond any context window: the prompt cuts such a section again, to its plugin's share.</summary>
    public const int MaxChars = 1024 * 1024;

    public const string Marker = "\n[…cut: a context section holds at most 1 MB of text]";

    /// <summary><paramref name="content"/>, or its first <see cref="MaxChars"/> characters and the <see cref="Marker"/>.</summary>
    public static string Apply(string content, string title, ILogger logger)
    {
        if (content.Length <= MaxChars)
        {
            return content;
        }

        logger.LogWarning("Section '{Title}' holds {Length} characters; it was cut to {Max}, the most a section may hold", title, content.Length, MaxChars);
        var keep = char.IsHighSurrogate(content[MaxChars - 1]) ? MaxChars - 1 : MaxChars;
        return string.Concat(content.AsSpan(0, keep), Marker);
    }
}
