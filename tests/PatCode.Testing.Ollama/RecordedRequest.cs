using System.Diagnostics;
using System.Text.Json.Nodes;

namespace PatCode.Testing.Ollama;

/// <summary>
/// One request the emulator received, with the moments it arrived and was answered (Stopwatch timestamps),
/// so tests can assert what reached the model and benchmarks can subtract the emulator's own time.
/// </summary>
public sealed class RecordedRequest
{
    internal RecordedRequest(string method, string path, string body, string? authorization, long receivedTimestamp)
    {
        Method = method;
        Path = path;
        Body = body;
        Authorization = authorization;
        ReceivedTimestamp = receivedTimestamp;
    }

    public string Method { get; }

    /// <summary>The request's Authorization header, e.g. <c>Basic YWxpY2U6czNjcmV0</c>; <see langword="null"/> when it sent none.</summary>
    public string? Authorization { get; }

    public string Path { get; }

    /// <summary>The raw request body, as it came over the wire.</summary>
    public string Body { get; }

    /// <summary><see cref="Stopwatch.GetTimestamp"/> when the request reached the emulator.</summary>
    public long ReceivedTimestamp { get; }

    /// <summary><see cref="Stopwatch.GetTimestamp"/> when the last byte of the answer was flushed; 0 while unanswered.</summary>
    public long CompletedTimestamp { get; internal set; }

    /// <summary>The status code the emulator answered with; 0 while unanswered or when the connection was dropped.</summary>
    public int StatusCode { get; internal set; }

    /// <summary>Whether the emulator dropped the connection instead of answering (<see cref="OllamaEmulator.ResetConnection"/>).</summary>
    public bool Dropped { get; internal set; }

    /// <summary>The body parsed as JSON, or <see langword="null"/> when it is empty or not JSON.</summary>
    public JsonNode? Json
    {
        get
        {
            try
            {
                return Body.Length == 0 ? null : JsonNode.Parse(Body);
            }
            catch (System.Text.Json.JsonException)
            {
                return null;
            }
        }
    }

    /// <summary>The emulator's own time on this request.</summary>
    public TimeSpan EmulatorTime => CompletedTimestamp == 0 ? TimeSpan.Zero : Stopwatch.GetElapsedTime(ReceivedTimestamp, CompletedTimestamp);

    /// <summary>All message contents of a chat request (or the prompt and system of a generate request), joined by new lines.</summary>
    public string PromptText
    {
        get
        {
            var json = Json;
            if (json is null)
            {
                return "";
            }

            if (json["messages"] is JsonArray messages)
            {
                return string.Join("\n", messages.Select(m => m?["content"]?.GetValue<string>() ?? ""));
            }

            return string.Join("\n", new[] { json["system"]?.GetValue<string>(), json["prompt"]?.GetValue<string>() }.Where(s => s is not null));
        }
    }
}
