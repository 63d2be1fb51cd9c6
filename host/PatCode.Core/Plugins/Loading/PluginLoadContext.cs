using System.Reflection;
using System.Runtime.InteropServices;
using System.Runtime.Loader;
using System.Text.Json;
using McMaster.NETCore.Plugins.Loader;

namespace PatCode.Core.Plugins.Loading;

/// <summary>
/// Builds a plugin's load context with McMaster's <see cref="AssemblyLoadContextBuilder"/>, set up as its
/// <c>PluginLoader</c> would be, minus one step: <c>PluginLoader</c> re-reads every <c>*.runtimeconfig.json</c>
/// beside the host for each plugin with reflection-based JSON, whose first use in a process (emitted
/// accessors, converters JIT-compiled) sat on the way to every <c>ask</c>'s answer. The host's published
/// runtimeconfig files name no probing paths; the plugin's own (already kept inside its folder by
/// <see cref="ProbingPathSanitizer"/>) are still honoured, read here with <see cref="JsonDocument"/>.
/// Shared assemblies are resolved lazily: each shared assembly and its direct references are the host's copies
/// from the start, deeper references once something loads them through the context. The eager default loaded
/// every shared assembly's whole reference closure up front (System.Linq.Expressions, System.Reflection.Emit and
/// .Metadata, System.Collections.Immutable, System.IO.Compression, …: ~2.5 MB resident in patcode and in every
/// worker) for plugins that use none of it. What it costs: a plugin that ships its own copy of such a deeper
/// dependency gets that copy if it loads it first; the types that cross to the host are all in the first set.
/// </summary>
internal static class PluginLoadContext
{
    /// <param name="assemblyPath">The plugin's main assembly.</param>
    /// <param name="sharedTypes">Types whose assemblies the plugin shares with the host.</param>
    /// <param name="collectible">
    /// True for a context that can be unloaded; its assemblies are read into memory (the runtime caches mapped
    /// images by path, so a plugin recreated at the same path would otherwise come back as its old code).
    /// </param>
    public static AssemblyLoadContext Create(string assemblyPath, IEnumerable<Type> sharedTypes, bool collectible)
    {
        var builder = new AssemblyLoadContextBuilder().SetMainAssemblyPath(assemblyPath).IsLazyLoaded(true);
        foreach (var type in sharedTypes)
        {
            builder.PreferDefaultLoadContextAssembly(type.Assembly.GetName());
        }

        if (collectible)
        {
            builder.EnableUnloading().PreloadAssembliesIntoMemory().ShadowCopyNativeLibraries();
        }

        foreach (var path in ProbingPaths(assemblyPath))
        {
            builder.AddProbingPath(path);
        }

        return builder.Build();
    }

    /// <summary>Loads the plugin's main assembly into <paramref name="context"/> (in memory when collectible).</summary>
    public static Assembly LoadMainAssembly(AssemblyLoadContext context, string assemblyPath) =>
        context.LoadFromAssemblyName(new AssemblyName(Path.GetFileNameWithoutExtension(assemblyPath)));

    /// <summary>
    /// Starts unloading <paramref name="context"/> if it can be unloaded; a built-in's first, non-collectible
    /// context stays for the life of the process.
    /// </summary>
    public static void Unload(AssemblyLoadContext? context)
    {
        if (context?.IsCollectible == true)
        {
            context.Unload();
        }
    }

    /// <summary>
    /// The <c>runtimeOptions.additionalProbingPaths</c> of the plugin's runtimeconfig.json and runtimeconfig.dev.json,
    /// with <c>|arch|</c> and <c>|tfm|</c> filled in. Only full paths count (the loader takes no other); a file
    /// that cannot be read adds none, as with the runtime.
    /// </summary>
    internal static IEnumerable<string> ProbingPaths(string assemblyPath)
    {
        var runtimeConfig = Path.ChangeExtension(assemblyPath, ".runtimeconfig.json");
        return ProbingPathsIn(runtimeConfig).Concat(ProbingPathsIn(Path.ChangeExtension(runtimeConfig, ".dev.json")));
    }

    private static List<string> ProbingPathsIn(string runtimeConfigPath)
    {
        var paths = new List<string>();
        try
        {
            if (!File.Exists(runtimeConfigPath))
            {
                return paths;
            }

            using var json = JsonDocument.Parse(File.ReadAllBytes(runtimeConfigPath), new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
            if (json.RootElement.ValueKind != JsonValueKind.Object
                || !json.RootElement.TryGetProperty("runtimeOptions", out var options) || options.ValueKind != JsonValueKind.Object
                || !options.TryGetProperty("additionalProbingPaths", out var probing) || probing.ValueKind != JsonValueKind.Array)
            {
                return paths;
            }

            var tfm = options.TryGetProperty("tfm", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
            var arch = RuntimeInformation.OSArchitecture.ToString().ToLowerInvariant();
            foreach (var item in probing.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.String || item.GetString() is not { Length: > 0 } path
                    || !Path.IsPathRooted(path) || (path.Contains("|tfm|", StringComparison.Ordinal) && tfm is null))
                {
                    continue;
                }

                paths.Add(path.Replace("|arch|", arch, StringComparison.Ordinal).Replace("|tfm|", tfm, StringComparison.Ordinal));
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            // As the runtime does with a config it cannot read: no extra probing paths.
        }

        return paths;
    }
}
