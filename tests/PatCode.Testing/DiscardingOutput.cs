using PatCode.Core.Console;

namespace PatCode.Testing;

/// <summary>Output that goes nowhere, so terminal speed does not count in a figure.</summary>
public sealed class DiscardingOutput : IUserOutput
{
    public bool IsInteractive => false;

    public void WriteLine(string text = "")
    {
    }

    public void Write(string text)
    {
    }

    public void WriteError(string text)
    {
    }

    public void WriteWarning(string text)
    {
    }

    public void WriteDim(string text)
    {
    }

    public void WriteTable(TextTable table)
    {
    }
}
