using System.Reflection;

namespace PatCode.Templates.Tests;

/// <summary>
/// The SDK's two guards, tried on a copy of its project: an undeclared public API change and a binary break of
/// the 1.0.0 contract each fail the build, while the unchanged copy builds.
/// </summary>
[NonParallelizable]
public sealed class SdkContractGuardTests
{
    private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(4);
    private string _root = null!;

    private static string RepositoryRoot => typeof(SdkContractGuardTests).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepositoryRoot").Value!;

    private string Sdk => Path.Combine(_root, "sdk", "PatCode.Sdk");

    [SetUp]
    public void CopyTheSdkProject()
    {
        _root = Path.Combine(Path.GetTempPath(), $"patcode-sdk-guard-{Guid.NewGuid():N}");
        foreach (var file in new[] { "Directory.Build.props", "Directory.Packages.props", "global.json", ".editorconfig" })
        {
            Directory.CreateDirectory(_root);
            File.Copy(Path.Combine(RepositoryRoot, file), Path.Combine(_root, file));
        }

        var source = Path.Combine(RepositoryRoot, "sdk", "PatCode.Sdk");
        foreach (var file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(source, file);
            if (relative.StartsWith("bin", StringComparison.Ordinal) || relative.StartsWith("obj", StringComparison.Ordinal))
            {
                continue;
            }

            var target = Path.Combine(Sdk, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    [TearDown]
    public void DeleteTheCopy() => Directory.Delete(_root, recursive: true);

    [Test]
    public async Task TheUnchangedContract_Builds()
    {
        var (exitCode, output) = await BuildAsync();

        Assert.That(exitCode, Is.Zero, output);
    }

    [Test]
    public async Task APublicMemberNotDeclaredInPublicApiUnshipped_FailsTheBuild()
    {
        File.WriteAllText(Path.Combine(Sdk, "Undeclared.cs"), "namespace PatCode.Sdk;\n\n/// <summary>New.</summary>\npublic static class Undeclared\n{\n    /// <summary>New.</summary>\n    public static int Value => 1;\n}\n");

        var (exitCode, output) = await BuildAsync();

        Assert.That(exitCode, Is.Not.Zero);
        Assert.That(output, Does.Contain("RS0016").And.Contain("PatCode.Sdk.Undeclared"));
    }

    [Test]
    public async Task RemovingAMemberOfThe10Contract_FailsTheBuildEvenWithItsDeclarationRemoved()
    {
        var file = Path.Combine(Sdk, "ContextFile.cs");
        var text = File.ReadAllText(file);
        var start = text.IndexOf("    /// <summary>Deconstructs", StringComparison.Ordinal);
        File.WriteAllText(file, text[..start].TrimEnd() + "\n}\n");
        var shipped = Path.Combine(Sdk, "PublicAPI.Shipped.txt");
        File.WriteAllLines(shipped, File.ReadAllLines(shipped).Where(line => !line.StartsWith("PatCode.Sdk.ContextFile.Deconstruct(", StringComparison.Ordinal)));

        var (exitCode, output) = await BuildAsync();

        Assert.That(exitCode, Is.Not.Zero);
        Assert.That(output, Does.Contain("CP0002").And.Contain("PatCode.Sdk.ContextFile.Deconstruct"));
    }

    private Task<(int ExitCode, string Output)> BuildAsync() =>
        DotnetCli.RunAsync(Sdk, new Dictionary<string, string>(), BuildTimeout, "build", "PatCode.Sdk.csproj", "-c", "Release", "--nologo");
}
