using PatCode.Scripts.Tests.Support;

namespace PatCode.Scripts.Tests;

/// <summary>The repository's scripts, compose stack, YAML, dashboard and Dockerfile pass scripts/lint.sh.</summary>
public sealed class LintTests
{
    [Test]
    public void Lint_OnTheRepository_PassesEveryCheck()
    {
        var result = ProcessRunner.RunScript("scripts/lint.sh", [], timeout: TimeSpan.FromMinutes(5));

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.Zero, result.ToString());
            Assert.That(result.StandardOutput, Does.Contain("lint: all checks passed"), result.ToString());
            Assert.That(result.StandardOutput, Does.Contain("ok   shellcheck").And.Contain("ok   docker-compose config").And.Contain("ok   yamllint"), result.ToString());
        });
    }
}
