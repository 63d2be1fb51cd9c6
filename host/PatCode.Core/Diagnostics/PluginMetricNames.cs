using System.Collections.Concurrent;
using System.Text;

namespace PatCode.Core.Diagnostics;

/// <summary>
/// Names for the metrics plugins record through IPluginTelemetry: <c>patcode.plugin.&lt;plugin&gt;.&lt;metric&gt;</c>,
/// both parts in snake_case, on a meter <c>PatCode.Plugins.&lt;plugin&gt;</c> and with the plugin as the
/// <c>plugin</c> label. Whatever a plugin passes, the name is a valid OpenTelemetry instrument name, passes
/// <c>promtool check metrics</c> once Prometheus adds its suffixes, and is the plugin's alone:
/// <list type="bullet">
/// <item>words promtool rejects (abbreviated or non-base units such as <c>ms</c> or <c>minutes</c>, metric
/// types) are joined to their neighbour: <c>read_ms</c> becomes <c>readms</c>;</item>
/// <item>a trailing <c>_total</c>, <c>_seconds</c>, <c>_count</c>, <c>_sum</c> or <c>_bucket</c> is dropped
/// (Prometheus adds its own), and a name still ending in one of those letters gets <c>_value</c>, so no two
/// instruments' Prometheus series can coincide;</item>
/// <item>PatCode's own <c>patcode.plugin.executions</c> and <c>.duration</c> are one word after the prefix,
/// which no plugin name (two parts) can produce;</item>
/// <item>two plugins (or two metric names of one plugin) that come out the same are told apart by a short
/// hash of the original names on the second one's name; names stay claimed for the process, so a reloaded
/// plugin continues its own series.</item>
/// </list>
/// </summary>
public static class PluginMetricNames
{
    /// <summary>The label every plugin measurement carries, holding the plugin's name as the plugin gives it.</summary>
    public const string PluginTag = "plugin";

    /// <summary>Every plugin's meter is called <c>PatCode.Plugins.&lt;plugin&gt;</c>.</summary>
    public const string MeterPrefix = "PatCode.Plugins.";

    private const int MaxPluginLength = 60;
    private const int MaxMetricLength = 120;

    // Prometheus adds these to the names it exposes; a name of ours ending in one could meet another's series.
    private static readonly string[] ReservedEndings = ["total", "seconds", "count", "sum", "bucket"];

    // Words promtool's lint rejects inside a metric name: abbreviated units, non-base units and metric types.
    private static readonly HashSet<string> LintedWords = new(StringComparer.Ordinal)
    {
        "s", "ms", "us", "ns", "sec", "b", "kb", "mb", "gb", "tb", "pb", "m", "h", "d",
        "counter", "gauge", "histogram", "summary",
    };

    private static readonly string[] NonBaseUnits =
        ["minutes", "hours", "days", "weeks", "kelvins", "fahrenheit", "rankine", "inches", "yards", "miles", "bits", "calories", "pounds", "ounces"];

    private static readonly string[] BaseUnits = ["amperes", "bytes", "celsius", "grams", "joules", "kelvin", "meters", "metres", "seconds", "volts"];

    private static readonly string[] UnitPrefixes =
        ["pico", "nano", "micro", "milli", "centi", "deci", "deca", "hecto", "kilo", "kibi", "mega", "mibi", "giga", "gibi", "tera", "tebi", "peta", "pebi"];

    // Prometheus form of a claimed name (dots as underscores) → the plugin and metric it belongs to.
    private static readonly ConcurrentDictionary<string, string> Owners = new(StringComparer.Ordinal);

    /// <summary>The meter of <paramref name="plugin"/>: <c>PatCode.Plugins.</c> and the name with characters meters do not take as '_'.</summary>
    public static string MeterName(string plugin)
    {
        ArgumentNullException.ThrowIfNull(plugin);
        var builder = new StringBuilder(MeterPrefix, MeterPrefix.Length + plugin.Length);
        foreach (var c in plugin.Trim())
        {
            builder.Append(char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '-' ? c : '_');
        }

        return builder.ToString();
    }

    /// <summary>The instrument name for <paramref name="metric"/> of <paramref name="plugin"/>, the same for the same pair all process long.</summary>
    public static string For(string plugin, string metric)
    {
        ArgumentNullException.ThrowIfNull(plugin);
        ArgumentNullException.ThrowIfNull(metric);
        var owner = plugin + "\n" + metric;
        var name = InstrumentNames.PluginMetricPrefix + Segment(plugin, MaxPluginLength, "plugin") + "." + MetricSegment(metric);
        if (Claim(name, owner))
        {
            return name;
        }

        // Taken by another plugin or metric: a hash of the original names sets this one apart, the same in every run.
        var hashed = name + "_" + Hash(owner);
        var candidate = hashed;
        for (var n = 2; !Claim(candidate, owner); n++)
        {
            candidate = hashed + "_" + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return candidate;
    }

    /// <summary><paramref name="text"/> in snake_case: lower-case ASCII letters and digits, one '_' between words.</summary>
    public static string SnakeCase(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var builder = new StringBuilder(text.Length + 8);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsAsciiLetterUpper(c))
            {
                // A new word starts at "aB", "1B" and at the last capital of an acronym ("HTTPServer" → http_server).
                var previous = i > 0 ? text[i - 1] : '\0';
                var next = i + 1 < text.Length ? text[i + 1] : '\0';
                if (char.IsAsciiLetterLower(previous) || char.IsAsciiDigit(previous) || (char.IsAsciiLetterUpper(previous) && char.IsAsciiLetterLower(next)))
                {
                    Separate(builder);
                }

                builder.Append(char.ToLowerInvariant(c));
            }
            else if (char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c))
            {
                builder.Append(c);
            }
            else
            {
                Separate(builder);
            }
        }

        return builder.ToString().TrimEnd('_');
    }

    private static void Separate(StringBuilder builder)
    {
        if (builder.Length > 0 && builder[^1] != '_')
        {
            builder.Append('_');
        }
    }

    private static string MetricSegment(string metric)
    {
        var words = Words(metric, MaxMetricLength);
        while (words.Count > 1 && ReservedEndings.Contains(words[^1], StringComparer.Ordinal))
        {
            words.RemoveAt(words.Count - 1);
        }

        var segment = Join(words, "value");
        return ReservedEndings.Any(ending => segment.EndsWith(ending, StringComparison.Ordinal)) ? segment + "_value" : segment;
    }

    private static string Segment(string text, int maxLength, string fallback) => Join(Words(text, maxLength), fallback);

    private static List<string> Words(string text, int maxLength)
    {
        var snake = SnakeCase(text);
        if (snake.Length > maxLength)
        {
            snake = snake[..maxLength].TrimEnd('_');
        }

        return snake.Length == 0 ? [] : [.. snake.Split('_')];
    }

    /// <summary>
    /// Joins the words with '_'. A word promtool would reject is glued to the word before it (or after it) until
    /// none is left; a lone such word gets <paramref name="fallback"/> glued on.
    /// </summary>
    private static string Join(List<string> words, string fallback)
    {
        if (words.Count == 0)
        {
            return fallback;
        }

        while (words.Count > 1 && words.FindIndex(IsLinted) is var linted and >= 0)
        {
            var at = Math.Max(linted, 1);
            words[at - 1] += words[at];
            words.RemoveAt(at);
        }

        return words.Count == 1 && IsLinted(words[0]) ? words[0] + fallback : string.Join('_', words);
    }

    private static bool IsLinted(string word)
    {
        if (LintedWords.Contains(word) || NonBaseUnits.Contains(word, StringComparer.Ordinal))
        {
            return true;
        }

        foreach (var prefix in UnitPrefixes)
        {
            if (word.StartsWith(prefix, StringComparison.Ordinal) && word.Length > prefix.Length)
            {
                var unit = word[prefix.Length..];
                if (BaseUnits.Contains(unit, StringComparer.Ordinal) || NonBaseUnits.Contains(unit, StringComparer.Ordinal))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool Claim(string name, string owner) =>
        string.Equals(Owners.GetOrAdd(name.Replace('.', '_'), owner), owner, StringComparison.Ordinal);

    /// <summary>FNV-1a over the UTF-8 bytes: stable across runs and machines, unlike string.GetHashCode.</summary>
    private static string Hash(string text)
    {
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            hash = (hash ^ b) * 16777619u;
        }

        return hash.ToString("x8", System.Globalization.CultureInfo.InvariantCulture);
    }
}
