using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using PatCode.Telemetry.Chat;

namespace PatCode.Telemetry;

/// <summary>Adds PatCode's model-call telemetry to a Microsoft.Extensions.AI chat pipeline.</summary>
public static class PatCodeTelemetryChatClientBuilderExtensions
{
    /// <summary>
    /// Adds, outermost first: the patcode.model.call span with patcode.chat.time_to_first_token,
    /// patcode.chat.tokens and patcode.chat.tokens_per_second; then Microsoft.Extensions.AI's OpenTelemetry
    /// client on source/meter <see cref="TelemetryNames.GenAiSourceName"/>, which emits the GenAI semantic
    /// conventions (gen_ai.client.operation.duration, gen_ai.client.token.usage,
    /// gen_ai.client.operation.time_to_first_chunk and the "chat &lt;model&gt;" span). Prompts and replies
    /// are not recorded unless <paramref name="configure"/> turns EnableSensitiveData on.
    /// </summary>
    /// <param name="builder">The chat pipeline.</param>
    /// <param name="loggerFactory">For the OpenTelemetry client's own logging; optional.</param>
    /// <param name="timeProvider">Clock for the time-to-first-token measurement; the system clock when omitted.</param>
    /// <param name="configure">Further settings of the OpenTelemetry client.</param>
    public static ChatClientBuilder UsePatCodeTelemetry(
        this ChatClientBuilder builder,
        ILoggerFactory? loggerFactory = null,
        TimeProvider? timeProvider = null,
        Action<OpenTelemetryChatClient>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var clock = timeProvider ?? TimeProvider.System;
        return builder
            .Use(inner => new ModelCallTelemetryChatClient(inner, clock))
            .UseOpenTelemetry(loggerFactory, TelemetryNames.GenAiSourceName, configure);
    }
}
