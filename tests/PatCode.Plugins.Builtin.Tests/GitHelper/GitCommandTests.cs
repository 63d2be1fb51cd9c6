using PatCode.Plugins.Builtin.Tests.Support;
using PatCode.Plugins.GitHelper;
using PatCode.Sdk;
using PatCode.Sdk.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace PatCode.Plugins.Builtin.Tests.GitHelper;

public sealed class GitCommandTests
{
    private TemporaryDirectory _temp = null!;

    [SetUp]
    public void SetUp()
    {
        _temp = new TemporaryDirectory("patcode-gitcmd");
        using var repository = GitTestRepository.Init(_temp.Path);
        GitTestRepository.Commit(repository, "a.txt", "a1\n", "First");
        GitTestRepository.Commit(repository, "b.txt", "b1\n", "Second");
        GitTestRepository.Commit(repository, "src/c.txt", "c1\n", "Third");
    }

    [TearDown]
    public void TearDown() => _temp.Dispose();

    [Test]
    public async Task Status_CleanRepository_ShowsBranchAndCommits()
    {
        var output = await RunAsync(_temp.Path, "status");

        Assert.That(output, Does.Contain("Working tree clean.").And.Contain("Third").And.Contain("First"));
    }

    [Test]
    public async Task Log_WithCount_ShowsThatManyNewestFirst()
    {
        var output = await RunAsync(_temp.Path, "log", "2");

        var lines = output.Split('\n');
        Assert.That(lines, Has.Length.EqualTo(2));
        Assert.Multiple(() =>
        {
            Assert.That(lines[0], Does.EndWith("Ada Tester: Third"));
            Assert.That(lines[1], Does.EndWith("Ada Tester: Second"));
        });
    }

    [Test]
    public async Task Log_NotANumber_SaysHowToWriteIt()
    {
        var output = await RunAsync(_temp.Path, "log", "many");

        Assert.That(output, Is.EqualTo("'many' is not a number of commits; use a whole number such as /git log 20."));
    }

    [Test]
    public async Task Diff_WithPathFromASubfolder_ShowsOnlyThatFile()
    {
        _temp.WriteFile("a.txt", "a2\n");
        _temp.WriteFile("src/c.txt", "c2\n");

        var output = await RunAsync(_temp.Combine("src"), "diff", "c.txt");

        Assert.Multiple(() =>
        {
            Assert.That(output, Does.Contain("+++ b/src/c.txt").And.Contain("-c1").And.Contain("+c2"));
            Assert.That(output, Does.Not.Contain("a.txt"));
        });
    }

    [Test]
    public async Task Diff_NoPath_ShowsStagedAndUnstagedChanges()
    {
        _temp.WriteFile("a.txt", "a2\n");
        _temp.WriteFile("b.txt", "b2\n");
        using (var repository = new LibGit2Sharp.Repository(_temp.Path))
        {
            LibGit2Sharp.Commands.Stage(repository, "b.txt");
        }

        var output = await RunAsync(_temp.Path, "diff");

        Assert.That(output, Does.Contain("+a2").And.Contain("+b2"));
    }

    [Test]
    public async Task Diff_NothingChanged_SaysSo()
    {
        Assert.That(await RunAsync(_temp.Path, "diff"), Is.EqualTo("No uncommitted changes."));
    }

    [Test]
    public async Task Diff_PathOutsideTheRepository_IsRefusedWithAHint()
    {
        var output = await RunAsync(_temp.Path, "diff", "../elsewhere.txt");

        Assert.That(output, Does.StartWith("'../elsewhere.txt' is outside the repository"));
    }

    [Test]
    public async Task UnknownSubcommand_PrintsUsage()
    {
        var output = await RunAsync(_temp.Path, "blame", "x");

        Assert.That(output, Does.Contain("Usage: /git status | /git log [n] | /git diff [path]"));
    }

    [Test]
    public async Task AnySubcommand_OutsideARepository_SaysWhereItLooked()
    {
        using var outside = new TemporaryDirectory("patcode-nogit");

        var output = await RunAsync(outside.Path, "status");

        Assert.That(output, Does.StartWith($"Not inside a git repository: {outside.Path}."));
    }

    [Test]
    public async Task LogAndDiff_EmptyRepository_SayThereAreNoCommitsAndShowTheStagedFile()
    {
        using var empty = new TemporaryDirectory("patcode-empty");
        using (var repository = GitTestRepository.Init(empty.Path))
        {
            GitTestRepository.Write(repository, "first.txt", "hello\n");
            LibGit2Sharp.Commands.Stage(repository, "first.txt");
        }

        var log = await RunAsync(empty.Path, "log");
        var diff = await RunAsync(empty.Path, "diff");

        Assert.Multiple(() =>
        {
            Assert.That(log, Is.EqualTo("No commits yet."));
            Assert.That(diff, Does.Contain("+++ b/first.txt").And.Contain("+hello"));
        });
    }

    private static Task<string> RunAsync(string workingDirectory, params string[] arguments)
    {
        var command = new GitHelperPlugin().Commands.Single();
        var context = new PluginCommandContext(arguments, workingDirectory, new TestPluginServices(), NullLogger.Instance);
        return command.Handler(context, CancellationToken.None);
    }
}
