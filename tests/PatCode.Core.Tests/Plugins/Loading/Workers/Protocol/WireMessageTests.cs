using System.Collections;
using System.Text.Json;
using PatCode.Core.Plugins.Chain;
using PatCode.Core.Plugins.Loading.Workers.Protocol;
using PatCode.Sdk;

namespace PatCode.Core.Tests.Plugins.Loading.Workers.Protocol;

/// <summary>
/// The worker messages write and read their own JSON; it must be the JSON System.Text.Json's generated
/// metadata gives with the channel's options, property for property, so the hand-written code cannot drift
/// from the records it serializes.
/// </summary>
[TestFixture]
public sealed class WireMessageTests
{
    private static readonly Dictionary<string, JsonElement> Values = new(StringComparer.Ordinal)
    {
        ["text"] = JsonSerializer.SerializeToElement("a \"quoted\" line\n"),
        ["count"] = JsonSerializer.SerializeToElement(42L),
        ["nested"] = JsonDocument.Parse("""{"list":[1,2.5,null,true],"empty":{}}""").RootElement,
    };

    /// <summary>One instance of each message with every property set (no null, no default).</summary>
    private static readonly object[] Full =
    [
        new WorkerHello(2, "1.1.0"),
        new WorkerHelloReply(2, "1.1.0", 4242),
        new WorkerHookRequest(5000),
        new WorkerLoadReply("it could not be composed", [new WorkerCommandInfo("svc", "shows the counter"), new WorkerCommandInfo("x", "ü ✓")], "two commands named x"),
        new WorkerCommandInfo("svc", "shows the counter"),
        new WorkerRunRequest(
            "explain this",
            "/home/user/project",
            [new ConversationMessage(ConversationRole.User, "hi"), new ConversationMessage(ConversationRole.Assistant, "hello")],
            [new ContextFile("src/Program.cs", "Console.WriteLine(\"x\");")],
            [new ContextSection("Alpha", "Alpha says", "content\twith tab")],
            Values,
            50,
            30000),
        new WorkerRunReply(PluginRunOutcome.OverDeadline, "took 80 ms", true, [new WorkerSection("Title", "Content")], Values),
        new WorkerSection("Title", "Content"),
        new WorkerCommandRequest("svc", ["a", "b c"], "/tmp", 10000),
        new WorkerCommandReply("text", "InvalidOperationException", true),
        new WorkerCacheEntry("key", "value", 60000),
        new WorkerTelemetryEvent("ran", TelemetryLevel.Warning, Values),
        new WorkerLogEntry("Services", 3, "services ran 2 times", "System.Exception: boom"),
    ];

    /// <summary>The same messages with every optional property left out, and empty lists.</summary>
    private static readonly object[] Sparse =
    [
        new WorkerLoadReply(null, [], null),
        new WorkerRunRequest("", "/", [], [], [], null, 0, 0),
        new WorkerRunReply(PluginRunOutcome.Skipped, null, false, [], null),
        new WorkerCommandRequest("svc", [], "/tmp", 0),
        new WorkerCommandReply(null, null, false),
        new WorkerCacheEntry("key", "", null),
        new WorkerTelemetryEvent("ran", TelemetryLevel.Info, null),
        new WorkerLogEntry("Services", 0, "", null),
    ];

    [TestCaseSource(nameof(Full))]
    [TestCaseSource(nameof(Sparse))]
    public void AMessage_WritesWhatTheGeneratedMetadataWrites_AndReadsItBack(object message)
    {
        var type = message.GetType();
        var reference = JsonSerializer.Serialize(message, type, ReferenceWorkerJsonContext.Default);

        var written = JsonSerializer.Serialize(message, type, WorkerChannel.Options);
        var read = JsonSerializer.Deserialize(reference, type, WorkerChannel.Options)!;

        Assert.That(written, Is.EqualTo(reference));
        Assert.That(JsonSerializer.Serialize(read, type, ReferenceWorkerJsonContext.Default), Is.EqualTo(reference), "read back, it is the same message");
    }

    [Test]
    public void EveryMessage_HasAFullSample_WithEveryPropertySet()
    {
        var messages = typeof(IWireMessage<>).Assembly.GetTypes()
            .Where(t => t.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IWireMessage<>)))
            .ToList();
        Assert.That(Full.Select(m => m.GetType()), Is.EquivalentTo(messages), "a sample for each message, so a new one is held to the reference too");
        foreach (var message in Full)
        {
            foreach (var property in message.GetType().GetProperties().Where(p => p.Name != "EqualityContract"))
            {
                var value = property.GetValue(message);
                var unset = value is null
                    || (value is ICollection { Count: 0 })
                    || (property.PropertyType.IsValueType && value.Equals(Activator.CreateInstance(property.PropertyType)));
                Assert.That(unset, Is.False, $"{message.GetType().Name}.{property.Name} is set in the full sample, so the comparison covers it");
            }
        }
    }

    [Test]
    public void AnUnknownProperty_IsSkipped_AndAMissingRequiredOne_IsAJsonError()
    {
        var hello = JsonSerializer.Deserialize<WorkerHello>("""{"later":{"a":[1,{"b":2}]},"protocolVersion":2,"sdkVersion":"1.1.0"}""", WorkerChannel.Options);

        Assert.That(hello, Is.EqualTo(new WorkerHello(2, "1.1.0")));
        Assert.That(() => JsonSerializer.Deserialize<WorkerHello>("""{"protocolVersion":2}""", WorkerChannel.Options), Throws.InstanceOf<JsonException>().With.Message.Contains("sdkVersion"));
        Assert.That(() => JsonSerializer.Deserialize<WorkerRunReply>("""{"outcome":"Exploded","stop":false,"sections":[]}""", WorkerChannel.Options), Throws.InstanceOf<JsonException>().With.Message.Contains("Exploded"));
    }

    [Test]
    public void EveryOutcome_AndEveryLevel_CrossesByName()
    {
        foreach (var outcome in Enum.GetValues<PluginRunOutcome>())
        {
            var reply = new WorkerRunReply(outcome, null, false, [], null);
            var json = JsonSerializer.Serialize(reply, WorkerChannel.Options);
            Assert.That(json, Is.EqualTo(JsonSerializer.Serialize(reply, ReferenceWorkerJsonContext.Default.WorkerRunReply)));
            Assert.That(JsonSerializer.Deserialize<WorkerRunReply>(json, WorkerChannel.Options)!.Outcome, Is.EqualTo(outcome));
        }

        foreach (var level in Enum.GetValues<TelemetryLevel>())
        {
            var json = JsonSerializer.Serialize(new WorkerTelemetryEvent("e", level, null), WorkerChannel.Options);
            Assert.That(JsonSerializer.Deserialize<WorkerTelemetryEvent>(json, WorkerChannel.Options)!.Level, Is.EqualTo(level));
        }

        foreach (var role in Enum.GetValues<ConversationRole>())
        {
            var request = new WorkerRunRequest("", "/", [new ConversationMessage(role, "x")], [], [], null, 0, 0);
            var json = JsonSerializer.Serialize(request, WorkerChannel.Options);
            Assert.That(json, Is.EqualTo(JsonSerializer.Serialize(request, ReferenceWorkerJsonContext.Default.WorkerRunRequest)));
            Assert.That(JsonSerializer.Deserialize<WorkerRunRequest>(json, WorkerChannel.Options)!.Conversation.Single().Role, Is.EqualTo(role));
        }
    }
}
