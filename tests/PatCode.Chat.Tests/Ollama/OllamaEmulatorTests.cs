using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace PatCode.Chat.Tests.Ollama;

/// <summary>The emulator honours the wire facts in docs/ollama-api.md, checked with a plain HttpClient.</summary>
[Parallelizable(ParallelScope.All)]
[CancelAfter(60_000)]
public sealed class OllamaEmulatorTests
{
    [Test]
    public async Task Root_AnswersOllamaIsRunning_ForGetAndHead()
    {
        await using var emulator = await OllamaEmulator.StartAsync();
        using var http = new HttpClient { BaseAddress = emulator.BaseUri };

        Assert.That(await http.GetStringAsync(new Uri("/", UriKind.Relative)), Is.EqualTo("Ollama is running"));
        using var head = await http.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/"));
        Assert.That(head.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(emulator.BaseUri.Host, Is.EqualTo("127.0.0.1"));
    }

    [Test]
    public async Task VersionTagsAndShow_HaveOllamasShapes()
    {
        await using var emulator = await OllamaEmulator.StartAsync([new EmulatedModel("llama3.2", 4096)]);
        using var http = new HttpClient { BaseAddress = emulator.BaseUri };

        var version = JsonNode.Parse(await http.GetStringAsync(new Uri("/api/version", UriKind.Relative)))!;
        var tags = JsonNode.Parse(await http.GetStringAsync(new Uri("/api/tags", UriKind.Relative)))!;
        using var show = await http.PostAsync(new Uri("/api/show", UriKind.Relative), Json("{\"model\":\"llama3.2\"}"));
        var shown = JsonNode.Parse(await show.Content.ReadAsStringAsync())!;

        Assert.That(version["version"]!.GetValue<string>(), Does.Match(@"^\d+\.\d+\.\d+$"));
        Assert.That(tags["models"]![0]!["name"]!.GetValue<string>(), Is.EqualTo("llama3.2:latest"));
        Assert.That(tags["models"]![0]!["details"]!["family"]!.GetValue<string>(), Is.EqualTo("llama"));
        Assert.That(shown["model_info"]!["llama.context_length"]!.GetValue<int>(), Is.EqualTo(4096));
        Assert.That(shown["modelfile"], Is.Not.Null);
    }

    [Test]
    public async Task Chat_StreamsNdjsonEndingWithADoneLineWithMetrics()
    {
        await using var emulator = await OllamaEmulator.StartAsync();
        emulator.EnqueueAnswer("a b c");
        using var http = new HttpClient { BaseAddress = emulator.BaseUri };

        using var response = await http.PostAsync(new Uri("/api/chat", UriKind.Relative), Json("{\"model\":\"llama3.2\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"));
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!).ToList();

        Assert.That(response.Content.Headers.ContentType!.MediaType, Is.EqualTo("application/x-ndjson"));
        Assert.That(lines.Take(3).Select(l => l["message"]!["content"]!.GetValue<string>()), Is.EqualTo(new[] { "a", " b", " c" }));
        Assert.That(lines.Take(3).Select(l => l["done"]!.GetValue<bool>()), Is.All.False);
        Assert.That(lines.Take(3).Select(l => l["eval_count"]), Is.All.Null);
        var final = lines[^1];
        Assert.That(final["done"]!.GetValue<bool>(), Is.True);
        Assert.That(final["done_reason"]!.GetValue<string>(), Is.EqualTo("stop"));
        Assert.That(final["eval_count"]!.GetValue<int>(), Is.EqualTo(3));
        Assert.That(final["eval_duration"]!.GetValue<long>(), Is.EqualTo(3 * emulator.EvalNanosecondsPerToken));
        Assert.That(final["prompt_eval_count"]!.GetValue<int>(), Is.GreaterThan(0));
        Assert.That(final["total_duration"]!.GetValue<long>(), Is.GreaterThan(final["eval_duration"]!.GetValue<long>()));
    }

    [Test]
    public async Task ChatAndGenerate_WithStreamFalse_AnswerOneObject()
    {
        await using var emulator = await OllamaEmulator.StartAsync();
        using var http = new HttpClient { BaseAddress = emulator.BaseUri };

        using var chat = await http.PostAsync(new Uri("/api/chat", UriKind.Relative), Json("{\"model\":\"llama3.2\",\"stream\":false,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"));
        using var generate = await http.PostAsync(new Uri("/api/generate", UriKind.Relative), Json("{\"model\":\"llama3.2\",\"stream\":false,\"prompt\":\"hi\"}"));
        var chatBody = JsonNode.Parse(await chat.Content.ReadAsStringAsync())!;
        var generateBody = JsonNode.Parse(await generate.Content.ReadAsStringAsync())!;

        Assert.That(chat.Content.Headers.ContentType!.MediaType, Is.EqualTo("application/json"));
        Assert.That(chatBody["message"]!["content"]!.GetValue<string>(), Does.StartWith("The sky is blue"));
        Assert.That(chatBody["done"]!.GetValue<bool>(), Is.True);
        Assert.That(generateBody["response"]!.GetValue<string>(), Does.StartWith("The sky is blue"));
        Assert.That(generateBody["context"], Is.Not.Null);
    }

    [Test]
    public async Task Errors_HaveOllamasStatusesAndBodies()
    {
        await using var emulator = await OllamaEmulator.StartAsync();
        using var http = new HttpClient { BaseAddress = emulator.BaseUri };

        using var unknown = await http.PostAsync(new Uri("/api/chat", UriKind.Relative), Json("{\"model\":\"foo\",\"messages\":[]}"));
        using var noModel = await http.PostAsync(new Uri("/api/chat", UriKind.Relative), Json("{\"messages\":[]}"));
        using var noBody = await http.PostAsync(new Uri("/api/generate", UriKind.Relative), Json(""));

        Assert.That(unknown.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(await unknown.Content.ReadAsStringAsync(), Is.EqualTo("{\"error\":\"model 'foo' not found\"}"));
        Assert.That(noModel.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await noModel.Content.ReadAsStringAsync(), Is.EqualTo("{\"error\":\"model is required\"}"));
        Assert.That(noBody.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await noBody.Content.ReadAsStringAsync(), Is.EqualTo("{\"error\":\"missing request body\"}"));
    }

    [Test]
    public async Task ErrorAfterTokens_SendsAnErrorLineWithStatus200()
    {
        await using var emulator = await OllamaEmulator.StartAsync();
        emulator.EnqueueAnswer("x y z");
        emulator.ErrorAfterTokens = 1;
        using var http = new HttpClient { BaseAddress = emulator.BaseUri };

        using var response = await http.PostAsync(new Uri("/api/generate", UriKind.Relative), Json("{\"model\":\"llama3.2\",\"prompt\":\"p\"}"));
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(lines, Has.Length.EqualTo(2));
        Assert.That(JsonNode.Parse(lines[0])!["response"]!.GetValue<string>(), Is.EqualTo("x"));
        Assert.That(JsonNode.Parse(lines[1])!["error"]!.GetValue<string>(), Is.EqualTo(emulator.StreamErrorMessage));
    }

    [Test]
    public async Task Hang_NeverAnswersUntilDisposed()
    {
        var emulator = await OllamaEmulator.StartAsync();
        emulator.Fault = EmulatorFault.Hang;
        using var http = new HttpClient { BaseAddress = emulator.BaseUri };

        var pending = http.PostAsync(new Uri("/api/chat", UriKind.Relative), Json("{\"model\":\"llama3.2\",\"messages\":[]}"));
        var finishedEarly = await Task.WhenAny(pending, Task.Delay(500)) == pending;
        await emulator.DisposeAsync();

        Assert.That(finishedEarly, Is.False);
        Assert.That(emulator.Requests.Single().Path, Is.EqualTo("/api/chat"));
        Assert.That(async () => await pending, Throws.InstanceOf<HttpRequestException>(), "the connection is dropped when the emulator stops");
    }

    [Test]
    public async Task Requests_RecordTheBodyAndTheArrivalAndCompletionTimes()
    {
        await using var emulator = await OllamaEmulator.StartAsync();
        using var http = new HttpClient { BaseAddress = emulator.BaseUri };

        using var response = await http.PostAsync(new Uri("/api/chat", UriKind.Relative), Json("{\"model\":\"llama3.2\",\"messages\":[{\"role\":\"user\",\"content\":\"recorded\"}]}"));
        await response.Content.ReadAsStringAsync();

        var request = emulator.ChatRequests.Single();
        Assert.That(request.PromptText, Is.EqualTo("recorded"));
        Assert.That(request.StatusCode, Is.EqualTo(200));
        Assert.That(request.CompletedTimestamp, Is.GreaterThan(request.ReceivedTimestamp));
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}
