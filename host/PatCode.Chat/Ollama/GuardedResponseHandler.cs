namespace PatCode.Chat.Ollama;

/// <summary>
/// Guards Ollama's response bodies (see <see cref="GuardedResponseStream"/>): reads obey the request's
/// cancellation token, and an <c>{"error":…}</c> line mid-stream becomes an exception instead of being
/// dropped. OllamaSharp 5.5 reads the stream without a token and ignores such lines in chat streams, so
/// without this a Ctrl+C would wait for the next token and a model crash would look like a short answer.
/// </summary>
internal sealed class GuardedResponseHandler : DelegatingHandler
{
    public GuardedResponseHandler(HttpMessageHandler inner)
        : base(inner)
    {
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var streaming = response.Content.Headers.ContentType?.MediaType == "application/x-ndjson";
        if (response.IsSuccessStatusCode && (streaming || cancellationToken.CanBeCanceled))
        {
            var inner = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            var wrapped = new StreamContent(new GuardedResponseStream(inner, checkErrorLines: streaming, cancellationToken));
            foreach (var header in response.Content.Headers)
            {
                wrapped.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }

            response.Content = wrapped;
        }

        return response;
    }
}
