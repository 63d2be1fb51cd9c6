using System.Reflection;

namespace PatCode.Core.Tests.Support;

/// <summary>Finds the test plugins the build put under artifacts/plugins and copies them into test folders.</summary>
internal static class TestPlugins
{
    public static string BuiltDirectory { get; } = typeof(TestPlugins).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "TestPluginsDirectory").Value!;

    /// <summary>The build output folder of test plugin project <paramref name="project"/>, e.g. "TestPlugins.Alpha".</summary>
    public static string Built(string project)
    {
        var folder = Path.Combine(BuiltDirectory, project);
        if (!File.Exists(Path.Combine(folder, "plugin.json")))
        {
            throw new InvalidOperationException($"Test plugin {project} is not built at {folder}; build the test project first.");
        }

        return folder;
    }

    /// <summary>Copies a built test plugin into <paramref name="root"/> as folder <paramref name="folderName"/>.</summary>
    public static string Install(string project, string root, string? folderName = null)
    {
        var target = Path.Combine(root, folderName ?? project);
        CopyDirectory(Built(project), target);
        return target;
    }

    public static void CopyDirectory(string source, string target) => DirectoryCopy.Copy(source, target);
}
