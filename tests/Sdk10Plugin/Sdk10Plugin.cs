using PatCode.Sdk;

namespace TestPlugins.Sdk10;

/// <summary>Uses the 1.0 contract the way plugins did: positional construction and deconstruction of its records.</summary>
[PatCodePlugin("Sdk10", Version = "1.0.0", Author = "PatCode tests", Description = "Built against PatCode.Sdk 1.0.0")]
public sealed class Sdk10Plugin : Plugin
{
    public override IReadOnlyList<PluginCommand> Commands { get; } =
    [
        new("sdk10", "echo with the 1.0 command context", (context, _) =>
        {
            var (arguments, workingDirectory, _, _) = context;
            return Task.FromResult($"sdk10 in {workingDirectory}: {string.Join(' ', arguments)}");
        }),
    ];

    public override Task<PluginResult> ExecuteAsync(PluginContext context, CancellationToken cancellationToken)
    {
        var earlier = context.Sections.Select(section =>
        {
            var (plugin, title, _) = section;
            return $"{plugin}/{title}";
        });
        var files = context.Files.Select(file => file.Path);
        context.AddSection("SDK 1.0", $"input: {context.Input}; earlier: [{string.Join(", ", earlier)}]; files: [{string.Join(", ", files)}]");
        return Task.FromResult(PluginResult.Ok());
    }
}
