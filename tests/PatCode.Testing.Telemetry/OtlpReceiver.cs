using System.Collections.Concurrent;
using System.IO.Compression;
using System.Net;
using Google.Protobuf;
using PatCode.Testing.Telemetry.Proto;

namespace PatCode.Testing.Telemetry;

/// <summary>
/// An OTLP/HTTP collector on loopback: decodes every POST to /v1/traces and /v1/metrics with the protobuf
/// classes of the OTLP schema (otlp.proto) and answers 200 with an empty export response.
/// </summary>
public sealed class OtlpReceiver : IDisposable
{
    private readonly HttpListener _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly ConcurrentQueue<ExportTraceServiceRequest> _traces = new();
    private readonly ConcurrentQueue<ExportMetricsServiceRequest> _metrics = new();

    public OtlpReceiver()
    {
        for (var attempt = 0; ; attempt++)
        {
            Port = FreeTcpPort.Next();
            _listener = new HttpListener();
            _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
            try
            {
                _listener.Start();
                break;
            }
            catch (HttpListenerException) when (attempt < 5)
            {
                _listener.Close();
            }
        }

        _loop = Task.Run(ServeAsync);
    }

    public int Port { get; }

    /// <summary>The base address, as OTEL_EXPORTER_OTLP_ENDPOINT takes it (the exporter appends /v1/traces and /v1/metrics).</summary>
    public string Endpoint => $"http://127.0.0.1:{Port}";

    /// <summary>Every span received so far, with its scope and resource.</summary>
    public IReadOnlyList<ReceivedSpan> Spans() =>
        [.. from request in _traces
            from resourceSpans in request.ResourceSpans
            from scopeSpans in resourceSpans.ScopeSpans
            from span in scopeSpans.Spans
            select new ReceivedSpan(span, scopeSpans.Scope?.Name ?? "", scopeSpans.Scope?.Version ?? "", Attributes.Of(resourceSpans.Resource?.Attributes))];

    /// <summary>Every metric received so far, with its scope.</summary>
    public IReadOnlyList<ReceivedMetric> Metrics() =>
        [.. from request in _metrics
            from resourceMetrics in request.ResourceMetrics
            from scopeMetrics in resourceMetrics.ScopeMetrics
            from metric in scopeMetrics.Metrics
            select new ReceivedMetric(metric, scopeMetrics.Scope?.Name ?? "", scopeMetrics.Scope?.Version ?? "")];

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Close();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
        }

        _stop.Dispose();
    }

    private async Task ServeAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            using var body = new MemoryStream();
            var input = context.Request.InputStream;
            if (string.Equals(context.Request.Headers["Content-Encoding"], "gzip", StringComparison.OrdinalIgnoreCase))
            {
                input = new GZipStream(input, CompressionMode.Decompress);
            }

            await input.CopyToAsync(body).ConfigureAwait(false);
            var bytes = body.ToArray();
            var status = 200;
            try
            {
                switch (context.Request.Url!.AbsolutePath)
                {
                    case "/v1/traces":
                        _traces.Enqueue(ExportTraceServiceRequest.Parser.ParseFrom(bytes));
                        break;
                    case "/v1/metrics":
                        _metrics.Enqueue(ExportMetricsServiceRequest.Parser.ParseFrom(bytes));
                        break;
                    default:
                        status = 404;
                        break;
                }
            }
            catch (InvalidProtocolBufferException)
            {
                status = 400;
            }

            context.Response.StatusCode = status;
            context.Response.ContentType = "application/x-protobuf";
            context.Response.ContentLength64 = 0;
            context.Response.Close();
        }
    }
}
