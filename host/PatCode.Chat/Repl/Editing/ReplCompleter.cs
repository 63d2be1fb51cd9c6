using System.Text.RegularExpressions;
using PatCode.Core.Commands;

namespace PatCode.Chat.Repl.Editing;

/// <summary>
/// Tab completion in the REPL: slash commands (the host's, the chat's and the plugins'), their subcommands as
/// their usage lines spell them, plugin names after <c>/plugins enable|disable|info|isolate|uninstall</c>, model
/// names after <c>/model</c> (Ollama's list, fetched once per session), and file paths after <c>/load</c>,
/// <c>/unload</c>, <c>/analyze</c>, <c>/export</c> and <c>/plugins install</c>.
/// </summary>
internal sealed partial class ReplCompleter : ICompleter
{
    private const int MaxPaths = 500;
    private static readonly TimeSpan ModelWait = TimeSpan.FromSeconds(1);

    // Subcommands completion offers whether or not this build's usage lines list them yet.
    private static readonly string[] KnownSubcommands = ["plugins isolate <name>"];

    private static readonly HashSet<string> TakesPluginName = new(StringComparer.OrdinalIgnoreCase)
    {
        "plugins enable", "plugins disable", "plugins info", "plugins isolate", "plugins uninstall",
    };

    private static readonly HashSet<string> TakesPath = new(StringComparer.OrdinalIgnoreCase)
    {
        "load", "unload", "analyze", "export", "plugins install",
    };

    private readonly ReplCompletionSources _sources;
    private readonly object _gate = new();
    private Task<IReadOnlyList<string>>? _models;

    public ReplCompleter(ReplCompletionSources sources)
    {
        _sources = sources;
    }

    public CompletionResult Complete(string beforeCursor)
    {
        if (!beforeCursor.StartsWith('/') || beforeCursor.Contains('\n', StringComparison.Ordinal))
        {
            return CompletionResult.None;
        }

        var lastSpace = beforeCursor.LastIndexOf(' ');
        if (lastSpace < 0)
        {
            return new CompletionResult(0, Matching(CommandNames().Select(n => "/" + n), beforeCursor));
        }

        var words = beforeCursor[1..lastSpace].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var path = string.Join(' ', words);
        var word = beforeCursor[(lastSpace + 1)..];
        var candidates = new List<string>(Subcommands(path));
        if (TakesPluginName.Contains(path))
        {
            candidates.AddRange(_sources.PluginNames());
        }

        if (string.Equals(path, "model", StringComparison.OrdinalIgnoreCase))
        {
            candidates.AddRange(Models());
        }

        if (string.Equals(path, "unload", StringComparison.OrdinalIgnoreCase))
        {
            candidates.AddRange(_sources.LoadedFiles());
        }

        if (TakesPath.Contains(path))
        {
            candidates.AddRange(Paths(word));
        }

        return new CompletionResult(lastSpace + 1, Matching(candidates, word));
    }

    private static List<string> Matching(IEnumerable<string> candidates, string word) =>
        candidates.Where(c => c.StartsWith(word, StringComparison.OrdinalIgnoreCase) && c.Length > 0)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();

    private IEnumerable<string> CommandNames() =>
        _sources.Commands().SelectMany(c => c.Aliases.Prepend(c.Name)).Where(n => Word().IsMatch(n))
            .Concat(_sources.PluginCommands())
            .Append("bye");

    /// <summary>The literal words that may follow <paramref name="path"/> (e.g. "plugins" → list, info, enable…).</summary>
    private IEnumerable<string> Subcommands(string path)
    {
        var prefix = path.Split(' ');
        var command = _sources.Commands().FirstOrDefault(c => c.Aliases.Prepend(c.Name).Contains(prefix[0], StringComparer.OrdinalIgnoreCase));
        var usages = (command?.Usage ?? []).Concat(KnownSubcommands.Where(k => string.Equals(k.Split(' ')[0], command?.Name, StringComparison.OrdinalIgnoreCase)));
        foreach (var usage in usages)
        {
            var tokens = usage.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (tokens.Length <= prefix.Length || !string.Equals(tokens[0], command!.Name, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var matches = true;
            for (var i = 1; i < prefix.Length && matches; i++)
            {
                matches = string.Equals(tokens[i], prefix[i], StringComparison.OrdinalIgnoreCase);
            }

            if (!matches)
            {
                continue;
            }

            // "enable" is a subcommand; "[info|warning|error]" offers each choice; "<name>" or "[file]" offers nothing.
            var next = tokens[prefix.Length].Trim('[', ']');
            foreach (var choice in next.Split('|'))
            {
                if (Word().IsMatch(choice))
                {
                    yield return choice;
                }
            }
        }
    }

    private IReadOnlyList<string> Models()
    {
        Task<IReadOnlyList<string>> models;
        lock (_gate)
        {
            // Fetched once; a failure (Ollama down) is forgotten so the next Tab asks again.
            if (_models is null || _models.IsFaulted || _models.IsCanceled)
            {
                _models = _sources.ModelNames(CancellationToken.None);
            }

            models = _models;
        }

        try
        {
            return models.Wait(ModelWait) ? models.Result : [];
        }
        catch (AggregateException)
        {
            return [];
        }
    }

    private IEnumerable<string> Paths(string word)
    {
        var expanded = word.StartsWith("~/", StringComparison.Ordinal)
            ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), word[2..])
            : word;
        var slash = word.LastIndexOf('/');
        var typedFolder = slash < 0 ? "" : word[..(slash + 1)];
        var folder = Path.Combine(_sources.WorkingDirectory, slash < 0 ? "." : expanded[..(expanded.LastIndexOf('/') + 1)]);
        var prefix = word[(slash + 1)..];
        if (!Directory.Exists(folder))
        {
            return [];
        }

        try
        {
            return new DirectoryInfo(folder).EnumerateFileSystemInfos()
                .Where(e => e.Name.StartsWith(prefix, StringComparison.Ordinal) && (prefix.StartsWith('.') || !e.Name.StartsWith('.')))
                .Take(MaxPaths)
                .Select(e => typedFolder + e.Name + (e is DirectoryInfo ? "/" : ""))
                .ToList();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    [GeneratedRegex("^[a-z][a-z0-9-]*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Word();
}
