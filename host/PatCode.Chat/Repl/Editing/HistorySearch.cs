namespace PatCode.Chat.Repl.Editing;

/// <summary>Ctrl+R: the newest history entry containing what was typed; Ctrl+R again goes to older ones.</summary>
internal sealed class HistorySearch(InputHistory history, string original)
{
    private string _query = "";
    private int _index = history.Count;
    private bool _failed;

    /// <summary>The line as it was before the search, restored by Ctrl+G or Esc.</summary>
    public string Original { get; } = original;

    public string? Match => _index < history.Count ? history[_index] : null;

    /// <summary>Where the query is in the match (the cursor goes there).</summary>
    public int MatchPosition => Match is { } match ? Math.Max(0, match.IndexOf(_query, StringComparison.OrdinalIgnoreCase)) : 0;

    public string Prompt => $"({(_failed ? "failed " : "")}reverse-i-search)`{_query}': ";

    public void Append(string text)
    {
        _query += text;
        Find(from: Match is not null && Match.Contains(_query, StringComparison.OrdinalIgnoreCase) ? _index : _index - 1);
    }

    public void RemoveLast()
    {
        if (_query.Length > 0)
        {
            _query = _query[..^1];
            Find(from: history.Count - 1);
        }
    }

    public void Older() => Find(from: _index - 1);

    private void Find(int from)
    {
        for (var i = Math.Min(from, history.Count - 1); i >= 0; i--)
        {
            if (history[i].Contains(_query, StringComparison.OrdinalIgnoreCase))
            {
                _index = i;
                _failed = false;
                return;
            }
        }

        // Nothing matches: the last match stays shown, as in readline.
        _failed = _query.Length > 0;
    }
}
