namespace PatCode.Sdk;

/// <summary>A piece of context added to the prompt, attributed to the plugin that added it.</summary>
/// <param name="Plugin">The name of the plugin that added the section.</param>
/// <param name="Title">A short heading.</param>
/// <param name="Content">The text.</param>
public sealed record ContextSection(string Plugin, string Title, string Content);
