namespace PatCode.Core.Plugins.Installation;

/// <summary>The outcome of <see cref="PluginInstaller.Install"/>.</summary>
public sealed record PluginInstallResult(bool Succeeded, string? Error, IReadOnlyList<string> Plugins, string? Folder)
{
    public static PluginInstallResult Failed(string error) => new(false, error, [], null);
}
