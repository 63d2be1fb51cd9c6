using PatCode.Sdk;

namespace PatCode.Plugins.CodeExplainer;

/// <summary>
/// Turns "explain this code" (or "explica este código") into a structured request: it finds the code in
/// the message's fenced blocks or in the loaded files, names its language and adds instructions for a
/// summary, a line-by-line walk-through, complexity, issues and use cases.
/// </summary>
[PatCodePlugin("CodeExplainer", Version = "1.0.0", Author = "PatCode", Priority = PluginPriority.High,
    Description = "Explains code from the message or loaded files: summary, line by line, complexity, issues, use cases")]
public sealed class CodeExplainerPlugin : Plugin
{
    /// <summary>Loaded files beyond this many are left out, so one request cannot flood the prompt.</summary>
    internal const int MaxFiles = 3;

    /// <inheritdoc/>
    public override bool CanHandle(PluginContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return ExplainRequestDetector.IsExplainRequest(context.Input, context.Files.Count > 0, out _);
    }

    /// <inheritdoc/>
    public override Task<PluginResult> ExecuteAsync(PluginContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!ExplainRequestDetector.IsExplainRequest(context.Input, context.Files.Count > 0, out var language))
        {
            return Task.FromResult(PluginResult.Ok());
        }

        var snippets = CodeLocator.FindInMessage(context.Input);
        if (snippets.Count == 0)
        {
            snippets = CodeLocator.FindInFiles(context.Input, context.Files, MaxFiles);
        }

        context.AddSection("Code explanation", ExplanationPrompt.Build(snippets, language));
        context.Services.Telemetry.Increment("requests");
        var languages = string.Join(", ", snippets.Select(LanguageDetector.Detect).Distinct(StringComparer.Ordinal));
        // Plain strings only: the host keeps results, and a plugin type in them would pin the plugin's load context.
        return Task.FromResult(PluginResult.Ok(snippets.Count == 0 ? "no code found" : $"{snippets.Count} snippet(s): {languages}"));
    }
}
