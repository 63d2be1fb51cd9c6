using Microsoft.Extensions.Logging;

namespace PatCode.Sdk.Testing;

/// <summary>
/// A ready <see cref="PluginContext"/> for unit tests. It holds the message, folder, conversation and loaded
/// files you give it, records every section a plugin adds (attributed to that plugin, as the host does), and
/// provides an in-memory cache, recording telemetry and a recording logger.
/// </summary>
/// <example>
/// <code>
/// var context = new TestPluginContext("explain this", workingDirectory: "/repo");
/// var result = await context.RunAsync(new MyPlugin());
/// Assert.That(context.Sections.Single().Title, Is.EqualTo("My section"));
/// Assert.That(context.Telemetry.Counters["greetings"], Is.EqualTo(1));
/// </code>
/// </example>
public sealed class TestPluginContext : PluginContext
{
    private readonly List<ContextSection> _sections = [];
    private string _pluginName = "test";

    /// <summary>Creates a context for one message.</summary>
    /// <param name="input">The user's message.</param>
    /// <param name="workingDirectory">The folder PatCode was started in; defaults to the current directory.</param>
    /// <param name="conversation">The conversation before this message, oldest first.</param>
    /// <param name="files">Files loaded with <c>/load</c>.</param>
    /// <param name="services">The services to give the plugin; new in-memory ones by default.</param>
    public TestPluginContext(
        string input,
        string? workingDirectory = null,
        IReadOnlyList<ConversationMessage>? conversation = null,
        IReadOnlyList<ContextFile>? files = null,
        TestPluginServices? services = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        Input = input;
        WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory;
        Conversation = conversation ?? [];
        Files = files ?? [];
        TestServices = services ?? new TestPluginServices();
    }

    /// <inheritdoc/>
    public override string Input { get; }

    /// <inheritdoc/>
    public override string WorkingDirectory { get; }

    /// <inheritdoc/>
    public override IReadOnlyList<ConversationMessage> Conversation { get; }

    /// <inheritdoc/>
    public override IReadOnlyList<ContextFile> Files { get; }

    /// <summary>Every section added so far, in order.</summary>
    public override IReadOnlyList<ContextSection> Sections => _sections;

    /// <inheritdoc/>
    public override IDictionary<string, object?> Items { get; } = new Dictionary<string, object?>();

    /// <summary>The services given to the plugin, with their recording types.</summary>
    public TestPluginServices TestServices { get; }

    /// <inheritdoc/>
    public override IPluginServices Services => TestServices;

    /// <summary>The in-memory cache the plugin sees.</summary>
    public InMemoryResponseCache Cache => TestServices.Cache;

    /// <summary>What the plugin reported through telemetry.</summary>
    public RecordingTelemetry Telemetry => TestServices.Telemetry;

    /// <summary>What the plugin logged.</summary>
    public RecordingLogger Log => TestServices.Log;

    /// <inheritdoc/>
    public override ILogger Logger => TestServices.Log;

    /// <inheritdoc/>
    public override void AddSection(string title, string content)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(title);
        ArgumentNullException.ThrowIfNull(content);
        _sections.Add(new ContextSection(_pluginName, title, content));
    }

    /// <summary>
    /// Runs <paramref name="plugin"/> on this message as the host's chain does: <see cref="Plugin.CanHandle"/>, then,
    /// when it returns <see langword="true"/>, <see cref="Plugin.ExecuteAsync"/>. Sections it adds are attributed to it.
    /// </summary>
    /// <param name="plugin">The plugin under test.</param>
    /// <param name="cancellationToken">Passed to <see cref="Plugin.ExecuteAsync"/>.</param>
    /// <returns>The plugin's result, or <see langword="null"/> when it did not want to handle the message.</returns>
    public async Task<PluginResult?> RunAsync(Plugin plugin, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plugin);
        var previous = _pluginName;
        _pluginName = plugin.Metadata.Name;
        try
        {
            return plugin.CanHandle(this) ? await plugin.ExecuteAsync(this, cancellationToken).ConfigureAwait(false) : null;
        }
        finally
        {
            _pluginName = previous;
        }
    }
}
