using System.Diagnostics.CodeAnalysis;

namespace PatCode.Sdk;

/// <summary>A piece of context added to the prompt, attributed to the plugin that added it.</summary>
/// <remarks>
/// Not a positional record: members can be added in a minor SDK version without changing the constructor or
/// <see cref="Deconstruct"/> that plugins built against 1.0 call.
/// </remarks>
public sealed record ContextSection
{
    /// <summary>Creates a section.</summary>
    /// <param name="Plugin">The name of the plugin that added the section.</param>
    /// <param name="Title">A short heading.</param>
    /// <param name="Content">The text.</param>
    [SuppressMessage("Style", "IDE1006:Naming Styles", Justification = "Parameter names are part of the 1.0 contract (named arguments).")]
    public ContextSection(string Plugin, string Title, string Content)
    {
        this.Plugin = Plugin;
        this.Title = Title;
        this.Content = Content;
    }

    /// <summary>The name of the plugin that added the section.</summary>
    public string Plugin { get; init; }

    /// <summary>A short heading.</summary>
    public string Title { get; init; }

    /// <summary>The text.</summary>
    public string Content { get; init; }

    /// <summary>Deconstructs the section into its 1.0 members.</summary>
    /// <param name="Plugin">The name of the plugin that added the section.</param>
    /// <param name="Title">A short heading.</param>
    /// <param name="Content">The text.</param>
    [SuppressMessage("Style", "IDE1006:Naming Styles", Justification = "Parameter names are part of the 1.0 contract.")]
    public void Deconstruct(out string Plugin, out string Title, out string Content)
    {
        Plugin = this.Plugin;
        Title = this.Title;
        Content = this.Content;
    }
}
