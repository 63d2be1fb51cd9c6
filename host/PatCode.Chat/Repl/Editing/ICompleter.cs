namespace PatCode.Chat.Repl.Editing;

/// <summary>Tab completion for the line editor.</summary>
internal interface ICompleter
{
    /// <summary>The candidates for the word that ends at the cursor; <paramref name="beforeCursor"/> is the text up to it.</summary>
    CompletionResult Complete(string beforeCursor);
}
