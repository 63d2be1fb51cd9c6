namespace PatCode.Core.Commands;

/// <summary>Finds the known names closest to a mistyped one, for "did you mean …" hints.</summary>
public static class NameSuggestions
{
    public static IReadOnlyList<string> Closest(string typed, IEnumerable<string> known, int max = 3)
    {
        var lowered = typed.ToLowerInvariant();
        return known
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Select(name => (name, distance: Distance(lowered, name.ToLowerInvariant())))
            .Where(c => c.distance <= Math.Max(2, c.name.Length / 3) || c.name.Contains(lowered, StringComparison.OrdinalIgnoreCase))
            .OrderBy(c => c.distance)
            .ThenBy(c => c.name, StringComparer.OrdinalIgnoreCase)
            .Take(max)
            .Select(c => c.name)
            .ToList();
    }

    /// <summary>"Did you mean: a, b?" or an empty string when nothing is close.</summary>
    public static string Hint(string typed, IEnumerable<string> known)
    {
        var closest = Closest(typed, known);
        return closest.Count == 0 ? "" : $" Did you mean: {string.Join(", ", closest)}?";
    }

    internal static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
