using System.Text.Json;
using OllamaSharp.Models.Chat;

namespace PatCode.Chat.Tests.Ollama;

public sealed class ChatStreamLineConverterTests
{
    [Test]
    public void ALastLineWithEveryPropertySet_ReadsAsOllamaSharpsGeneratedMetadataReadsIt()
    {
        var sample = OllamaSamples.FullDoneLine();
        OllamaSamples.AssertEveryPropertySet(sample);
        var line = JsonSerializer.Serialize(sample, OllamaSamples.Reference);

        Assert.Multiple(() =>
        {
            Assert.That(Reread<ChatDoneResponseStream>(line, OllamaSamples.Incoming), Is.EqualTo(Reread<ChatDoneResponseStream>(line, OllamaSamples.Reference)));
            Assert.That(Reread<ChatResponseStream>(line, OllamaSamples.Incoming), Is.EqualTo(Reread<ChatResponseStream>(line, OllamaSamples.Reference)));
        });
    }

    [Test]
    public void ATokenLine_WithNullsAndPropertiesPatCodeDoesNotKnow_ReadsAsOllamaSharpReadsIt()
    {
        const string line = """{"model":"llama3.2","created_at":"2026-12-01T10:00:00Z","future":{"a":[1,{"b":null}]},"message":{"role":"assistant","content":"Hel","images":null,"extra":true},"done":false}""";

        var read = JsonSerializer.Deserialize<ChatResponseStream>(line, OllamaSamples.Incoming)!;

        Assert.That(JsonSerializer.Serialize(read, OllamaSamples.Reference), Is.EqualTo(Reread<ChatResponseStream>(line, OllamaSamples.Reference)));
        Assert.That((read.Message.Content, read.CreatedAt), Is.EqualTo(("Hel", (DateTimeOffset?)new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.Zero))));
    }

    [TestCase("""{"model":"m","done":"yes"}""")]
    [TestCase("""{"model":"m","message":{"role":"assistant","content":"x"},"done":true,"eval_count":"many"}""")]
    [TestCase("""{"model":"m","message":[1,2],"done":false}""")]
    [TestCase("""["model"]""")]
    public void ALineOfTheWrongShape_FailsWithAJsonException_AsOllamaSharpsOwnReadingDoes(string line)
    {
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<ChatDoneResponseStream>(line, OllamaSamples.Reference));
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<ChatDoneResponseStream>(line, OllamaSamples.Incoming));
    }

    /// <summary>The line read with <paramref name="options"/>, written back with the reference options: equal strings mean equal reads.</summary>
    private static string Reread<T>(string line, JsonSerializerOptions options) =>
        JsonSerializer.Serialize(JsonSerializer.Deserialize<T>(line, options), OllamaSamples.Reference);
}
