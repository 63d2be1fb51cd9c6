namespace PatCode.Chat.Repl.Editing;

/// <summary>What Tab can put in place of the text from <paramref name="Start"/> to the cursor.</summary>
/// <param name="Start">Where the word being completed starts.</param>
/// <param name="Candidates">Whole replacements for that word, sorted.</param>
internal sealed record CompletionResult(int Start, IReadOnlyList<string> Candidates)
{
    public static CompletionResult None { get; } = new(0, []);
}
