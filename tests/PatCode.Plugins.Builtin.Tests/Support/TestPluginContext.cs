using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using PatCode.Sdk;

namespace PatCode.Plugins.Builtin.Tests.Support;

/// <summary>A hand-written <see cref="PluginContext"/>: the message, the folder and the loaded files, with sections collected in order.</summary>
internal sealed class TestPluginContext : PluginContext
{
    private readonly List<ContextSection> _sections = [];

    public TestPluginContext(string input, string? workingDirectory = null, IReadOnlyList<ContextFile>? files = null, TestPluginServices? services = null)
    {
        Input = input;
        WorkingDirectory = workingDirectory ?? Path.GetTempPath();
        Files = files ?? [];
        TestServices = services ?? new TestPluginServices();
    }

    public override string Input { get; }

    public override string WorkingDirectory { get; }

    public override IReadOnlyList<ConversationMessage> Conversation { get; } = [];

    public override IReadOnlyList<ContextFile> Files { get; }

    public override IReadOnlyList<ContextSection> Sections => _sections;

    public override IDictionary<string, object?> Items { get; } = new Dictionary<string, object?>();

    public TestPluginServices TestServices { get; }

    public override IPluginServices Services => TestServices;

    public override ILogger Logger => NullLogger.Instance;

    public override void AddSection(string title, string content) => _sections.Add(new ContextSection("test", title, content));
}
