namespace PatCode.Packages;

/// <summary>
/// The words of a feed verb: its plain arguments and the flags every feed verb takes (--source, --prerelease),
/// plus --replace and --all where they apply.
/// </summary>
internal sealed record FeedOptions(IReadOnlyList<string> Arguments, string? Source, bool Prerelease, bool Replace, bool All)
{
    public static FeedOptions? Parse(IReadOnlyList<string> words, out string? error)
    {
        error = null;
        var arguments = new List<string>();
        string? source = null;
        bool prerelease = false, replace = false, all = false;
        for (var i = 0; i < words.Count; i++)
        {
            switch (words[i])
            {
                case "--source" when i + 1 < words.Count && !words[i + 1].StartsWith("--", StringComparison.Ordinal):
                    source = words[++i];
                    break;
                case "--source":
                    error = "--source needs a feed: a source name from your nuget.config, a URL or a folder";
                    return null;
                case "--prerelease":
                    prerelease = true;
                    break;
                case "--replace":
                    replace = true;
                    break;
                case "--all":
                    all = true;
                    break;
                case var flag when flag.StartsWith("--", StringComparison.Ordinal):
                    error = $"unknown flag '{flag}'";
                    return null;
                default:
                    arguments.Add(words[i]);
                    break;
            }
        }

        return new FeedOptions(arguments, source, prerelease, replace, all);
    }
}
