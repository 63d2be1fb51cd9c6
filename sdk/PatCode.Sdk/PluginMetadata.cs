namespace PatCode.Sdk;

/// <summary>
/// What a plugin says about itself. The host reads it from <see cref="PatCodePluginAttribute"/>
/// without creating the plugin, so listing plugins never runs their code.
/// </summary>
public sealed record PluginMetadata
{
    /// <summary>Creates metadata for the plugin called <paramref name="name"/>.</summary>
    /// <param name="name">The plugin's unique name, as used by <c>/plugins enable &lt;name&gt;</c>.</param>
    public PluginMetadata(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
    }

    /// <summary>The plugin's unique name.</summary>
    public string Name { get; }

    /// <summary>The plugin's own version, in semantic-version form.</summary>
    public string Version { get; init; } = "1.0.0";

    /// <summary>Who wrote the plugin.</summary>
    public string Author { get; init; } = "";

    /// <summary>One line saying what the plugin does.</summary>
    public string Description { get; init; } = "";

    /// <summary>Where the plugin runs in the chain.</summary>
    public PluginPriority Priority { get; init; } = PluginPriority.Normal;

    /// <summary>
    /// Whether a trusted plugin is active until the user disables it. Plugins from the user's
    /// folders still need to be enabled once, because enabling is what trusts them.
    /// </summary>
    public bool EnabledByDefault { get; init; } = true;

    /// <summary>Names of plugins that must be active, and run before this one.</summary>
    public IReadOnlyList<string> Dependencies { get; init; } = [];

    /// <summary>Reads the metadata declared on a plugin type by its <see cref="PatCodePluginAttribute"/>.</summary>
    /// <param name="pluginType">A type derived from <see cref="Plugin"/>.</param>
    /// <returns>The declared metadata.</returns>
    /// <exception cref="InvalidOperationException">The type carries no <see cref="PatCodePluginAttribute"/>.</exception>
    public static PluginMetadata FromType(Type pluginType)
    {
        ArgumentNullException.ThrowIfNull(pluginType);
        var attribute = (PatCodePluginAttribute?)Attribute.GetCustomAttribute(pluginType, typeof(PatCodePluginAttribute), inherit: false)
            ?? throw new InvalidOperationException($"{pluginType.FullName} has no [PatCodePlugin] attribute.");
        return attribute.ToMetadata();
    }
}
