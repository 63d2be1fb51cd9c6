using PatCode.Chat.Repl;

namespace PatCode.Chat.Tests.Support;

/// <summary>An <see cref="ILineSource"/> that hands out given lines (as the editor would, pastes included) and records the prompts.</summary>
internal sealed class ScriptedLines(params string[] lines) : ILineSource
{
    private readonly Queue<string> _lines = new(lines);

    public List<string> Prompts { get; } = [];

    public List<string> Remembered { get; } = [];

    public Task<string?> ReadLineAsync(string prompt, CancellationToken cancellationToken)
    {
        Prompts.Add(prompt);
        return Task.FromResult(_lines.TryDequeue(out var line) ? line : null);
    }

    public void Remember(string input) => Remembered.Add(input);
}
