using PatCode.Chat.Repl.Editing;

namespace PatCode.Chat.Repl;

/// <summary>Lines from the <see cref="LineEditor"/> on the terminal; what is sent goes into its history.</summary>
internal sealed class TerminalLineSource(LineEditor editor) : ILineSource
{
    public Task<string?> ReadLineAsync(string prompt, CancellationToken cancellationToken) =>
        Task.Run<string?>(
            () => editor.ReadLine(prompt, out var text, cancellationToken) switch
            {
                EditorOutcome.Submitted => text,
                EditorOutcome.Interrupted => throw new OperationCanceledException("Ctrl+C at the prompt"),
                _ => null,
            },
            CancellationToken.None);

    public void Remember(string input) => editor.History.Add(input);
}
