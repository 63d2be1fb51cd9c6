using System.Globalization;
using System.Net;
using System.Net.Sockets;
using OllamaSharp.Models.Exceptions;

namespace PatCode.Chat;

/// <summary>Turns what OllamaSharp and HttpClient throw into one line saying what went wrong and how to fix it.</summary>
internal static class ChatErrors
{
    public static string Unreachable(Uri ollama) =>
        $"Ollama is not reachable at {Display(ollama)}: start it with `ollama serve` (or `docker compose up -d ollama`), or set OLLAMA_HOST / ollama.host to where it runs.";

    public static string ModelNotFound(string model) =>
        $"model '{model}' not found: run `ollama pull {model}`, or pick a local one with /models and /model <name>.";

    public static string TimedOut(Uri ollama, TimeSpan timeout) =>
        $"Ollama at {Display(ollama)} accepted the request but did not answer within {Seconds(timeout)} s (timed out): the model may still be loading; try again, or raise chat.timeoutSeconds.";

    public static string Describe(Exception exception, Uri ollama, string model, TimeSpan? timeout = null) => exception switch
    {
        TimeoutException => TimedOut(ollama, timeout ?? TimeSpan.Zero),
        ResponseError e => $"Ollama reported an error mid-answer: {e.Message}. The partial answer is kept and marked as cut.",
        OllamaException e => $"Ollama rejected the request: {e.Message}.",
        HttpRequestException { StatusCode: HttpStatusCode.NotFound } => ModelNotFound(model),
        HttpRequestException { StatusCode: HttpStatusCode.Unauthorized or HttpStatusCode.ProxyAuthenticationRequired } => LoginRefused(ollama),
        HttpRequestException { StatusCode: HttpStatusCode.ServiceUnavailable } =>
            $"Ollama at {Display(ollama)} is busy (HTTP 503, its queue is full) and stayed busy after retrying: try again in a moment.",
        HttpRequestException { StatusCode: { } status } =>
            $"Ollama at {Display(ollama)} answered HTTP {(int)status} ({status}): check the server's log (`journalctl -u ollama` or `docker compose logs ollama`).",
        HttpRequestException e when IsConnectionFailure(e) => Unreachable(ollama),
        HttpRequestException e when TransientFailureText(e) =>
            $"the connection to Ollama at {Display(ollama)} broke and retrying did not help: check that the server is still running.",
        HttpRequestException e => $"talking to Ollama at {Display(ollama)} failed: {e.Message}",
        System.Text.Json.JsonException => $"Ollama at {Display(ollama)} sent an answer PatCode cannot read: is OLLAMA_HOST pointing at Ollama?",
        _ => $"the answer failed: {exception.Message}",
    };

    /// <summary>A proxy in front of Ollama asked for a login, or refused the one in OLLAMA_HOST.</summary>
    public static string LoginRefused(Uri ollama) => string.IsNullOrEmpty(ollama.UserInfo)
        ? $"Ollama at {Display(ollama)} asks for a login (HTTP 401): put user:password@ before the host in OLLAMA_HOST."
        : $"Ollama at {Display(ollama)} refused the login (HTTP 401): check the user:password@ before the host in OLLAMA_HOST.";

    public static bool IsConnectionFailure(Exception exception)
    {
        if (exception is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError })
        {
            return true;
        }

        for (var inner = exception.InnerException; inner is not null; inner = inner.InnerException)
        {
            if (inner is SocketException { SocketErrorCode: SocketError.ConnectionRefused or SocketError.HostNotFound or SocketError.HostUnreachable or SocketError.NetworkUnreachable or SocketError.TimedOut })
            {
                return true;
            }
        }

        return false;
    }

    private static bool TransientFailureText(HttpRequestException e) => Ollama.TransientFailures.IsTransient(e);

    private static string Display(Uri uri) => uri.GetLeftPart(UriPartial.Authority);

    private static string Seconds(TimeSpan timeout) => timeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
}
