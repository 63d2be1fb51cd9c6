namespace PatCode.Chat.Ollama;

/// <summary>
/// Ties the response body's reads to the request's cancellation token. OllamaSharp reads the NDJSON stream
/// without passing a token, so without this a Ctrl+C or a timeout would wait for the next line (forever when
/// the server went silent); with it the read throws and the connection is dropped at once.
/// </summary>
internal sealed class CancellableResponseHandler : DelegatingHandler
{
    public CancellableResponseHandler(HttpMessageHandler inner)
        : base(inner)
    {
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (cancellationToken.CanBeCanceled)
        {
            var inner = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            var wrapped = new StreamContent(new CancellableReadStream(inner, cancellationToken));
            foreach (var header in response.Content.Headers)
            {
                wrapped.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }

            response.Content = wrapped;
        }

        return response;
    }
}
