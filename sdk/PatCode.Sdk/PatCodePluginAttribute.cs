using System.Composition;

namespace PatCode.Sdk;

/// <summary>
/// Exports a <see cref="Plugin"/> to the host and declares its metadata. The properties are
/// System.Composition export metadata, so the host can read them before it creates the plugin.
/// </summary>
/// <example>
/// <code>
/// [PatCodePlugin("Hello", Version = "1.0.0", Priority = PluginPriority.Normal, Description = "Says hello")]
/// public sealed class HelloPlugin : Plugin { ... }
/// </code>
/// </example>
[MetadataAttribute]
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class PatCodePluginAttribute : ExportAttribute
{
    /// <summary>Exports the plugin under <paramref name="name"/>.</summary>
    /// <param name="name">The plugin's unique name.</param>
    public PatCodePluginAttribute(string name)
        : base(typeof(Plugin))
    {
        Name = name;
    }

    /// <summary>The plugin's unique name.</summary>
    public string Name { get; }

    /// <summary>The plugin's own version.</summary>
    public string Version { get; set; } = "1.0.0";

    /// <summary>Who wrote the plugin.</summary>
    public string Author { get; set; } = "";

    /// <summary>One line saying what the plugin does.</summary>
    public string Description { get; set; } = "";

    /// <summary>Where the plugin runs in the chain.</summary>
    public PluginPriority Priority { get; set; } = PluginPriority.Normal;

    /// <summary>Whether a trusted plugin is active until the user disables it.</summary>
    public bool EnabledByDefault { get; set; } = true;

    /// <summary>Names of plugins that must be active, and run before this one.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1819:Properties should not return arrays", Justification = "Attribute arguments can only be arrays.")]
    public string[] Dependencies { get; set; } = [];

    /// <summary>The same values as a <see cref="PluginMetadata"/>.</summary>
    /// <returns>The metadata.</returns>
    public PluginMetadata ToMetadata() => new(Name)
    {
        Version = Version,
        Author = Author,
        Description = Description,
        Priority = Priority,
        EnabledByDefault = EnabledByDefault,
        Dependencies = [.. Dependencies],
    };
}
