namespace PatCode.Testing.Cli;

/// <summary>NuGet configuration for tests that build against packages packed into a private folder feed.</summary>
public static class LocalFeeds
{
    /// <summary>PatCode.* only from the local feed; everything else from the machine's package folder, then nuget.org.</summary>
    public static string NuGetConfig(string feed)
    {
        var globalPackages = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        var cacheSource = Directory.Exists(globalPackages) ? $"""<add key="machine" value="{globalPackages}" />""" : "";
        var cacheMapping = Directory.Exists(globalPackages) ? """<packageSource key="machine"><package pattern="*" /></packageSource>""" : "";
        return $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="patcode" value="{feed}" />
                {cacheSource}
                <add key="nuget.org" value="https://api.nuget.org/v3/index.json" protocolVersion="3" />
              </packageSources>
              <packageSourceMapping>
                <packageSource key="patcode"><package pattern="PatCode.*" /></packageSource>
                {cacheMapping}
                <packageSource key="nuget.org"><package pattern="*" /></packageSource>
              </packageSourceMapping>
            </configuration>
            """;
    }
}
