using PatCode.Scripts.Tests.Support;

namespace PatCode.Scripts.Tests;

/// <summary>Every script explains itself on --help and refuses flags it does not know.</summary>
public sealed class ScriptUsageTests
{
    private static readonly string[] Scripts =
    [
        "install.sh",
        "scripts/setup.sh",
        "scripts/deploy.sh",
        "scripts/backup.sh",
        "scripts/restore.sh",
        "scripts/bench.sh",
        "scripts/bench-readme.sh",
        "scripts/lint.sh",
        "docker/healthcheck.sh",
    ];

    [TestCaseSource(nameof(Scripts))]
    public void Help_ExitsZeroAndPrintsUsage(string script)
    {
        var result = ProcessRunner.RunScript(script, ["--help"]);

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.Zero, result.ToString());
            Assert.That(result.StandardOutput, Does.StartWith("Usage: "), result.ToString());
            Assert.That(result.StandardError, Is.Empty, result.ToString());
        });
    }

    [TestCaseSource(nameof(Scripts))]
    public void UnknownFlag_ExitsTwoWithOneLineNamingTheFlag(string script)
    {
        var result = ProcessRunner.RunScript(script, ["--no-such-flag"]);

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
            Assert.That(result.StandardError, Does.Contain("unknown flag '--no-such-flag'").And.Contain("--help"), result.ToString());
            Assert.That(result.StandardError.Trim().Split('\n'), Has.Length.EqualTo(1), result.ToString());
        });
    }

    [TestCase("scripts/backup.sh", "--keep", "0")]
    [TestCase("scripts/backup.sh", "--sqlite-tool", "cp")]
    [TestCase("scripts/setup.sh", "--timeout", "soon")]
    [TestCase("scripts/deploy.sh", "--timeout", "-5")]
    public void BadFlagValue_ExitsTwoAndSaysWhy(string script, string flag, string value)
    {
        var result = ProcessRunner.RunScript(script, [flag, value]);

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
            Assert.That(result.StandardError, Does.Contain(flag).And.Contain(value), result.ToString());
        });
    }

    [TestCase("install.sh", "--prefix")]
    [TestCase("scripts/backup.sh", "--home")]
    [TestCase("scripts/restore.sh", "--home")]
    [TestCase("scripts/deploy.sh", "--branch")]
    [TestCase("scripts/setup.sh", "--models")]
    public void FlagWithoutItsValue_ExitsTwo(string script, string flag)
    {
        var result = ProcessRunner.RunScript(script, [flag]);

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
            Assert.That(result.StandardError, Does.Contain(flag + " needs"), result.ToString());
        });
    }

    [Test]
    public void Install_WithoutAModeAndWithoutATerminal_ExitsTwoAndListsTheModes()
    {
        var result = ProcessRunner.RunScript("install.sh", []);

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
            Assert.That(result.StandardError, Does.Contain("--local").And.Contain("--docker").And.Contain("--uninstall"), result.ToString());
        });
    }

    [Test]
    public void Install_WithTwoModes_ExitsTwo()
    {
        var result = ProcessRunner.RunScript("install.sh", ["--local", "--uninstall", "--yes"]);

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
    }

    [Test]
    public void Uninstall_WhenNothingIsInstalled_SaysSoAndSucceeds()
    {
        using var temp = new TemporaryDirectory();

        var result = ProcessRunner.RunScript("install.sh", ["--uninstall", "--prefix", temp.Path, "--yes"]);

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.Zero, result.ToString());
            Assert.That(result.StandardOutput, Does.Contain("nothing to remove"), result.ToString());
        });
    }

    [Test]
    public void Uninstall_LeavesAForeignPatcodeFileAlone()
    {
        using var temp = new TemporaryDirectory();
        var foreign = temp.Combine("bin", "patcode");
        Directory.CreateDirectory(temp.Combine("bin"));
        File.WriteAllText(foreign, "someone else's tool");

        var result = ProcessRunner.RunScript("install.sh", ["--uninstall", "--prefix", temp.Path, "--yes"]);

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
            Assert.That(result.StandardError, Does.Contain("not PatCode's link"), result.ToString());
            Assert.That(File.ReadAllText(foreign), Is.EqualTo("someone else's tool"));
        });
    }

    [Test]
    public void Deploy_FromAnotherBranch_RefusesBeforeDoingAnything()
    {
        var result = ProcessRunner.RunScript("scripts/deploy.sh", ["--branch", "no-such-release-branch", "--dry-run", "--yes"]);

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
            Assert.That(result.StandardError, Does.Contain("deployments come from 'no-such-release-branch'"), result.ToString());
            Assert.That(result.StandardOutput, Does.Not.Contain("would run"), result.ToString());
        });
    }

    [Test]
    public void Setup_DryRun_ListsEveryStepWithoutRunningThem()
    {
        var workspace = RepositoryRoot.Combine("docker", "workspace");
        var existedBefore = Directory.Exists(workspace);

        var result = ProcessRunner.RunScript("scripts/setup.sh", ["--dry-run", "--yes", "--models", "tiny:1b,other:2b"]);

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.Zero, result.ToString());
            Assert.That(result.StandardOutput, Does.Contain("build patcode").And.Contain("up -d"), result.ToString());
            Assert.That(result.StandardOutput, Does.Contain("ollama pull tiny:1b").And.Contain("ollama pull other:2b"), result.ToString());
            Assert.That(result.StandardOutput, Does.Contain("would wait for: patcode"), result.ToString());
            Assert.That(Directory.Exists(workspace), Is.EqualTo(existedBefore), "a dry run must not create folders");
        });
    }
}
