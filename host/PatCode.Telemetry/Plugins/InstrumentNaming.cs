using System.Text;

namespace PatCode.Telemetry.Plugins;

/// <summary>
/// OpenTelemetry only accepts instrument names of letters, digits and <c>_ . - /</c>, starting with a letter
/// and at most 255 long; other characters in a plugin's or metric's name become '_'.
/// </summary>
internal static class InstrumentNaming
{
    private const int MaxLength = 255;

    public static string Sanitize(string name)
    {
        var builder = new StringBuilder(name.Length);
        foreach (var c in name.Trim())
        {
            builder.Append(char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '-' or '/' ? c : '_');
        }

        if (builder.Length == 0 || !char.IsAsciiLetter(builder[0]))
        {
            builder.Insert(0, 'p');
        }

        return builder.Length > MaxLength ? builder.ToString(0, MaxLength) : builder.ToString();
    }

    public static string Prefixed(string pluginPrefix, string metric)
    {
        var name = pluginPrefix + "." + Sanitize(metric);
        return name.Length > MaxLength ? name[..MaxLength] : name;
    }
}
