namespace PatCode.Core.Console;

/// <summary>
/// Writes to the process's stdout and stderr. Spectre.Console is touched only when stdout is a terminal
/// (through <see cref="SpectreTable"/>, so its assembly is not even loaded otherwise): scripted runs such as
/// <c>patcode plugins list | grep</c> never pay for it.
/// </summary>
public sealed class ConsoleOutput : IUserOutput
{
    private readonly TextWriter _out;
    private readonly TextWriter _error;
    private readonly bool _colour;

    public ConsoleOutput()
        : this(System.Console.Out, System.Console.Error, !System.Console.IsOutputRedirected)
    {
    }

    public ConsoleOutput(TextWriter output, TextWriter error, bool interactive)
    {
        _out = output;
        _error = error;
        IsInteractive = interactive;
        _colour = interactive && Environment.GetEnvironmentVariable("NO_COLOR") is null;
    }

    public bool IsInteractive { get; }

    public void WriteLine(string text = "") => _out.WriteLine(text);

    public void Write(string text)
    {
        _out.Write(text);
        _out.Flush();
    }

    public void WriteError(string text) => WriteStyled(_error, "error: ", text, "\u001b[31m");

    public void WriteWarning(string text) => WriteStyled(_error, "warning: ", text, "\u001b[33m");

    public void WriteDim(string text)
    {
        if (_colour)
        {
            _out.WriteLine($"\u001b[2m{text}\u001b[0m");
        }
        else
        {
            _out.WriteLine(text);
        }
    }

    public void WriteTable(TextTable table)
    {
        if (!IsInteractive)
        {
            _out.Write(table.ToPlainText());
            return;
        }

        SpectreTable.Write(table);
    }

    private void WriteStyled(TextWriter writer, string prefix, string text, string ansi)
    {
        if (_colour)
        {
            writer.WriteLine($"{ansi}{prefix}\u001b[0m{text}");
        }
        else
        {
            writer.WriteLine(prefix + text);
        }
    }
}
