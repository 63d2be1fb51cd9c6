using System.Text.Json;
using System.Text.Json.Nodes;
using OllamaSharp.Models.Chat;

namespace PatCode.Chat.Tests.Ollama;

public sealed class ChatRequestConverterTests
{
    [Test]
    public void ARequestWithEveryPropertySet_IsWrittenExactlyAsOllamaSharpsGeneratedMetadataWritesIt()
    {
        var request = OllamaSamples.FullRequest();
        OllamaSamples.AssertEveryPropertySet(request);

        Assert.That(JsonSerializer.Serialize(request, OllamaSamples.Outgoing), Is.EqualTo(JsonSerializer.Serialize(request, OllamaSamples.Reference)));
    }

    [Test]
    public void ARequestWithNothingOptional_LeavesOutWhatOllamaSharpLeavesOut()
    {
        var request = new ChatRequest { Model = "llama3.2", Messages = [new Message(ChatRole.User, "hi")], Stream = false };

        var json = JsonSerializer.Serialize(request, OllamaSamples.Outgoing);

        Assert.That(json, Is.EqualTo(JsonSerializer.Serialize(request, OllamaSamples.Reference)));
        Assert.That(json, Is.EqualTo("""{"model":"llama3.2","messages":[{"role":"user","content":"hi"}],"stream":false,"CustomHeaders":{}}"""));
    }

    [Test]
    public void AFormatSchemaAndBooleanThink_AreWrittenAsTheirOwnTypes()
    {
        var request = new ChatRequest
        {
            Model = "llama3.2",
            Messages = null,
            Format = JsonNode.Parse("""{"type":"object","properties":{"answer":{"type":"string"}}}"""),
            Think = new ThinkValue(false),
        };

        Assert.That(JsonSerializer.Serialize(request, OllamaSamples.Outgoing), Is.EqualTo(JsonSerializer.Serialize(request, OllamaSamples.Reference)));
    }
}
