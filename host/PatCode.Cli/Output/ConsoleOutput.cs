using PatCode.Core.Console;
using PatCode.Core.Security;

namespace PatCode.Cli.Output;

/// <summary>
/// Writes to the process's stdout and stderr. Spectre.Console is touched only when stdout is a terminal
/// (through <see cref="SpectreTable"/>, so its assembly is not even loaded otherwise): scripted runs such as
/// <c>patcode plugins list | grep</c> never pay for it.
/// Errors, warnings and dim lines often quote text PatCode did not write (a plugin's name or error, a file
/// name, an exception message), so their text is stripped of control sequences, and in errors and warnings
/// secrets are masked, before PatCode adds its own colours. <see cref="Write"/> and <see cref="WriteLine"/> print what they are given:
/// their callers sanitize what came from elsewhere (a streamed answer needs one sanitizer for the whole stream).
/// </summary>
internal sealed class ConsoleOutput : IUserOutput
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

    public void WriteError(string text) => WriteStyled(_error, "error: ", Notice(text), "\u001b[31m");

    public void WriteWarning(string text) => WriteStyled(_error, "warning: ", Notice(text), "\u001b[33m");

    public void WriteDim(string text)
    {
        text = TerminalText.Sanitize(text);
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

    /// <summary>An error or warning is one line, inert, and never shows a secret.</summary>
    private static string Notice(string text) => SecretRedactor.Redact(TerminalText.SanitizeLine(text));

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
