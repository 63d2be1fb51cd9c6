using System.Text.RegularExpressions;

namespace PatCode.Testing.Telemetry;

/// <summary>A /metrics scrape in Prometheus' text format, read into metric families and series.</summary>
public sealed partial class PrometheusScrape
{
    private PrometheusScrape(string text)
    {
        Text = text;
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Families = lines.Select(l => TypeLine().Match(l)).Where(m => m.Success).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value, StringComparer.Ordinal);
        Help = lines.Select(l => HelpLine().Match(l)).Where(m => m.Success).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value, StringComparer.Ordinal);
        Series = lines.Where(l => !l.StartsWith('#')).Select(l => l[..l.LastIndexOf(' ')]).ToList();
    }

    public string Text { get; }

    /// <summary>Family name → type (counter, gauge, histogram).</summary>
    public IReadOnlyDictionary<string, string> Families { get; }

    /// <summary>Family name → HELP text.</summary>
    public IReadOnlyDictionary<string, string> Help { get; }

    /// <summary>Every sample's name and labels (value left out): <c>name{label="value",…}</c>.</summary>
    public IReadOnlyList<string> Series { get; }

    public static async Task<PrometheusScrape> GetAsync(Uri endpoint)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        return new PrometheusScrape(await http.GetStringAsync(endpoint).ConfigureAwait(false));
    }

    /// <summary>The exposition text of only the families <paramref name="keep"/> chooses (samples follow their family's TYPE and HELP lines).</summary>
    public string Only(Func<string, bool> keep)
    {
        var kept = new System.Text.StringBuilder();
        var keeping = false;
        foreach (var line in Text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            if (TypeLine().Match(line) is { Success: true } type)
            {
                keeping = keep(type.Groups[1].Value);
            }
            else if (HelpLine().Match(line) is { Success: true } help)
            {
                keeping = keep(help.Groups[1].Value);
            }

            if (keeping)
            {
                kept.Append(line).Append('\n');
            }
        }

        return kept.ToString();
    }

    /// <summary>The values of <paramref name="label"/> on the series of <paramref name="family"/>.</summary>
    public IEnumerable<string> LabelValues(string family, string label) =>
        Series.Where(s => s.StartsWith(family, StringComparison.Ordinal))
            .Select(s => Regex.Match(s, "[{,]" + Regex.Escape(label) + "=\"([^\"]*)\""))
            .Where(m => m.Success)
            .Select(m => m.Groups[1].Value);

    [GeneratedRegex(@"^# TYPE (\S+) (\S+)$")]
    private static partial Regex TypeLine();

    [GeneratedRegex(@"^# HELP (\S+) (.*)$")]
    private static partial Regex HelpLine();
}
