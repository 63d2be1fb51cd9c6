using System.Net;
using System.Net.Sockets;

namespace PatCode.Chat.Ollama;

/// <summary>Which failures are worth a retry: a reset connection or Ollama's full queue (503). Never a 4xx, never a refused connection.</summary>
internal static class TransientFailures
{
    public static bool IsTransient(Exception exception)
    {
        if (exception is HttpRequestException http)
        {
            if (http.StatusCode is { } status)
            {
                return status is HttpStatusCode.ServiceUnavailable;
            }

            if (http.HttpRequestError is HttpRequestError.ResponseEnded)
            {
                return true;
            }
        }

        for (var inner = exception; inner is not null; inner = inner.InnerException)
        {
            if (inner is SocketException { SocketErrorCode: SocketError.ConnectionReset or SocketError.ConnectionAborted })
            {
                return true;
            }
        }

        return false;
    }
}
