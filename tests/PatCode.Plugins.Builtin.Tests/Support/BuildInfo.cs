using System.Reflection;

namespace PatCode.Plugins.Builtin.Tests.Support;

/// <summary>Paths stamped into this assembly at build time.</summary>
internal static class BuildInfo
{
    public static string BuiltinPluginsDirectory => Read("BuiltinPluginsDirectory");

    public static string RepositoryRoot => Read("RepositoryRoot");

    public static string Configuration => Read("BuildConfiguration");

    private static string Read(string key) => typeof(BuildInfo).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == key).Value!;
}
