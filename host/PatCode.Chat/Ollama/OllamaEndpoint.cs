using System.Globalization;
using System.Net;

namespace PatCode.Chat.Ollama;

/// <summary>
/// Reads <c>OLLAMA_HOST</c> the way Ollama does: a full URL, or <c>host</c>, <c>host:port</c>, <c>:port</c>,
/// with http and port 11434 assumed. A server's bind-all address (0.0.0.0, ::) is reached on loopback.
/// A <c>user:password@</c> before the host (percent-encoded where needed) is returned apart, for HTTP Basic
/// authorization to a proxy in front of Ollama: the address itself never holds it.
/// </summary>
public static class OllamaEndpoint
{
    public const string DefaultUrl = "http://127.0.0.1:11434";
    public const int DefaultPort = 11434;

    public static Uri Parse(string value) => Parse(value, out _);

    /// <summary>The address, and the credentials given before its host (<see langword="null"/> when none).</summary>
    public static Uri Parse(string value, out NetworkCredential? credentials)
    {
        if (!TryParse(value, out var uri, out credentials, out var problem))
        {
            throw new FormatException(problem);
        }

        return uri;
    }

    /// <summary>A <see cref="Core.Configuration.ConfigKey.Validate"/> function.</summary>
    public static string? Validate(string value) => TryParse(value, out _, out _, out var problem) ? null : problem;

    public static bool TryParse(string? value, out Uri uri, out NetworkCredential? credentials, out string problem)
    {
        uri = new Uri(DefaultUrl);
        credentials = null;
        problem = "";
        var text = (value ?? "").Trim();
        if (text.Length == 0)
        {
            return true;
        }

        var scheme = "http";
        var schemeEnd = text.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd >= 0)
        {
            scheme = text[..schemeEnd].ToLowerInvariant();
            text = text[(schemeEnd + 3)..];
            if (scheme is not ("http" or "https"))
            {
                problem = $"'{value}' is not an Ollama address: use http://host:port or host:port";
                return false;
            }
        }

        var slash = text.IndexOf('/', StringComparison.Ordinal);
        // A trailing slash keeps a reverse proxy's path prefix when OllamaSharp resolves "api/chat" against it.
        var path = slash >= 0 ? text[slash..] : "/";
        if (!path.EndsWith('/'))
        {
            path += "/";
        }

        var authority = slash >= 0 ? text[..slash] : text;
        var at = authority.LastIndexOf('@');
        if (at >= 0)
        {
            credentials = Credentials(authority[..at]);
            authority = authority[(at + 1)..];
        }

        string host;
        int port;
        var defaultPort = scheme == "https" ? 443 : (schemeEnd >= 0 ? 80 : DefaultPort);
        if (authority.StartsWith('['))
        {
            var close = authority.IndexOf(']', StringComparison.Ordinal);
            if (close < 0)
            {
                problem = $"'{value}' has an unclosed IPv6 bracket";
                return false;
            }

            host = authority[..(close + 1)];
            var rest = authority[(close + 1)..];
            if (!TryPort(rest, defaultPort, out port))
            {
                problem = $"'{value}' has an invalid port";
                return false;
            }
        }
        else
        {
            var colon = authority.LastIndexOf(':');
            host = colon >= 0 ? authority[..colon] : authority;
            if (!TryPort(colon >= 0 ? authority[colon..] : "", defaultPort, out port))
            {
                problem = $"'{value}' has an invalid port: use host:port, e.g. 127.0.0.1:11434";
                return false;
            }
        }

        if (host.Length == 0 || host is "0.0.0.0" or "[::]")
        {
            host = "127.0.0.1";
        }

        if (!Uri.TryCreate($"{scheme}://{host}:{port.ToString(CultureInfo.InvariantCulture)}{path}", UriKind.Absolute, out var parsed))
        {
            problem = $"'{value}' is not a valid host: use http://host:port or host:port";
            return false;
        }

        uri = parsed;
        return true;
    }

    private static NetworkCredential Credentials(string userInfo)
    {
        var colon = userInfo.IndexOf(':', StringComparison.Ordinal);
        return colon < 0
            ? new NetworkCredential(Uri.UnescapeDataString(userInfo), "")
            : new NetworkCredential(Uri.UnescapeDataString(userInfo[..colon]), Uri.UnescapeDataString(userInfo[(colon + 1)..]));
    }

    private static bool TryPort(string text, int defaultPort, out int port)
    {
        port = defaultPort;
        if (text.Length == 0)
        {
            return true;
        }

        return text[0] == ':' && int.TryParse(text.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out port) && port is > 0 and < 65536;
    }
}
