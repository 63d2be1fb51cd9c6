using PatCode.Cli.Output;

namespace PatCode.Cli.Tests.Output;

public sealed class ConsoleOutputTests
{
    [Test]
    public void ErrorsAndWarnings_KeepPatCodesColours_ButNotTheirTextsControlSequencesOrSecrets()
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var output = new ConsoleOutput(stdout, stderr, interactive: true);

        output.WriteError("plugin \u001b]52;c;cm0gLXJmIH4=\u0007Evil failed: token=ghp_abcdefghijklmnopqrstuvwxyz0123\nsecond line");
        output.WriteWarning("section \u001b[2J'Notes' cut");

        var lines = stderr.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        if (Environment.GetEnvironmentVariable("NO_COLOR") is null)
        {
            Assert.That(lines[0], Does.StartWith("\u001b[31merror: \u001b[0m"), "PatCode's own colour stays");
            Assert.That(lines[1], Does.StartWith("\u001b[33mwarning: \u001b[0m"));
        }

        var texts = lines.Select(l => l.Split("\u001b[0m")[^1].Replace("error: ", "", StringComparison.Ordinal).Replace("warning: ", "", StringComparison.Ordinal)).ToList();
        Assert.That(texts[0], Is.EqualTo("plugin Evil failed: token=[REDACTED] second line"));
        Assert.That(texts[1], Is.EqualTo("section 'Notes' cut"));
        Assert.That(lines, Has.Length.EqualTo(2), "each notice stays one line");
    }

    [Test]
    public void DimLines_AreSanitized()
    {
        using var stdout = new StringWriter();
        var output = new ConsoleOutput(stdout, TextWriter.Null, interactive: false);

        output.WriteDim("plugin \u001b]0;title\u0007Evil loaded");

        Assert.That(stdout.ToString(), Is.EqualTo("plugin Evil loaded\n"));
    }
}
