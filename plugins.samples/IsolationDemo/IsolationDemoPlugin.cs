using System.Reflection;
using System.Runtime.Loader;
using Newtonsoft.Json;
using PatCode.Sdk;

namespace PatCode.Samples.IsolationDemo;

/// <summary>
/// Proves plugin isolation: it bundles Json.NET 12.0.3 and reports which version it actually runs and which
/// load context that came from, next to the host's view.
/// </summary>
[PatCodePlugin("IsolationDemo", Version = "1.0.0", Author = "PatCode samples", Description = "Reports the private Json.NET version it bundles, to show isolation")]
public sealed class IsolationDemoPlugin : Plugin
{
    /// <inheritdoc/>
    public override bool CanHandle(PluginContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Input.Contains("isolation", StringComparison.OrdinalIgnoreCase);
    }

    /// <inheritdoc/>
    public override Task<PluginResult> ExecuteAsync(PluginContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var report = Describe();
        context.AddSection("Plugin isolation", report);
        return Task.FromResult(PluginResult.Ok(report));
    }

    /// <summary>What this plugin sees: its Json.NET version and load context, and whether the default context has Json.NET at all.</summary>
    internal static string Describe()
    {
        var jsonAssembly = typeof(JsonConvert).Assembly;
        var version = jsonAssembly.GetName().Version;
        var informational = jsonAssembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        var ownContext = AssemblyLoadContext.GetLoadContext(jsonAssembly);
        var inDefault = AssemblyLoadContext.Default.Assemblies.FirstOrDefault(a => a.GetName().Name == "Newtonsoft.Json")?.GetName().Version;
        // Serialise with the bundled library, so the report itself proves the private copy works.
        return JsonConvert.SerializeObject(new
        {
            library = "Newtonsoft.Json",
            assemblyVersion = version?.ToString(),
            packageVersion = informational,
            loadContext = ownContext?.Name ?? "(unknown)",
            isDefaultContext = ReferenceEquals(ownContext, AssemblyLoadContext.Default),
            hostDefaultContextVersion = inDefault?.ToString() ?? "not loaded",
        }, Formatting.Indented);
    }
}
