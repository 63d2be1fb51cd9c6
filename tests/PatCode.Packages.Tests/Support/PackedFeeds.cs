using System.Reflection;
using NuGet.Frameworks;
using NuGet.Packaging;
using NuGet.Packaging.Core;
using NuGet.Versioning;
using PatCode.Sdk;
using PatCode.Testing.Cli;

namespace PatCode.Packages.Tests;

/// <summary>
/// (In the project's root namespace, so it runs before every test here.) Packs, once for the whole test run, what the feed tests install from: PatCode.Sdk, and the Hello sample as a
/// third-party project (PackageReference to PatCode.Sdk) at 1.0.0 and 1.1.0, packed by `dotnet pack` through the
/// SDK's build targets. Beside them, packages the tests need to be refused, written with NuGet.Packaging.
/// </summary>
[SetUpFixture]
public sealed class PackedFeeds
{
    public const string HelloId = "Acme.PatCode.Hello";
    private static readonly TimeSpan StepTimeout = TimeSpan.FromMinutes(6);

    /// <summary>A folder feed holding every package below; tests copy what they need into feeds of their own.</summary>
    public static string Packages { get; private set; } = null!;

    public static string Root { get; private set; } = null!;

    public static string Hello(string version) => Path.Combine(Packages, $"{HelloId}.{version}.nupkg");

    [OneTimeSetUp]
    public async Task PackEverything()
    {
        Root = Directory.CreateTempSubdirectory("patcode-feeds-").FullName;
        Packages = Directory.CreateDirectory(Path.Combine(Root, "packages")).FullName;
        var sdkFeed = Directory.CreateDirectory(Path.Combine(Root, "sdk-feed")).FullName;
        var environment = new Dictionary<string, string> { ["NUGET_PACKAGES"] = Path.Combine(Root, "nuget-packages") };
        var configuration = typeof(PackedFeeds).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "BuildConfiguration").Value!;

        await Dotnet(PatCodeProcess.RepoRoot, environment, "pack", Path.Combine(PatCodeProcess.RepoRoot, "sdk", "PatCode.Sdk", "PatCode.Sdk.csproj"), "-c", configuration, "--no-build", "-o", sdkFeed);
        var work = Directory.CreateDirectory(Path.Combine(Root, "work")).FullName;
        File.WriteAllText(Path.Combine(work, "nuget.config"), LocalFeeds.NuGetConfig(sdkFeed));
        var sample = File.ReadAllText(Path.Combine(PatCodeProcess.RepoRoot, "plugins.samples", "Hello", "HelloPlugin.cs"));
        await PackHelloAsync(work, environment, "1.0.0", sample, extraFile: false);
        await PackHelloAsync(work, environment, "1.1.0", sample.Replace("Author = \"PatCode samples\"", "Author = \"Acme\"", StringComparison.Ordinal), extraFile: true);

        // Refused: a library package that happens to hold a plugin folder; a plugin whose metadata asks for a newer
        // SDK (its plugin.json says 1.0.0, so only the metadata can refuse it); a newer-SDK plugin whose metadata says nothing.
        var alpha = Path.Combine(PatCodeProcess.TestPluginsDirectory, "TestPlugins.Alpha");
        Write("Acme.NotAPlugin", "1.0.0", alpha, pluginType: false, sdkDependency: SdkInfo.Version.ToString(3));
        Write("Acme.Future", "1.0.0", alpha, pluginType: true, sdkDependency: "1.99.0");
        Write("Acme.FutureQuiet", "1.0.0", Path.Combine(PatCodeProcess.TestPluginsDirectory, "TestPlugins.NewerSdk"), pluginType: true, sdkDependency: null);
        Write("Acme.Early", "2.0.0-beta.1", alpha, pluginType: true, sdkDependency: SdkInfo.Version.ToString(3));
    }

    [OneTimeTearDown]
    public void DeleteEverything()
    {
        if (Root is not null && Directory.Exists(Root))
        {
            Directory.Delete(Root, recursive: true);
        }
    }

    /// <summary>A new folder feed under <paramref name="parent"/> holding copies of <paramref name="packages"/>.</summary>
    public static string FeedWith(string parent, params string[] packages)
    {
        var feed = Directory.CreateDirectory(Path.Combine(parent, $"feed-{Guid.NewGuid():N}")).FullName;
        foreach (var package in packages)
        {
            File.Copy(package, Path.Combine(feed, Path.GetFileName(package)));
        }

        return feed;
    }

    /// <summary>Writes a package of plugin files under plugin/, with or without the plugin package type and an SDK dependency.</summary>
    public static string Write(string id, string version, string pluginFolder, bool pluginType, string? sdkDependency, string? feed = null)
    {
        var builder = new PackageBuilder { Id = id, Version = NuGetVersion.Parse(version), Description = $"{id}, written by the tests" };
        builder.Authors.Add("PatCode tests");
        if (pluginType)
        {
            builder.PackageTypes.Add(new PackageType("PatCodePlugin", PackageType.EmptyVersion));
        }

        if (sdkDependency is not null)
        {
            builder.DependencyGroups.Add(new PackageDependencyGroup(NuGetFramework.Parse("net10.0"), [new PackageDependency("PatCode.Sdk", VersionRange.Parse(sdkDependency))]));
        }

        foreach (var file in Directory.GetFiles(pluginFolder, "*", SearchOption.AllDirectories))
        {
            builder.Files.Add(new PhysicalPackageFile { SourcePath = file, TargetPath = "plugin/" + Path.GetRelativePath(pluginFolder, file).Replace('\\', '/') });
        }

        var path = Path.Combine(feed ?? Packages, $"{id}.{version}.nupkg");
        using (var stream = File.Create(path))
        {
            builder.Save(stream);
        }

        return path;
    }

    private static async Task PackHelloAsync(string work, Dictionary<string, string> environment, string version, string source, bool extraFile)
    {
        var project = Directory.CreateDirectory(Path.Combine(work, $"Hello-{version}")).FullName;
        File.WriteAllText(Path.Combine(project, "HelloPlugin.cs"), source.Replace("Version = \"1.0.0\"", $"Version = \"{version}\"", StringComparison.Ordinal));
        var extra = extraFile ? """<ItemGroup><None Include="greetings.txt" CopyToOutputDirectory="PreserveNewest" /></ItemGroup>""" : "";
        if (extraFile)
        {
            File.WriteAllText(Path.Combine(project, "greetings.txt"), "hello\nhola\n");
        }

        File.WriteAllText(Path.Combine(project, "Hello.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <PackageId>{HelloId}</PackageId>
                <Version>{version}</Version>
                <Authors>Acme</Authors>
                <Description>The Hello sample, packed as a PatCode plugin</Description>
                <PatCodePluginName>Hello</PatCodePluginName>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="PatCode.Sdk" Version="{SdkInfo.Version.ToString(3)}" />
              </ItemGroup>
              {extra}
            </Project>
            """);
        await Dotnet(work, environment, "pack", project, "-c", "Release", "-o", Packages);
    }

    private static async Task Dotnet(string workingDirectory, Dictionary<string, string> environment, params string[] arguments)
    {
        var (exitCode, output) = await DotnetCli.RunAsync(workingDirectory, environment, StepTimeout, arguments);
        Assert.That(exitCode, Is.Zero, $"dotnet {string.Join(' ', arguments)} failed:\n{output}");
    }
}
