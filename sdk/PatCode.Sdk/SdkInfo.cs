using System.Reflection;

namespace PatCode.Sdk;

/// <summary>
/// The version of this contract. A host honours plugins built against the same major version and the
/// same or an older minor version; anything else is refused as incompatible.
/// </summary>
public static class SdkInfo
{
    /// <summary>The SDK's semantic version, such as 1.0.0.</summary>
    public static Version Version { get; } = ReadVersion();

    /// <summary>Whether a host built on this SDK can run a plugin compiled against <paramref name="pluginSdkVersion"/>.</summary>
    /// <param name="pluginSdkVersion">The SDK version the plugin was compiled against.</param>
    /// <returns><see langword="true"/> for the same major and a minor no newer than this one.</returns>
    public static bool CanHonour(Version pluginSdkVersion) => CanHonour(pluginSdkVersion, Version);

    /// <summary>The rule itself, for any host version: so tests can show what an older host decides.</summary>
    internal static bool CanHonour(Version pluginSdkVersion, Version hostSdkVersion)
    {
        ArgumentNullException.ThrowIfNull(pluginSdkVersion);
        return pluginSdkVersion.Major == hostSdkVersion.Major && pluginSdkVersion.Minor <= hostSdkVersion.Minor;
    }

    private static Version ReadVersion()
    {
        var stamped = typeof(SdkInfo).Assembly
            .GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "PatCodeSdkVersion")?.Value;
        return Version.TryParse(stamped, out var version) ? version : new Version(1, 0, 0);
    }
}
